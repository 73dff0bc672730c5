import Testing
import VietnameseCalendar

private let vietnam = LunarCalendar.vietnam

private func day(_ iso: String) -> Day {
    Day(parsing: iso)!
}

@Test("Tết falls on the published dates", arguments: [
    (2018, "2018-02-16"), (2019, "2019-02-05"), (2020, "2020-01-25"), (2021, "2021-02-12"), (2022, "2022-02-01"),
    (2023, "2023-01-22"), (2024, "2024-02-10"), (2025, "2025-01-29"), (2026, "2026-02-17"),
])
func tetDates(year: Int, iso: String) {
    #expect(vietnam.tet(year: year) == day(iso))
    #expect(vietnam.lunarDate(of: day(iso)) == LunarDate(day: 1, month: 1, year: year))
}

@Test("lunar festivals fall on their known days")
func festivals() throws {
    #expect(try vietnam.solarDay(lunarMonth: 1, day: 15, inLunarYear: 2024) == day("2024-02-24"))  // Rằm tháng Giêng
    #expect(try vietnam.solarDay(lunarMonth: 5, day: 5, inLunarYear: 2020) == day("2020-06-25"))  // Đoan ngọ, after leap 4
    #expect(try vietnam.solarDay(lunarMonth: 7, day: 15, inLunarYear: 2023) == day("2023-08-30"))  // Vu Lan
    #expect(try vietnam.solarDay(lunarMonth: 8, day: 15, inLunarYear: 2022) == day("2022-09-10"))  // Trung thu
}

@Test("2020 repeats month 4 and 2023 month 2; 2022 has no leap month")
func leapMonths() throws {
    #expect(vietnam.leapMonth(inLunarYear: 2020) == 4)
    #expect(vietnam.leapMonth(inLunarYear: 2023) == 2)
    #expect(vietnam.leapMonth(inLunarYear: 2022) == nil)
    #expect(vietnam.months(ofLunarYear: 2022).count == 12)

    let months2020 = vietnam.months(ofLunarYear: 2020)
    #expect(months2020.map(\.month) == [1, 2, 3, 4, 4, 5, 6, 7, 8, 9, 10, 11, 12])
    #expect(months2020.map(\.isLeap) == [false, false, false, false, true] + Array(repeating: false, count: 8))
    #expect(months2020[4].firstDay == day("2020-05-23"))
    #expect(vietnam.lunarDate(of: day("2020-05-23")) == LunarDate(day: 1, month: 4, year: 2020, isLeap: true))
    #expect(try vietnam.solarDay(of: LunarDate(day: 1, month: 4, year: 2020, isLeap: true)) == day("2020-05-23"))
    #expect(try vietnam.solarDay(of: LunarDate(day: 1, month: 4, year: 2020)) == day("2020-04-23"))

    #expect(vietnam.lunarDate(of: day("2023-03-22")) == LunarDate(day: 1, month: 2, year: 2023, isLeap: true))
}

@Test("2033's leap month comes right after month 11, at the end of the lunar year")
func leapMonthAfterEleven() throws {
    #expect(vietnam.leapMonth(inLunarYear: 2033) == 11)
    let months = vietnam.months(ofLunarYear: 2033)
    #expect(months.count == 13)
    #expect(months.suffix(3).map { "\($0.month)\($0.isLeap ? "n" : "") \($0.firstDay)" }
            == ["11 2033-11-22", "11n 2033-12-22", "12 2034-01-20"])
    #expect(vietnam.lunarDate(of: day("2033-12-22")) == LunarDate(day: 1, month: 11, year: 2033, isLeap: true))
    #expect(vietnam.lunarDate(of: day("2034-01-19")) == LunarDate(day: 29, month: 11, year: 2033, isLeap: true))
    #expect(vietnam.lunarDate(of: day("2034-01-20")) == LunarDate(day: 1, month: 12, year: 2033))
    #expect(try vietnam.solarDay(of: LunarDate(day: 1, month: 11, year: 2033, isLeap: true)) == day("2033-12-22"))
    #expect(vietnam.tet(year: 2034) == day("2034-02-19"))
    #expect(vietnam.leapMonth(inLunarYear: 2034) == nil)
    #expect(vietnam.describe(day("2033-12-22")) == "1/11 nhuận Quý Sửu (2033)")
}

