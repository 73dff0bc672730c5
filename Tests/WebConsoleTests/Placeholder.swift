import Testing
@testable import WebConsole
