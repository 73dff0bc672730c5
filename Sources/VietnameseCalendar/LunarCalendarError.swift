import Foundation

/// Why a lunar date has no Gregorian day.
public enum LunarCalendarError: Error, Equatable, Sendable, LocalizedError {
    /// The month is not 1…12.
    case monthOutOfRange(month: Int)
    /// The day is not 1…30.
    case dayOutOfRange(day: Int)
    /// The lunar year is outside `LunarCalendar.supportedLunarYears`.
    case yearOutOfRange(year: Int)
    /// The year has no leap month `month`; `leapMonth` is the one it has, if any.
    case noSuchLeapMonth(month: Int, year: Int, leapMonth: Int?)
    /// Day 30 was asked of a month that has 29 days that year.
    case monthHas29Days(month: Int, isLeap: Bool, year: Int)

    /// What was wrong and what to do, in Vietnamese.
    public var vietnamese: String {
        switch self {
        case .monthOutOfRange(let month):
            return "Không có tháng âm lịch \(month): hãy nhập tháng từ 1 đến 12."
        case .dayOutOfRange(let day):
            return "Không có ngày âm lịch \(day): hãy nhập ngày từ 1 đến 30."
        case .yearOutOfRange(let year):
            let years = LunarCalendar.supportedLunarYears
            return "Năm âm lịch \(year) nằm ngoài khoảng lịch tính được: hãy nhập năm từ \(years.lowerBound) đến \(years.upperBound)."
        case .noSuchLeapMonth(let month, let year, nil):
            return "Năm \(Self.yearInWords(year)) không có tháng nhuận: hãy nhập tháng \(month) thường."
        case .noSuchLeapMonth(let month, let year, let leapMonth?):
            return "Năm \(Self.yearInWords(year)) không có tháng \(month) nhuận mà chỉ có tháng \(leapMonth) nhuận: hãy nhập tháng \(month) thường hoặc tháng \(leapMonth) nhuận."
        case .monthHas29Days(let month, let isLeap, let year):
            return "Tháng \(month)\(isLeap ? " nhuận" : "") năm \(Self.yearInWords(year)) chỉ có 29 ngày: hãy nhập ngày từ 1 đến 29."
        }
    }

    /// What was wrong and what to do, in English.
    public var english: String {
        switch self {
        case .monthOutOfRange(let month):
            return "There is no lunar month \(month): give a month from 1 to 12."
        case .dayOutOfRange(let day):
            return "There is no lunar day \(day): give a day from 1 to 30."
        case .yearOutOfRange(let year):
            let years = LunarCalendar.supportedLunarYears
            return "Lunar year \(year) is outside the years the calendar covers: give a year from \(years.lowerBound) to \(years.upperBound)."
        case .noSuchLeapMonth(let month, let year, nil):
            return "Lunar year \(Self.yearInWords(year)) has no leap month: give month \(month) as an ordinary month."
        case .noSuchLeapMonth(let month, let year, let leapMonth?):
            return "Lunar year \(Self.yearInWords(year)) has no leap month \(month), only a leap month \(leapMonth): give an ordinary month \(month) or the leap month \(leapMonth)."
        case .monthHas29Days(let month, let isLeap, let year):
            return "\(isLeap ? "Leap lunar month" : "Lunar month") \(month) of \(Self.yearInWords(year)) has only 29 days: give a day from 1 to 29."
        }
    }

    /// The Vietnamese text, the product's default language.
    public var errorDescription: String? { vietnamese }

    /// "Nhâm Dần (2022)".
    private static func yearInWords(_ year: Int) -> String {
        "\(LunarCalendar.yearName(year)) (\(year))"
    }
}
