import Documents
import Foundation
import Registry
import VietnameseCalendar

/// Turning the text of options into values; a value of the wrong shape is a malformed command (exit 64).
enum Parse {
    static func day(_ text: String) throws -> Day { try Inputs.day(text) }

    static func optionalDay(_ text: String?) throws -> Day? { try text.map(day) }

    /// The most ids one range may hold (`1-16`): a larger one is a typing slip, refused before any work.
    static let largestRange: Int64 = 10_000

    /// "3,5,7", "3 5 7" or with ranges "1-16,20" → [3, 5, 7] / [1, 2, …, 16, 20], in the order given, without repeats.
    static func ids(_ text: String, option: String) throws -> [Int64] {
        let malformed = RegistryError("malformed_ids", .malformed,
                                      vi: "\(option) cần danh sách số hiệu, ví dụ 3,5,7 hoặc 1-16,20 (nhận được \"\(Inputs.shown(text))\").",
                                      en: "\(option) needs a list of ids such as 3,5,7 or 1-16,20 (got \"\(Inputs.shown(text))\").")
        guard text.utf8.count <= 100_000 else { throw malformed }
        var ids: [Int64] = []
        var seen = Set<Int64>()
        for part in text.split(whereSeparator: { $0 == "," || $0 == " " || $0 == ";" }) {
            guard let range = try idRange(part, option: option) else { throw malformed }
            for id in range where seen.insert(id).inserted { ids.append(id) }
        }
        guard !ids.isEmpty else { throw malformed }
        return ids
    }

    /// One part of an id list: "7" or "1-16" (nil when it is neither).
    static func idRange(_ part: Substring, option: String) throws -> ClosedRange<Int64>? {
        let bounds = part.split(separator: "-", omittingEmptySubsequences: false)
        guard (1...2).contains(bounds.count), bounds.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              let first = Int64(bounds[0]), let last = Int64(bounds[bounds.count - 1]), first > 0 else { return nil }
        guard first <= last else {
            throw RegistryError("malformed_range", .malformed,
                                vi: "\(option): khoảng \(first)-\(last) ngược chiều; hãy viết số nhỏ trước, ví dụ \(last)-\(first).",
                                en: "\(option): the range \(first)-\(last) runs backwards; write the smaller number first, e.g. \(last)-\(first).")
        }
        guard last - first < largestRange else {
            throw RegistryError("range_too_large", .malformed,
                                vi: "\(option): khoảng \(first)-\(last) quá lớn (tối đa \(largestRange) số hiệu một khoảng); hãy kiểm tra lại.",
                                en: "\(option): the range \(first)-\(last) is too large (at most \(largestRange) ids per range); check it.")
        }
        return first...last
    }

    /// A month and day as `festival list` prints it (15/01: day/month) or as MM-DD (01-15).
    static func monthDay(_ text: String, option: String) throws -> (month: Int, day: Int) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let slashed = trimmed.contains("/")
        let parts = trimmed.split(separator: slashed ? "/" : "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts.allSatisfy({ (1...2).contains($0.count) && $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              let first = Int(parts[0]), let second = Int(parts[1]) else {
            throw RegistryError("malformed_month_day", .malformed,
                                vi: "\(option) cần ngày/tháng như 15/01 (hoặc tháng-ngày như 01-15); nhận được \"\(Inputs.shown(text))\".",
                                en: "\(option) needs day/month such as 15/01 (or month-day such as 01-15); got \"\(Inputs.shown(text))\".")
        }
        return slashed ? (second, first) : (first, second)
    }

    static func year(_ text: String, option: String) throws -> Int {
        guard text.count == 4, let year = Int(text) else {
            throw RegistryError("malformed_year", .malformed, vi: "\(option) cần một năm 4 chữ số (nhận được \"\(Inputs.shown(text))\").",
                                en: "\(option) needs a 4-digit year (got \"\(Inputs.shown(text))\").")
        }
        return year
    }

    /// A level of the map: province|district|commune, or tỉnh|huyện|xã (a fixed list: anything else is malformed).
    static func level(_ text: String, option: String) throws -> AreaLevel {
        try AreaLevel.parse(text, option: option)
    }

    /// "2019-2023" → 2019...2023.
    static func term(_ text: String, option: String = "--term") throws -> ClosedRange<Int> {
        let parts = text.split(separator: "-")
        guard parts.count == 2, let first = Int(parts[0]), let last = Int(parts[1]), parts.allSatisfy({ $0.count == 4 }) else {
            throw RegistryError("malformed_term", .malformed, vi: "\(option) cần dạng 2019-2023 (nhận được \"\(Inputs.shown(text))\").",
                                en: "\(option) needs the form 2019-2023 (got \"\(Inputs.shown(text))\").")
        }
        guard first <= last, last - first < Term.maximumYears, (2000...2100).contains(first) else {
            throw RegistryError.termTooLong(first, last)
        }
        return first...last
    }
}

extension CSVDocumentWriter.Options.Separator: ClerkChoice {
    public init?(parsing text: String) {
        switch text.trimmingCharacters(in: .whitespaces) {
        case ",": self = .comma
        case ";": self = .semicolon
        default:
            switch VietnameseText.choiceKey(text) {
            case "comma", "phay", "dau phay": self = .comma
            case "semicolon", "cham phay", "dau cham phay": self = .semicolon
            default: return nil
            }
        }
    }

    public var choiceName: Message {
        switch self {
        case .comma: Message(vi: "\",\" (phẩy)", en: "\",\" (comma)")
        case .semicolon: Message(vi: "\";\" (chấm phẩy)", en: "\";\" (semicolon)")
        }
    }
}

extension Console {
    /// A name as it will be stored: typed all in lower case, it is put in title case, with a note on stderr.
    func titleCased(_ name: String) -> String {
        guard let titled = VietnameseText.titleCased(name) else { return name }
        let shown = Inputs.shown(VietnameseText.normalized(titled))
        warn(say("Đã viết hoa tên: \(shown).", "Capitalised the name: \(shown)."))
        return titled
    }
}
