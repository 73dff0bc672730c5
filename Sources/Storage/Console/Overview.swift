import Foundation
import GRDB
import Registry
import Scheduler
import VietnameseCalendar

/// The console's first page (Tổng quan) in a few aggregate queries on one snapshot: the list of a day and its
/// composition, what is due and waiting, the last run with the audit log's head, the contingency periods in force.
extension UytinDatabase {
    /// What the overview shows.
    public struct Overview: Sendable, Equatable {
        /// A part of the list: an ethnic group, a gender or a commune, by its code.
        public struct Share: Sendable, Equatable {
            public var code: String
            public var name: String
            public var count: Int
        }

        /// Entitlements of one kind: how many and how much.
        public struct KindTotal: Sendable, Equatable {
            public var kind: BenefitKind
            public var count: Int
            public var amount: Int
        }

        /// Entitlements counted: how many and how much.
        public struct Total: Sendable, Equatable {
            public var count: Int
            public var amount: Int
        }

        /// The last run of the scheduler.
        public struct LastRun: Sendable, Equatable {
            public var id: Int64
            public var actor: String
            /// When it finished (UTC, as stored).
            public var finishedAt: String
            public var from: Day
            public var to: Day
            public var created: Int
            public var updated: Int
            public var cancelled: Int
        }

        public var day: Day
        /// Persons on the list on `day` (within the handle's scope).
        public var listed: Int
        public var byEthnicGroup: [Share]
        public var byGender: [Share]
        public var byCommune: [Share]
        /// Planned and approved entitlements due from `day` to `dueThrough`, by kind; nil for an account bound to a
        /// commune (benefits are the province's business).
        public var due: [KindTotal]?
        public var dueThrough: Day
        /// Proposals pending a decision (within the handle's scope).
        public var pendingProposals: Int
        /// The years whose planned and approved entitlements the overview counts: the day's, the one before and the
        /// one after (what is being paid now; older years are on the benefits page, a year at a time).
        public var waitingYears: ClosedRange<Int>
        /// Planned entitlements (waiting for approval) and approved ones (waiting for delivery) of `waitingYears`; nil
        /// for an account bound to a commune.
        public var planned: Total?
        public var approved: Total?
        /// Of the planned and approved ones, those whose due date has passed.
        public var overdue: Total?
        /// True when more than `waitingScanLimit` entitlements wait in `waitingYears`: the figures above (and `due`)
        /// count only the first of them and are lower bounds.
        public var waitingCapped: Bool
        public var lastRun: LastRun?
        public var auditHead: AuditAnchor?
        public var contingencies: [ContingencyPeriod]
    }

