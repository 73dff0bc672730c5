import Foundation
import GRDB
import Registry
import Scheduler
import VietnameseCalendar

/// The gatherings of a stretch of days, for the console's month calendar (Lịch).
extension UytinDatabase {
    /// A planned gathering on a day.
    public struct DatedPlan: Sendable, Equatable {
        public var id: Int64
        public var kind: PlanKind
        public var date: Day
        public var name: String
        /// The day it was cancelled, if it was.
        public var cancelledOn: Day?
    }

    /// The plans dated from `from` through `through`, by date.
    public func plans(from: Day, through: Day) throws -> [DatedPlan] {
        try read { db in
            try DatedPlanRow.fetchAll(db, sql: """
                SELECT id, kind, plan_date, name, cancelled_on FROM plan WHERE plan_date BETWEEN ? AND ? ORDER BY plan_date, id
                """, arguments: [from.iso, through.iso]).map(\.plan)
        }
    }

    /// A `plan` row as the calendar shows it.
    struct DatedPlanRow: FetchableRecord {
        let plan: DatedPlan

        init(row: Row) throws {
            plan = DatedPlan(id: try row.decode(forColumn: "id"), kind: try row.decode(forColumn: "kind"),
                             date: try row.decode(forColumn: "plan_date"), name: try row.decode(forColumn: "name"),
                             cancelledOn: try row.decode(forColumn: "cancelled_on"))
        }
    }
}
