import Demo
import Foundation
import GRDB
import Registry
import Scheduler
@testable import Storage
import Testing
import VietnameseCalendar

@Suite("Runs: idempotent, day by day ≡ one range")
struct RunTests {
    let day = SchedulerFixture.day

    @Test("running the same range twice creates nothing the second time")
    func rerun() throws {
        let fixture = try SchedulerFixture()
        let first = try fixture.database.run(until: day("2020-12-31"))
        #expect(first.created > 0)
        let before = try fixture.entitlementRows()
        let second = try fixture.database.run(until: day("2020-12-31"))
        #expect(second.upToDate)
        #expect(second.created == 0)
        #expect(try fixture.entitlementRows() == before)
    }

    @Test("a dry run reports what it would do and writes nothing")
    func dryRun() throws {
        let fixture = try SchedulerFixture()
        let dry = try fixture.database.run(until: day("2020-06-30"), dryRun: true)
        #expect(dry.created > 0)
        #expect(try fixture.entitlementRows().isEmpty)
        #expect(try fixture.database.runs().isEmpty)
        let real = try fixture.database.run(until: day("2020-06-30"))
        #expect(real.created == dry.created)
    }

    @Test("day by day and one range give identical entitlements", arguments: [1, 7, 45])
    func dayByDayEqualsRange(chunk: Int) throws {
        func scenario() throws -> SchedulerFixture {
            let fixture = try SchedulerFixture(persons: 6, ethnic: ["18", "15", "18", "15", "09", "18"])
            _ = try fixture.database.setFestival(name: "Lễ hội mẫu", ethnicCodes: ["15"], rule: .lunar(month: 3, day: 3))
            _ = try fixture.database.setFestival(name: "Hội mẫu dương lịch", ethnicCodes: ["15"], rule: .solar(month: 9, day: 2))
            _ = try fixture.database.declareContingency(from: day("2021-05-01"), to: nil, areaCode: "24801", reason: "Dịch", decision: nil)
            _ = try fixture.database.addPlan(kind: .studyTour, date: day("2021-07-25"), name: "Tham quan", persons: [fixture.persons[0], fixture.persons[1]])
            _ = try fixture.database.addPlan(kind: .training, date: day("2020-10-10"), name: "Tập huấn", persons: nil)
            return fixture
        }
        let byRange = try scenario()
        _ = try byRange.database.run(until: day("2022-06-30"))
        let byChunks = try scenario()
        var cursor = day("2019-01-01")
        while cursor <= day("2022-06-30") {
            _ = try byChunks.database.run(until: cursor)
            cursor = cursor.adding(days: chunk)
        }
        _ = try byChunks.database.run(until: day("2022-06-30"))
        let expected = try byRange.entitlementRows()
        #expect(!expected.isEmpty)
        #expect(try byChunks.entitlementRows() == expected)
    }

    @Test("two processes running at once create nothing twice")
    func concurrentRuns() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("uytin-run-\(UUID().uuidString).sqlite").path
        let setup = try UytinDatabase.open(path: path, actor: "clerk", create: true)
        var demo = DemoProvince(database: setup)
        _ = try demo.build()
        let results = Mutex<[Result<UytinDatabase.RunReport, any Error>]>([])
        DispatchQueue.concurrentPerform(iterations: 2) { _ in
            let result = Result { try UytinDatabase.open(path: path, actor: "cron", busyTimeout: 30).run(until: day("2022-12-31")) }
            results.withLock { $0.append(result) }
        }
        let reports = try results.withLock { try $0.map { try $0.get() } }
        #expect(reports.filter { !$0.upToDate }.count == 1, "one run did the work, the other found it done")
        let check = try UytinDatabase.open(path: path, actor: "clerk")
        let duplicates = try check.read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM (SELECT 1 FROM entitlement GROUP BY person_id, kind, period HAVING count(*) > 1)")
        }
        #expect(duplicates == 0)
        #expect(try check.check().ok)
    }

    @Test("the database refuses a second entitlement for the same person, benefit and period")
    func uniqueness() throws {
        let fixture = try SchedulerFixture()
        _ = try fixture.database.run(until: day("2020-02-01"))
        #expect(throws: (any Error).self) {
            try fixture.database.write { db in
                try db.execute(sql: """
                    INSERT INTO entitlement (person_id, kind, period, year, occasion_date, due_date, amount, rule_id, funding, method,
                                             run_id, created_by, created_at)
                    SELECT person_id, kind, period, year, occasion_date, due_date, amount, rule_id, funding, method, run_id, 'x', 'now'
                    FROM entitlement LIMIT 1
                    """)
            }
        }
    }

    @Test("a run records its range, counts and fingerprints of the rules and the list")
    func runRecord() throws {
        let fixture = try SchedulerFixture()
        let report = try fixture.database.run(until: day("2019-12-31"))
        let runs = try fixture.database.runs()
        #expect(runs.count == 1)
        #expect(runs[0].from == day("2019-01-01"))
        #expect(runs[0].to == day("2019-12-31"))
        #expect(runs[0].created == report.created)
        #expect(runs[0].rulesFingerprint.count == 64 && runs[0].listFingerprint.count == 64)
        _ = try fixture.database.setRule(.newspaper, from: day("2020-01-01"), .init(amount: 60_000))
        let next = try fixture.database.run(until: day("2020-01-31"))
        #expect(next.rulesFingerprint != report.rulesFingerprint)
        #expect(next.from == day("2020-01-01"))
    }
}

/// A tiny lock for collecting results from concurrent work.
final class Mutex<Value>: @unchecked Sendable {
    private var value: Value
    private let lock = NSLock()
    init(_ value: Value) { self.value = value }
    func withLock<T>(_ body: (inout Value) throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}
