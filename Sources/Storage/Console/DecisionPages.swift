import Foundation
import GRDB
import Registry
import VietnameseCalendar

/// What the console's "Quyết định" pages read: the register of decisions a page at a time (newest first), one
/// decision with its file, and the proposals awaiting a decision.
extension UytinDatabase {
    /// One line of the register of decisions: what it is and what it did, without its proposals.
    public struct DecisionLine: Sendable, Equatable, FetchableRecord {
        public var id: Int64
        public var number: String
        public var issuer: String
        public var issuerLevel: AreaLevel
        public var issuerAreaCode: String
        public var issuerArea: String
        public var decidedOn: Day
        public var effectiveOn: Day
        public var listYear: Int?
        public var fileName: String?
        public var fileSha256: String?
        public var approvedCount: Int
        public var rejectedCount: Int

        public init(row: Row) throws {
            id = try row.decode(forColumn: "id")
            number = try row.decode(forColumn: "number")
            issuer = try row.decode(forColumn: "issuer")
            issuerLevel = try row.decode(forColumn: "issuer_level")
            issuerAreaCode = try row.decode(forColumn: "area_code")
            issuerArea = try row.decode(forColumn: "area_name")
            decidedOn = try row.decode(forColumn: "decided_on")
            effectiveOn = try row.decode(forColumn: "effective_on")
            listYear = try row.decode(forColumn: "list_year")
            fileName = try row.decode(forColumn: "file_name")
            fileSha256 = try row.decode(forColumn: "file_sha256")
            approvedCount = try row.decode(forColumn: "approved")
            rejectedCount = try row.decode(forColumn: "rejected")
        }
    }

    /// `limit` decisions from `offset`, newest first (by date, then by the order they were recorded), and how many
    /// there are: the index on the date walks backwards, so a page costs its own rows only.
    public func decisionLines(offset: Int, limit: Int) throws -> (lines: [DecisionLine], total: Int) {
        try read { db in
            let total = try Int.fetchOne(db, sql: "SELECT count(*) FROM decision") ?? 0
            let lines = try DecisionLine.fetchAll(db, sql: """
                SELECT d.id, d.number, d.issuer, d.issuer_level, a.code AS area_code, a.name AS area_name, d.decided_on,
                       d.effective_on, d.list_year, d.file_name, d.file_sha256,
                       (SELECT count(*) FROM proposal pr WHERE pr.decision_id = d.id AND pr.status = 'approved') AS approved,
                       (SELECT count(*) FROM proposal pr WHERE pr.decision_id = d.id AND pr.status = 'rejected') AS rejected
                FROM decision d JOIN area a ON a.id = d.issuer_area_id
                ORDER BY d.decided_on DESC, d.id DESC LIMIT ? OFFSET ?
                """, arguments: [max(0, limit), max(0, offset)])
            return (lines, total)
        }
    }

    /// One decision with the proposals it approved and rejected; nil when there is none of that id.
    public func decision(id: Int64) throws -> Decision? {
        try read { db in
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM decision WHERE id = ?", arguments: [id]) == true else { return nil }
            return try Self.decision(db, id: id)
        }
    }

    /// The signed decision's file as `decision record --file` kept it: its name, its SHA-256 and its bytes.
    public struct DecisionFile: Sendable, Equatable, FetchableRecord {
        public var name: String
        public var sha256: String
        public var content: [UInt8]

        public init(row: Row) throws {
            name = try row.decode(forColumn: "file_name")
            sha256 = try row.decode(forColumn: "file_sha256")
            let data: Data = try row.decode(forColumn: "file_content")
            content = [UInt8](data)
        }
    }

    /// The file kept with a decision; nil when there is no such decision or it has no file.
    public func decisionFile(id: Int64) throws -> DecisionFile? {
        try read { db in
            try DecisionFile.fetchOne(db, sql: """
                SELECT file_name, file_sha256, file_content FROM decision
                WHERE id = ? AND file_name IS NOT NULL AND file_sha256 IS NOT NULL AND file_content IS NOT NULL
                """, arguments: [id])
        }
    }

    /// A proposal awaiting a decision, as a leader chooses it: who, what, where (the village it would list the person
    /// in, else their village on the list, else their home).
    public struct PendingProposal: Sendable, Equatable, FetchableRecord {
        public var id: Int64
        public var kind: ProposalKind
        public var personId: Int64
        public var person: String
        public var replacementId: Int64?
        public var replacement: String?
        public var reason: String?
        public var effectiveOn: Day?
        public var village: String
        public var communeCode: String
        public var commune: String
        public var createdBy: String
        public var createdAt: String

        public init(row: Row) throws {
            id = try row.decode(forColumn: "id")
            kind = try row.decode(forColumn: "kind")
            personId = try row.decode(forColumn: "person_id")
            person = try row.decode(forColumn: "person_name")
            replacementId = try row.decode(forColumn: "replacement_id")
            replacement = try row.decode(forColumn: "replacement_name")
            reason = try row.decode(forColumn: "reason")
            effectiveOn = try row.decode(forColumn: "effective_on")
            village = try row.decode(forColumn: "village")
            communeCode = try row.decode(forColumn: "commune_code")
            commune = try row.decode(forColumn: "commune")
            createdBy = try row.decode(forColumn: "created_by")
            createdAt = try row.decode(forColumn: "created_at")
        }
    }

    /// `limit` proposals awaiting a decision from `offset`, oldest first, within this handle's scope (a commune
    /// officer's handle sees its commune's only), and how many there are.
    public func pendingProposals(offset: Int, limit: Int) throws -> (proposals: [PendingProposal], total: Int) {
        try read { db in
            // The village as `pendingProposalIds` places a proposal: where it would list the person, else where the
            // person is (or was last) listed, else their home.
            let from = """
                FROM proposal pr
                JOIN person p ON p.id = pr.person_id
                LEFT JOIN person r ON r.id = pr.replacement_id
                JOIN village v ON v.id = coalesce(pr.village_id,
                    (SELECT m.village_id FROM membership m WHERE m.person_id = pr.person_id ORDER BY m.from_date DESC LIMIT 1),
                    p.village_id)
                JOIN area c ON c.id = v.commune_id
                WHERE pr.status = 'pending' AND (:commune IS NULL OR c.id = :commune)
                """
            let arguments: StatementArguments = ["commune": scope.communeAreaId, "limit": max(0, limit), "offset": max(0, offset)]
            let total = try Int.fetchOne(db, sql: "SELECT count(*) " + from, arguments: arguments) ?? 0
            let today = Self.todayLiteral()
            let proposals = try PendingProposal.fetchAll(db, sql: """
                SELECT pr.id, pr.kind, pr.person_id, p.full_name AS person_name, pr.replacement_id, r.full_name AS replacement_name,
                       pr.reason, pr.effective_on, pr.created_by, pr.created_at, \(Self.villageName("v", on: today)) AS village,
                       c.code AS commune_code, \(Self.areaName("c", on: today)) AS commune
                """ + "\n" + from + " ORDER BY pr.id LIMIT :limit OFFSET :offset", arguments: arguments)
            return (proposals, total)
        }
    }
}
