import Foundation
import GRDB
import Registry
import VietnameseCalendar

/// Who entered and who left the list in a year, and under which decision: what `export changes` prints.
extension UytinDatabase {
    public struct ListChange: Sendable, Codable, Equatable {
        public enum Change: String, Sendable, Codable {
            case entered, left, rebound
        }
        public var change: Change
        /// The day the change took effect (a removal may reach back before its decision: a death recorded later).
        public var date: Day
        public var person: PersonEntry
        public var decisionNumber: String
        public var decisionDate: Day
        public var issuer: String
        /// The removal reason's code, or "replaced".
        public var reason: String?
        /// For a replacement: the other person.
        public var counterpart: String?
        /// An entry by a decision that approved (part of) the first list of its term, or came before any of it: a
        /// recognition ("Công nhận"); a later entry is an additional one ("Công nhận bổ sung").
        public var firstOfTerm: Bool = false
        /// For a replaced person: the reason the replacement gave (health, …).
        public var replacementReason: String?
    }

    /// The changes the decisions of a year made, by district and commune, then date: entries (recognitions and
    /// replacements), departures (with the reason) and re-bindings after a merger (one row, in the new village).
    /// A change belongs to the year of the DECISION that made it, whatever day it took effect (a death decided in
    /// 2020 and dated 2019 is a change of 2020). `districts`, when given, first says whether any row has a district.
    public func forEachChange(year: Int, districts: ((Bool) throws -> Void)? = nil, _ body: (ListChange) throws -> Void) throws {
        try read { db in try Self.forEachChange(db, year: year, districts: districts, body) }
    }

    static func forEachChange(_ db: Database, year: Int, districts: ((Bool) throws -> Void)?, _ body: (ListChange) throws -> Void) throws {
        let changes = """
            (SELECT 'entered' AS change, m.id AS membership_id, m.from_date AS change_date, m.start_decision_id AS decision_id,
                    m.start_proposal_id AS proposal_id, NULL AS reason
             FROM membership m JOIN decision sd ON sd.id = m.start_decision_id WHERE sd.year = :year
               AND NOT EXISTS (SELECT 1 FROM proposal WHERE id = m.start_proposal_id AND kind = 'rebind')
             UNION ALL
             SELECT CASE WHEN m.end_reason = 'rebound' THEN 'rebound' ELSE 'left' END, m.id, m.to_date, m.end_decision_id,
                    m.end_proposal_id, m.end_reason
             FROM membership m JOIN decision ed ON ed.id = m.end_decision_id WHERE ed.year = :year) ch
            JOIN membership m ON m.id = CASE WHEN ch.change = 'rebound'
                THEN (SELECT n.id FROM membership n WHERE n.start_proposal_id = ch.proposal_id) ELSE ch.membership_id END
            JOIN person p ON p.id = m.person_id
            JOIN decision dn ON dn.id = ch.decision_id
            LEFT JOIN proposal pr ON pr.id = ch.proposal_id
            LEFT JOIN person other ON other.id = CASE WHEN pr.kind = 'replace' AND ch.change = 'left' THEN pr.replacement_id
                                                       WHEN pr.kind = 'replace' AND ch.change = 'entered' THEN pr.person_id END
            """
        let arguments: StatementArguments = ["year": year]
        if let districts {
            try districts(try Bool.fetchOne(db, sql: Self.personSelect(villageColumn: "m.village_id", namesOn: "ch.change_date", from: changes)
                .replacingOccurrences(of: "SELECT p.id,", with: "SELECT EXISTS (SELECT 1 FROM (SELECT p.id,") + ") WHERE district_code <> '')",
                arguments: arguments) ?? false)
        }
        // A recognition of the term's first list: its decision approved (part of) the list of the term's first
        // year, or it came in that year before any part of that list was approved.
        let firstOfTerm = """
            (ch.change = 'entered' AND (
                EXISTS (SELECT 1 FROM yearly_list yl JOIN term t ON t.first_year = yl.year WHERE yl.decision_id = dn.id)
                OR (EXISTS (SELECT 1 FROM term t WHERE t.first_year = dn.year)
                    AND NOT EXISTS (SELECT 1 FROM yearly_list yl WHERE yl.year = dn.year AND yl.as_of < dn.decided_on))))
            """
        let rows = try Row.fetchCursor(db, sql: Self.personSelect(villageColumn: "m.village_id", namesOn: "ch.change_date", from: changes)
            .replacingOccurrences(of: "SELECT p.id,", with: """
            SELECT ch.change, ch.change_date, ch.reason, dn.number AS decision_number, dn.decided_on, dn.issuer,
                   other.full_name AS counterpart, pr.reason AS proposal_reason, \(firstOfTerm) AS first_of_term, p.id,
            """) + " ORDER BY d.code, c.code, dn.decided_on, dn.id, ch.change = 'entered', ch.change_date, v.name_key, p.name_key",
            arguments: arguments)
        while let row = try rows.next() {
            try body(ListChange(change: try row.decode(forColumn: "change"), date: try row.decode(forColumn: "change_date"),
                                person: Self.personEntry(row), decisionNumber: row["decision_number"],
                                decisionDate: try row.decode(forColumn: "decided_on"), issuer: row["issuer"],
                                reason: row["reason"], counterpart: row["counterpart"], firstOfTerm: row["first_of_term"],
                                replacementReason: row["change"] as String == "left" && row["reason"] as String? == "replaced"
                                    ? row["proposal_reason"] : nil))
        }
    }

