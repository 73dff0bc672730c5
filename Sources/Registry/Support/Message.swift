/// The languages a clerk can read the product in (`--lang`, `UYTIN_LANG`).
public enum Language: String, Sendable, CaseIterable {
    case vi, en
}

/// A sentence for a person, in both languages the product speaks.
public struct Message: Sendable, Equatable, Codable, CustomStringConvertible {
    public let vi: String
    public let en: String

    public init(vi: String, en: String) {
        self.vi = vi
        self.en = en
    }

    public func text(_ language: Language) -> String {
        language == .vi ? vi : en
    }

    public var description: String { vi }

    /// Joins messages into one, line by line.
    public static func lines(_ messages: [Message]) -> Message {
        Message(vi: messages.map(\.vi).joined(separator: "\n"), en: messages.map(\.en).joined(separator: "\n"))
    }
}

/// What kind of failure an error is; the command line turns it into the documented exit code.
public enum FailureKind: Sendable, Equatable {
    /// A malformed command: unknown flag, a value of the wrong shape (exit 64).
    case malformed
    /// A well-formed value that is wrong, or a rule violated; nothing was written (exit 65).
    case refused
    /// An input file or the database is missing or unreadable (exit 66).
    case missingInput
    /// An output file cannot be created (exit 73).
    case cannotCreateOutput
    /// The database stayed locked past the busy timeout; nothing was written, safe to retry (exit 75).
    case busy
    /// A fault in the program itself (exit 1).
    case internalFault
    /// A record that does not exist for who asks: none by that number, or outside their commune (the console's 404;
    /// on the command line, which sees the whole province, a refusal, 65).
    case notFound
}

/// An error a clerk reads: what was wrong and what to do, in their language.
public protocol ClerkFacingError: Error {
    var message: Message { get }
    var kind: FailureKind { get }
}
