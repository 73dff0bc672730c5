/// The lunar months of a run of lunar years, worked out once with `LunarAstronomy`, so that finding the lunar date
/// of a day is a binary search and finding a lunar date's day a scan of at most 13 months.
struct LunarMonthTable: Sendable {
    struct Month: Sendable {
        let month: Int
        let isLeap: Bool
        let lunarYear: Int
    }

    /// The Julian day of the first day of each month, in order, then that of the month after the last one.
    let starts: [Int]
    /// The name of each month, in the order of `starts`.
    let months: [Month]
    /// The lunar year whose month 1 is `months[newYears[0]]`.
    let firstLunarYear: Int
    /// The index in `months` of month 1 of lunar year `firstLunarYear + i`; the last entry only ends the year before.
    let newYears: [Int]

    /// The months of the lunar years `lunarYears`, and a few around them.
    ///
    /// Months are counted from one month 11 (the month holding the winter solstice) to the next, as Hồ Ngọc Đức's
    /// `convertSolar2Lunar` does: 12 months, or 13 when the span is longer than 365 days, and then the first month
    /// without a major solar term is the leap month and repeats the number before it. Such a span holds months 11
    /// and 12 of one lunar year (and the leap 11 or 12 when the leap month falls there, as in 2033) and months 1 to
    /// 10 of the next.
    init(lunarYears: ClosedRange<Int>, timeZone: Double) {
        var starts: [Int] = []
        var months: [Month] = []
        var newYears: [Int] = []
        var month11 = LunarAstronomy.lunarMonth11(year: lunarYears.lowerBound - 1, timeZone: timeZone)
        for year in lunarYears.lowerBound...(lunarYears.upperBound + 1) {
            let nextMonth11 = LunarAstronomy.lunarMonth11(year: year, timeZone: timeZone)
            let k = LunarAstronomy.newMoonIndex(startingDay: month11)
            let count = nextMonth11 - month11 > 365 ? 13 : 12
            let leapOffset = count == 13 ? LunarAstronomy.leapMonthOffset(a11: month11, timeZone: timeZone) : count
            for offset in 0..<count {
                var month = offset >= leapOffset ? offset + 10 : offset + 11
                if month > 12 { month -= 12 }
                let isLeap = offset == leapOffset
                if month == 1 && !isLeap { newYears.append(months.count) }
                starts.append(offset == 0 ? month11 : LunarAstronomy.newMoonDay(k + offset, timeZone: timeZone))
                months.append(Month(month: month, isLeap: isLeap, lunarYear: month >= 11 && offset < 4 ? year - 1 : year))
            }
            month11 = nextMonth11
        }
        starts.append(month11)
        self.starts = starts
        self.months = months
        self.firstLunarYear = lunarYears.lowerBound
        self.newYears = newYears
    }

    /// The index of the month holding Julian day `julianDay`, or nil when the table does not reach that far.
    func monthIndex(holding julianDay: Int) -> Int? {
        guard julianDay >= starts[0], julianDay < starts[starts.count - 1] else { return nil }
        var low = 0  // starts[low] <= julianDay < starts[high]
        var high = starts.count - 1
        while high - low > 1 {
            let middle = (low + high) / 2
            if starts[middle] <= julianDay { low = middle } else { high = middle }
        }
        return low
    }

    /// The indices of the months of lunar year `year`, month 1 first, or nil when the table does not hold it all.
    func monthIndices(ofLunarYear year: Int) -> Range<Int>? {
        let i = year - firstLunarYear
        guard i >= 0, i + 1 < newYears.count else { return nil }
        return newYears[i]..<newYears[i + 1]
    }

    /// 29 or 30.
    func length(ofMonthAt index: Int) -> Int {
        starts[index + 1] - starts[index]
    }
}
