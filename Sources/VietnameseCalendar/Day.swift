import Foundation

/// A civil (Gregorian) calendar day, without time or zone: what decisions, lists and benefits are dated by.
public struct Day: Hashable, Comparable, Sendable, CustomStringConvertible, Codable {
    public let year: Int
    public let month: Int
    public let day: Int

    /// The day, or nil when it does not exist (2021-02-30, month 13…). Years 1…9999.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              day >= 1, day <= Day.daysInMonth(year: year, month: month) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// The day with the given Julian day number (days since noon, 1 January 4713 BC).
    public init(julianDay jd: Int) {
        // Fliegel & Van Flandern, valid for all Gregorian dates of interest.
        let a = jd + 32044
        let b = (4 * a + 3) / 146097
        let c = a - (b * 146097) / 4
        let d = (4 * c + 3) / 1461
        let e = c - (1461 * d) / 4
        let m = (5 * e + 2) / 153
        day = e - (153 * m + 2) / 5 + 1
        month = m + 3 - 12 * (m / 10)
        year = b * 100 + d - 4800 + m / 10
    }

    /// The Julian day number of this day.
    public var julianDay: Int {
        let a = (14 - month) / 12
        let y = year + 4800 - a
        let m = month + 12 * a - 3
        return day + (153 * m + 2) / 5 + 365 * y + y / 4 - y / 100 + y / 400 - 32045
    }

    /// Parses `YYYY-MM-DD` or `DD/MM/YYYY` (the two forms clerks type); nil when malformed or impossible.
    public init?(parsing text: String) {
        let s = text.trimmingCharacters(in: .whitespaces)
        let parts: [Substring]
        let ymd: (Int, Int, Int)
        if s.contains("-") {
            parts = s.split(separator: "-", omittingEmptySubsequences: false)
            guard parts.count == 3, parts[0].count == 4, (1...2).contains(parts[1].count), (1...2).contains(parts[2].count),
                  let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]) else { return nil }
            ymd = (y, m, d)
        } else if s.contains("/") {
            parts = s.split(separator: "/", omittingEmptySubsequences: false)
            guard parts.count == 3, parts[2].count == 4, (1...2).contains(parts[1].count), (1...2).contains(parts[0].count),
                  let d = Int(parts[0]), let m = Int(parts[1]), let y = Int(parts[2]) else { return nil }
            ymd = (y, m, d)
        } else {
            return nil
        }
        guard parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }) else { return nil }
        self.init(year: ymd.0, month: ymd.1, day: ymd.2)
    }

    /// True when the text has one of the two accepted shapes, whether or not the day exists.
    public static func looksLikeDate(_ text: String) -> Bool {
        let s = text.trimmingCharacters(in: .whitespaces)
        let iso = s.range(of: #"^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}$"#, options: .regularExpression) != nil
        let vn = s.range(of: #"^[0-9]{1,2}/[0-9]{1,2}/[0-9]{4}$"#, options: .regularExpression) != nil
        return iso || vn
    }

    /// `YYYY-MM-DD`, the form stored in the database and printed in JSON.
    public var iso: String {
        String(format: "%04d-%02d-%02d", year, month, day)
    }

    /// `DD/MM/YYYY`, the form printed on Vietnamese documents.
    public var vietnamese: String {
        String(format: "%02d/%02d/%04d", day, month, year)
    }

    public var description: String { iso }

    public func adding(days: Int) -> Day { Day(julianDay: julianDay + days) }

    /// Days from `self` to `other` (positive when `other` is later).
    public func days(until other: Day) -> Int { other.julianDay - julianDay }

    /// 0 = Sunday … 6 = Saturday.
    public var weekday: Int { (julianDay + 1) % 7 }

    public static func < (lhs: Day, rhs: Day) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    public static func isLeapYear(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    public static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: return isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Today in Vietnam (UTC+7), whatever the machine's zone: the only "today" the product uses.
    public static func todayInVietnam(now: Date = Date()) -> Day {
        let seconds = Int(now.timeIntervalSince1970.rounded(.down)) + 7 * 3600
        let days = seconds >= 0 ? seconds / 86400 : (seconds - 86399) / 86400
        return Day(julianDay: 2_440_588 + days)
    }

    public init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let parsed = Day(parsing: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a date: \(text)"))
        }
        self = parsed
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(iso)
    }
}
