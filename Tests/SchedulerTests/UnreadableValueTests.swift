import Foundation
import GRDB
import Registry
import Scheduler
@testable import Storage
import Testing
import VietnameseCalendar

/// A row changed outside uytin (with the sqlite3 shell, CHECK constraints turned off) holds a value uytin cannot
/// read: the command that meets it fails with a clerk's error naming the column and the value, never a crash.
@Suite("A corrupted value fails cleanly")
struct UnreadableValueTests {
    let day = SchedulerFixture.day

    /// A database file with two years of entitlements (and whatever `setup` adds), one of its rows changed by `sql`
    /// through a raw connection.
    func corrupted(_ sql: String, setup: (SchedulerFixture) throws -> Void = { _ in }) throws -> UytinDatabase {
        let fixture = try SchedulerFixture(persons: 2)
        _ = try fixture.database.run(until: day("2020-12-31"))
        try setup(fixture)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("uytin-unreadable-\(UUID().uuidString).sqlite").path
        try fixture.database.backup(to: path)
        let raw = try DatabaseQueue(path: path)
        try raw.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA ignore_check_constraints = ON")
            try db.execute(sql: sql)
            #expect(db.changesCount == 1)
        }
        try raw.close()
        return try UytinDatabase.open(path: path, actor: "clerk")
    }

    func expectUnreadable(_ value: String, _ body: () throws -> Void) {
        #expect {
            try body()
        } throws: { error in
            guard let error = error as? RegistryError else { return false }
            return error.code == "unreadable_value" && error.kind == .refused && error.message.en.contains(value)
                && error.message.vi.contains("uytin check")
        }
    }

    @Test("a code that does not exist", arguments: ["method = 'bicycle'", "funding = 'village'", "level = 'hamlet'"])
    func code(assignment: String) throws {
        let database = try corrupted("UPDATE entitlement SET \(assignment) WHERE id = (SELECT min(id) FROM entitlement)")
        let value = String(assignment.split(separator: "'")[1])
        expectUnreadable(value) { _ = try database.entitlements(.init()) }
        expectUnreadable(value) { try database.forEachEntitlement(.init(year: 2019)) { _ in } }
    }

    @Test("a day that does not exist")
    func impossibleDay() throws {
        let database = try corrupted("UPDATE entitlement SET due_date = '2022-13-45' WHERE id = (SELECT min(id) FROM entitlement)")
        expectUnreadable("due_date = \"2022-13-45\"") { _ = try database.entitlements(.init()) }
        #expect(try database.check().ok == false, "uytin check, which the message names, finds it")
    }

    @Test("a run that meets a corrupted life event writes nothing")
    func run() throws {
        let database = try corrupted("UPDATE life_event SET level = 'village'") { fixture in
            _ = try fixture.database.recordEvent(person: fixture.persons[0], kind: .hospitalized, date: day("2021-03-02"),
                                                 level: .district, note: nil)
        }
        let before = try database.entitlements(.init())
        expectUnreadable("village") { _ = try database.run(until: day("2021-12-31")) }
        #expect(try database.runs().count == 1)
        #expect(try database.entitlements(.init()) == before)
    }

    @Test("a person's gender, on a list read by positions and on a person read by names")
    func person() throws {
        let database = try corrupted("UPDATE person SET gender = 'x' WHERE id = (SELECT min(id) FROM person)")
        expectUnreadable("gender = \"x\"") { _ = try database.yearlyListEntries(2019) }
        expectUnreadable("gender = \"x\"") { _ = try database.persons() }
    }

    @Test("a role packed in the person's roles")
    func role() throws {
        let database = try corrupted("UPDATE person_role SET role = 'shaman' WHERE person_id = (SELECT min(person_id) FROM person_role)")
        expectUnreadable("shaman") { _ = try database.yearlyListEntries(2019) }
    }
}