@Test("the last day of a 30-day month stays in its month where amlich.js slips to \"day 0\"")
func lastDayOfLongMonth() {
    #expect(vietnam.lunarDate(of: day("2054-05-07")) == LunarDate(day: 30, month: 3, year: 2054))
    #expect(vietnam.lunarDate(of: day("2054-05-08")) == LunarDate(day: 1, month: 4, year: 2054))
    #expect(vietnam.lunarDate(of: day("2062-04-09")).day == 30)
}

@Test("a leap month the year does not have is refused")
func missingLeapMonth() {
    #expect(throws: LunarCalendarError.noSuchLeapMonth(month: 5, year: 2022, leapMonth: nil)) {
        try vietnam.solarDay(of: LunarDate(day: 1, month: 5, year: 2022, isLeap: true))
    }
    #expect(throws: LunarCalendarError.noSuchLeapMonth(month: 5, year: 2020, leapMonth: 4)) {
        try vietnam.solarDay(of: LunarDate(day: 1, month: 5, year: 2020, isLeap: true))
    }
    #expect(LunarCalendarError.noSuchLeapMonth(month: 5, year: 2022, leapMonth: nil).vietnamese
            == "Năm Nhâm Dần (2022) không có tháng nhuận: hãy nhập tháng 5 thường.")
    #expect(LunarCalendarError.noSuchLeapMonth(month: 5, year: 2020, leapMonth: 4).vietnamese
            == "Năm Canh Tý (2020) không có tháng 5 nhuận mà chỉ có tháng 4 nhuận: hãy nhập tháng 5 thường hoặc tháng 4 nhuận.")
}

@Test("day 30 of a 29-day month is refused: Giáp Thìn (2024) ends on 29 tháng Chạp")
func dayThirtyOfShortMonth() throws {
    #expect(vietnam.months(ofLunarYear: 2024).last?.length == 29)
    #expect(try vietnam.solarDay(lunarMonth: 12, day: 29, inLunarYear: 2024) == day("2025-01-28"))
    #expect(throws: LunarCalendarError.monthHas29Days(month: 12, isLeap: false, year: 2024)) {
        try vietnam.solarDay(lunarMonth: 12, day: 30, inLunarYear: 2024)
    }
    #expect(throws: LunarCalendarError.monthHas29Days(month: 4, isLeap: true, year: 2020)) {
        try vietnam.solarDay(of: LunarDate(day: 30, month: 4, year: 2020, isLeap: true))
    }
    #expect(LunarCalendarError.monthHas29Days(month: 12, isLeap: false, year: 2024).vietnamese
            == "Tháng 12 năm Giáp Thìn (2024) chỉ có 29 ngày: hãy nhập ngày từ 1 đến 29.")
    #expect(LunarCalendarError.monthHas29Days(month: 4, isLeap: true, year: 2020).english
            == "Leap lunar month 4 of Canh Tý (2020) has only 29 days: give a day from 1 to 29.")
}

@Test("numbers out of range are refused")
func outOfRange() {
    #expect(throws: LunarCalendarError.monthOutOfRange(month: 13)) {
        try vietnam.solarDay(lunarMonth: 13, day: 1, inLunarYear: 2022)
    }
    #expect(throws: LunarCalendarError.dayOutOfRange(day: 31)) {
        try vietnam.solarDay(lunarMonth: 1, day: 31, inLunarYear: 2022)
    }
    #expect(throws: LunarCalendarError.dayOutOfRange(day: 0)) {
        try vietnam.solarDay(lunarMonth: 1, day: 0, inLunarYear: 2022)
    }
    #expect(throws: LunarCalendarError.yearOutOfRange(year: 2200)) {
        try vietnam.solarDay(lunarMonth: 1, day: 1, inLunarYear: 2200)
    }
    #expect(throws: LunarCalendarError.yearOutOfRange(year: 1898)) {
        try vietnam.solarDay(lunarMonth: 1, day: 1, inLunarYear: 1898)
    }
    #expect(LunarCalendarError.yearOutOfRange(year: 2200).vietnamese
            == "Năm âm lịch 2200 nằm ngoài khoảng lịch tính được: hãy nhập năm từ 1899 đến 2199.")
    #expect(LunarCalendarError.monthOutOfRange(month: 13).errorDescription == "Không có tháng âm lịch 13: hãy nhập tháng từ 1 đến 12.")
}