    /// The overview of `day`. Persons and proposals are counted within the handle's scope. Every query walks an
    /// index or groups the list once: fast on a national database.
    public func overview(on day: Day, dueWithin days: Int = 30) throws -> Overview {
        let through = day.adding(days: days)
        let commune = scope.communeCode
        let waitingYears = (day.year - 1)...(day.year + 1)
        return try read { db in
            let term = try Self.terms(db).term(of: day)
            // One pass over the list grouped by ethnic group, gender and commune; each commune's name is looked up once.
            let parts = try ListedPart.fetchAll(db, sql: """
                WITH listed AS MATERIALIZED (
                    SELECT p.ethnic_code AS ethnic, p.gender AS gender, v.commune_id AS commune_id, count(*) AS persons
                    FROM membership m
                    JOIN person p ON p.id = m.person_id
                    JOIN village v ON v.id = m.village_id
                    WHERE m.from_date <= :day AND (m.to_date IS NULL OR m.to_date > :day) AND m.from_date >= :termStart
                      AND (:commune IS NULL OR v.commune_id IN (SELECT id FROM area WHERE code = :commune AND level = 'commune'))
                    GROUP BY 1, 2, 3),
                named AS MATERIALIZED (
                    SELECT c.id, c.code, \(Self.areaName("c", on: ":day")) AS name
                    FROM area c WHERE c.id IN (SELECT DISTINCT commune_id FROM listed))
                SELECT l.ethnic, e.name AS ethnic_name, l.gender, n.code AS commune_code, n.name AS commune_name, l.persons
                FROM listed l JOIN ethnic_group e ON e.code = l.ethnic JOIN named n ON n.id = l.commune_id
                """, arguments: ["day": day.iso, "termStart": term?.firstDay.iso ?? "9999-12-31", "commune": commune])
            func shares(_ key: (ListedPart) -> (String, String)) -> [Overview.Share] {
                var counts: [String: Overview.Share] = [:]
                for part in parts {
                    let (code, name) = key(part)
                    counts[code, default: Overview.Share(code: code, name: name, count: 0)].count += part.persons
                }
                return counts.values.sorted { ($1.count, $0.code) < ($0.count, $1.code) }
            }
            let pending = try Int.fetchOne(db, sql: """
                SELECT count(*) FROM proposal pr
                JOIN person p ON p.id = pr.person_id
                JOIN village v ON v.id = coalesce(pr.village_id, p.village_id)
                JOIN area c ON c.id = v.commune_id
                WHERE pr.status = 'pending' AND (:commune IS NULL OR c.code = :commune)
                """, arguments: ["commune": commune]) ?? 0
            var due: [Overview.KindTotal]?
            var planned: Overview.Total?
            var approved: Overview.Total?
            var overdue: Overview.Total?
            var capped = false
            if commune == nil {
                // The waiting rows of the years around the day, read once each way and at most `waitingScanLimit` of
                // them: an office that approves as it goes has far fewer; past the limit the figures are lower bounds.
                let waiting = """
                    SELECT kind, status, amount, due_date FROM entitlement
                    WHERE \(try Self.waitingEntitlements(db, years: waitingYears)) LIMIT \(Self.waitingScanLimit + 1)
                    """
                due = try KindTotalRow.fetchAll(db, sql: """
                    SELECT kind, count(*) AS count, coalesce(sum(amount), 0) AS amount FROM (\(waiting))
                    WHERE due_date BETWEEN :from AND :through
                    GROUP BY kind ORDER BY kind
                    """, arguments: ["from": day.iso, "through": through.iso]).map(\.total)
                let byStatus = try StatusTotalRow.fetchAll(db, sql: """
                    SELECT status, count(*) AS count, coalesce(sum(amount), 0) AS amount,
                           sum(due_date < :day) AS overdue, coalesce(sum(CASE WHEN due_date < :day THEN amount END), 0) AS overdue_amount
                    FROM (\(waiting)) GROUP BY status
                    """, arguments: ["day": day.iso])
                capped = byStatus.reduce(0) { $0 + $1.total.count } > Self.waitingScanLimit
                overdue = Overview.Total(count: byStatus.reduce(0) { $0 + $1.overdue.count },
                                         amount: byStatus.reduce(0) { $0 + $1.overdue.amount })
                planned = byStatus.first { $0.status == .planned }?.total ?? .init(count: 0, amount: 0)
                approved = byStatus.first { $0.status == .approved }?.total ?? .init(count: 0, amount: 0)
            }
            let lastRun = try LastRunRow.fetchOne(db, sql: "SELECT * FROM run ORDER BY id DESC LIMIT 1")?.run
            let head = try Row.fetchOne(db, sql: "SELECT last_id, last_hash FROM audit_head").map {
                AuditAnchor(id: $0["last_id"], hash: $0["last_hash"])
            }
            let contingencies = try ContingencyRow.fetchAll(db, sql: """
                SELECT c.*, a.code AS area_code, a.name AS area_name FROM contingency c LEFT JOIN area a ON a.id = c.area_id
                WHERE c.from_date <= :day AND (c.to_date IS NULL OR c.to_date >= :day)
                ORDER BY c.from_date, c.id
                """, arguments: ["day": day.iso]).map(\.period)
            return Overview(day: day, listed: parts.reduce(0) { $0 + $1.persons },
                            byEthnicGroup: shares { ($0.ethnic, $0.ethnicName) },
                            byGender: shares { ($0.gender, $0.gender) },
                            byCommune: shares { ($0.communeCode, $0.communeName) },
                            due: due, dueThrough: through, pendingProposals: pending, waitingYears: waitingYears,
                            planned: planned, approved: approved,
                            overdue: overdue, waitingCapped: capped,
                            lastRun: lastRun, auditHead: head, contingencies: contingencies)
        }
    }

