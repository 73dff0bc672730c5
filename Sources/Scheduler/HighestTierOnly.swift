/// "Same nature, highest only" (DOMAIN.md §4): a person who qualifies for several supports of the same nature gets
/// only the highest. Two reports of the same sickness in a year (visited from two levels) are one visit, at the
/// higher tier.
public enum HighestTierOnly {
    /// True when the reports of `kind` in one period (`PeriodKey.event`) give one benefit: a sickness, whose visit
    /// is at most once a year.
    public static func applies(to kind: EventKind) -> Bool {
        kind == .hospitalized
    }

    /// The amount the benefit already made is raised to by another report worth `reported`, or nil when it stays
    /// as it is: only a higher amount raises it, and only while it is planned or approved (what was delivered or
    /// cancelled is history).
    public static func raisedAmount(current: Int, status: EntitlementStatus, reported: Int) -> Int? {
        guard reported > current, status == .planned || status == .approved else { return nil }
        return reported
    }
}