    /// A change list read on one snapshot: its rows (as `forEachChange`), then the balance it reconciles (as
    /// `changeBalance`), so that a decision recorded meanwhile cannot make the printed equation disagree with the rows.
    public func changeList(year: Int, districts: ((Bool) throws -> Void)? = nil,
                           _ body: (ListChange) throws -> Void) throws -> ChangeBalance {
        try read { db in
            try Self.forEachChange(db, year: year, districts: districts, body)
            return try Self.changeBalance(db, year: year)
        }
    }

    public func changes(year: Int) throws -> [ListChange] {
        var result: [ListChange] = []
        try forEachChange(year: year) { result.append($0) }
        return result
    }

    /// The figures a change list reconciles (issue 12): the list the year began with, minus the persons its
    /// decisions removed (and, in a term's first year, those whose stay ended with the previous term), plus those
    /// they recognised, equals the list it ended with. Each figure is counted by its own query, so that the equation
    /// checks the records rather than restating them.
    public struct ChangeBalance: Sendable, Equatable, Codable {
        /// A decision of the year that changed the list.
        public struct DecisionRef: Sendable, Equatable, Codable {
            public var number: String
            public var decidedOn: Day
            public var issuer: String
        }
        public var year: Int
        /// Persons on the list after every decision of the years before (the register at the end of year − 1).
        public var start: Int
        /// Persons removed by decisions of the year (deaths, health, mergers, replaced persons…).
        public var removed: Int
        /// Persons whose stay ended with the previous term (the first year of a term), without a decision.
        public var termEnded: Int
        /// Persons recognised by decisions of the year (first recognitions, additional ones, replacements).
        public var recognised: Int
        /// Persons on the list after every decision of the year (the register at the end of the year, or today).
        public var end: Int
        /// The last list approved for a year before this one: its year, size and day of approval.
        public var previousList: ApprovedCount?
        /// The list approved for this year, if any.
        public var list: ApprovedCount?
        /// The previous term, in a term's first year.
        public var previousTerm: ClosedRange<Int>?
        /// Decisions of the year dated after this year's list was approved: their changes come after it.
        public var afterList: [DecisionRef]
        /// Decisions after the previous list's approval and before this year: why `start` differs from it.
        public var afterPreviousList: [DecisionRef]

        public struct ApprovedCount: Sendable, Equatable, Codable {
            public var year: Int
            public var count: Int
            public var approvedOn: Day
        }

        /// start − removed − termEnded + recognised.
        public var computedEnd: Int { start - removed - termEnded + recognised }
        public var holds: Bool { computedEnd == end }
    }

    public func changeBalance(year: Int) throws -> ChangeBalance {
        try read { db in try Self.changeBalance(db, year: year) }
    }

