import Registry
import VietnameseCalendar

/// Turning the text of options into values; a value of the wrong shape is a malformed command (exit 64).
enum Parse {
    static func day(_ text: String) throws -> Day { try Inputs.day(text) }

    static func optionalDay(_ text: String?) throws -> Day? { try text.map(day) }

    /// "3,5,7" or "3 5 7" → [3, 5, 7].
    static func ids(_ text: String, option: String) throws -> [Int64] {
        let parts = text.split(whereSeparator: { $0 == "," || $0 == " " })
        let ids = parts.compactMap { Int64($0) }
        guard ids.count == parts.count, !ids.isEmpty, ids.allSatisfy({ $0 > 0 }) else {
            throw RegistryError("malformed_ids", .malformed,
                                vi: "\(option) cần danh sách số hiệu, ví dụ 3,5,7 (nhận được \"\(Inputs.shown(text))\").",
                                en: "\(option) needs a list of ids such as 3,5,7 (got \"\(Inputs.shown(text))\").")
        }
        return ids
    }

    static func year(_ text: String, option: String) throws -> Int {
        guard text.count == 4, let year = Int(text) else {
            throw RegistryError("malformed_year", .malformed, vi: "\(option) cần một năm 4 chữ số (nhận được \"\(Inputs.shown(text))\").",
                                en: "\(option) needs a 4-digit year (got \"\(Inputs.shown(text))\").")
        }
        return year
    }

    /// "2019-2023" → 2019...2023.
    /// A level of the map: province|district|commune, or tỉnh|huyện|xã (a fixed list: anything else is malformed).
    static func level(_ text: String, option: String) throws -> AreaLevel {
        guard let level = AreaLevel(parsing: text) else {
            throw RegistryError("malformed_level", .malformed,
                                vi: "\(option) phải là province, district hoặc commune (tỉnh, huyện, xã); nhận được \"\(Inputs.shown(text))\".",
                                en: "\(option) must be province, district or commune (tỉnh, huyện, xã); got \"\(Inputs.shown(text))\".")
        }
        return level
    }

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
