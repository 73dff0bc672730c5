import Registry

/// The words of a document in its reader's language (`--lang`): what every composition speaks through.
public struct Wording: Sendable {
    public let language: Language

    public init(_ language: Language) {
        self.language = language
    }

    /// The sentence in the reader's language.
    public func say(_ vi: String, _ en: String) -> String { language == .vi ? vi : en }
    public func say(_ message: Message) -> String { message.text(language) }

    /// A removal reason's code in words ("death" → "Từ trần"), and the two reasons the system gives itself.
    public func reasonLabel(_ code: String) -> String {
        switch code {
        case "rebound": say("Sáp nhập thôn, gắn lại thôn mới", "village merger, re-bound")
        case "replaced": say("Được thay thế", "replaced")
        default: RemovalReason.shipped.first { $0.code == code }.map { say($0.label) } ?? code
        }
    }
}