@Test("every error says what was wrong in both languages", arguments: [
    LunarCalendarError.monthOutOfRange(month: 0), .dayOutOfRange(day: 31), .yearOutOfRange(year: 3000),
    .noSuchLeapMonth(month: 1, year: 2022, leapMonth: nil), .noSuchLeapMonth(month: 1, year: 2020, leapMonth: 4),
    .monthHas29Days(month: 2, isLeap: false, year: 2022),
])
func errorTexts(error: LunarCalendarError) {
    for text in [error.vietnamese, error.english] {
        #expect(text.hasSuffix("."))
        #expect(text.contains(": "))
        #expect(!text.contains("\n"))
    }
}

@Test("China's meridian (UTC+8) moves Tết in some years, as in 1968 and 1985")
func vietnamAndChinaDiffer() {
    let china = LunarCalendar(timeZoneHours: 8)
    #expect(vietnam.tet(year: 1985) == day("1985-01-21"))
    #expect(china.tet(year: 1985) == day("1985-02-20"))
    #expect(vietnam.tet(year: 1968) == day("1968-01-29"))
    #expect(china.tet(year: 1968) == day("1968-01-30"))
    #expect(vietnam.tet(year: 2007) == day("2007-02-17"))
    #expect(china.tet(year: 2007) == day("2007-02-18"))
    #expect(vietnam.tet(year: 2022) == china.tet(year: 2022))
    #expect(vietnam.months(ofLunarYear: 2022) == china.months(ofLunarYear: 2022))
}

@Test("years get their can chi names", arguments: [
    (2022, "Nhâm Dần"), (2021, "Tân Sửu"), (2020, "Canh Tý"), (1984, "Giáp Tý"), (2023, "Quý Mão"),
    (2024, "Giáp Thìn"), (2025, "Ất Tỵ"), (1899, "Kỷ Hợi"), (2043, "Quý Hợi"), (2044, "Giáp Tý"),
])
func yearNames(year: Int, name: String) {
    #expect(LunarCalendar.yearName(year) == name)
}

@Test("a day is described by its lunar date and year name")
func descriptions() {
    #expect(vietnam.describe(day("2022-02-01")) == "1/1 Nhâm Dần (2022)")
    #expect(vietnam.describe(day("2020-05-23")) == "1/4 nhuận Canh Tý (2020)")
    #expect(vietnam.describe(day("2025-01-28")) == "29/12 Giáp Thìn (2024)")
    #expect(vietnam.describe(day("1900-01-01")) == "1/12 Kỷ Hợi (1899)")
    #expect(vietnam.lunarDate(of: day("2022-02-01")).yearName == "Nhâm Dần")
}

@Test("days outside the precomputed years are still converted")
func outsideTheTable() {
    #expect(vietnam.tet(year: 1899) == day("1899-02-10"))
    #expect(vietnam.lunarDate(of: day("1898-06-01")).year == 1898)
    #expect(vietnam.lunarDate(of: day("2250-06-01")).year == 2250)
    #expect(vietnam.months(ofLunarYear: 2300).count >= 12)
}

@Test("the month grid puts each lunar day under its day, Monday first")
func monthGridOfTet2022() {
    #expect(vietnam.monthGrid(year: 2022, month: 2) == """
        Tháng 2 năm 2022
        Âm lịch: 1/1 Nhâm Dần (2022) – 28/1 Nhâm Dần (2022)

             T2     T3     T4     T5     T6     T7     CN
                     1      2      3      4      5      6
                   1/1      2      3      4      5      6

              7      8      9     10     11     12     13
              7      8      9     10     11     12     13

             14     15     16     17     18     19     20
             14     15     16     17     18     19     20

             21     22     23     24     25     26     27
             21     22     23     24     25     26     27

             28
             28

        Dòng dưới là ngày âm lịch; 1/m là mùng 1 tháng m, chữ n chỉ tháng nhuận.
        """)
}

@Test("the month grid marks the first day of a leap month")
func monthGridWithLeapMonth() {
    let grid = vietnam.monthGrid(year: 2020, month: 5)
    let lines = grid.split(separator: "\n", omittingEmptySubsequences: false)
    #expect(lines[1] == "Âm lịch: 9/4 Canh Tý (2020) – 9/4 nhuận Canh Tý (2020)")
    #expect(lines[5] == "                                  9     10     11")
    #expect(lines[13] == "     18     19     20     21     22     23     24")
    #expect(lines[14] == "     26     27     28     29     30   1/4n      2")
}
