import Foundation
import GRDB
import Registry
import Scheduler
import VietnameseCalendar

/// Entitlements: what each person is owed, and its way from planned to delivered.
extension UytinDatabase {
    /// An entitlement with the names a signature sheet needs.
    public struct Entitlement: Sendable, Codable, Equatable {
        public var id: Int64
        public var personId: Int64
        public var person: String
        public var village: String
        public var commune: String
        public var district: String
        public var ethnicCode: String
        public var kind: BenefitKind
        public var period: String
        public var occasionDate: Day
        public var dueDate: Day
        public var amount: Int
        public var level: Level?
        public var funding: FundingLevel
        public var method: DeliveryMethod
        public var contingencyId: Int64?
        public var postponed: Bool
        public var status: EntitlementStatus
        public var runId: Int64
        public var createdBy: String
        public var approvedBy: String?
        public var deliveredOn: Day?
        public var receipt: String?
        public var cancelReason: String?
    }

    /// Narrows a list of entitlements.
    public struct EntitlementFilter: Sendable {
        public var year: Int?
        public var kind: BenefitKind?
        public var status: EntitlementStatus?
        public var person: Int64?
        public var run: Int64?
        /// The commune's code: the entitlements of the persons listed there on the occasion's day.
        public var communeCode: String?
        public init(year: Int? = nil, kind: BenefitKind? = nil, status: EntitlementStatus? = nil, person: Int64? = nil, run: Int64? = nil,
                    communeCode: String? = nil) {
            self.year = year
            self.kind = kind
            self.status = status
            self.person = person
            self.run = run
            self.communeCode = communeCode
        }
    }

    /// The entitlements a batch approval or delivery takes: by ids (each must be in the right status), or those in
    /// the right status of a run, or of a kind and year, optionally in one commune.
    public enum EntitlementSelection: Sendable, Equatable {
        case ids([Int64])
        case run(Int64, communeCode: String?)
        case kind(BenefitKind, year: Int, communeCode: String?)
    }

    /// The entitlements `e` with their person `p` and where that person lived on the occasion's day: the village
    /// `v` of the membership in force, its commune `c` and (while districts existed) district `d`.
    static let entitlementPlaces = """
        FROM entitlement e
        JOIN person p ON p.id = e.person_id
        JOIN membership m ON m.id = (SELECT id FROM membership x WHERE x.person_id = e.person_id AND x.from_date <= e.occasion_date
                                     ORDER BY x.from_date DESC LIMIT 1)
        JOIN village v ON v.id = m.village_id
        JOIN area c ON c.id = v.commune_id
        LEFT JOIN area d ON d.id = c.parent_id AND d.level = 'district'
        """

    /// Names carry dates (village rename, area rename): a signature sheet prints the names of the occasion's day.
    static let entitlementSelect = """
        SELECT e.*, p.full_name, p.ethnic_code, \(villageName("v", on: "e.occasion_date")) AS village,
               \(areaName("c", on: "e.occasion_date")) AS commune, coalesce(\(areaName("d", on: "e.occasion_date")), '') AS district
        \(entitlementPlaces)
        WHERE (:year IS NULL OR e.year = :year) AND (:kind IS NULL OR e.kind = :kind) AND (:status IS NULL OR e.status = :status)
          AND (:person IS NULL OR e.person_id = :person) AND (:run IS NULL OR e.run_id = :run)
          AND (:commune IS NULL OR c.code = :commune)
        ORDER BY e.year, e.kind, coalesce(d.code, ''), c.code, v.name_key, p.name_key, e.occasion_date, e.id
        """

    /// An `entitlementSelect` row.
    struct EntitlementRow: FetchableRecord {
        let entitlement: Entitlement

        init(row: Row) throws {
            entitlement = Entitlement(
                id: try row.decode(forColumn: "id"), personId: try row.decode(forColumn: "person_id"),
                person: try row.decode(forColumn: "full_name"), village: try row.decode(forColumn: "village"),
                commune: try row.decode(forColumn: "commune"), district: try row.decode(forColumn: "district"),
                ethnicCode: try row.decode(forColumn: "ethnic_code"), kind: try row.decode(forColumn: "kind"),
                period: try row.decode(forColumn: "period"), occasionDate: try row.decode(forColumn: "occasion_date"),
                dueDate: try row.decode(forColumn: "due_date"), amount: try row.decode(forColumn: "amount"),
                level: try row.decode(forColumn: "level"), funding: try row.decode(forColumn: "funding"),
                method: try row.decode(forColumn: "method"), contingencyId: try row.decode(forColumn: "contingency_id"),
                postponed: try row.decode(forColumn: "postponed"), status: try row.decode(forColumn: "status"),
                runId: try row.decode(forColumn: "run_id"), createdBy: try row.decode(forColumn: "created_by"),
                approvedBy: try row.decode(forColumn: "approved_by"), deliveredOn: try row.decode(forColumn: "delivered_on"),
                receipt: try row.decode(forColumn: "receipt"), cancelReason: try row.decode(forColumn: "cancel_reason"))
        }
    }

