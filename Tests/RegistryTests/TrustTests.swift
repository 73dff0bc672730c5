import Foundation
import GRDB
import Registry
import Storage
import Testing

/// The audit chain, `check`, backups, file permissions and two processes sharing one file.
@Suite("Trust: audit chain, checks, backups and locking")
struct TrustTests {
    /// A registry with a few decisions behind it, so the audit log has rows of every kind.
    private func built() throws -> Fixture {
        let f = try Fixture()
        try f.recognizeAll([f.duc, f.sang, f.mai], listYear: 2019)
        let replacement = try f.db.propose(.replace(person: f.duc, by: f.hung, reason: "health"), note: nil)
        try f.decide("449/QĐ-UBND", on: "2020-03-04", approve: [replacement], listYear: 2020)
        return f
    }

    private func auditId(_ f: Fixture, action: String) throws -> Int64 {
        try f.raw().read { db in
            try Int64.fetchOne(db, sql: "SELECT min(id) FROM audit_log WHERE action = ?", arguments: [action])!
        }
    }

    @Test("the audit chain of a database built through the registry verifies")
    func auditVerifies() throws {
        let f = try built()
        let verification = try f.db.verifyAudit()
        #expect(verification.ok)
        #expect(verification.firstBadRow == nil)
        #expect(verification.rows == (try f.auditRowCount()))
        #expect(verification.rows > 20)
        let actions = Set(try f.db.auditLog(limit: 1000).map(\.action))
        #expect(actions.isSuperset(of: ["init", "area.add", "village.add", "person.add", "proposal.add", "decision.record",
                                        "list.enter", "list.leave", "proposal.approved", "list.approve"]))
        #expect(try f.db.auditLog(limit: 1000).allSatisfy { $0.actor == "tester" })
    }

    @Test("an audit row edited by hand is named as the first bad row", arguments: [true, false])
    func editedRow(recreateTrigger: Bool) throws {
        let f = try built()
        let target = try auditId(f, action: "person.add")
        try f.raw().writeWithoutTransaction { db in
            let trigger = try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE name = 'audit_log_no_update'")!
            try db.execute(sql: "DROP TRIGGER audit_log_no_update")
            try db.execute(sql: "UPDATE audit_log SET detail = json_object('name', 'Người Khác') WHERE id = ?",
                           arguments: [target])
            if recreateTrigger { try db.execute(sql: trigger) }
        }
        let verification = try f.db.verifyAudit()
        #expect(!verification.ok)
        #expect(verification.firstBadRow == target)
        #expect(verification.rows == Int(target))
        let report = try f.db.check()
        #expect(!report.ok)
        #expect(report.audit.firstBadRow == target)
        #expect(report.integrity == ["ok"])
        #expect(report.missingSchemaObjects == (recreateTrigger ? [] : ["audit_log_no_update"]))
    }

    @Test("re-hashing an edited row does not help: the next row's link breaks")
    func rehashedRow() throws {
        let f = try built()
        let target = try auditId(f, action: "decision.record")
        try f.raw().writeWithoutTransaction { db in
            try db.execute(sql: "DROP TRIGGER audit_log_no_update")
            let row = try Row.fetchOne(db, sql: "SELECT * FROM audit_log WHERE id = ?", arguments: [target])!
            let detail = #"{"number":"999/QĐ-UBND"}"#
            let entityId: Int64? = row["entity_id"]
            let decisionId: Int64? = row["decision_id"]
            let fields: [String] = [String(target), row["at"], row["actor"], row["action"], row["entity"],
                                    entityId.map { String($0) } ?? "", decisionId.map { String($0) } ?? "", detail,
                                    row["prev_hash"]]
            let content = fields.joined(separator: "\u{1F}")
            try db.execute(sql: "UPDATE audit_log SET detail = ?, hash = ? WHERE id = ?",
                           arguments: [detail, SHA256.hex(content), target])
        }
        let verification = try f.db.verifyAudit()
        #expect(verification.firstBadRow == target + 1)
        #expect(verification.problem?.en.contains("link") == true)
    }

    @Test("deleting the newest audit row is caught")
    func deletedLastRow() throws {
        let f = try built()
        let last = Int64(try f.auditRowCount())
        try f.raw().writeWithoutTransaction { db in
            try db.execute(sql: "DROP TRIGGER audit_log_no_delete")
            try db.execute(sql: "DELETE FROM audit_log WHERE id = ?", arguments: [last])
        }
        let verification = try f.db.verifyAudit()
        #expect(!verification.ok)
        #expect(verification.firstBadRow == last)
        #expect(verification.rows == Int(last) - 1)
        #expect(!(try f.db.check().ok))
    }

    @Test("deleting the whole log and its head is caught: an initialised registry has rows from #1")
    func deletedWholeLog() throws {
        let f = try built()
        try f.raw().writeWithoutTransaction { db in
            try db.execute(sql: "DROP TRIGGER audit_log_no_delete")
            try db.execute(sql: "DELETE FROM audit_log")
            try db.execute(sql: "DELETE FROM audit_head")
        }
        let verification = try f.db.verifyAudit()
        #expect(verification.firstBadRow == 1)
        #expect(verification.rows == 0)
        #expect(!(try f.db.check().ok))
    }

    @Test("an anchor kept outside catches the newest rows deleted with the head rewound, and a chain rewritten whole")
    func anchorKeptOutside() throws {
        let f = try built()
        let verified = try f.db.verifyAudit()
        let last = Int64(verified.rows)
        let lastHash = try #require(verified.lastHash)
        let anchor = try #require(UytinDatabase.AuditAnchor(parsing: "\(last):\(lastHash.prefix(16))"))
        #expect(try f.db.verifyAudit(anchor: anchor).ok)
        #expect(UytinDatabase.AuditAnchor(parsing: "12:abc") == nil)
        #expect(UytinDatabase.AuditAnchor(parsing: "x:0123456789abcdef") == nil)

        // The newest two rows deleted, the head moved back: a shorter chain that holds — but not the anchor.
        try f.raw().writeWithoutTransaction { db in
            try db.execute(sql: "DROP TRIGGER audit_log_no_delete")
            try db.execute(sql: "DELETE FROM audit_log WHERE id > ?", arguments: [last - 2])
            try db.execute(sql: "UPDATE audit_head SET last_id = ?1, last_hash = (SELECT hash FROM audit_log WHERE id = ?1)",
                           arguments: [last - 2])
        }
        #expect(try f.db.verifyAudit().ok)
        let cut = try f.db.verifyAudit(anchor: anchor)
        #expect(cut.firstBadRow == last - 1)

        // Rows put back with other content and rehashed from there on: the anchor's row has another hash.
        let rewritten = try #require(UytinDatabase.AuditAnchor(parsing: "\(last - 2):0000000000000000"))
        #expect(try f.db.verifyAudit(anchor: rewritten).firstBadRow == last - 2)
    }

    @Test("deleting an audit row in the middle is caught at the row after it")
    func deletedMiddleRow() throws {
        let f = try built()
        let target = try auditId(f, action: "proposal.add")
        try f.raw().writeWithoutTransaction { db in
            try db.execute(sql: "DROP TRIGGER audit_log_no_delete")
            try db.execute(sql: "DELETE FROM audit_log WHERE id = ?", arguments: [target])
        }
        #expect(try f.db.verifyAudit().firstBadRow == target + 1)
    }

    @Test("check is clean on a database built through the registry")
    func checkClean() throws {
        let f = try built()
        let report = try f.db.check()
        #expect(report.ok)
        #expect(report.integrity == ["ok"])
        #expect(report.foreignKeyViolations == 0)
        #expect(report.missingSchemaObjects.isEmpty)
        #expect(report.audit.ok)
    }

    @Test("check reports a dropped trigger or index", arguments: [
        ("TRIGGER", "membership_quota"), ("TRIGGER", "audit_log_no_delete"), ("TRIGGER", "decision_is_fixed"),
        ("INDEX", "membership_one_open"),
    ])
    func checkMissingObject(kind: String, name: String) throws {
        let f = try built()
        try f.raw().writeWithoutTransaction { db in try db.execute(sql: "DROP \(kind) \(name)") }
        let report = try f.db.check()
        #expect(!report.ok)
        #expect(report.missingSchemaObjects == [name])
        #expect(report.audit.ok)
    }

    @Test("a backup is a whole database that opens with the same persons and list")
    func backup() throws {
        let f = try built()
        let target = f.directory.appendingPathComponent("backup.sqlite").path
        try f.db.backup(to: target)
        let copy = try UytinDatabase.open(path: target, actor: "restorer")
        #expect(try copy.persons().count == (try f.db.persons().count))
        #expect(try copy.persons().count == 7)
        #expect(try copy.listed(on: day("2020-03-04")) == (try f.db.listed(on: day("2020-03-04"))))
        #expect(try copy.setting().terms.all.map(\.years) == [2019...2023])
        #expect(try copy.verifyAudit().ok)
        #expect(try copy.check().ok)
        let mode = try FileManager.default.attributesOfItem(atPath: target)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        #expect(try FileManager.default.contentsOfDirectory(atPath: f.directory.path).allSatisfy { !$0.contains(".partial") })
        // The backup itself is audited in the original.
        #expect(try f.db.auditLog(limit: 1).first?.action == "backup")
    }

    @Test("a backup into a missing folder fails cleanly")
    func backupMissingFolder() throws {
        let f = try built()
        try expectRefusal("cannot_create_output", in: f) {
            try f.db.backup(to: f.directory.appendingPathComponent("no/such/folder/backup.sqlite").path)
        }
    }

    @Test("a new database file and its journal are readable by their owner only")
    func fileMode() throws {
        let f = try Fixture()
        let manager = FileManager.default
        #expect(try manager.attributesOfItem(atPath: f.path)[.posixPermissions] as? Int == 0o600)
        for suffix in ["-wal", "-shm"] where manager.fileExists(atPath: f.path + suffix) {
            #expect(try manager.attributesOfItem(atPath: f.path + suffix)[.posixPermissions] as? Int == 0o600, "\(suffix)")
        }
        let journalMode = try f.raw().read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") }
        #expect(journalMode == "wal")
    }

    @Test("opening a missing database without create is refused")
    func missingDatabase() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("uytin-missing-\(UUID().uuidString).sqlite").path
        #expect(throws: RegistryError.databaseMissing(path)) {
            _ = try UytinDatabase.open(path: path, actor: "tester")
        }
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test("a file that is not a registry database is refused as unreadable")
    func unreadableDatabase() throws {
        let f = try Fixture()
        let path = f.directory.appendingPathComponent("ghi-chu.txt").path
        try Data("Danh sách người có uy tín năm 2021\n".utf8).write(to: URL(fileURLWithPath: path))
        #expect {
            _ = try UytinDatabase.open(path: path, actor: "tester")
        } throws: { error in
            (error as? RegistryError)?.code == "database_unreadable"
        }
    }

    @Test("while another process holds the write lock, a write fails as busy within the timeout and writes nothing")
    func busy() throws {
        let f = try built()
        let other = try UytinDatabase.open(path: f.path, actor: "other clerk", busyTimeout: 0.2)
        let before = try f.dump()
        let lock = try DatabaseQueue(path: f.path)
        var failure: (any Error)?
        var elapsed: TimeInterval = 0
        try lock.writeWithoutTransaction { db in
            try db.execute(sql: "BEGIN IMMEDIATE")
            let start = Date()
            do {
                _ = try other.addVillage(communeCode: Fixture.communeB, name: "Thôn Hợp Châu", quota: 1)
            } catch {
                failure = error
            }
            elapsed = Date().timeIntervalSince(start)
            // Reads still work while the lock is held (WAL).
            #expect(try other.persons().count == 7)
            try db.execute(sql: "ROLLBACK")
        }
        try lock.close()
        let error = try #require(failure as? RegistryError, "\(String(describing: failure))")
        #expect(error.code == "busy")
        #expect(error.kind == .busy)
        #expect(elapsed >= 0.1)
        #expect(elapsed < 3)
        let changed = try changedTables(before, f.dump())
        #expect(changed.isEmpty, "the busy write changed tables \(changed)")
        // Nothing was half-written, so the same write simply succeeds once the lock is gone.
        _ = try other.addVillage(communeCode: Fixture.communeB, name: "Thôn Hợp Châu", quota: 1)
        #expect(try f.db.villages(communeCode: Fixture.communeB).count == 2)
        #expect(try f.db.verifyAudit().ok)
    }

    @Test("a decision is refused as busy, not half applied, while the file is locked")
    func busyDecision() throws {
        let f = try Fixture(busyTimeout: 0.2)
        let proposal = try f.recognize(f.duc)
        let before = try f.dump()
        let lock = try DatabaseQueue(path: f.path)
        try lock.writeWithoutTransaction { db in
            try db.execute(sql: "BEGIN IMMEDIATE")
            #expect {
                try f.decide("574/QĐ-UBND", on: "2019-02-19", approve: [proposal])
            } throws: { error in
                (error as? RegistryError)?.code == "busy"
            }
            try db.execute(sql: "ROLLBACK")
        }
        try lock.close()
        let changed = try changedTables(before, f.dump())
        #expect(changed.isEmpty, "the busy decision changed tables \(changed)")
        try f.decide("574/QĐ-UBND", on: "2019-02-19", approve: [proposal])
        #expect(try f.listedIds(on: "2019-02-19") == [f.duc])
    }

    // MARK: setup

    @Test("initialising again with the same province and term does nothing; another is refused")
    func initializeOnce() throws {
        let f = try Fixture()
        #expect(try f.db.initialize(provinceCode: "26", term: 2019...2023) == false)
        try expectRefusal("initialized_differently", in: f) { try f.db.initialize(provinceCode: "26", term: 2024...2028) }
        try expectRefusal("initialized_differently", in: f) { try f.db.initialize(provinceCode: "25", term: 2019...2023) }
        #expect(try f.db.setting().provinceName == "Vĩnh Phúc")
    }

    @Test("a database must be initialised for a known province before use")
    func notInitialized() throws {
        let db = try UytinDatabase.inMemory()
        #expect(throws: RegistryError.notInitialized) { _ = try db.setting() }
        #expect(throws: RegistryError.notInitialized) {
            try db.addArea(Area(code: "08866", level: .commune, name: "Xã Đạo Trù", parentCode: "248"))
        }
        #expect(throws: RegistryError.unknownProvince("99")) { try db.initialize(provinceCode: "99", term: 2019...2023) }
        #expect(try db.initialize(provinceCode: "26", term: 2019...2023) == true)
        // The province and its 9 districts.
        #expect(try db.areas().count == 10)
    }
}
