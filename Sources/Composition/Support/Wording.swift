import Foundation
import Registry
import VietnameseCalendar

/// The words of a document in its reader's language (`--lang`): what every composition speaks through.
public struct Wording: Sendable {
    public let language: Language

    public init(_ language: Language) {
        self.language = language
    }

    /// The sentence in the reader's language.
    public func say(_ vi: String, _ en: String) -> String { language == .vi ? vi : en }
    public func say(_ message: Message) -> String { message.text(language) }

    /// A stored moment ("2026-11-25T17:00:00Z", UTC) in Vietnam time (UTC+7): "26/11/2026 00:00:00". Text that is
    /// not such a moment is shown as it is.
    public static func vietnamTime(_ stamp: String) -> String {
        let parts = stamp.split(whereSeparator: { "-T:Z".contains($0) }).compactMap { Int($0) }
        guard parts.count == 6, stamp.hasSuffix("Z"), let day = Day(year: parts[0], month: parts[1], day: parts[2]) else {
            return stamp
        }
        var seconds = parts[3] * 3600 + parts[4] * 60 + parts[5] + 7 * 3600
        var local = day
        if seconds >= 86400 {
            seconds -= 86400
            local = Day(julianDay: day.julianDay + 1)
        }
        return local.vietnamese + String(format: " %02d:%02d:%02d", seconds / 3600, seconds % 3600 / 60, seconds % 60)
    }

    /// A label placed after "lý do": "Lý do sức khỏe" → "sức khỏe", "Từ trần" → "từ trần".
    public static func inSentence(_ label: String) -> String {
        var text = label
        for lead in ["Lý do ", "lý do "] where text.hasPrefix(lead) { text = String(text.dropFirst(lead.count)) }
        return text.prefix(1).lowercased() + text.dropFirst()
    }

    /// A removal reason's code in words ("death" → "Từ trần"), and the two reasons the system gives itself.
    public func reasonLabel(_ code: String) -> String {
        switch code {
        case "rebound": say("Sáp nhập thôn, gắn lại thôn mới", "village merger, re-bound")
        case "replaced": say("Được thay thế", "replaced")
        default: RemovalReason.shipped.first { $0.code == code }.map { say($0.label) } ?? code
        }
    }
}