    /// Calls `body` for each entitlement the filter selects, in signature-sheet order, without loading them all.
    public func forEachEntitlement(_ filter: EntitlementFilter, _ body: (Entitlement) throws -> Void) throws {
        try read { db in
            let rows = try EntitlementRow.fetchCursor(db, sql: Self.entitlementSelect, arguments: [
                "year": filter.year, "kind": filter.kind?.rawValue, "status": filter.status?.rawValue, "person": filter.person,
                "run": filter.run, "commune": filter.communeCode,
            ])
            while let row = try rows.next() { try body(row.entitlement) }
        }
    }

    public func entitlements(_ filter: EntitlementFilter) throws -> [Entitlement] {
        var result: [Entitlement] = []
        try forEachEntitlement(filter) { result.append($0) }
        return result
    }

    /// Approves planned entitlements (by ids, or all of a run); the approver cannot be who created them.
    /// Returns how many were approved.
    public func approveEntitlements(ids: [Int64]?, run: Int64?) throws -> Int {
        guard let selection = ids.map(EntitlementSelection.ids) ?? run.map({ .run($0, communeCode: nil) }) else { return 0 }
        return try approveEntitlements(selection)
    }

    /// Approves the planned entitlements of a selection, in one transaction; the approver cannot be who created
    /// them. Returns how many were approved.
    public func approveEntitlements(_ selection: EntitlementSelection) throws -> Int {
        try write { db in
            let selected = try Self.selectEntitlements(db, selection, status: .planned)
            try Actors.checkApproval(by: actor, creators: selected.lazy.map { $0["created_by"] as String },
                                     what: Message(vi: "các khoản này", en: "these entitlements"))
            let ids = selected.map { $0["id"] as Int64 }
            guard !ids.isEmpty else { return 0 }
            try db.execute(sql: """
                UPDATE entitlement SET status = 'approved', approved_by = ?, approved_at = ? WHERE id IN (\(ids.map(String.init).joined(separator: ",")))
                """, arguments: [actor, Self.timestamp()])
            try audit(db, "entitlement.approve", entity: "entitlement", id: nil, ["ids": Self.compact(ids)].merging(selection.detail) { a, _ in a })
            return ids.count
        }
    }

    /// Marks approved entitlements delivered on a day, with an optional receipt.
    public func deliverEntitlements(ids: [Int64], on day: Day, receipt: String?) throws -> Int {
        try deliverEntitlements(.ids(ids), on: day, receipt: receipt)
    }

    /// Marks the approved entitlements of a selection delivered on a day, in one transaction.
    public func deliverEntitlements(_ selection: EntitlementSelection, on day: Day, receipt: String?) throws -> Int {
        let receipt = try receipt.map { try Inputs.name($0, field: Message(vi: "Biên nhận", en: "Receipt"), maxLength: 200) }
        return try write { db in
            let rows = try Self.selectEntitlements(db, selection, status: .approved)
            let ids = rows.map { $0["id"] as Int64 }
            guard !ids.isEmpty else { return 0 }
            try Self.refuseDeliveryDay(db, ids: ids, on: day)
            try db.execute(sql: "UPDATE entitlement SET status = 'delivered', delivered_on = ?, receipt = ? WHERE id IN (\(ids.map(String.init).joined(separator: ",")))",
                           arguments: [day.iso, receipt])
            try audit(db, "entitlement.deliver", entity: "entitlement", id: nil,
                      ["ids": Self.compact(ids), "on": day.iso, "receipt": receipt ?? ""].merging(selection.detail) { a, _ in a })
            return ids.count
        }
    }

    /// Cancels planned or approved entitlements, with the reason.
    public func cancelEntitlements(ids: [Int64], reason: String) throws -> Int {
        let reason = try Inputs.name(reason, field: Message(vi: "Lý do", en: "Reason"), maxLength: 500)
        return try write { db in
            let rows = try Row.fetchAll(db, sql: "SELECT id, status FROM entitlement WHERE id IN (\(ids.map(String.init).joined(separator: ",")))")
            if let missing = Set(ids).subtracting(rows.map { $0["id"] as Int64 }).min() { throw Self.unknownEntitlement(missing) }
            for row in rows {
                let status: EntitlementStatus = try row.decode(forColumn: "status")
                if status != .planned && status != .approved { throw Self.wrongStatus(row["id"], status, wanted: .planned) }
            }
            try db.execute(sql: "UPDATE entitlement SET status = 'cancelled', postponed = 0, cancel_reason = ? WHERE id IN (\(ids.map(String.init).joined(separator: ",")))",
                           arguments: [reason])
            try audit(db, "entitlement.cancel", entity: "entitlement", id: nil, ["ids": Self.compact(ids), "reason": reason])
            return ids.count
        }
    }

