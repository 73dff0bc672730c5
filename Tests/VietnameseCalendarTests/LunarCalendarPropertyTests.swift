import Testing
@testable import VietnameseCalendar

/// Every day of the supported range, 1900-01-01 through 2199-12-31.
private let allDays: [Day] = {
    let first = Day(year: 1900, month: 1, day: 1)!.julianDay
    let last = Day(year: 2199, month: 12, day: 31)!.julianDay
    return (first...last).map(Day.init(julianDay:))
}()

/// True when `next` is the lunar day right after `previous`.
private func follows(_ next: LunarDate, _ previous: LunarDate) -> Bool {
    if next.day != 1 {
        return next == LunarDate(day: previous.day + 1, month: previous.month, year: previous.year, isLeap: previous.isLeap)
    }
    guard previous.day == 29 || previous.day == 30 else { return false }
    if next.isLeap {  // the leap month repeats the ordinary month just before it
        return !previous.isLeap && next.month == previous.month && next.year == previous.year
    }
    if previous.month == 12 {
        return next == LunarDate(day: 1, month: 1, year: previous.year + 1)
    }
    return next == LunarDate(day: 1, month: previous.month + 1, year: previous.year)
}

@Test("every day from 1900 to 2199 converts to a lunar date and back to itself")
func roundTrip() throws {
    let calendar = LunarCalendar.vietnam
    for day in allDays {
        let lunar = calendar.lunarDate(of: day)
        #expect(try calendar.solarDay(of: lunar) == day, "\(day) → \(lunar)")
    }
}

@Test("consecutive days advance the lunar date by exactly one day", arguments: [7.0, 8.0])
func consecutiveDays(timeZoneHours: Double) {
    let calendar = LunarCalendar(timeZoneHours: timeZoneHours)
    var previous = calendar.lunarDate(of: allDays[0])
    for day in allDays.dropFirst() {
        let lunar = calendar.lunarDate(of: day)
        #expect(follows(lunar, previous), "\(day): \(previous) → \(lunar)")
        previous = lunar
    }
}

@Test("every lunar year 1899–2199 has 12 months, or 13 with one leap month, of 29 or 30 days, end to end")
func yearShapes() {
    let calendar = LunarCalendar.vietnam
    for year in LunarCalendar.supportedLunarYears {
        let months = calendar.months(ofLunarYear: year)
        let leapMonths = months.filter(\.isLeap)
        #expect(months.count == (leapMonths.isEmpty ? 12 : 13), "\(year)")
        #expect(leapMonths.count <= 1, "\(year)")
        #expect(calendar.leapMonth(inLunarYear: year) == leapMonths.first?.month, "\(year)")
        #expect(months.map(\.month) == months.map(\.month).sorted(), "\(year)")
        #expect(months.first?.firstDay == calendar.tet(year: year), "\(year)")
        for (month, next) in zip(months, months.dropFirst()) {
            #expect(month.firstDay.adding(days: month.length) == next.firstDay, "\(year) month \(month.month)")
        }
        #expect(months.last!.firstDay.adding(days: months.last!.length) == calendar.tet(year: year + 1), "\(year)")
        #expect(months.allSatisfy { $0.length == 29 || $0.length == 30 }, "\(year)")
        #expect(months.allSatisfy { $0.year == year })
    }
}

/// Hồ Ngọc Đức's `convertSolar2Lunar`, term for term: the published algorithm the precomputed table must agree with.
///
/// One change: amlich.js steps back at most one new moon from its estimate of the month's start, which is one too
/// few on a handful of days of 1900–2199 (2054-05-07 and 2062-04-09 at UTC+7, seven days at UTC+8): the last day
/// of a 30-day month comes out as "day 0" of the next month. Here it steps back until the month has begun.
private func publishedLunarDate(of day: Day, timeZone: Double) -> LunarDate {
    let dayNumber = day.julianDay
    var k = Int(((Double(dayNumber) - 2415021.076998695) / 29.530588853).rounded(.down)) + 1
    var monthStart = LunarAstronomy.newMoonDay(k, timeZone: timeZone)
    while monthStart > dayNumber {
        k -= 1
        monthStart = LunarAstronomy.newMoonDay(k, timeZone: timeZone)
    }
    var a11 = LunarAstronomy.lunarMonth11(year: day.year, timeZone: timeZone)
    var b11 = a11
    var lunarYear: Int
    if a11 >= monthStart {
        lunarYear = day.year
        a11 = LunarAstronomy.lunarMonth11(year: day.year - 1, timeZone: timeZone)
    } else {
        lunarYear = day.year + 1
        b11 = LunarAstronomy.lunarMonth11(year: day.year + 1, timeZone: timeZone)
    }
    let lunarDay = dayNumber - monthStart + 1
    let diff = Int((Double(monthStart - a11) / 29).rounded(.down))
    var isLeap = false
    var lunarMonth = diff + 11
    if b11 - a11 > 365 {
        let leapMonthDiff = LunarAstronomy.leapMonthOffset(a11: a11, timeZone: timeZone)
        if diff >= leapMonthDiff {
            lunarMonth = diff + 10
            isLeap = diff == leapMonthDiff
        }
    }
    if lunarMonth > 12 {
        lunarMonth -= 12
    }
    if lunarMonth >= 11 && diff < 4 {
        lunarYear -= 1
    }
    return LunarDate(day: lunarDay, month: lunarMonth, year: lunarYear, isLeap: isLeap)
}

@Test("the precomputed months give the published algorithm's answer for every day", arguments: [7.0, 8.0])
func agreesWithPublishedAlgorithm(timeZoneHours: Double) {
    let calendar = LunarCalendar(timeZoneHours: timeZoneHours)
    for day in allDays {
        let expected = publishedLunarDate(of: day, timeZone: timeZoneHours)
        #expect(calendar.lunarDate(of: day) == expected, "\(day)")
    }
}
