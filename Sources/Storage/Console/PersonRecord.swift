import Foundation
import GRDB
import Registry
import VietnameseCalendar

/// A person's page in the console: the record, the stays on the list across terms, the benefits, the corrections
/// and the proposals, within the account's scope. Each part is read by the person's own indexes and bounded.
extension UytinDatabase {
    /// One stay on the list: which village, from when to when, and what began and ended it.
    public struct PersonStay: Sendable, Equatable, FetchableRecord {
        public var id: Int64
        public var village: String
        public var commune: String
        public var from: Day
        /// Excluded; nil while on the list.
        public var until: Day?
        public var endReason: String?
        public var startDecision: String?
        public var startDecidedOn: Day?
        public var endDecision: String?
        public var endDecidedOn: Day?
        /// The reorganisation of the map that began or ended the stay (its legal basis), instead of a decision.
        public var startBasis: String?
        public var endBasis: String?
        public var startProposalId: Int64?
        public var endProposalId: Int64?

        public init(row: Row) throws {
            id = row["id"]
            village = row["village"]
            commune = row["commune"]
            from = try row.decode(forColumn: "from_date")
            until = try row.decode(forColumn: "to_date")
            endReason = row["end_reason"]
            startDecision = row["start_number"]
            startDecidedOn = try row.decode(forColumn: "start_decided_on")
            endDecision = row["end_number"]
            endDecidedOn = try row.decode(forColumn: "end_decided_on")
            startBasis = row["start_basis"]
            endBasis = row["end_basis"]
            startProposalId = row["start_proposal_id"]
            endProposalId = row["end_proposal_id"]
        }
    }

    /// A correction of the person's record, with its reason and who made it.
    public struct PersonCorrectionRecord: Sendable, Equatable, FetchableRecord {
        public var correction: PersonEntry.Correction
        public var reason: String
        public var correctedBy: String

        public init(row: Row) throws {
            let code: String = row["field"]
            guard let field = PersonEntry.Correction.Field(rawValue: code) else { throw UnreadableValue(column: "field", value: code) }
            correction = PersonEntry.Correction(field: field, oldValue: row["old_value"], newValue: row["new_value"],
                                                on: try row.decode(forColumn: "corrected_on"))
            reason = row["reason"]
            correctedBy = row["corrected_by"]
        }
    }

    /// Everything the person's page shows.
    public struct PersonRecord: Sendable {
        public var person: PersonEntry
        public var onList: Bool
        /// Withdrawn as a duplicate: when and why.
        public var withdrawnOn: Day?
        public var withdrawReason: String?
        /// Newest first.
        public var stays: [PersonStay]
        /// The person's entitlements, newest occasion first, at most the limit asked for.
        public var entitlements: [Entitlement]
        public var moreEntitlements: Bool
        public var corrections: [PersonCorrectionRecord]
        /// The proposals naming the person (to leave or to enter), newest first, at most 50.
        public var proposals: [Proposal]
        /// Everything that happened, in date order (as `uytin history`).
        public var events: [HistoryEvent]
    }

    /// The person's page, within the handle's scope: `RegistryError.personNotFound` (kind `.notFound`) for a person
    /// outside it or one that does not exist.
    public func personRecord(_ id: Int64, entitlementLimit: Int = 20) throws -> PersonRecord {
        let limit = max(1, min(entitlementLimit, 500))
        var record: PersonRecord = try read { db in
            let person = try Self.requirePersonInScope(db, id, scope: scope)
            let withdrawal = try Row.fetchOne(db, sql: """
                SELECT withdrawn_on, withdraw_reason FROM person WHERE id = ? AND withdrawn_on IS NOT NULL
                """, arguments: [id])
            let stays = try PersonStay.fetchAll(db, sql: """
                SELECT m.id, m.from_date, m.to_date, m.end_reason, m.start_proposal_id, m.end_proposal_id,
                       \(Self.villageName("v", on: "m.from_date")) AS village, \(Self.areaName("c", on: "m.from_date")) AS commune,
                       sd.number AS start_number, sd.decided_on AS start_decided_on,
                       ed.number AS end_number, ed.decided_on AS end_decided_on,
                       sr.basis AS start_basis, er.basis AS end_basis
                FROM membership m JOIN village v ON v.id = m.village_id JOIN area c ON c.id = v.commune_id
                LEFT JOIN decision sd ON sd.id = m.start_decision_id
                LEFT JOIN decision ed ON ed.id = m.end_decision_id
                LEFT JOIN reorganization sr ON sr.id = m.start_reorg_id
                LEFT JOIN reorganization er ON er.id = m.end_reorg_id
                WHERE m.person_id = ? ORDER BY m.from_date DESC, m.id DESC
                """, arguments: [id])
            let entitlements = try Self.recentEntitlements(db, personId: id, limit: limit + 1)
            let corrections = try PersonCorrectionRecord.fetchAll(db, sql: """
                SELECT field, old_value, new_value, corrected_on, reason, corrected_by FROM person_correction
                WHERE person_id = ? ORDER BY corrected_on DESC, id DESC
                """, arguments: [id])
            let proposals = try Row.fetchAll(db, sql: Self.proposalSelect + """
                 WHERE pr.id IN (SELECT id FROM proposal WHERE person_id = ?1 UNION SELECT id FROM proposal WHERE replacement_id = ?1)
                 ORDER BY pr.id DESC LIMIT 50
                """, arguments: [id]).map(Self.proposal)
            return PersonRecord(person: person, onList: try Self.listedToday(db, [id]).contains(id),
                                withdrawnOn: try withdrawal.map { try $0.decode(atIndex: 0) }, withdrawReason: withdrawal?[1],
                                stays: stays, entitlements: Array(entitlements.prefix(limit)), moreEntitlements: entitlements.count > limit,
                                corrections: corrections, proposals: proposals, events: [])
        }
        // The history as `uytin history` reads it; the person was found in scope just above (a person never leaves
        // a commune but by a correction or a reorganisation, which the history then shows).
        record.events = try history(personId: id).events
        return record
    }

    /// The person's entitlements, newest occasion first: each year's (year, person) range of index
    /// entitlement_year_person, never a pass over every entitlement.
    static func recentEntitlements(_ db: Database, personId: Int64, limit: Int) throws -> [Entitlement] {
        guard let first = try Int.fetchOne(db, sql: "SELECT min(year) FROM entitlement"),
              let last = try Int.fetchOne(db, sql: "SELECT max(year) FROM entitlement"), first <= last, last - first < 200 else { return [] }
        let years = (first...last).map(String.init).joined(separator: ",")
        return try EntitlementRow.fetchAll(db, sql: """
            SELECT e.*, p.full_name, p.ethnic_code, \(villageName("v", on: "e.occasion_date")) AS village,
                   \(areaName("c", on: "e.occasion_date")) AS commune, coalesce(\(areaName("d", on: "e.occasion_date")), '') AS district
            \(entitlementPlaces)
            WHERE e.year IN (\(years)) AND e.person_id = ?
            ORDER BY e.occasion_date DESC, e.id DESC LIMIT ?
            """, arguments: [personId, limit]).map(\.entitlement)
    }
}
