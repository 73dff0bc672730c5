import Foundation
import GRDB
import Registry
import Scheduler
import VietnameseCalendar

/// Benefit rules: versions by date, never edited.
extension UytinDatabase {
    /// Installs the shipped rules (confirmed caps and labelled samples) that are not there yet.
    static func installShippedRules(_ db: Database, actor: String) throws {
        for rule in ShippedRules.all() {
            try insertRule(db, rule, actor: actor, ignoreExisting: true)
        }
    }

    @discardableResult
    static func insertRule(_ db: Database, _ rule: BenefitRule, actor: String, ignoreExisting: Bool = false) throws -> Int64? {
        try db.execute(sql: """
            INSERT \(ignoreExisting ? "OR IGNORE" : "") INTO benefit_rule (kind, valid_from, amount, cap, tiers, per_year, lead_days,
                advance_days, advance_sample, funding, normal_method, contingency_policy, basis, source, created_by, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [rule.kind.rawValue, rule.validFrom.iso, rule.amount, rule.cap, rule.tiersText, rule.perYear,
                             rule.leadDays, rule.advanceDays, rule.advanceIsSample, rule.funding.rawValue, rule.normalMethod.rawValue, rule.contingencyPolicy.rawValue,
                             rule.basis, rule.source.rawValue, actor, timestamp()])
        return db.changesCount > 0 ? db.lastInsertedRowID : nil
    }

    /// A `benefit_rule` row.
    struct RuleRow: FetchableRecord {
        let rule: BenefitRule

        init(row: Row) throws {
            let tiersText: String = try row.decode(forColumn: "tiers")
            guard let tiers = try? BenefitRule.parseTiers(tiersText) else {
                throw UnreadableValue(column: "tiers", value: tiersText)
            }
            rule = BenefitRule(id: try row.decode(forColumn: "id"), kind: try row.decode(forColumn: "kind"),
                               validFrom: try row.decode(forColumn: "valid_from"), amount: try row.decode(forColumn: "amount"),
                               cap: try row.decode(forColumn: "cap"), tiers: tiers, perYear: try row.decode(forColumn: "per_year"),
                               leadDays: try row.decode(forColumn: "lead_days"), advanceDays: try row.decode(forColumn: "advance_days"),
                               advanceIsSample: try row.decode(forColumn: "advance_sample"), funding: try row.decode(forColumn: "funding"),
                               normalMethod: try row.decode(forColumn: "normal_method"),
                               contingencyPolicy: try row.decode(forColumn: "contingency_policy"),
                               basis: try row.decode(forColumn: "basis"), source: try row.decode(forColumn: "source"))
        }
    }

    static func ruleBook(_ db: Database) throws -> RuleBook {
        RuleBook(try RuleRow.fetchAll(db, sql: "SELECT * FROM benefit_rule").map(\.rule))
    }

    /// Every version of every rule, or with `on`, the version of each kind in force that day.
    public func rules(on day: Day? = nil) throws -> [BenefitRule] {
        try read { db in
            let book = try Self.ruleBook(db)
            guard let day else { return book.versions }
            return BenefitKind.allCases.compactMap { book.rule($0, on: day) }
        }
    }

    /// What `rule set` may change; nil keeps the value of the version in force on the new version's date.
    public struct RuleChange: Sendable {
        public var amount: Int
        public var cap: Int??
        public var tiers: [Level: Int]?
        public var perYear: Int??
        public var leadDays: Int?
        /// Days before the due date a run creates the entitlement; nil keeps the version in force's.
        public var advanceDays: Int?
        public var funding: FundingLevel?
        public var normalMethod: DeliveryMethod?
        public var contingencyPolicy: ContingencyPolicy?
        public var basis: String?

        public init(amount: Int, cap: Int?? = nil, tiers: [Level: Int]? = nil, perYear: Int?? = nil, leadDays: Int? = nil,
                    advanceDays: Int? = nil, funding: FundingLevel? = nil, normalMethod: DeliveryMethod? = nil,
                    contingencyPolicy: ContingencyPolicy? = nil, basis: String? = nil) {
            self.amount = amount
            self.cap = cap
            self.tiers = tiers
            self.perYear = perYear
            self.leadDays = leadDays
            self.advanceDays = advanceDays
            self.funding = funding
            self.normalMethod = normalMethod
            self.contingencyPolicy = contingencyPolicy
            self.basis = basis
        }
    }

    /// Adds a version of a kind's rule from `from` on; history is never edited. Returns the new version.
    public func setRule(_ kind: BenefitKind, from: Day, _ change: RuleChange) throws -> BenefitRule {
        try setRuleReporting(kind, from: from, change).rule
    }

    /// A new rule version, and the planned entitlements it re-priced.
    public struct RuleSetResult: Sendable {
        public var rule: BenefitRule
        /// Entitlements of occasions from the version's date on, created (ahead) under the version before and not yet
        /// approved, that now follow the new version.
        public var repriced: [Int64]
    }

    /// Adds a version as `setRule` does. Entitlements created ahead of their occasion under the version it follows, still
    /// planned (not approved), take the new version: the version in force on the occasion's day applies. Approved and
    /// delivered ones never change.
    public func setRuleReporting(_ kind: BenefitKind, from: Day, _ change: RuleChange) throws -> RuleSetResult {
        try write { db in
            let book = try Self.ruleBook(db)
            if book.versions.contains(where: { $0.kind == kind && $0.validFrom == from }) {
                throw RegistryError("rule_exists",
                                    vi: "Đã có phiên bản quy định \"\(kind.label.vi)\" từ ngày \(from.vietnamese); lịch sử không sửa được. Hãy chọn ngày áp dụng khác (--from).",
                                    en: "A version of \(kind.rawValue) from \(from.iso) exists; history is not edited. Choose another --from date.")
            }
            let base = book.rule(kind, on: from) ?? ShippedRules.all().first { $0.kind == kind }!
            let rule = BenefitRule(kind: kind, validFrom: from, amount: change.amount, cap: change.cap ?? base.cap,
                                   tiers: change.tiers ?? base.tiers, perYear: change.perYear ?? base.perYear,
                                   leadDays: change.leadDays ?? base.leadDays, advanceDays: change.advanceDays ?? base.advanceDays,
                                   advanceIsSample: change.advanceDays == nil && base.advanceIsSample, funding: change.funding ?? base.funding,
                                   normalMethod: change.normalMethod ?? base.normalMethod,
                                   contingencyPolicy: change.contingencyPolicy ?? base.contingencyPolicy,
                                   basis: change.basis ?? base.basis, source: .province)
            try rule.validate()
            let id = try Self.insertRule(db, rule, actor: actor)!
            try audit(db, "rule.set", entity: "benefit_rule", id: id,
                      ["kind": kind.rawValue, "from": from.iso, "rule": rule.fingerprintText])
            var saved = rule
            saved.id = id
            let repriced = try Self.reprice(db, under: saved, until: book.versions.first { $0.kind == kind && $0.validFrom > from }?.validFrom)
            if !repriced.isEmpty {
                try audit(db, "entitlement.reprice", entity: "benefit_rule", id: id,
                          ["ids": repriced.map(String.init).joined(separator: ","), "amount": String(rule.amount)])
            }
            return RuleSetResult(rule: saved, repriced: repriced)
        }
    }

    /// Planned entitlements of `rule`'s kind with an occasion from its date (before `until`, the next version's) made
    /// under another version: amount (by level), funding, and, where no contingency period changed them, the normal
    /// method and the due date by the new lead days.
    static func reprice(_ db: Database, under rule: BenefitRule, until: Day?) throws -> [Int64] {
        guard let ruleId = rule.id,
              let lastYear = try Int.fetchOne(db, sql: "SELECT max(year) FROM entitlement"), lastYear >= rule.validFrom.year else { return [] }
        let rows = try Row.fetchAll(db, sql: """
            SELECT id, level, occasion_date, contingency_id FROM entitlement
            WHERE year BETWEEN ? AND ? AND kind = ? AND status = 'planned' AND rule_id <> ?
              AND occasion_date >= ? AND (? IS NULL OR occasion_date < ?)
            ORDER BY id
            """, arguments: [rule.validFrom.year, lastYear, rule.kind, ruleId, rule.validFrom, until, until])
        let update = try db.cachedStatement(sql: """
            UPDATE entitlement SET amount = ?, rule_id = ?, funding = ?,
                   method = CASE WHEN contingency_id IS NULL THEN ? ELSE method END,
                   due_date = CASE WHEN contingency_id IS NULL THEN ? ELSE due_date END
            WHERE id = ?
            """)
        var ids: [Int64] = []
        for row in rows {
            let level: Level? = try row.decode(forColumn: "level")
            let occasion: Day = try row.decode(forColumn: "occasion_date")
            let id: Int64 = row["id"]
            try update.execute(arguments: [rule.amount(for: level), ruleId, rule.funding, rule.normalMethod,
                                           occasion.adding(days: -rule.leadDays), id])
            ids.append(id)
        }
        return ids
    }
}
