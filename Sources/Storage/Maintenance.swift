import Foundation
import GRDB
import Registry

/// Keeping the file sound: integrity checks and online backups.
extension UytinDatabase {
    /// What `uytin check` found.
    public struct CheckReport: Sendable, Codable, Equatable {
        public var integrity: [String]
        public var foreignKeyViolations: Int
        public var audit: AuditVerification
        public var missingSchemaObjects: [String]
        public var ok: Bool { integrity == ["ok"] && foreignKeyViolations == 0 && audit.ok && missingSchemaObjects.isEmpty }
    }

    /// SQLite's integrity and foreign-key checks, the audit chain, and that every table, index and trigger of
    /// schema.sql is still there (a dropped trigger means an invariant is no longer enforced).
    public func check() throws -> CheckReport {
        try read { db in
            let integrity = try String.fetchAll(db, sql: "PRAGMA integrity_check")
            let violations = try Row.fetchAll(db, sql: "PRAGMA foreign_key_check").count
            let audit = try Self.verifyAudit(db)
            let present = Set(try String.fetchAll(db, sql: "SELECT name FROM sqlite_master"))
            let expected = try Schema.objectNames()
            // A trigger replaced by another of the same name (a no-op, say) no longer enforces its rule.
            let triggers = try Schema.triggerDefinitions()
            var changed: [String] = []
            for row in try Row.fetchAll(db, sql: "SELECT name, sql FROM sqlite_master WHERE type = 'trigger'") {
                let name: String = row["name"]
                if let definition = triggers[name], Schema.normalized(row["sql"] ?? "") != definition { changed.append(name + " (changed)") }
            }
            return CheckReport(integrity: integrity, foreignKeyViolations: violations, audit: audit,
                               missingSchemaObjects: expected.filter { !present.contains($0) } + changed.sorted())
        }
    }

    /// Writes a consistent copy of the database to `path` (SQLite's online backup), while others keep working.
    /// The copy is written beside the target and renamed into place inside the transaction that writes the backup
    /// to the audit log: a reader never sees half a file, and no copy leaves without its audit row (nor the other
    /// way round). An existing file at `path` is kept unless `overwrite`: the copy is linked into place, which fails
    /// rather than replaces, so a file that appears meanwhile is not lost either.
    public func backup(to path: String, overwrite: Bool = false) throws {
        if !overwrite, FileManager.default.fileExists(atPath: path) { throw RegistryError.backupExists(path) }
        let temporary = path + ".partial-\(getpid())"
        let fd = Foundation.open(temporary, O_CREAT | O_TRUNC | O_WRONLY, 0o600)
        guard fd >= 0 else { throw RegistryError.cannotCreate(path, errno: errno) }
        close(fd)
        var renamed = false
        do {
            let copy = try DatabaseQueue(path: temporary)
            try writer.backup(to: copy)
            try copy.close()
            try write { db in
                try audit(db, "backup", entity: "database", id: nil, overwrite ? ["to": path, "overwrite": "1"] : ["to": path])
                if overwrite {
                    guard rename(temporary, path) == 0 else { throw RegistryError.cannotCreate(path, errno: errno) }
                } else if link(temporary, path) == 0 {
                    unlink(temporary)
                } else {
                    // A disk without hard links (a USB stick): the check above is all there is.
                    guard errno != EEXIST else { throw RegistryError.backupExists(path) }
                    guard [EPERM, ENOTSUP, EOPNOTSUPP, EXDEV].contains(errno), !FileManager.default.fileExists(atPath: path),
                          rename(temporary, path) == 0 else { throw RegistryError.cannotCreate(path, errno: errno) }
                }
                renamed = true
            }
        } catch {
            unlink(renamed ? path : temporary)
            if error is RegistryError { throw error }
            throw Self.clerkFacing(error)
        }
    }
}

extension UytinDatabase {
    /// Marks this database as built by `uytin demo`, so a later demo may replace it.
    public func markDemo() throws {
        try write { db in try audit(db, "demo", entity: "database", id: nil) }
    }

    /// True when `uytin demo` built this database.
    public func isDemo() throws -> Bool {
        try read { db in try Bool.fetchOne(db, sql: "SELECT 1 FROM audit_log WHERE action = 'demo' LIMIT 1") ?? false }
    }
}

extension UytinDatabase {
    /// Moves the write-ahead log into the main file, so the file alone is the whole database.
    public func checkpoint() throws {
        _ = try writer.writeWithoutTransaction { db in try db.checkpoint(.truncate) }
    }
}