    static func changeBalance(_ db: Database, year: Int) throws -> ChangeBalance {
        let yearEnd = min(Day(year: year, month: 12, day: 31)!, Day.todayInVietnam())
        let before = Day(year: year - 1, month: 12, day: 31)!
        // The register on a day, as the decisions made up to that day left it: a stay counts from its decision
        // (or the reorganisation that opened it) until the decision that ended it (or its last day, when no
        // decision ended it: a term's end, a reorganisation).
        func register(_ day: Day) throws -> Int {
            try Int.fetchOne(db, sql: """
                SELECT count(DISTINCT m.person_id) FROM membership m
                LEFT JOIN decision sd ON sd.id = m.start_decision_id
                LEFT JOIN decision ed ON ed.id = m.end_decision_id
                WHERE coalesce(sd.decided_on, m.from_date) <= :day
                  AND (m.to_date IS NULL OR coalesce(ed.decided_on, m.to_date) > :day)
                """, arguments: ["day": day.iso]) ?? 0
        }
        let removed = try Int.fetchOne(db, sql: """
            SELECT count(DISTINCT m.person_id) FROM membership m JOIN decision ed ON ed.id = m.end_decision_id
            WHERE ed.year = ? AND m.end_reason <> 'rebound'
            """, arguments: [year]) ?? 0
        let recognised = try Int.fetchOne(db, sql: """
            SELECT count(DISTINCT m.person_id) FROM membership m JOIN decision sd ON sd.id = m.start_decision_id
            WHERE sd.year = ? AND NOT EXISTS (SELECT 1 FROM proposal WHERE id = m.start_proposal_id AND kind = 'rebind')
            """, arguments: [year]) ?? 0
        let termEnded = try Int.fetchOne(db, sql: """
            SELECT count(DISTINCT person_id) FROM membership WHERE end_reason = 'term_end' AND substr(to_date, 1, 4) = ?
            """, arguments: [String(format: "%04d", year)]) ?? 0
        let previousTerm = try Row.fetchOne(db, sql: """
            SELECT p.first_year, p.last_year FROM term t JOIN term p ON p.last_year = t.first_year - 1 WHERE t.first_year = ?
            """, arguments: [year]).map { ($0[0] as Int)...($0[1] as Int) }
        func approved(_ sql: String, _ year: Int) throws -> ChangeBalance.ApprovedCount? {
            try Row.fetchOne(db, sql: """
                SELECT y.year, (SELECT count(*) FROM yearly_list_entry e WHERE e.year = y.year), max(y.as_of)
                FROM yearly_list y WHERE y.year = (\(sql)) GROUP BY y.year
                """, arguments: [year]).map { .init(year: $0[0], count: $0[1], approvedOn: try $0.decode(atIndex: 2)) }
        }
        let previousList = try approved("SELECT max(year) FROM yearly_list WHERE year < ?", year)
        let list = try approved("SELECT ?", year)
        func decisions(after: Day, through: Day) throws -> [ChangeBalance.DecisionRef] {
            try Row.fetchAll(db, sql: """
                SELECT d.number, d.decided_on, d.issuer FROM decision d
                WHERE d.decided_on > ? AND d.decided_on <= ?
                  -- The decisions that changed the list: one pass over the memberships (an IN list SQLite builds
                  -- once), not a scan per decision.
                  AND d.id IN (SELECT m.start_decision_id FROM membership m LEFT JOIN proposal pr ON pr.id = m.start_proposal_id
                               WHERE pr.kind IS NULL OR pr.kind <> 'rebind'
                               UNION
                               SELECT end_decision_id FROM membership WHERE end_reason <> 'rebound')
                ORDER BY d.decided_on, d.id
                """, arguments: [after.iso, through.iso]).map {
                .init(number: $0[0], decidedOn: try $0.decode(atIndex: 1), issuer: $0[2])
            }
        }
        return ChangeBalance(
            year: year, start: try register(before), removed: removed, termEnded: termEnded, recognised: recognised,
            end: try register(yearEnd), previousList: previousList, list: list, previousTerm: previousTerm,
            afterList: try list.map { try decisions(after: $0.approvedOn, through: yearEnd) } ?? [],
            afterPreviousList: try previousList.map { try decisions(after: $0.approvedOn, through: before) } ?? [])
    }

    /// Which citizen ID numbers a document carries, as its export's audit row says: none (the default), masked to
    /// the last digits (`--with-ids`), or in full (`--unmasked-ids --reason`).
    public enum ExportedCitizenIDs: String, Sendable, Codable {
        case none, masked, full
    }

    /// Records that a document left the database: who, which document, how many rows, masked or not; a document
    /// with citizen IDs in full carries the reason given for them (`export list --unmasked-ids --reason`) and says
    /// "unmasked".
    public func recordExport(document: String, year: Int, format: String, rows: Int, citizenIds: ExportedCitizenIDs = .none,
                             path: String, reason: String? = nil) throws {
        try write { db in
            var detail = ["document": document, "year": String(year), "format": format, "rows": String(rows),
                          "citizenIds": citizenIds.rawValue, "path": path]
            if let reason { detail["reason"] = reason }
            try audit(db, "export", entity: "document", id: nil, detail)
        }
    }
}
