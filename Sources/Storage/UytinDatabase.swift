import Foundation
import GRDB
import Registry
import VietnameseCalendar

/// The registry's database: one SQLite file, opened once per process.
///
/// It owns the migrator and offers one method per invariant-preserving transaction (see the extensions in this
/// folder); callers never write SQL. Every write takes the write lock first (BEGIN IMMEDIATE), so a process that
/// cannot get it within the busy timeout fails with `RegistryError.busy` before it has written anything.
public final class UytinDatabase: Sendable {
    let writer: any DatabaseWriter
    /// The database file, or ":memory:".
    public let path: String
    /// Who is acting; recorded in the audit log.
    public let actor: String

    /// The default wait for a lock held by another process.
    public static let defaultBusyTimeout: TimeInterval = 5

    init(writer: any DatabaseWriter, path: String, actor: String) {
        self.writer = writer
        self.path = path
        self.actor = actor
    }

    /// Opens (or with `create`, creates with mode 0600) the database at `path` and brings its schema up to date.
    public static func open(path: String, actor: String, create: Bool = false,
                            busyTimeout: TimeInterval = defaultBusyTimeout) throws(RegistryError) -> UytinDatabase {
        let manager = FileManager.default
        if !manager.fileExists(atPath: path) {
            guard create else { throw .databaseMissing(path) }
            let fd = Foundation.open(path, O_CREAT | O_EXCL | O_WRONLY, 0o600)
            guard fd >= 0 else { throw .cannotCreate(path, errno: errno) }
            close(fd)
        } else if !manager.isReadableFile(atPath: path) {
            throw .databaseUnreadable(path, "permission denied")
        }
        // WAL is set once, on a new file, and stays in it; setting it on every open would make GRDB touch the schema
        // and so make read-only commands wait for a writer.
        let fresh = try refuseForeignDatabase(path, create: create, busyTimeout: busyTimeout)
        var config = Configuration()
        config.busyMode = .timeout(busyTimeout)
        config.foreignKeysEnabled = true
        config.journalMode = fresh ? .wal : .default
        config.label = "uytin"
        // 16 MiB of page cache instead of SQLite's 2: a run or an import touches more pages than 2 MiB holds, and
        // re-reading and spilling them was a quarter of a newspaper day (scripts/bench).
        config.prepareDatabase { db in try db.execute(sql: "PRAGMA cache_size = -16384") }
        do {
            let queue = try DatabaseQueue(path: path, configuration: config)
            let database = UytinDatabase(writer: queue, path: path, actor: actor)
            try database.migrate()
            return database
        } catch let error as RegistryError {
            throw error
        } catch let error as DatabaseError where [.SQLITE_BUSY, .SQLITE_LOCKED].contains(error.resultCode) {
            throw .busy
        } catch {
            throw .databaseUnreadable(path, "\(error)")
        }
    }

    /// Another program's SQLite file is never written into, not even to switch it to WAL: it is looked at through a
    /// read-only connection first. Only an empty file (being created) or one of ours goes on; returns true for the
    /// empty file.
    private static func refuseForeignDatabase(_ path: String, create: Bool, busyTimeout: TimeInterval) throws(RegistryError) -> Bool {
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        guard size > 0 else {
            if !create { throw .notInitialized }
            return true
        }
        var config = Configuration()
        config.readonly = true
        config.busyMode = .timeout(busyTimeout)
        let found: (objects: Int, ours: Bool)
        do {
            let reader = try DatabaseQueue(path: path, configuration: config)
            found = try reader.read { db in
                (try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master") ?? 0,
                 try Bool.fetchOne(db, sql: "SELECT 1 FROM sqlite_master WHERE name = 'grdb_migrations'") ?? false)
            }
            try reader.close()
        } catch let error as DatabaseError where [.SQLITE_BUSY, .SQLITE_LOCKED].contains(error.resultCode) {
            throw .busy
        } catch {
            throw .databaseUnreadable(path, "\(error)")
        }
        if found.objects > 0, !found.ours { throw .notUytinDatabase(path, creating: create) }
        if found.objects == 0, !create { throw .notInitialized }
        return false
    }

