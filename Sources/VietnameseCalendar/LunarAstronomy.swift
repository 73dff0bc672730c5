import Foundation

/// Hồ Ngọc Đức's rules for the lunisolar calendar ("Thuật toán tính âm lịch", amlich.js), kept term for term so
/// that each function can be checked against his published one. Julian days are whole day numbers; `timeZone` is
/// the meridian's offset from UTC in hours (Vietnam 7, China 8).
enum LunarAstronomy {
    /// Julian day number (with fraction, UT) of the `k`-th new moon after the one of 1900-01-01, after Meeus's
    /// "Astronomical Algorithms"; Hồ Ngọc Đức's `NewMoon(k)`.
    static func newMoon(_ k: Int) -> Double {
        let k = Double(k)
        let t = k / 1236.85  // Julian centuries from 1900 January 0.5
        let t2 = t * t
        let t3 = t2 * t
        let dr = Double.pi / 180
        var jd1 = 2415020.75933 + 29.53058868 * k + 0.0001178 * t2 - 0.000000155 * t3
        jd1 = jd1 + 0.00033 * sin((166.56 + 132.87 * t - 0.009173 * t2) * dr)  // mean new moon
        let m = 359.2242 + 29.10535608 * k - 0.0000333 * t2 - 0.00000347 * t3  // Sun's mean anomaly
        let mpr = 306.0253 + 385.81691806 * k + 0.0107306 * t2 + 0.00001236 * t3  // Moon's mean anomaly
        let f = 21.2964 + 390.67050646 * k - 0.0016528 * t2 - 0.00000239 * t3  // Moon's argument of latitude
        var c1 = (0.1734 - 0.000393 * t) * sin(m * dr) + 0.0021 * sin(2 * dr * m)
        c1 = c1 - 0.4068 * sin(mpr * dr) + 0.0161 * sin(dr * 2 * mpr)
        c1 = c1 - 0.0004 * sin(dr * 3 * mpr)
        c1 = c1 + 0.0104 * sin(dr * 2 * f) - 0.0051 * sin(dr * (m + mpr))
        c1 = c1 - 0.0074 * sin(dr * (m - mpr)) + 0.0004 * sin(dr * (2 * f + m))
        c1 = c1 - 0.0004 * sin(dr * (2 * f - m)) - 0.0006 * sin(dr * (2 * f + mpr))
        c1 = c1 + 0.0010 * sin(dr * (2 * f - mpr)) + 0.0005 * sin(dr * (2 * mpr + m))
        let deltaT: Double
        if t < -11 {
            deltaT = 0.001 + 0.000839 * t + 0.0002261 * t2 - 0.00000845 * t3 - 0.000000081 * t * t3
        } else {
            deltaT = -0.000278 + 0.000265 * t + 0.000262 * t2
        }
        return jd1 + c1 - deltaT
    }

    /// The Sun's apparent longitude in radians, in [0, 2π), at Julian day `jdn` (UT); `SunLongitude(jdn)`.
    static func sunLongitude(_ jdn: Double) -> Double {
        let t = (jdn - 2451545.0) / 36525  // Julian centuries from 2000-01-01 12:00 UT
        let t2 = t * t
        let dr = Double.pi / 180
        let m = 357.52910 + 35999.05030 * t - 0.0001559 * t2 - 0.00000048 * t * t2  // mean anomaly, degrees
        let l0 = 280.46645 + 36000.76983 * t + 0.0003032 * t2  // mean longitude, degrees
        var dl = (1.914600 - 0.004817 * t - 0.000014 * t2) * sin(dr * m)
        dl = dl + (0.019993 - 0.000101 * t) * sin(dr * 2 * m) + 0.000290 * sin(dr * 3 * m)
        var l = (l0 + dl) * dr  // true longitude
        l = l - Double.pi * 2 * floor(l / (Double.pi * 2))
        return l
    }

    /// The day (Julian day number, local) of the `k`-th new moon; `getNewMoonDay(k, timeZone)`.
    static func newMoonDay(_ k: Int, timeZone: Double) -> Int {
        Int(floor(newMoon(k) + 0.5 + timeZone / 24))
    }

    /// Which of the 12 sectors of 30° between major solar terms the Sun is in at local midnight starting day
    /// `dayNumber` (0 = from the spring equinox; 9 = from the winter solstice); `getSunLongitude(dayNumber, timeZone)`.
    static func sunSector(dayNumber: Int, timeZone: Double) -> Int {
        Int(floor(sunLongitude(Double(dayNumber) - 0.5 - timeZone / 24) / Double.pi * 6))
    }

    /// The first day of the lunar month 11 that holds the winter solstice of Gregorian `year`;
    /// `getLunarMonth11(yy, timeZone)`.
    static func lunarMonth11(year: Int, timeZone: Double) -> Int {
        let off = julianDayOfDecember31(year) - 2415021
        let k = Int(floor(Double(off) / 29.530588853))
        let candidate = newMoonDay(k, timeZone: timeZone)
        if sunSector(dayNumber: candidate, timeZone: timeZone) >= 9 {  // that new moon comes after the solstice
            return newMoonDay(k - 1, timeZone: timeZone)
        }
        return candidate
    }

    /// The Julian day number of 31 December of any Gregorian `year`, also beyond the years 1…9999 that `Day`
    /// covers: the calendar repeats every 400 years (146,097 days).
    static func julianDayOfDecember31(_ year: Int) -> Int {
        let cycles = Int(floor(Double(year - 2000) / 400))
        return Day(year: year - 400 * cycles, month: 12, day: 31)!.julianDay + cycles * 146_097
    }

    /// The index `k` of the new moon that starts the month beginning on day `monthStart`.
    static func newMoonIndex(startingDay monthStart: Int) -> Int {
        Int(floor((Double(monthStart) - 2415021.076998695) / 29.530588853 + 0.5))
    }

    /// In a 13-month year that starts with the month 11 beginning on day `a11`: how many months after it the
    /// leap month comes, i.e. the first month with no major solar term; `getLeapMonthOffset(a11, timeZone)`.
    static func leapMonthOffset(a11: Int, timeZone: Double) -> Int {
        let k = newMoonIndex(startingDay: a11)
        var i = 1  // from the month after month 11
        var arc = sunSector(dayNumber: newMoonDay(k + i, timeZone: timeZone), timeZone: timeZone)
        var last: Int
        repeat {
            last = arc
            i += 1
            arc = sunSector(dayNumber: newMoonDay(k + i, timeZone: timeZone), timeZone: timeZone)
        } while arc != last && i < 14
        return i - 1
    }
}
