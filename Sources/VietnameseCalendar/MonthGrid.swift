extension LunarCalendar {
    /// A Gregorian month as a grid of weeks from Monday (T2) to Sunday (CN), each day's lunar day printed under it.
    ///
    /// The first day of a lunar month shows its month too ("1/2"), with "n" for the leap month ("1/4n"), and a
    /// line above the grid gives the lunar dates of the month's first and last days. `month` must be 1…12 and
    /// `year` 1…9999.
    public func monthGrid(year: Int, month: Int) -> String {
        guard let first = Day(year: year, month: month, day: 1) else {
            preconditionFailure("monthGrid needs a month 1…12 of a year 1…9999, not \(year)-\(month)")
        }
        let length = Day.daysInMonth(year: year, month: month)
        var lines = [
            "Tháng \(month) năm \(year)",
            "Âm lịch: \(describe(first)) – \(describe(first.adding(days: length - 1)))",
            "",
            Self.gridRow(["T2", "T3", "T4", "T5", "T6", "T7", "CN"]),
        ]
        let blanks = Array(repeating: "", count: (first.weekday + 6) % 7)
        var solarWeek = blanks
        var lunarWeek = blanks
        for offset in 0..<length {
            let day = first.adding(days: offset)
            let lunar = lunarDate(of: day)
            solarWeek.append(String(day.day))
            lunarWeek.append(lunar.day == 1 ? "1/\(lunar.month)\(lunar.isLeap ? "n" : "")" : String(lunar.day))
            if solarWeek.count == 7 || offset == length - 1 {
                lines += [Self.gridRow(solarWeek), Self.gridRow(lunarWeek), ""]
                solarWeek = []
                lunarWeek = []
            }
        }
        lines.append("Dòng dưới là ngày âm lịch; 1/m là mùng 1 tháng m, chữ n chỉ tháng nhuận.")
        return lines.joined(separator: "\n")
    }

    /// Cells right-aligned in columns 7 characters wide (a short last week leaves no trailing spaces).
    private static func gridRow(_ cells: [String]) -> String {
        cells.map { String(repeating: " ", count: 7 - $0.count) + $0 }.joined()
    }
}
