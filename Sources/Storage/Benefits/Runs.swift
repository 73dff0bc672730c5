import Foundation
import GRDB
import Registry
import Scheduler
import VietnameseCalendar

/// The benefit scheduler's run: every day since the last run, in one transaction, idempotent.
extension UytinDatabase {
    /// What a run did (or, dry, would do).
    public struct RunReport: Sendable, Codable, Equatable {
        public var runId: Int64?
        public var from: Day?
        public var to: Day
        public var created: Int
        public var updated: Int
        public var cancelled: Int
        public var byKind: [String: Int]
        public var dryRun: Bool
        /// True when the database was already up to date: nothing to process.
        public var upToDate: Bool
        public var rulesFingerprint: String
        public var listFingerprint: String
        /// The audit log's newest row and its hash after the run ("id:hash"), for the run's log line: a copy of the
        /// chain's head kept outside the database (`audit verify --anchor`).
        public var auditAnchor: String?
        /// The occasions whose entitlements this run created before their due date (the rule's advance days).
        public var ahead: [Ahead] = []

        /// Entitlements created ahead of their due date, for one occasion.
        public struct Ahead: Sendable, Codable, Equatable {
            public var kind: BenefitKind
            public var period: String
            /// The occasion (Tết, the festival) and the day its benefits are due.
            public var occasionDate: Day
            public var dueDate: Day
            public var advanceDays: Int
            public var created: Int
        }
    }

