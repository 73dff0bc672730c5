import Foundation
import VietnameseCalendar

/// The period of an entitlement: with the person and the benefit's kind, what makes it unique (the schema's
/// UNIQUE (kind, period, person_id)), so that no run, however often repeated, gives a benefit twice. Every key is
/// made here; a run's record of the occasions it processed uses the same keys.
public enum PeriodKey {
    /// Tết Nguyên đán of a Gregorian year: "2022".
    public static func lunarNewYear(_ year: Int) -> String {
        String(year)
    }

    /// A festival in a Gregorian year: "festival-3-2022".
    public static func festival(_ id: Int64, year: Int) -> String {
        "festival-\(id)-\(year)"
    }

    /// A month's newspapers: "2022-03".
    public static func month(year: Int, month: Int) -> String {
        String(format: "%04d-%02d", year, month)
    }

    /// A planned gathering: "plan-7".
    public static func plan(_ id: Int64) -> String {
        "plan-\(id)"
    }

    /// A life event's benefit. A sickness gives one visit a year, whatever the reports ("2022": see
    /// `HighestTierOnly`); a person dies once ("death"); any other event is its own ("event-12").
    public static func event(_ kind: EventKind, id: Int64, on date: Day) -> String {
        switch kind {
        case .hospitalized: String(date.year)
        case .death: "death"
        case .hardship, .relativeDeath: "event-\(id)"
        }
    }
}
