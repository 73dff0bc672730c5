import Foundation
import VietnameseCalendar

/// Checks and normalises what a clerk types, before anything reaches the database.
public enum Inputs {
    /// Text a clerk typed, as a message may show it back: at most 40 characters, with control and format
    /// characters made visible, so a message is never flooded or able to steer the terminal.
    public static func shown(_ text: String) -> String {
        var result = ""
        for (index, character) in text.enumerated() {
            if index == 40 {
                result += "…"
                break
            }
            for scalar in character.unicodeScalars {
                switch scalar.properties.generalCategory {
                case .control, .format, .lineSeparator, .paragraphSeparator, .surrogate, .privateUse, .unassigned:
                    result += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
                default:
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result
    }

    /// A name or title: NFC, single spaces, no control characters, 2…`maxLength` characters.
    public static func name(_ text: String, field: Message, maxLength: Int = 100) throws(RegistryError) -> String {
        // Refused before any normalisation, which costs more than linear time on megabytes of text.
        guard text.utf8.count <= maxLength * 8 else {
            throw .invalidText(field: field, reason: Message(vi: "dài quá \(maxLength) ký tự", en: "it is longer than \(maxLength) characters"))
        }
        guard !text.unicodeScalars.contains("\u{FFFD}") else {
            throw .invalidText(field: field, reason: Message(vi: "chứa ký tự lỗi mã hóa (không phải UTF-8)", en: "it holds bytes that are not UTF-8"))
        }
        guard !VietnameseText.hasControlCharacters(text) else {
            throw .invalidText(field: field, reason: Message(vi: "chứa ký tự điều khiển (xuống dòng, tab...)",
                                                             en: "it contains control characters (newline, tab...)"))
        }
        let normalized = VietnameseText.normalized(text)
        guard normalized.count >= 2 else {
            throw .invalidText(field: field, reason: Message(vi: "quá ngắn hoặc để trống", en: "it is empty or too short"))
        }
        guard normalized.count <= maxLength else {
            throw .invalidText(field: field, reason: Message(vi: "dài quá \(maxLength) ký tự", en: "it is longer than \(maxLength) characters"))
        }
        return normalized
    }

    /// A free note: NFC, at most 2,000 characters; line breaks allowed, other control characters refused.
    public static func note(_ text: String?) throws(RegistryError) -> String? {
        guard let text else { return nil }
        guard text.utf8.count <= 16_000, !text.unicodeScalars.contains("\u{FFFD}") else {
            throw .invalidText(field: Message(vi: "Ghi chú", en: "Note"),
                               reason: Message(vi: "quá dài hoặc không phải UTF-8", en: "it is too long or not UTF-8"))
        }
        let composed = text.precomposedStringWithCanonicalMapping.trimmingCharacters(in: .whitespacesAndNewlines)
        if composed.isEmpty { return nil }
        let field = Message(vi: "Ghi chú", en: "Note")
        guard !composed.unicodeScalars.contains(where: { $0.properties.generalCategory == .control && $0 != "\n" }) else {
            throw .invalidText(field: field, reason: Message(vi: "chứa ký tự điều khiển", en: "it contains control characters"))
        }
        guard composed.count <= 2000 else {
            throw .invalidText(field: field, reason: Message(vi: "dài quá 2000 ký tự", en: "it is longer than 2,000 characters"))
        }
        return composed
    }

    /// A date typed as 2021-04-15 or 15/04/2021: malformed text and impossible days are told apart.
    public static func day(_ text: String) throws(RegistryError) -> Day {
        if let day = Day(parsing: text) { return day }
        throw Day.looksLikeDate(text) ? .invalidDate(text) : .malformedDate(text)
    }

    /// A birth given as a year (1957) or a date; the year must be 1900…this year.
    public static func birth(_ text: String, today: Day) throws(RegistryError) -> (year: Int, date: Day?) {
        // Foundation's trimming is a tenth of an import's row checks; most cells have nothing to trim.
        let padded = text.first?.isWhitespace == true || text.last?.isWhitespace == true
        let trimmed = padded ? text.trimmingCharacters(in: .whitespaces) : text
        if trimmed.utf8.count == 4, let year = Int(trimmed) {
            guard (1900...today.year).contains(year) else { throw .birthOutOfRange(year) }
            return (year, nil)
        }
        let date = try day(trimmed)
        guard (1900...today.year).contains(date.year), date <= today else { throw .birthOutOfRange(date.year) }
        return (date.year, date)
    }

    /// A phone number: digits, optionally a leading +, spaces and dots dropped.
    public static func phone(_ text: String) throws(RegistryError) -> String {
        let compact = text.filter { $0 != " " && $0 != "." && $0 != "-" }
        let body = compact.hasPrefix("+") ? compact.dropFirst() : Substring(compact)
        guard (8...15).contains(compact.count), !body.isEmpty, body.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            throw .invalidPhone(text)
        }
        return compact
    }

    /// The key under which decision numbers and issuers are compared ("449/QĐ-UBND" ~ "449/qd-ubnd").
    public static func key(_ text: String) -> String {
        VietnameseText.searchKey(text).filter { !$0.isWhitespace }
    }

    /// The search key of an ethnic group's name or alias; hyphens and spaces are the same ("Khơ-me" ~ "khơ me").
    public static func ethnicKey(_ text: String) -> String {
        VietnameseText.searchKey(text.replacingOccurrences(of: "-", with: " ").replacingOccurrences(of: "'", with: ""))
    }
}