    /// A private database in memory, for tests.
    public static func inMemory(actor: String = "test") throws -> UytinDatabase {
        var config = Configuration()
        config.foreignKeysEnabled = true
        let database = UytinDatabase(writer: try DatabaseQueue(configuration: config), path: ":memory:", actor: actor)
        try database.migrate()
        return database
    }

    /// Applies the migrations of schema.sql that this file has not seen yet.
    func migrate() throws {
        let migrator = try Schema.migrator()
        let upToDate = try writer.read { db in try migrator.hasCompletedMigrations(db) }
        if !upToDate {
            try migrator.migrate(writer)
        }
    }

    /// Runs `body` in one IMMEDIATE transaction: all of it or nothing (with `commit` false, nothing: a dry run).
    /// Database errors become clerk-facing errors.
    func write<T>(commit: Bool = true, _ body: (Database) throws -> T) throws -> T {
        do {
            return try writer.writeWithoutTransaction { db in
                var result: T?
                try db.inTransaction(.immediate) {
                    result = try body(db)
                    return commit ? .commit : .rollback
                }
                return result!
            }
        } catch {
            throw Self.clerkFacing(error)
        }
    }

    /// Runs `body` on a consistent snapshot.
    func read<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try writer.read(body)
        } catch {
            throw Self.clerkFacing(error)
        }
    }

    /// Maps SQLite's errors to the clerk's: busy, a rule a trigger enforced, a broken constraint.
    static func clerkFacing(_ error: any Error) -> any Error {
        guard let error = error as? DatabaseError else { return error }
        switch error.resultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            return RegistryError.busy
        case .SQLITE_CONSTRAINT:
            let text = error.message ?? ""
            if text.hasPrefix("uytin:") {
                let parts = text.dropFirst("uytin:".count).split(separator: ":", maxSplits: 1)
                let rule = String(parts.first ?? "constraint")
                let detail = parts.count > 1 ? parts[1].trimmingCharacters(in: .whitespaces) : text
                return RegistryError.schemaRule(rule, detail)
            }
            return RegistryError.schemaRule("constraint", text)
        default:
            return RegistryError.internalFault("SQLite \(error.resultCode): \(error.message ?? "")")
        }
    }

    /// Moments as the product writes them.
    public enum Timestamp {
        /// Now, in UTC: 2026-11-25T17:00:00Z.
        public static func now() -> String { UytinDatabase.timestamp() }
    }

    /// Now, in UTC, as stored in `*_at` columns.
    static func timestamp(_ date: Date = Date()) -> String {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down))
        let day = Day(julianDay: 2_440_588 + seconds / 86400)
        let rest = seconds % 86400
        guard seconds >= 0 else {
            return day.iso + String(format: "T%02d:%02d:%02dZ", rest / 3600, rest % 3600 / 60, rest % 60)
        }
        // Written digit by digit, as `day.iso` and "T%02d:%02d:%02dZ" would: String(format:) costs more than the rest
        // of an audit row on Linux.
        var text = [UInt8]()
        text.reserveCapacity(20)
        func digits(_ value: Int, _ count: Int) {
            var divisor = 1
            for _ in 1..<count { divisor *= 10 }
            if value >= divisor * 10 { text.append(contentsOf: String(value).utf8); return }
            while divisor > 0 {
                text.append(UInt8(ascii: "0") + UInt8(value / divisor % 10))
                divisor /= 10
            }
        }
        digits(day.year, 4); text.append(UInt8(ascii: "-")); digits(day.month, 2); text.append(UInt8(ascii: "-"))
        digits(day.day, 2); text.append(UInt8(ascii: "T")); digits(rest / 3600, 2); text.append(UInt8(ascii: ":"))
        digits(rest % 3600 / 60, 2); text.append(UInt8(ascii: ":")); digits(rest % 60, 2); text.append(UInt8(ascii: "Z"))
        return String(decoding: text, as: UTF8.self)
    }
}