    /// The most waiting entitlements the overview reads (a bound on its cost): more than a whole occasion of a
    /// national list.
    public static let waitingScanLimit = 50_000

    /// The condition (SQL) "planned or approved" for the entitlement table, spelled so that SQLite seeks each year,
    /// kind and status in the index `entitlement_year_kind` instead of reading every year's delivered rows: the
    /// years are `years`, or every year that has entitlements.
    static func waitingEntitlements(_ db: Database, years: ClosedRange<Int>? = nil) throws -> String {
        var range = years
        // Two subqueries: SQLite answers a lone min() or max() from the index, but scans the table for both together.
        if range == nil, let row = try Row.fetchOne(db, sql: "SELECT (SELECT min(year) FROM entitlement), (SELECT max(year) FROM entitlement)"),
           let first = row[0] as Int?, let last = row[1] as Int? {
            range = first...last
        }
        let yearList = (range ?? 0...0).map(String.init).joined(separator: ", ")
        let kinds = BenefitKind.allCases.map { "'\($0.rawValue)'" }.joined(separator: ", ")
        return "year IN (\(yearList)) AND kind IN (\(kinds)) AND status IN ('planned', 'approved')"
    }

    /// One group of the list of a day: an ethnic group, a gender and a commune with its persons.
    struct ListedPart: FetchableRecord {
        var ethnic: String
        var ethnicName: String
        var gender: String
        var communeCode: String
        var communeName: String
        var persons: Int

        init(row: Row) throws {
            ethnic = try row.decode(forColumn: "ethnic")
            ethnicName = try row.decode(forColumn: "ethnic_name")
            gender = try row.decode(forColumn: "gender")
            communeCode = try row.decode(forColumn: "commune_code")
            communeName = try row.decode(forColumn: "commune_name")
            persons = try row.decode(forColumn: "persons")
        }
    }

    /// Entitlements of one kind counted.
    struct KindTotalRow: FetchableRecord {
        let total: Overview.KindTotal

        init(row: Row) throws {
            total = Overview.KindTotal(kind: try row.decode(forColumn: "kind"), count: try row.decode(forColumn: "count"),
                                       amount: try row.decode(forColumn: "amount"))
        }
    }

    /// Entitlements of one status counted, and those of them past their due date.
    struct StatusTotalRow: FetchableRecord {
        let status: EntitlementStatus
        let total: Overview.Total
        let overdue: Overview.Total

        init(row: Row) throws {
            status = try row.decode(forColumn: "status")
            total = Overview.Total(count: try row.decode(forColumn: "count"), amount: try row.decode(forColumn: "amount"))
            overdue = Overview.Total(count: try row.decode(forColumn: "overdue"), amount: try row.decode(forColumn: "overdue_amount"))
        }
    }

    /// A `run` row as the overview shows it.
    struct LastRunRow: FetchableRecord {
        let run: Overview.LastRun

        init(row: Row) throws {
            run = Overview.LastRun(id: try row.decode(forColumn: "id"), actor: try row.decode(forColumn: "actor"),
                                   finishedAt: try row.decode(forColumn: "finished_at"), from: try row.decode(forColumn: "from_date"),
                                   to: try row.decode(forColumn: "to_date"), created: try row.decode(forColumn: "created"),
                                   updated: try row.decode(forColumn: "updated"), cancelled: try row.decode(forColumn: "cancelled"))
        }
    }
}
