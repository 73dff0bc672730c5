import Foundation
import VietnameseCalendar

// Converts every day from 1900-01-01 to 2199-12-31 to its lunar date, then every lunar date back, and prints how
// long each took (the fastest of a few passes) and the days per second.

let first = Day(year: 1900, month: 1, day: 1)!
let last = Day(year: 2199, month: 12, day: 31)!
let days = (first.julianDay...last.julianDay).map(Day.init(julianDay:))
let passes = 5
let clock = ContinuousClock()

func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
}

/// The shortest of `passes` runs of `work`, in seconds.
func fastest(_ work: () -> Void) -> Double {
    (0..<passes).map { _ in seconds(clock.measure(work)) }.min()!
}

let start = clock.now
let calendar = LunarCalendar(timeZoneHours: 7)
let tableSeconds = seconds(clock.now - start)

var lunarDates: [LunarDate] = []
let toLunarSeconds = fastest {
    lunarDates = days.map(calendar.lunarDate(of:))
}

var solarDays: [Day] = []
let toSolarSeconds = fastest {
    solarDays = lunarDates.map { lunar in
        do {
            return try calendar.solarDay(of: lunar)
        } catch {
            fatalError("\(lunar): \(error)")
        }
    }
}
guard solarDays == days else { fatalError("lunar → solar did not give back the days it started from") }

func line(_ label: String, _ seconds: Double, perSecond: Bool = true) -> String {
    let rate = perSecond ? String(format: "   %6.1f million days/s", Double(days.count) / seconds / 1e6) : ""
    return label.padding(toLength: 34, withPad: " ", startingAt: 0) + String(format: "%8.2f ms", seconds * 1000) + rate
}

print("Lunar calendar (UTC+7), \(days.count) days from \(first) to \(last), release build, fastest of \(passes) passes:")
print(line("  month table for 1899–2199 (once)", tableSeconds, perSecond: false))
print(line("  solar → lunar, every day", toLunarSeconds))
print(line("  lunar → solar, every day", toSolarSeconds))
print(line("  total", tableSeconds + toLunarSeconds + toSolarSeconds, perSecond: false))
