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
    }

    /// Processes every day after the last run up to `until` (clamped to the term): creates the entitlements whose
    /// due date has come, turns recorded life events into their benefits, and cancels what a contingency period
    /// still blocks at a year's end. With `dryRun`, does all of it and rolls back.
    public func run(until: Day, dryRun: Bool = false) throws -> RunReport {
        try write(commit: !dryRun) { db in
            let setting = try Self.requireSetting(db)
            let lastTo = try String.fetchOne(db, sql: "SELECT max(to_date) FROM run").flatMap(Day.init(parsing:))
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
            for occasion in occasions where !processed.contains("\(occasion.kind.rawValue)|\(occasion.period)") {
                let made = try insertEntitlements(db, EntitlementBatch(occasion: occasion, runId: runId))
                counts.add(occasion.kind, made)
                try db.execute(sql: "INSERT INTO run_occasion (kind, period, run_id) VALUES (?, ?, ?)",
                               arguments: [occasion.kind.rawValue, occasion.period, runId])
            }
            try processEvents(db, until: to, runId: runId, rules: rules, counts: &counts)

            // A year's end: what an open-ended period still postpones is cancelled, with the reason.
            for year in from.year...to.year where Day(year: year, month: 12, day: 31)! <= to {
                try db.execute(sql: """
                    UPDATE entitlement SET status = 'cancelled', postponed = 0,
                        cancel_reason = 'Hoãn do dịch đến hết năm ' || year || ' vẫn chưa thực hiện được (giai đoạn ứng phó #' || contingency_id || ')'
                    WHERE postponed = 1 AND status IN ('planned', 'approved') AND year <= ?
                      AND contingency_id IN (SELECT id FROM contingency WHERE to_date IS NULL OR to_date >= ?)
                    """, arguments: [year, "\(year)-12-31"])
                counts.cancelled += db.changesCount
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
                             auditAnchor: try Self.auditAnchor(db)?.text)
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
    /// festival's groups or the plan's participants, under the year's limit, not already entitled; with the
    /// contingency period, if any, that covers the delivery date and the person's commune or district.
    /// The two entitlement subqueries name `p.id` (the same person as `m.person_id`) so that SQLite tests them after
    /// the person's own filters (alive, festival group) instead of for every stay on the list.
    func insertEntitlements(_ db: Database, _ batch: EntitlementBatch) throws -> Int {
        let outcome = ContingencyOutcome.of(batch.rule.contingencyPolicy, normal: batch.rule.normalMethod)
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
        let blockedReason = "'Hủy do giai đoạn ứng phó #' || c.id || ': ' || c.reason"
        // The period that covers the delivery and the person's place; a kind whose policy is `unchanged` (newspapers)
        // never takes one, so it gets no lookup per person: its c.* are NULL either way.
        let contingency = batch.rule.contingencyPolicy != .unchanged ? """
            LEFT JOIN contingency c ON c.id = (
                SELECT c2.id FROM contingency c2
                WHERE :usesContingency AND c2.from_date <= :due AND (c2.to_date IS NULL OR c2.to_date >= :due)
                  AND (c2.area_id IS NULL OR c2.area_id = v.commune_id OR c2.area_id = cm.parent_id)
                ORDER BY coalesce((SELECT length(a.code) FROM area a WHERE a.id = c2.area_id), 0) DESC, c2.id DESC LIMIT 1)
            """ : "LEFT JOIN contingency c ON 0"
        let sql = """
            INSERT INTO entitlement (person_id, kind, period, year, occasion_date, due_date, amount, level, rule_id, funding, method,
                                     contingency_id, postponed, status, cancel_reason, festival_id, plan_id, event_id, run_id,
                                     created_by, created_at)
            SELECT m.person_id, :kind, :period, :year, :date,
                   CASE WHEN c.id IS NOT NULL AND :postpone AND c.to_date IS NOT NULL THEN date(c.to_date, '+1 day') ELSE :due END,
                   :amount, :level, :rule, :funding,
                   CASE WHEN c.id IS NULL THEN :normal ELSE :contingencyMethod END,
                   c.id,
                   CASE WHEN c.id IS NOT NULL AND :postpone AND c.to_date IS NULL THEN 1 ELSE 0 END,
                   CASE WHEN c.id IS NOT NULL AND (:cancel OR (:postpone AND c.to_date IS NOT NULL AND c.to_date >= :yearEnd))
                        THEN 'cancelled' ELSE 'planned' END,
                   CASE WHEN c.id IS NOT NULL AND :cancel THEN \(blockedReason)
                        WHEN c.id IS NOT NULL AND :postpone AND c.to_date IS NOT NULL AND c.to_date >= :yearEnd
                        THEN 'Hoãn do dịch đến hết năm vẫn chưa thực hiện được (giai đoạn ứng phó #' || c.id || ')' END,
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
        // Cached: the text varies only with the filters, and a run executes it once per occasion and life event;
        // compiling it (with the entitlement table's trigger and constraints) costs more than a one-person insert.
        try db.cachedStatement(sql: sql).execute(arguments: [
            "kind": batch.kind.rawValue, "period": batch.period, "year": batch.date.year, "date": batch.date.iso,
            "due": batch.due.iso, "yearEnd": "\(batch.date.year)-12-31", "amount": batch.amount, "level": batch.level?.rawValue,
            "rule": batch.rule.id, "funding": batch.rule.funding.rawValue, "normal": batch.rule.normalMethod.rawValue,
            "contingencyMethod": outcome.method.rawValue, "postpone": outcome.postponed, "cancel": outcome.cancelled,
            "usesContingency": batch.rule.contingencyPolicy != .unchanged, "festival": batch.festivalId, "plan": batch.plan?.id,
            "event": batch.eventId, "person": batch.person, "run": batch.runId, "actor": actor, "now": Self.timestamp(),
            "perYear": batch.rule.perYear, "group": batch.kind.limitGroup,
        ])
        return db.changesCount
    }

    /// Life events not yet processed, up to `until`, in date order: each brings its benefit once. Two reports of the
    /// same sickness in a year give one visit, at the higher tier ("same nature, highest only").
    private func processEvents(_ db: Database, until: Day, runId: Int64, rules: RuleBook, counts: inout RunCounts) throws {
        let events = try Row.fetchAll(db, sql: """
            SELECT id, person_id, kind, event_date, level FROM life_event
            WHERE processed_by IS NULL AND event_date <= ? ORDER BY event_date, id
            """, arguments: [until.iso])
        for row in events {
            let eventId: Int64 = row["id"]
            let kind = EventKind(rawValue: row["kind"])!
            let date = Day(parsing: row["event_date"])!
            let level = (row["level"] as String?).flatMap(Level.init(rawValue:))
            let person: Int64 = row["person_id"]
            try db.cachedStatement(sql: "UPDATE life_event SET processed_by = ? WHERE id = ?").execute(arguments: [runId, eventId])
            guard let rule = rules.rule(kind.benefit, on: date) else { continue }
            let period: String = switch kind {
            case .hospitalized: String(date.year)
            case .death: "death"
            case .hardship, .relativeDeath: "event-\(eventId)"
            }
            if kind == .hospitalized, let existing = try Row.fetchOne(db.cachedStatement(sql: """
                SELECT id, amount, status FROM entitlement WHERE person_id = ? AND kind = 'sick_visit' AND period = ?
                """), arguments: [person, period]) {
                let amount = rule.amount(for: level)
                let status: String = existing["status"]
                if amount > existing["amount"] as Int, status == "planned" || status == "approved" {
                    try db.execute(sql: "UPDATE entitlement SET amount = ?, level = ?, event_id = ? WHERE id = ?",
                                   arguments: [amount, level?.rawValue, eventId, existing["id"] as Int64])
                    try audit(db, "entitlement.raise", entity: "entitlement", id: existing["id"],
                              ["event": String(eventId), "amount": String(amount), "level": level?.rawValue ?? ""])
                    counts.updated += 1
                }
                continue
            }
            let made = try insertEntitlements(db, EntitlementBatch(event: eventId, kind: kind.benefit, period: period, date: date,
                                                                   rule: rule, level: level, person: person, runId: runId))
            counts.add(kind.benefit, made)
        }
    }
}
