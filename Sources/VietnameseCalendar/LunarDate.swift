/// A day of the Vietnamese lunar calendar: day 1…30 of month 1…12 (or of the leap month that repeats a month
/// number) of a lunar year, named by the Gregorian year in which its month 1 begins.
public struct LunarDate: Hashable, Sendable, Codable, CustomStringConvertible {
    public let day: Int
    public let month: Int
    public let year: Int
    /// True in the leap month (tháng nhuận), which repeats the number of the month before it.
    public let isLeap: Bool

    /// Any combination of numbers; `LunarCalendar.solarDay(of:)` says whether the day exists.
    public init(day: Int, month: Int, year: Int, isLeap: Bool = false) {
        self.day = day
        self.month = month
        self.year = year
        self.isLeap = isLeap
    }

    /// The year's can chi name, e.g. "Nhâm Dần" for 2022.
    public var yearName: String { LunarCalendar.yearName(year) }

    /// "1/1 Nhâm Dần (2022)"; in a leap month "1/4 nhuận Canh Tý (2020)".
    public var description: String {
        "\(day)/\(month)\(isLeap ? " nhuận" : "") \(yearName) (\(year))"
    }
}

/// One month of a lunar year: its number, whether it is the leap month, its first Gregorian day and its length.
public struct LunarMonth: Hashable, Sendable, Codable {
    /// The lunar year the month belongs to.
    public let year: Int
    public let month: Int
    public let isLeap: Bool
    public let firstDay: Day
    /// 29 or 30.
    public let length: Int
}
