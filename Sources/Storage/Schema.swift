import Foundation
import GRDB

/// The canonical schema (the top-level schema.sql, embedded by scripts/embed-schema) and its migrations.
public enum Schema {
    /// The text of schema.sql as this binary carries it.
    public static func text() throws -> String { embeddedText }

    /// The "-- migration: NAME" sections of schema.sql, in order.
    public static func migrations() throws -> [(name: String, sql: String)] {
        var result: [(name: String, sql: String)] = []
        let marker = "-- migration: "
        for line in try text().split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix(marker) {
                result.append((String(line.dropFirst(marker.count)).trimmingCharacters(in: .whitespaces), ""))
            } else if !result.isEmpty {
                result[result.count - 1].sql += line + "\n"
            }
        }
        return result
    }

    static func migrator() throws -> DatabaseMigrator {
        var migrator = DatabaseMigrator()
        for migration in try migrations() {
            migrator.registerMigration(migration.name) { db in
                try db.execute(sql: migration.sql)
            }
        }
        return migrator
    }
}

extension Schema {
    /// The names of the tables, indexes and triggers schema.sql creates.
    static func objectNames() throws -> [String] {
        let pattern = try NSRegularExpression(pattern: #"CREATE\s+(?:UNIQUE\s+)?(?:TABLE|INDEX|TRIGGER)\s+(\w+)"#)
        let sql = try text()
        return pattern.matches(in: sql, range: NSRange(sql.startIndex..., in: sql)).compactMap {
            Range($0.range(at: 1), in: sql).map { String(sql[$0]) }
        }
    }
}
