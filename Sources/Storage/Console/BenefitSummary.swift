import Foundation
import GRDB
import Registry
import Scheduler
import VietnameseCalendar

/// The console's benefits page (Chế độ) in aggregates, never one row per entitlement: what waits for approval and
/// delivery by kind and occasion, and one kind and year by commune.
extension UytinDatabase {
    /// The planned and approved entitlements of one occasion (one kind, year and period; life events of a kind and
    /// year together).
    public struct WaitingOccasion: Sendable, Equatable {
        public var kind: BenefitKind
        public var year: Int
        /// The period key (`PeriodKey`); nil for life events, which are grouped by kind and year.
        public var period: String?
        public var occasionDate: Day
        public var firstDue: Day
        public var lastDue: Day
        public var planned: Int
        public var plannedAmount: Int
        public var approved: Int
        public var approvedAmount: Int
    }

    /// The occasions of `year` with entitlements planned or approved, by due date: read from the index by year, kind
    /// and status, so the cost follows what waits in that year, not the table's size.
    public func waitingOccasions(year: Int) throws -> [WaitingOccasion] {
        let events = BenefitKind.allCases.filter { $0.schedule == .event }.map { "'\($0.rawValue)'" }.joined(separator: ", ")
        return try read { db in
            try WaitingOccasionRow.fetchAll(db, sql: """
                SELECT kind, year, CASE WHEN kind IN (\(events)) THEN NULL ELSE period END AS occasion,
                       min(occasion_date) AS occasion_date, min(due_date) AS first_due, max(due_date) AS last_due,
                       sum(status = 'planned') AS planned, sum(CASE WHEN status = 'planned' THEN amount ELSE 0 END) AS planned_amount,
                       sum(status = 'approved') AS approved, sum(CASE WHEN status = 'approved' THEN amount ELSE 0 END) AS approved_amount
                FROM entitlement WHERE \(try Self.waitingEntitlements(db, years: year...year))
                GROUP BY kind, year, occasion
                ORDER BY first_due, kind, occasion_date
                """).map(\.occasion)
        }
    }

    /// The years that have entitlements planned or approved, newest first: one index seek a year.
    public func yearsWithWaitingEntitlements() throws -> [Int] {
        try read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT (SELECT min(year) FROM entitlement), (SELECT max(year) FROM entitlement)"),
                  let first = row[0] as Int?, let last = row[1] as Int? else { return [] }
            return try (first...last).reversed().filter { year in
                try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM entitlement WHERE \(try Self.waitingEntitlements(db, years: year...year)))") ?? false
            }
        }
    }

    /// One kind and year's entitlements in one commune (where each person was listed on the occasion's day, as the
    /// signature sheet and a selection by commune place them).
    public struct CommuneEntitlements: Sendable, Equatable {
        public var communeCode: String
        public var commune: String
        public var planned: Int
        public var plannedAmount: Int
        public var approved: Int
        public var approvedAmount: Int
        public var delivered: Int
        public var deliveredAmount: Int
    }

    /// A kind and year's entitlements (cancelled ones left out) by commune, in code order.
    public func entitlementsByCommune(kind: BenefitKind, year: Int) throws -> [CommuneEntitlements] {
        try read { db in
            let rows = try CommuneEntitlementsRow.fetchAll(db, sql: """
                WITH placed AS (
                    SELECT e.status, e.amount, e.occasion_date,
                           (SELECT v.commune_id FROM membership x JOIN village v ON v.id = x.village_id
                            WHERE x.person_id = e.person_id AND x.from_date <= e.occasion_date
                            ORDER BY x.from_date DESC LIMIT 1) AS commune_id
                    FROM entitlement e
                    WHERE e.year = :year AND e.kind = :kind AND e.status IN ('planned', 'approved', 'delivered')
                ), grouped AS (
                    SELECT commune_id, max(occasion_date) AS day,
                           sum(status = 'planned') AS planned, sum(CASE WHEN status = 'planned' THEN amount ELSE 0 END) AS planned_amount,
                           sum(status = 'approved') AS approved, sum(CASE WHEN status = 'approved' THEN amount ELSE 0 END) AS approved_amount,
                           sum(status = 'delivered') AS delivered, sum(CASE WHEN status = 'delivered' THEN amount ELSE 0 END) AS delivered_amount
                    FROM placed GROUP BY commune_id
                )
                SELECT c.code AS commune_code, \(Self.areaName("c", on: "g.day")) AS commune, g.day, g.planned, g.planned_amount,
                       g.approved, g.approved_amount, g.delivered, g.delivered_amount
                FROM grouped g JOIN area c ON c.id = g.commune_id
                ORDER BY c.code, g.day
                """, arguments: ["year": year, "kind": kind.rawValue])
            // A commune renamed or re-made (another area row, the same code) is one commune: its latest name.
            var merged: [CommuneEntitlements] = []
            for row in rows {
                let entry = row.entry
                guard let last = merged.last, last.communeCode == entry.communeCode else {
                    merged.append(entry)
                    continue
                }
                merged[merged.count - 1] = CommuneEntitlements(
                    communeCode: entry.communeCode, commune: entry.commune, planned: last.planned + entry.planned,
                    plannedAmount: last.plannedAmount + entry.plannedAmount, approved: last.approved + entry.approved,
                    approvedAmount: last.approvedAmount + entry.approvedAmount, delivered: last.delivered + entry.delivered,
                    deliveredAmount: last.deliveredAmount + entry.deliveredAmount)
            }
            return merged
        }
    }

    /// A `waitingOccasions` row.
    struct WaitingOccasionRow: FetchableRecord {
        let occasion: WaitingOccasion

        init(row: Row) throws {
            occasion = WaitingOccasion(
                kind: try row.decode(forColumn: "kind"), year: try row.decode(forColumn: "year"),
                period: try row.decode(forColumn: "occasion"), occasionDate: try row.decode(forColumn: "occasion_date"),
                firstDue: try row.decode(forColumn: "first_due"), lastDue: try row.decode(forColumn: "last_due"),
                planned: try row.decode(forColumn: "planned"), plannedAmount: try row.decode(forColumn: "planned_amount"),
                approved: try row.decode(forColumn: "approved"), approvedAmount: try row.decode(forColumn: "approved_amount"))
        }
    }

    /// An `entitlementsByCommune` row (one area row of a commune).
    struct CommuneEntitlementsRow: FetchableRecord {
        let entry: CommuneEntitlements

        init(row: Row) throws {
            entry = CommuneEntitlements(
                communeCode: try row.decode(forColumn: "commune_code"), commune: try row.decode(forColumn: "commune"),
                planned: try row.decode(forColumn: "planned"), plannedAmount: try row.decode(forColumn: "planned_amount"),
                approved: try row.decode(forColumn: "approved"), approvedAmount: try row.decode(forColumn: "approved_amount"),
                delivered: try row.decode(forColumn: "delivered"), deliveredAmount: try row.decode(forColumn: "delivered_amount"))
        }
    }
}