    /// The rows (`entitlement.*`) a selection takes. Ids must all exist and be in `status`; a run must exist; a run or
    /// a kind and year take those of its entitlements that are in `status`.
    static func selectEntitlements(_ db: Database, _ selection: EntitlementSelection, status wanted: EntitlementStatus) throws -> [Row] {
        // The commune the person was listed in on the occasion's day, as the signature sheet groups them.
        let inCommune = """
            (:commune IS NULL OR :commune = (SELECT c.code FROM membership x JOIN village v ON v.id = x.village_id
                                             JOIN area c ON c.id = v.commune_id
                                             WHERE x.person_id = e.person_id AND x.from_date <= e.occasion_date
                                             ORDER BY x.from_date DESC LIMIT 1))
            """
        switch selection {
        case .ids(let ids):
            let rows = try Row.fetchAll(db, sql: "SELECT e.* FROM entitlement e WHERE e.id IN (\(ids.map(String.init).joined(separator: ","))) ORDER BY e.id")
            if let missing = Set(ids).subtracting(rows.map { $0["id"] as Int64 }).min() { throw unknownEntitlement(missing) }
            for row in rows {
                let status: EntitlementStatus = try row.decode(forColumn: "status")
                if status != wanted { throw wrongStatus(row["id"], status, wanted: wanted) }
            }
            return rows
        case let .run(run, communeCode):
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM run WHERE id = ?", arguments: [run]) == true else {
                throw RegistryError("unknown_run", vi: "Không có lần chạy #\(run).", en: "No run #\(run).")
            }
            return try Row.fetchAll(db, sql: "SELECT e.* FROM entitlement e WHERE e.run_id = :run AND e.status = :status AND \(inCommune) ORDER BY e.id",
                                    arguments: ["run": run, "status": wanted.rawValue, "commune": communeCode])
        case let .kind(kind, year, communeCode):
            return try Row.fetchAll(db, sql: """
                SELECT e.* FROM entitlement e WHERE e.year = :year AND e.kind = :kind AND e.status = :status AND \(inCommune) ORDER BY e.id
                """, arguments: ["year": year, "kind": kind.rawValue, "status": wanted.rawValue, "commune": communeCode])
        }
    }

    static func compact(_ ids: [Int64]) -> String {
        ids.count <= 20 ? ids.map(String.init).joined(separator: ",") : "\(ids.min()!)…\(ids.max()!) (\(ids.count))"
    }

    static func unknownEntitlement(_ id: Int64) -> RegistryError {
        RegistryError("unknown_entitlement", vi: "Không có khoản chế độ #\(id). Xem bằng `uytin entitlement list`.",
                      en: "No entitlement #\(id). See `uytin entitlement list`.")
    }

    static func wrongStatus(_ id: Int64, _ status: EntitlementStatus, wanted: EntitlementStatus) -> RegistryError {
        RegistryError("entitlement_status",
                      vi: "Khoản #\(id) đang ở trạng thái \"\(status.label.vi)\"; việc này cần trạng thái \"\(wanted.label.vi)\" (dự kiến → đã duyệt → đã trao).",
                      en: "Entitlement #\(id) is \(status.label.en); this needs \(wanted.label.en) (planned → approved → delivered).")
    }

    /// A `run` row.
    struct RunRow: FetchableRecord {
        let report: RunReport

        init(row: Row) throws {
            report = RunReport(runId: try row.decode(forColumn: "id"), from: try row.decode(forColumn: "from_date"),
                               to: try row.decode(forColumn: "to_date"), created: try row.decode(forColumn: "created"),
                               updated: try row.decode(forColumn: "updated"), cancelled: try row.decode(forColumn: "cancelled"),
                               byKind: [:], dryRun: false, upToDate: false,
                               rulesFingerprint: try row.decode(forColumn: "rules_fingerprint"),
                               listFingerprint: try row.decode(forColumn: "list_fingerprint"))
        }
    }

    /// The runs so far, newest first.
    public func runs(limit: Int = 20) throws -> [RunReport] {
        try read { db in
            try RunRow.fetchAll(db, sql: "SELECT * FROM run ORDER BY id DESC LIMIT ?", arguments: [limit]).map(\.report)
        }
    }
}

extension UytinDatabase.EntitlementSelection {
    /// How the selection was made, for the audit log.
    var detail: [String: String] {
        switch self {
        case .ids: [:]
        case let .run(run, communeCode): ["run": String(run), "commune": communeCode ?? ""]
        case let .kind(kind, year, communeCode): ["kind": kind.rawValue, "year": String(year), "commune": communeCode ?? ""]
        }
    }
}