    /// Processes every day after the last run up to `until` (clamped to the term): creates the entitlements whose
    /// due date has come, turns recorded life events into their benefits, and cancels what a contingency period
    /// still blocks at a year's end. With `dryRun`, does all of it and rolls back.
    public func run(until: Day, dryRun: Bool = false) throws -> RunReport {
        try write(commit: !dryRun) { db in
            let setting = try Self.requireSetting(db)
            let lastTo = try Day.fetchOne(db, sql: "SELECT max(to_date) FROM run")
            let from = lastTo?.adding(days: 1) ?? setting.firstDay
            let to = min(until, setting.lastDay)
            let fingerprints = try Self.fingerprints(db)
            guard from <= to else {
                return RunReport(runId: nil, from: nil, to: lastTo ?? to, created: 0, updated: 0, cancelled: 0, byKind: [:],
                                 dryRun: dryRun, upToDate: true, rulesFingerprint: fingerprints.rules,
                                 listFingerprint: fingerprints.list, auditAnchor: try Self.auditAnchor(db)?.text)
            }
            let started = Self.timestamp()
            let runId = (try Int64.fetchOne(db, sql: "SELECT max(id) FROM run") ?? 0) + 1
            var counts = RunCounts()

            let rules = try Self.ruleBook(db)
            let processed = Set(try Row.fetchAll(db, sql: "SELECT kind, period FROM run_occasion").map { "\($0[0] as String)|\($0[1] as String)" })
            let occasions = OccasionCalendar.occasions(until: to, term: setting.firstDay...setting.lastDay, rules: rules,
                                                       festivals: try Self.festivals(db), plans: try Self.plans(db))
            var ahead: [RunReport.Ahead] = []
            for occasion in occasions {
                let done = processed.contains("\(occasion.kind.rawValue)|\(occasion.period)")
                // An occasion processed before its day (created ahead) is looked at again by each run until its day has
                // passed: whoever a decision put on the list meanwhile is owed it too. Who has it already, left or died
                // gets nothing more (the insert's own conditions).
                if done, let lastTo, occasion.date <= lastTo { continue }
                let made = try insertEntitlements(db, EntitlementBatch(occasion: occasion, runId: runId))
                counts.add(occasion.kind, made)
                if occasion.due > to, made > 0 {
                    ahead.append(.init(kind: occasion.kind, period: occasion.period, occasionDate: occasion.date, dueDate: occasion.due,
                                       advanceDays: occasion.rule.advanceDays, created: made))
                }
                if !done {
                    try db.execute(sql: "INSERT INTO run_occasion (kind, period, run_id) VALUES (?, ?, ?)",
                                   arguments: [occasion.kind.rawValue, occasion.period, runId])
                }
            }
            try processEvents(db, until: to, runId: runId, rules: rules, counts: &counts)

            // A year's end: what an open-ended period still postpones is cancelled, with the scheduler's reason for each
            // period and year.
            for year in from.year...to.year where Day(year: year, month: 12, day: 31)! <= to {
                let blocked = """
                    postponed = 1 AND status IN ('planned', 'approved') AND year <= ?
                      AND contingency_id IN (SELECT id FROM contingency WHERE to_date IS NULL OR to_date >= ?)
                    """
                let yearEnd = "\(year)-12-31"
                for row in try Row.fetchAll(db, sql: "SELECT DISTINCT contingency_id, year FROM entitlement WHERE \(blocked)",
                                            arguments: [year, yearEnd]) {
                    let contingency: Int64 = try row.decode(atIndex: 0)
                    let entitlementYear: Int = try row.decode(atIndex: 1)
                    try db.execute(sql: """
                        UPDATE entitlement SET status = 'cancelled', postponed = 0, cancel_reason = ?
                        WHERE \(blocked) AND contingency_id = ? AND year = ?
                        """, arguments: [ContingencyOutcome.stillPostponedReason(period: contingency, year: entitlementYear),
                                         year, yearEnd, contingency, entitlementYear])
                    counts.cancelled += db.changesCount
                }
            }
            counts.cancelled += try Int.fetchOne(db, sql: "SELECT count(*) FROM entitlement WHERE run_id = ? AND status = 'cancelled'",
                                                 arguments: [runId]) ?? 0
            try db.execute(sql: """
                INSERT INTO run (id, actor, started_at, finished_at, from_date, to_date, created, updated, cancelled,
                                 rules_fingerprint, list_fingerprint) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [runId, actor, started, Self.timestamp(), from.iso, to.iso, counts.created, counts.updated,
                                 counts.cancelled, fingerprints.rules, fingerprints.list])
            try audit(db, "run", entity: "run", id: runId,
                      ["from": from.iso, "to": to.iso, "created": String(counts.created), "updated": String(counts.updated),
                       "cancelled": String(counts.cancelled), "rules": fingerprints.rules, "list": fingerprints.list])
            return RunReport(runId: runId, from: from, to: to, created: counts.created, updated: counts.updated,
                             cancelled: counts.cancelled, byKind: counts.byKind, dryRun: dryRun, upToDate: false,
                             rulesFingerprint: fingerprints.rules, listFingerprint: fingerprints.list,
                             auditAnchor: try Self.auditAnchor(db)?.text, ahead: ahead)
        }
    }

    struct RunCounts {
        var created = 0
        var updated = 0
        var cancelled = 0
        var byKind: [String: Int] = [:]

        mutating func add(_ kind: BenefitKind, _ count: Int) {
            created += count
            if count > 0 { byKind[kind.rawValue, default: 0] += count }
        }
    }

    /// SHA-256 of the rules and of the list's history, so a run says exactly what it was computed from.
    static func fingerprints(_ db: Database) throws -> (rules: String, list: String) {
        let rules = try ruleBook(db).versions.map(\.fingerprintText).joined(separator: "\n")
        let list = try String.fetchOne(db, sql: """
            SELECT group_concat(id || ',' || person_id || ',' || village_id || ',' || from_date || ',' || coalesce(to_date, ''), ';')
            FROM (SELECT * FROM membership ORDER BY id)
            """) ?? ""
        return (SHA256.hex(rules), SHA256.hex(list))
    }

    /// The entitlements of one occasion (or one life event), for everybody it covers.
    struct EntitlementBatch {
        var kind: BenefitKind
        var period: String
        var date: Day
        var due: Day
        var rule: BenefitRule
        var amount: Int
        var level: Level?
        var runId: Int64
        var festivalId: Int64?
        var plan: Plan?
        var eventId: Int64?
        /// Only this person (a life event).
        var person: Int64?
        /// The person's own death: they were on the list the day before, and the benefit goes to the family.
        var condolence = false

        init(occasion: Occasion, runId: Int64) {
            kind = occasion.kind
            period = occasion.period
            date = occasion.date
            due = occasion.due
            rule = occasion.rule
            amount = occasion.rule.amount
            self.runId = runId
            festivalId = occasion.festival?.id
            plan = occasion.plan
        }

        init(event: Int64, kind: BenefitKind, period: String, date: Day, rule: BenefitRule, level: Level?, person: Int64, runId: Int64) {
            self.kind = kind
            self.period = period
            self.date = date
            due = date
            self.rule = rule
            amount = rule.amount(for: level)
            self.level = level
            self.runId = runId
            eventId = event
            self.person = person
            condolence = kind == .condolence
        }
    }

    /// One INSERT … SELECT over the list: who was on it on the benefit's date (by its history), alive, of the
    /// festival's groups or the plan's participants, under the year's limit, not already entitled; delivered as the
    /// scheduler says (`ContingencyOutcome`) for the contingency period, if any, that covers the delivery date and the
    /// person's commune or district.
    /// The two entitlement subqueries name `p.id` (the same person as `m.person_id`) so that SQLite tests them after
    /// the person's own filters (alive, festival group) instead of for every stay on the list.
    func insertEntitlements(_ db: Database, _ batch: EntitlementBatch) throws -> Int {
        let rule = batch.rule
        // What each period running on the due date would do to the benefit; a kind whose policy is `unchanged`
        // (newspapers) takes none, and so gets no lookup per person.
        let changed = try Self.contingencies(db).filter { $0.covers(batch.due) }.compactMap {
            ContingencyOutcome.during($0, policy: rule.contingencyPolicy, normal: rule.normalMethod, due: batch.due, year: batch.date.year)
        }
        let outcomes = [ContingencyOutcome.normal(method: rule.normalMethod, due: batch.due)] + changed
        var arguments: StatementArguments = [
            "kind": batch.kind, "period": batch.period, "year": batch.date.year, "date": batch.date, "amount": batch.amount,
            "level": batch.level, "rule": rule.id, "funding": rule.funding, "festival": batch.festivalId, "plan": batch.plan?.id,
            "event": batch.eventId, "person": batch.person, "run": batch.runId, "actor": actor, "now": Self.timestamp(),
            "perYear": rule.perYear, "group": batch.kind.limitGroup,
        ]
        for (index, outcome) in outcomes.enumerated() {
            arguments += [
                "contingency\(index)": outcome.contingencyId, "method\(index)": outcome.method, "due\(index)": outcome.due,
                "postponed\(index)": outcome.postponed, "status\(index)": outcome.status, "cancelReason\(index)": outcome.cancelReason,
            ]
        }
        // A column of the outcome of the period chosen for the person (c), or of the normal one (0) when there is none.
        func outcome(_ name: String) -> String {
            guard !changed.isEmpty else { return ":\(name)0" }
            let cases = changed.indices.map { "WHEN :contingency\($0 + 1) THEN :\(name)\($0 + 1)" }.joined(separator: " ")
            return "CASE c.id \(cases) ELSE :\(name)0 END"
        }
        // The period for the person's place: the most specific area first (a commune's, a district's, the province's).
        let contingency = changed.isEmpty ? "LEFT JOIN contingency c ON 0" : """
            LEFT JOIN contingency c ON c.id = (
                SELECT c2.id FROM contingency c2
                WHERE c2.id IN (\(changed.indices.map { ":contingency\($0 + 1)" }.joined(separator: ", ")))
                  AND (c2.area_id IS NULL OR c2.area_id = v.commune_id OR c2.area_id = cm.parent_id)
                ORDER BY coalesce((SELECT length(a.code) FROM area a WHERE a.id = c2.area_id), 0) DESC, c2.id DESC LIMIT 1)
            """
        var filters: [String] = []
        if batch.festivalId != nil {
            filters.append("p.ethnic_code IN (SELECT ethnic_code FROM festival_group WHERE festival_id = :festival)")
        }
        if let plan = batch.plan, !plan.everyone {
            filters.append("m.person_id IN (SELECT person_id FROM plan_participant WHERE plan_id = :plan)")
        }
        if batch.person != nil { filters.append("m.person_id = :person") }
        let listed = batch.condolence
            ? "m.from_date < :date AND (m.to_date IS NULL OR m.to_date >= :date)"
            : "m.from_date <= :date AND (m.to_date IS NULL OR m.to_date > :date) AND (p.death_date IS NULL OR p.death_date > :date)"
        let sql = """
            INSERT INTO entitlement (person_id, kind, period, year, occasion_date, due_date, amount, level, rule_id, funding, method,
                                     contingency_id, postponed, status, cancel_reason, festival_id, plan_id, event_id, run_id,
                                     created_by, created_at)
            SELECT m.person_id, :kind, :period, :year, :date, \(outcome("due")), :amount, :level, :rule, :funding, \(outcome("method")),
                   \(outcome("contingency")), \(outcome("postponed")), \(outcome("status")), \(outcome("cancelReason")),
                   :festival, :plan, :event, :run, :actor, :now
            FROM membership m
            JOIN person p ON p.id = m.person_id
            JOIN village v ON v.id = m.village_id
            JOIN area cm ON cm.id = v.commune_id
            \(contingency)
            WHERE \(listed)
              \(filters.map { "AND " + $0 }.joined(separator: "\n  "))
              AND NOT EXISTS (SELECT 1 FROM entitlement e WHERE e.person_id = p.id AND e.kind = :kind AND e.period = :period)
              AND (:perYear IS NULL OR (SELECT count(*) FROM entitlement e JOIN benefit_kind k ON k.code = e.kind
                                        WHERE e.person_id = p.id AND e.year = :year AND e.status <> 'cancelled'
                                          AND k.limit_group = :group) < :perYear)
            """
        // Cached: the text varies only with the filters and the number of periods, and a run executes it once per
        // occasion and life event; compiling it (with the entitlement table's trigger and constraints) costs more
        // than a one-person insert.
        try db.cachedStatement(sql: sql).execute(arguments: arguments)
        return db.changesCount
    }

    /// A `life_event` row a run has yet to process.
    struct LifeEventRow: FetchableRecord {
        var id: Int64
        var person: Int64
        var kind: EventKind
        var date: Day
        var level: Level?

        init(row: Row) throws {
            id = try row.decode(forColumn: "id")
            person = try row.decode(forColumn: "person_id")
            kind = try row.decode(forColumn: "kind")
            date = try row.decode(forColumn: "event_date")
            level = try row.decode(forColumn: "level")
        }
    }

    /// Life events not yet processed, up to `until`, in date order: each brings its benefit once. Reports of the same
    /// nature in one period give one benefit, at the highest tier (`HighestTierOnly`).
    private func processEvents(_ db: Database, until: Day, runId: Int64, rules: RuleBook, counts: inout RunCounts) throws {
        let events = try LifeEventRow.fetchAll(db, sql: """
            SELECT id, person_id, kind, event_date, level FROM life_event
            WHERE processed_by IS NULL AND event_date <= ? ORDER BY event_date, id
            """, arguments: [until.iso])
        for event in events {
            try db.cachedStatement(sql: "UPDATE life_event SET processed_by = ? WHERE id = ?").execute(arguments: [runId, event.id])
            guard let rule = rules.rule(event.kind.benefit, on: event.date) else { continue }
            let period = PeriodKey.event(event.kind, id: event.id, on: event.date)
            if HighestTierOnly.applies(to: event.kind), let existing = try Row.fetchOne(db.cachedStatement(sql: """
                SELECT id, amount, status FROM entitlement WHERE person_id = ? AND kind = ? AND period = ?
                """), arguments: [event.person, event.kind.benefit, period]) {
                let id: Int64 = try existing.decode(forColumn: "id")
                if let amount = HighestTierOnly.raisedAmount(current: try existing.decode(forColumn: "amount"),
                                                             status: try existing.decode(forColumn: "status"),
                                                             reported: rule.amount(for: event.level)) {
                    try db.execute(sql: "UPDATE entitlement SET amount = ?, level = ?, event_id = ? WHERE id = ?",
                                   arguments: [amount, event.level, event.id, id])
                    try audit(db, "entitlement.raise", entity: "entitlement", id: id,
                              ["event": String(event.id), "amount": String(amount), "level": event.level?.rawValue ?? ""])
                    counts.updated += 1
                }
                continue
            }
            let made = try insertEntitlements(db, EntitlementBatch(event: event.id, kind: event.kind.benefit, period: period,
                                                                   date: event.date, rule: rule, level: event.level,
                                                                   person: event.person, runId: runId))
            counts.add(event.kind.benefit, made)
        }
    }
}
