/// The Vietnamese lunisolar calendar (âm lịch), computed with Hồ Ngọc Đức's rules for one meridian: months begin
/// on the day of the new moon, month 11 holds the winter solstice, and the leap month is the first month after
/// month 11 with no major solar term.
public struct LunarCalendar: Sendable {
    /// Vietnam's calendar, computed for the 105°E meridian (UTC+7).
    public static let vietnam = LunarCalendar(timeZoneHours: 7)

    /// The lunar years that `solarDay(of:)` accepts. Every day from 1900-01-01 to 2199-12-31 falls in one of them
    /// (1900-01-01 is 1/12 of lunar 1899), and their months are computed once, when the calendar is made.
    public static let supportedLunarYears = 1899...2199

    /// The offset of the calendar's meridian from UTC, in hours (Vietnam 7, China 8).
    public let timeZoneHours: Double
    private let table: LunarMonthTable

    /// The calendar of the meridian `timeZoneHours` east of UTC; use `LunarCalendar.vietnam` for Vietnam's.
    public init(timeZoneHours: Double) {
        self.timeZoneHours = timeZoneHours
        table = LunarMonthTable(lunarYears: Self.supportedLunarYears, timeZone: timeZoneHours)
    }

    /// The lunar date of a Gregorian day. Days outside 1900…2199 get the same rules, computed on the spot.
    public func lunarDate(of day: Day) -> LunarDate {
        let julianDay = day.julianDay
        let (table, index) = locate(julianDay: julianDay)
        let month = table.months[index]
        return LunarDate(day: julianDay - table.starts[index] + 1, month: month.month, year: month.lunarYear,
                         isLeap: month.isLeap)
    }

    /// The Gregorian day of a lunar date; refuses a date that does not exist (a leap month the year lacks, day 30
    /// of a 29-day month, numbers out of range) and years outside `supportedLunarYears`.
    public func solarDay(of lunar: LunarDate) throws(LunarCalendarError) -> Day {
        guard (1...12).contains(lunar.month) else { throw .monthOutOfRange(month: lunar.month) }
        guard (1...30).contains(lunar.day) else { throw .dayOutOfRange(day: lunar.day) }
        guard Self.supportedLunarYears.contains(lunar.year) else { throw .yearOutOfRange(year: lunar.year) }
        let (table, indices) = locate(lunarYear: lunar.year)
        guard let index = indices.first(where: {
            table.months[$0].month == lunar.month && table.months[$0].isLeap == lunar.isLeap
        }) else {
            throw .noSuchLeapMonth(month: lunar.month, year: lunar.year, leapMonth: leapMonth(inLunarYear: lunar.year))
        }
        guard lunar.day <= table.length(ofMonthAt: index) else {
            throw .monthHas29Days(month: lunar.month, isLeap: lunar.isLeap, year: lunar.year)
        }
        return Day(julianDay: table.starts[index] + lunar.day - 1)
    }

    /// The Gregorian day of day `day` of the ordinary (not leap) month `lunarMonth` of lunar year `year`: the date
    /// of a festival fixed in the lunar calendar. Day 30 of a month that has 29 days that year is an error.
    public func solarDay(lunarMonth: Int, day: Int, inLunarYear year: Int) throws(LunarCalendarError) -> Day {
        try solarDay(of: LunarDate(day: day, month: lunarMonth, year: year))
    }

    /// Tết Nguyên đán: the Gregorian day of 1/1 of lunar year `year`.
    public func tet(year: Int) -> Day {
        let (table, indices) = locate(lunarYear: year)
        return Day(julianDay: table.starts[indices.lowerBound])
    }

    /// The number of the month that lunar year `year` repeats as its leap month, or nil in a 12-month year.
    public func leapMonth(inLunarYear year: Int) -> Int? {
        let (table, indices) = locate(lunarYear: year)
        return indices.first { table.months[$0].isLeap }.map { table.months[$0].month }
    }

    /// The 12 or 13 months of lunar year `year` in order, the leap month after the month it repeats.
    public func months(ofLunarYear year: Int) -> [LunarMonth] {
        let (table, indices) = locate(lunarYear: year)
        return indices.map { index in
            let month = table.months[index]
            return LunarMonth(year: year, month: month.month, isLeap: month.isLeap,
                              firstDay: Day(julianDay: table.starts[index]), length: table.length(ofMonthAt: index))
        }
    }

    /// The lunar date of `day` in words: "1/1 Nhâm Dần (2022)", or "1/4 nhuận Canh Tý (2020)" in a leap month.
    public func describe(_ day: Day) -> String {
        lunarDate(of: day).description
    }

    /// The table and index of the month holding `julianDay`: this calendar's own, or one computed for the
    /// occasion when the day lies outside it.
    private func locate(julianDay: Int) -> (LunarMonthTable, Int) {
        if let index = table.monthIndex(holding: julianDay) { return (table, index) }
        let year = Day(julianDay: julianDay).year
        let nearby = LunarMonthTable(lunarYears: year...year, timeZone: timeZoneHours)
        return (nearby, nearby.monthIndex(holding: julianDay)!)
    }

    /// The table and indices of the months of lunar year `year`, computed for the occasion outside this calendar's.
    private func locate(lunarYear year: Int) -> (LunarMonthTable, Range<Int>) {
        if let indices = table.monthIndices(ofLunarYear: year) { return (table, indices) }
        let nearby = LunarMonthTable(lunarYears: year...year, timeZone: timeZoneHours)
        return (nearby, nearby.monthIndices(ofLunarYear: year)!)
    }
}
