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
        public var date: Day
        public var person: PersonEntry
        public var decisionNumber: String
        public var decisionDate: Day
        public var issuer: String
        /// The removal reason's code, or "replaced".
        public var reason: String?
        /// For a replacement: the other person.
        public var counterpart: String?
    }

    /// The changes of a year, by district and commune, then date: entries (recognitions and replacements), departures (with the
    /// reason) and re-bindings after a merger (one row, in the new village).
    public func forEachChange(year: Int, _ body: (ListChange) throws -> Void) throws {
        try read { db in
            // Names carry dates: each change prints the village and commune names of its own day.
            let rows = try Row.fetchCursor(db, sql: Self.personSelect(villageColumn: "m.village_id", namesOn: "ch.change_date", from: """
                (SELECT 'entered' AS change, id AS membership_id, from_date AS change_date, start_decision_id AS decision_id,
                        start_proposal_id AS proposal_id, NULL AS reason
                 FROM membership WHERE substr(from_date, 1, 4) = :year
                   AND NOT EXISTS (SELECT 1 FROM proposal WHERE id = membership.start_proposal_id AND kind = 'rebind')
                 UNION ALL
                 SELECT CASE WHEN end_reason = 'rebound' THEN 'rebound' ELSE 'left' END, id, to_date, end_decision_id,
                        end_proposal_id, end_reason
                 FROM membership WHERE substr(to_date, 1, 4) = :year) ch
                JOIN membership m ON m.id = CASE WHEN ch.change = 'rebound'
                    THEN (SELECT n.id FROM membership n WHERE n.start_proposal_id = ch.proposal_id) ELSE ch.membership_id END
                JOIN person p ON p.id = m.person_id
                JOIN decision dn ON dn.id = ch.decision_id
                LEFT JOIN proposal pr ON pr.id = ch.proposal_id
                LEFT JOIN person other ON other.id = CASE WHEN pr.kind = 'replace' AND ch.change = 'left' THEN pr.replacement_id
                                                           WHEN pr.kind = 'replace' AND ch.change = 'entered' THEN pr.person_id END
                """).replacingOccurrences(of: "SELECT p.id,", with: """
                SELECT ch.change, ch.change_date, ch.reason, dn.number AS decision_number, dn.decided_on, dn.issuer,
                       other.full_name AS counterpart, p.id,
                """) + " ORDER BY d.code, c.code, ch.change_date, ch.change = 'entered', v.name_key, p.name_key",
                arguments: ["year": String(format: "%04d", year)])
            while let row = try rows.next() {
                try body(ListChange(change: try row.decode(forColumn: "change"), date: try row.decode(forColumn: "change_date"),
                                    person: Self.personEntry(row), decisionNumber: row["decision_number"],
                                    decisionDate: try row.decode(forColumn: "decided_on"), issuer: row["issuer"],
                                    reason: row["reason"], counterpart: row["counterpart"]))
            }
        }
    }

    public func changes(year: Int) throws -> [ListChange] {
        var result: [ListChange] = []
        try forEachChange(year: year) { result.append($0) }
        return result
    }

    /// Records that a document left the database: who, which document, how many rows, masked or not.
    public func recordExport(document: String, year: Int, format: String, rows: Int, masked: Bool, path: String) throws {
        try write { db in
            try audit(db, "export", entity: "document", id: nil,
                      ["document": document, "year": String(year), "format": format, "rows": String(rows),
                       "masked": masked ? "yes" : "no", "path": path])
        }
    }
}
