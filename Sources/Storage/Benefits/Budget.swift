import Foundation
import GRDB
import Registry
import Scheduler
import VietnameseCalendar

/// The annual budget estimate (dự toán) and what was actually paid.
extension UytinDatabase {
    public struct BudgetLine: Sendable, Codable, Equatable {
        public var kind: BenefitKind
        public var funding: FundingLevel
        /// Entitlements already made and not cancelled, plus those the year's remaining occasions will make.
        public var estimatedCount: Int
        public var estimate: Int
        /// Of which not yet made by a run (projected from today's list and rules).
        public var projectedCount: Int
        public var deliveredCount: Int
        public var actual: Int
        /// Distinct persons of the estimate (a person counts once however many occasions: 12 issues of newspapers).
        public var persons: Int
        /// The amount of `projectedCount`: what the occasions not yet made will cost.
        public var projectedAmount: Int
    }

    /// A year's budget: its lines, and the persons counted once across them.
    public struct Budget: Sendable, Equatable {
        public var lines: [BudgetLine]
        /// Distinct persons with at least one entitlement in the estimate.
        public var persons: Int
        /// Distinct persons with at least one entitlement delivered.
        public var deliveredPersons: Int

        public var estimate: Int { lines.reduce(0) { $0 + $1.estimate } }
        public var actual: Int { lines.reduce(0) { $0 + $1.actual } }
        public var estimatedCount: Int { lines.reduce(0) { $0 + $1.estimatedCount } }
        public var projectedCount: Int { lines.reduce(0) { $0 + $1.projectedCount } }
        public var projectedAmount: Int { lines.reduce(0) { $0 + $1.projectedAmount } }
        public var deliveredCount: Int { lines.reduce(0) { $0 + $1.deliveredCount } }
    }

    /// A line of `budget(year:)`'s query.
    struct BudgetRow: FetchableRecord {
        let line: BudgetLine

        init(row: Row) throws {
            line = BudgetLine(kind: try row.decode(forColumn: "kind"), funding: try row.decode(forColumn: "funding"),
                              estimatedCount: try row.decode(forColumn: "estimated_count"), estimate: try row.decode(forColumn: "estimate"),
                              projectedCount: try row.decode(forColumn: "projected_count"),
                              deliveredCount: try row.decode(forColumn: "delivered_count"), actual: try row.decode(forColumn: "actual"),
                              persons: try row.decode(forColumn: "persons"), projectedAmount: try row.decode(forColumn: "projected_amount"))
        }
    }

    /// The budget of a year by kind and funding level. The projection applies the rules to the year's remaining
    /// occasions exactly as a run would (in a transaction that is rolled back); life events cannot be foreseen.
    public func budget(year: Int) throws -> [BudgetLine] {
        try budgetWithPersons(year: year).lines
    }

    /// The budget of a year with its persons counted once across its lines (one projection, rolled back).
    public func budgetWithPersons(year: Int) throws -> Budget {
        try write(commit: false) { db in
            let setting = try Self.requireSetting(db)
            _ = try setting.term(ofYear: year)
            let projectionRun: Int64 = -1
            let processed = Set(try Row.fetchAll(db, sql: "SELECT kind, period FROM run_occasion").map { "\($0[0] as String)|\($0[1] as String)" })
            let occasions = OccasionCalendar.occasions(until: Day(year: year, month: 12, day: 31)!, term: setting.firstDay...setting.lastDay,
                                                       rules: try Self.ruleBook(db), festivals: try Self.festivals(db),
                                                       plans: try Self.plans(db))
            for occasion in occasions where occasion.date.year == year && !processed.contains("\(occasion.kind.rawValue)|\(occasion.period)") {
                _ = try insertEntitlements(db, EntitlementBatch(occasion: occasion, runId: projectionRun))
            }
            let lines = try BudgetRow.fetchAll(db, sql: """
                SELECT kind, funding,
                       sum(status <> 'cancelled') AS estimated_count, sum(CASE WHEN status <> 'cancelled' THEN amount ELSE 0 END) AS estimate,
                       sum(run_id = ?1 AND status <> 'cancelled') AS projected_count,
                       sum(CASE WHEN run_id = ?1 AND status <> 'cancelled' THEN amount ELSE 0 END) AS projected_amount,
                       sum(status = 'delivered') AS delivered_count, sum(CASE WHEN status = 'delivered' THEN amount ELSE 0 END) AS actual,
                       count(DISTINCT CASE WHEN status <> 'cancelled' THEN person_id END) AS persons
                FROM entitlement WHERE year = ?2 GROUP BY kind, funding ORDER BY funding, kind
                """, arguments: [projectionRun, year]).map(\.line)
            let persons = try Row.fetchOne(db, sql: """
                SELECT count(DISTINCT CASE WHEN status <> 'cancelled' THEN person_id END) AS persons,
                       count(DISTINCT CASE WHEN status = 'delivered' THEN person_id END) AS delivered
                FROM entitlement WHERE year = ?
                """, arguments: [year])!
            return Budget(lines: lines, persons: persons["persons"], deliveredPersons: persons["delivered"])
        }
    }
}
