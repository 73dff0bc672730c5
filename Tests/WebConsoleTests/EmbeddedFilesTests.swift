import Foundation
import Testing
@testable import WebConsole

@Suite("The console's files as the binary carries them")
struct EmbeddedFilesTests {
    static let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Sources/WebConsole")

    @Test("every template and asset is embedded as it is in the source tree (scripts/embed-web)")
    func embedded() throws {
        for (folder, embedded, suffix) in [("Templates", EmbeddedFiles.templates, ".mustache"), ("Assets", EmbeddedFiles.assets, "")] {
            let url = Self.source.appendingPathComponent(folder)
            let names = try FileManager.default.contentsOfDirectory(atPath: url.path)
            #expect(Set(names.map { suffix.isEmpty ? $0 : String($0.dropLast(suffix.count)) }) == Set(embedded.keys), "run scripts/embed-web")
            for name in names {
                let text = try String(contentsOf: url.appendingPathComponent(name), encoding: .utf8)
                let key = suffix.isEmpty ? name : String(name.dropLast(suffix.count))
                #expect(embedded[key] == text, "\(folder)/\(name) differs from its embedded copy: run scripts/embed-web")
            }
        }
    }

    @Test("every word has both languages, and every template parses")
    func words() throws {
        for (key, message) in Words.all {
            #expect(!message.vi.isEmpty && !message.en.isEmpty, "\(key)")
        }
        _ = try Views()
    }
}
