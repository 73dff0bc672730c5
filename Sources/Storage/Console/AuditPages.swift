import Foundation
import GRDB
import Registry

/// The audit log a page at a time, for the console's Nhật ký: paged by row id (a seek on the primary key, never an
/// OFFSET over the whole log), optionally one actor's or one action's rows.
extension UytinDatabase {
    /// Narrows the audit log: one actor (any case) and/or one action code.
    public struct AuditFilter: Sendable, Equatable {
        public var actor: String?
        public var action: String?

        public init(actor: String? = nil, action: String? = nil) {
            self.actor = actor
            self.action = action
        }
    }

    /// One page of the log, newest first, with where the pages beside it start.
    public struct AuditPage: Sendable, Equatable {
        public var entries: [AuditEntry]
        /// The id to pass as `before` for the next (older) page; nil on the last page.
        public var olderBefore: Int64?
        /// The id to pass as `after` for the previous (newer) page; nil on the first page.
        public var newerAfter: Int64?
    }

    /// The rows older than `before` (newest first), or with `after` the rows just newer than it, `limit` of them.
    public func auditPage(_ filter: AuditFilter, before: Int64? = nil, after: Int64? = nil, limit: Int = 50) throws -> AuditPage {
        let limit = max(1, min(limit, 500))
        let conditions = "(:actor IS NULL OR actor = :actor COLLATE NOCASE) AND (:action IS NULL OR action = :action)"
        let arguments: StatementArguments = ["actor": filter.actor, "action": filter.action, "limit": limit + 1]
        return try read { db in
            func exists(_ condition: String, _ more: StatementArguments) throws -> Bool {
                try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM audit_log WHERE \(condition) AND \(conditions))",
                                  arguments: arguments + more) ?? false
            }
            var entries: [AuditEntry]
            var olderBefore: Int64?
            var newerAfter: Int64?
            if let after, before == nil {
                // A page back: the rows just newer than `after`, read upwards, shown newest first.
                var rows = try AuditEntryRow.fetchAll(db, sql: """
                    SELECT * FROM audit_log WHERE id > :after AND \(conditions) ORDER BY id LIMIT :limit
                    """, arguments: arguments + ["after": after]).map(\.entry)
                if rows.count > limit {
                    rows.removeLast()
                    newerAfter = rows.last?.id
                }
                entries = rows.reversed()
                let oldest = entries.last?.id ?? after + 1
                if try exists("id < :oldest", ["oldest": oldest]) { olderBefore = oldest }
            } else {
                let start = before ?? Int64.max
                var rows = try AuditEntryRow.fetchAll(db, sql: """
                    SELECT * FROM audit_log WHERE id < :before AND \(conditions) ORDER BY id DESC LIMIT :limit
                    """, arguments: arguments + ["before": start]).map(\.entry)
                if rows.count > limit {
                    rows.removeLast()
                    olderBefore = rows.last?.id
                }
                entries = rows
                if before != nil {
                    let newest = entries.first?.id ?? start - 1
                    if try exists("id > :newest", ["newest": newest]) { newerAfter = newest }
                }
            }
            return AuditPage(entries: entries, olderBefore: olderBefore, newerAfter: newerAfter)
        }
    }

    /// The actions the log holds rows of, for the filter's choices; read from the rows of the last `recent` ids, so
    /// that it costs the same on any log.
    public func recentAuditActions(recent: Int = 5000) throws -> [String] {
        try read { db in
            try String.fetchAll(db, sql: """
                SELECT DISTINCT action FROM audit_log WHERE id > (SELECT coalesce(max(id), 0) FROM audit_log) - ? ORDER BY action
                """, arguments: [recent])
        }
    }

    /// An `audit_log` row.
    struct AuditEntryRow: FetchableRecord {
        let entry: AuditEntry

        init(row: Row) throws {
            entry = UytinDatabase.auditEntry(row)
        }
    }
}
