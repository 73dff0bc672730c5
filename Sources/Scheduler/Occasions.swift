import Registry
import VietnameseCalendar

/// A festival clerks keep in the festival table: a lunar or solar month-day rule, or the date of one year.
public struct Festival: Sendable, Codable, Equatable {
    public enum Rule: Sendable, Codable, Equatable {
        case lunar(month: Int, day: Int)
        case solar(month: Int, day: Int)
        /// Festivals that follow other calendars (Chăm, Khmer, Mông): the date a clerk enters for one year.
        case dated(Day)
    }

    public var id: Int64
    public var name: String
    public var ethnicCodes: [String]
    public var rule: Rule
    /// The day the festival gives gifts from (`festival set --from`): none for its days before; nil for the festivals
    /// set before that option, which give them for the whole term.
    public var since: Day?

    public init(id: Int64, name: String, ethnicCodes: [String], rule: Rule, since: Day? = nil) {
        self.id = id
        self.name = name
        self.ethnicCodes = ethnicCodes
        self.rule = rule
        self.since = since
    }

    /// The festival's day in a Gregorian year, if it has one that year.
    public func day(inYear year: Int) -> Day? {
        switch rule {
        case let .solar(month, day):
            return Day(year: year, month: month, day: day)
        case let .dated(date):
            return date.year == year ? date : nil
        case let .lunar(month, day):
            // The lunar year that puts this month-day in `year`: the same number, or the one before for a day
            // late in the lunar year that falls in January or February.
            for lunarYear in [year, year - 1] {
                if let found = try? LunarCalendar.vietnam.solarDay(lunarMonth: month, day: day, inLunarYear: lunarYear),
                   found.year == year {
                    return found
                }
            }
            return nil
        }
    }
}

/// A planned gathering (training, study tour, commendation) with its participants.
public struct Plan: Sendable, Codable, Equatable {
    public var id: Int64
    public var kind: PlanKind
    public var date: Day
    public var name: String
    /// Everybody on the list on the plan's date, or just `persons`.
    public var everyone: Bool
    public var persons: [Int64]

    public init(id: Int64, kind: PlanKind, date: Day, name: String, everyone: Bool, persons: [Int64]) {
        self.id = id
        self.kind = kind
        self.date = date
        self.name = name
        self.everyone = everyone
        self.persons = persons
    }
}

/// One occasion of a scheduled benefit: a Tết, a festival of a year, a month's newspapers, a plan.
public struct Occasion: Sendable, Equatable {
    public var kind: BenefitKind
    /// What makes the entitlement unique with the person and kind (see `PeriodKey`): "2022" (Tết of 2022),
    /// "festival-3-2022", "2022-03", "plan-7".
    public var period: String
    /// The benefit's own date (Tết, the festival, the month's first day, the gathering).
    public var date: Day
    /// When to deliver: the date less the rule's lead days.
    public var due: Day
    public var rule: BenefitRule
    public var festival: Festival?
    public var plan: Plan?

    public init(kind: BenefitKind, period: String, date: Day, due: Day, rule: BenefitRule, festival: Festival? = nil, plan: Plan? = nil) {
        self.kind = kind
        self.period = period
        self.date = date
        self.due = due
        self.rule = rule
        self.festival = festival
        self.plan = plan
    }
}

/// The versions of every benefit's rule; answers "which rule applied on that day?".
public struct RuleBook: Sendable {
    public let versions: [BenefitRule]

    public init(_ versions: [BenefitRule]) {
        self.versions = versions.sorted { ($0.kind.rawValue, $0.validFrom) < ($1.kind.rawValue, $1.validFrom) }
    }

    /// The version of `kind` in force on `day`: the latest that starts on or before it.
    public func rule(_ kind: BenefitKind, on day: Day) -> BenefitRule? {
        versions.last { $0.kind == kind && $0.validFrom <= day }
    }
}

/// Finds the occasions of the scheduled benefits (not life events, which come from the event table).
public enum OccasionCalendar {
    /// Every occasion whose benefit date falls in `term` and that a run on `until` creates: its due date less the
    /// rule's advance days (`BenefitRule.creationDay`) is on or before `until`. A festival gives no occasion before
    /// the day it was added from. In the order a run processes them: by due date, then kind, then period.
    public static func occasions(until: Day, term: ClosedRange<Day>, rules: RuleBook, festivals: [Festival],
                                 plans: [Plan]) -> [Occasion] {
        var found: [Occasion] = []
        func add(_ kind: BenefitKind, _ period: String, _ date: Day, festival: Festival? = nil, plan: Plan? = nil) {
            guard term.contains(date), let rule = rules.rule(kind, on: date) else { return }
            if let since = festival?.since, date < since { return }
            let due = date.adding(days: -rule.leadDays)
            guard rule.creationDay(due: due) <= until else { return }
            found.append(Occasion(kind: kind, period: period, date: date, due: due, rule: rule, festival: festival, plan: plan))
        }
        let lastYear = min(term.upperBound.year, until.year + 1)
        for year in term.lowerBound.year...max(term.lowerBound.year, lastYear) {
            add(.lunarNewYearGift, PeriodKey.lunarNewYear(year), LunarCalendar.vietnam.tet(year: year))
            for festival in festivals {
                if let day = festival.day(inYear: year) {
                    add(.festivalGift, PeriodKey.festival(festival.id, year: year), day, festival: festival)
                }
            }
            for month in 1...12 {
                add(.newspaper, PeriodKey.month(year: year, month: month), Day(year: year, month: month, day: 1)!)
            }
        }
        for plan in plans {
            add(plan.kind.benefit, PeriodKey.plan(plan.id), plan.date, plan: plan)
        }
        return found.sorted { ($0.due, $0.kind.rawValue, $0.period) < ($1.due, $1.kind.rawValue, $1.period) }
    }
}
