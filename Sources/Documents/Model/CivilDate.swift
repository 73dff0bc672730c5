/// Days of the proleptic Gregorian calendar as plain counts, for Excel's date serial numbers.
enum CivilDate {
    /// Excel's serial of 1970-01-01 (its day 0 is 1899-12-30, in the 1900 date system).
    private static let serialOf1970 = 25_569
    /// Excel's serial of 1900-03-01: before it, Excel counts a 29 February 1900 that never was.
    private static let firstSafeSerial = 61

    static func isValid(year: Int, month: Int, day: Int) -> Bool {
        guard (1...12).contains(month), day >= 1 else { return false }
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return day <= lengths[month - 1]
    }

    /// Days from 1970-01-01 (Howard Hinnant's `days_from_civil`).
    static func days(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The day `days` after 1970-01-01 (`civil_from_days`).
    static func civil(days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// Excel's serial number for a valid day from 1900-03-01 on; nil for others, which are written as text.
    static func excelSerial(year: Int, month: Int, day: Int) -> Int? {
        guard isValid(year: year, month: month, day: day) else { return nil }
        let serial = days(year: year, month: month, day: day) + serialOf1970
        return serial >= firstSafeSerial ? serial : nil
    }

    /// The day of an Excel serial number from 1900-03-01 on (any time of day is dropped).
    static func day(excelSerial serial: Int) -> (year: Int, month: Int, day: Int)? {
        guard serial >= firstSafeSerial, serial < 2_958_466 else { return nil }
        return civil(days: serial - serialOf1970)
    }
}
