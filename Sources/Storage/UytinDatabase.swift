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
    /// True when `actor` is a signed-in account of the console rather than a typed `--actor`: the four-eyes rule
    /// then holds for proposals too (their creator never decides them).
    public let signedIn: Bool
    /// The part of the province this handle sees and writes (a commune officer's commune); persons and proposals
    /// outside it are not found.
    public let scope: Scope
    /// The copy written beside the file before this process upgraded it (see `backupBeforeMigrating`); nil when
    /// opening it needed no new migration.
    public let upgradeBackup: String?

    /// The default wait for a lock held by another process.
    public static let defaultBusyTimeout: TimeInterval = 5

    init(writer: any DatabaseWriter, path: String, actor: String, upgradeBackup: String? = nil,
         signedIn: Bool = false, scope: Scope = .province) {
        self.writer = writer
        self.path = path
        self.actor = actor
        self.upgradeBackup = upgradeBackup
        self.signedIn = signedIn
        self.scope = scope
    }

    /// The same database, acting for a signed-in account within its scope: one per request of the console, sharing
    /// this handle's connections.
    public func acting(asAccount login: String, scope: Scope) -> UytinDatabase {
        UytinDatabase(writer: writer, path: path, actor: login, upgradeBackup: upgradeBackup, signedIn: true, scope: scope)
    }

    /// Opens (or with `create`, creates with mode 0600) the database at `path` and brings its schema up to date.
    /// `concurrentReaders` (the console's server) reads on several connections at once while one writes.
    public static func open(path: String, actor: String, create: Bool = false,
                            busyTimeout: TimeInterval = defaultBusyTimeout,
                            concurrentReaders: Bool = false) throws(RegistryError) -> UytinDatabase {
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
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA cache_size = -16384")
            Self.addFunctions(db)
        }
        do {
            let queue: any DatabaseWriter
            if concurrentReaders {
                // A pool reads on several connections beside its one writer; it needs the WAL journal, which it sets
                // on a database made before WAL was the default.
                config.maximumReaderCount = 8
                queue = try DatabasePool(path: path, configuration: config)
            } else {
                queue = try DatabaseQueue(path: path, configuration: config)
            }
            let backup = try backupBeforeMigrating(queue, path: path)
            let database = UytinDatabase(writer: queue, path: path, actor: actor, upgradeBackup: backup)
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
        config.prepareDatabase { db in Self.addFunctions(db) }
        let database = UytinDatabase(writer: try DatabaseQueue(configuration: config), path: ":memory:", actor: actor)
        try database.migrate()
        return database
    }

    /// The SQL functions schema.sql may use: `uytin_search_key(text)`, the search key of a name (a migration computes
    /// the keys of the rows it creates with it).
    static func addFunctions(_ db: Database) {
        db.add(function: DatabaseFunction("uytin_search_key", argumentCount: 1, pure: true) { values in
            String.fromDatabaseValue(values[0]).map(VietnameseText.searchKey)
        })
    }

    /// Applies the migrations of schema.sql that this file has not seen yet.
    /// An upgrade of a file that holds a registry is written to its audit log: which migrations, and the copy kept.
    func migrate() throws {
        let migrator = try Schema.migrator()
        let before = try writer.read { db in try migrator.appliedIdentifiers(db) }
        guard before.count < migrator.migrations.count else { return }
        try migrator.migrate(writer)
        let applied = migrator.migrations.filter { !before.contains($0) }
        try write { db in
            guard try Self.setting(db) != nil else { return }
            try audit(db, "schema.upgrade", entity: "database", id: nil,
                      ["migrations": applied.joined(separator: ","), "backup": upgradeBackup ?? ""])
        }
    }

    /// Upgrade in place: before this binary's new migrations touch a file an earlier release made, a consistent copy
    /// of it is written beside it, `<file>.before-<first new migration>-<YYYYMMDD-HHMMSS>.sqlite` (Vietnam time,
    /// mode 0600), and its path returned. Nil when there is nothing to upgrade: in memory, a new empty file, or every
    /// migration already applied. The migrations are looked at and the copy taken on one snapshot, so the copy is the
    /// file exactly as the earlier release left it. When the copy cannot be written (no room, no permission) nothing
    /// is migrated and the file stays as it was: the error is the clerk's, exit 73.
    static func backupBeforeMigrating(_ writer: any DatabaseWriter, path: String) throws -> String? {
        guard path != ":memory:" else { return nil }
        let known = try Schema.migrations().map(\.name)
        return try writer.read { db -> String? in
            guard try db.tableExists("grdb_migrations") else { return nil }
            let applied = Set(try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations"))
            guard !applied.isEmpty, let first = known.first(where: { !applied.contains($0) }) else { return nil }
            // A file that may not be written cannot be migrated (nor one whose -wal or -shm may not, left by another
            // user): no copy is left behind for nothing.
            guard ["", "-wal", "-shm"].allSatisfy({ access(path + $0, W_OK) == 0 || ($0 != "" && errno == ENOENT) }) else {
                throw RegistryError("upgrade_read_only", .missingInput,
                    vi: "Cơ sở dữ liệu \(path) do phiên bản trước tạo, cần nâng cấp cho phiên bản này nhưng tệp không cho ghi; chưa có gì thay đổi. Hãy cho phép ghi vào tệp rồi chạy lại.",
                    en: "The database \(path) was made by an earlier release and needs upgrading for this one, but the file may not be written; nothing changed. Allow writing to it, then run the command again.")
            }
            let seconds = Int(Date().timeIntervalSince1970.rounded(.down)) + 7 * 3600
            let day = Day(julianDay: 2_440_588 + seconds / 86400)
            let rest = seconds % 86400
            let stamp = String(format: "%04d%02d%02d-%02d%02d%02d", day.year, day.month, day.day,
                               rest / 3600, rest % 3600 / 60, rest % 60)
            // A name of its own, never an existing file (two processes upgrading in the same second).
            var copy = "\(path).before-\(first)-\(stamp).sqlite"
            var fd = Foundation.open(copy, O_CREAT | O_EXCL | O_WRONLY, 0o600)
            var attempt = 2
            while fd < 0, errno == EEXIST, attempt < 100 {
                copy = "\(path).before-\(first)-\(stamp)-\(attempt).sqlite"
                fd = Foundation.open(copy, O_CREAT | O_EXCL | O_WRONLY, 0o600)
                attempt += 1
            }
            // The clerk's error: the database is not touched, and why the copy could not be written.
            func refused(_ code: Int32?, _ detail: String = "") -> RegistryError {
                let reason: Message = switch code ?? 0 {
                case 0: Message(vi: detail, en: detail)
                case ENOSPC, EDQUOT: Message(vi: "ổ đĩa đã đầy", en: "the disk is full")
                case EACCES, EPERM: Message(vi: "không có quyền ghi vào thư mục đó", en: "no permission to write in that folder")
                case EROFS: Message(vi: "ổ đĩa chỉ cho đọc", en: "the disk is read-only")
                case ENAMETOOLONG: Message(vi: "tên tệp quá dài", en: "the file name is too long")
                case let code: Message(vi: String(cString: strerror(code)), en: String(cString: strerror(code)))
                }
                return RegistryError("upgrade_backup_failed", .cannotCreateOutput,
                    vi: "Chưa nâng cấp cơ sở dữ liệu \(path) cho phiên bản này vì không ghi được bản sao trước khi nâng cấp \(copy): \(reason.vi). Cơ sở dữ liệu giữ nguyên; hãy giải phóng chỗ trống hoặc cho phép ghi vào thư mục đó rồi chạy lại.",
                    en: "The database \(path) was not upgraded for this release: the copy before upgrading, \(copy), could not be written: \(reason.en). The database is unchanged; free some space or allow writing in that folder, then run the command again.")
            }
            guard fd >= 0 else { throw refused(errno) }
            close(fd)
            do {
                let destination = try DatabaseQueue(path: copy)
                try destination.writeWithoutTransaction { try db.backup(to: $0) }
                try destination.close()
                // The copy's name survives a power cut that the migration's commit survives.
                let folder = (copy as NSString).deletingLastPathComponent
                let handle = Foundation.open(folder.isEmpty ? "." : folder, O_RDONLY)
                if handle >= 0 { fsync(handle); close(handle) }
            } catch {
                for suffix in ["", "-journal", "-wal", "-shm"] { unlink(copy + suffix) }
                let result = (error as? DatabaseError)?.resultCode
                throw refused(result == .SQLITE_FULL ? ENOSPC : result == .SQLITE_READONLY ? EROFS
                              : result == .SQLITE_CANTOPEN || result == .SQLITE_PERM ? EACCES : nil, "\(error)")
            }
            return copy
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

    /// Maps SQLite's errors to the clerk's: busy, a rule a trigger enforced, a broken constraint, a stored value that
    /// cannot be read.
    static func clerkFacing(_ error: any Error) -> any Error {
        if let unreadable = unreadable(error) { return unreadable }
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
