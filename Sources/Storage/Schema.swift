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
    /// Each trigger of schema.sql with its text as SQLite keeps it (from CREATE TRIGGER to END), so `check` can
    /// tell a trigger replaced by another of the same name.
    static func triggerDefinitions() throws -> [String: String] {
        let pattern = try NSRegularExpression(pattern: #"CREATE TRIGGER (\w+)[\s\S]*?\nEND(?=;)"#)
        let sql = try text()
        var result: [String: String] = [:]
        for match in pattern.matches(in: sql, range: NSRange(sql.startIndex..., in: sql)) {
            guard let name = Range(match.range(at: 1), in: sql), let whole = Range(match.range, in: sql) else { continue }
            result[String(sql[name])] = normalized(String(sql[whole]))
        }
        return result
    }

    /// SQL with its white space collapsed, for comparing definitions.
    static func normalized(_ sql: String) -> String {
        sql.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    /// The names of the tables, indexes and triggers schema.sql leaves once every migration has run: a later
    /// migration may drop an object, or rebuild a table (create `x_new`, drop `x`, rename `x_new` to `x`).
    static func objectNames() throws -> [String] {
        let pattern = try NSRegularExpression(pattern:
            #"CREATE\s+(?:UNIQUE\s+)?(?:TABLE|INDEX|TRIGGER)\s+(\w+)|DROP\s+(?:TABLE|INDEX|TRIGGER)\s+(\w+)|ALTER\s+TABLE\s+(\w+)\s+RENAME\s+TO\s+(\w+)"#)
        let sql = try text()
        var names: [String] = []
        func group(_ match: NSTextCheckingResult, _ index: Int) -> String? {
            Range(match.range(at: index), in: sql).map { String(sql[$0]) }
        }
        // Dropping a table drops its indexes and triggers: each is kept with the table it is ON.
        let onTable = try NSRegularExpression(pattern: #"\sON\s+(\w+)"#)
        var owner: [String: String] = [:]
        for match in pattern.matches(in: sql, range: NSRange(sql.startIndex..., in: sql)) {
            if let created = group(match, 1) {
                names.append(created)
                let rest = NSRange(location: match.range.upperBound, length: min(400, (sql as NSString).length - match.range.upperBound))
                if !sql[Range(match.range, in: sql)!].contains("TABLE"),
                   let on = onTable.firstMatch(in: sql, range: rest), let table = group(on, 1) {
                    owner[created] = table
                }
            } else if let dropped = group(match, 2) {
                names.removeAll { $0 == dropped || owner[$0] == dropped }
            } else if let old = group(match, 3), let new = group(match, 4) {
                names = names.map { $0 == old ? new : $0 }
                for (name, table) in owner where table == old { owner[name] = new }
            }
        }
        var seen: Set<String> = []
        return names.filter { seen.insert($0).inserted }
    }
}
