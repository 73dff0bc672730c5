import Foundation
import GRDB
import Registry
import Storage
import Testing
import VietnameseCalendar

/// A day from its ISO text; the tests only write days that exist.
func day(_ iso: String) -> Day {
    guard let parsed = Day(parsing: iso) else { preconditionFailure("not a day: \(iso)") }
    return parsed
}

/// The repository's root, found from this file's place (Tests/RegistryTests/Support/Fixture.swift).
let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// A fresh registry in a temporary file: Vĩnh Phúc (26), term 2019–2023, two districts, three communes, five
/// villages and seven persons, nobody on the list yet.
///
/// The file (not memory) lets a second, raw connection read every table (`dump`) and break rules with SQL.
final class Fixture {
    static let issuer = "UBND tỉnh Vĩnh Phúc"
    /// Huyện Tam Đảo and Huyện Sông Lô, preloaded by `initialize` for province 26.
    static let district = "248"
    static let otherDistrict = "253"
    static let communeA = "08866"
    static let communeB = "08869"
    static let communeC = "08920"

    let directory: URL
    let path: String
    let db: UytinDatabase

    // Villages: two with quota 1 and one with quota 2 in commune A, one in commune B, one in the other district.
    let dongMo: Int64
    let dongGieng: Int64
    let cauChang: Int64
    let xaHuong: Int64
    let lapThanh: Int64

    // Persons, each bound to a home village.
    let duc: Int64     // Trần Văn Đức, Đồng Mỏ
    let hoa: Int64     // Lý Thị Hoa, Đồng Giếng
    let sang: Int64    // Hoàng Văn Sáng, Cầu Chang
    let lam: Int64     // Đặng Văn Lâm, Cầu Chang
    let mai: Int64     // Trần Thị Mai, Xạ Hương
    let thang: Int64   // Lưu Văn Thắng, Lập Thành (other district)
    let hung: Int64    // Vi Văn Hùng, Đồng Mỏ (a second candidate for a quota-1 village)

    private var rawQueue: DatabaseQueue?

    init(busyTimeout: TimeInterval = UytinDatabase.defaultBusyTimeout) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("uytin-registry-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        path = directory.appendingPathComponent("uytin.sqlite").path
        let database = try UytinDatabase.open(path: path, actor: "tester", create: true, busyTimeout: busyTimeout)
        db = database
        try db.initialize(provinceCode: "26", term: 2019...2023)

        try db.addArea(Area(code: Self.communeA, level: .commune, name: "Xã Đạo Trù", parentCode: Self.district))
        try db.addArea(Area(code: Self.communeB, level: .commune, name: "Xã Bồ Lý", parentCode: Self.district))
        try db.addArea(Area(code: Self.communeC, level: .commune, name: "Xã Quang Yên", parentCode: Self.otherDistrict))

        dongMo = try db.addVillage(communeCode: Self.communeA, name: "Thôn Đồng Mỏ", quota: 1)
        dongGieng = try db.addVillage(communeCode: Self.communeA, name: "Thôn Đồng Giếng", quota: 1)
        cauChang = try db.addVillage(communeCode: Self.communeA, name: "Thôn Cầu Chang", quota: 2)
        xaHuong = try db.addVillage(communeCode: Self.communeB, name: "Thôn Xạ Hương", quota: 1)
        lapThanh = try db.addVillage(communeCode: Self.communeC, name: "Thôn Lập Thành", quota: 1)

        func add(_ name: String, _ gender: Gender, _ year: Int, _ ethnic: String, _ village: Int64) throws -> Int64 {
            let added = try database.addPerson(NewPerson(
                name: name, gender: gender, birthYear: year, birthDate: nil, ethnicCode: ethnic, villageId: village,
                idNumber: nil, roles: [.villageElder], phone: nil))
            return added.id
        }
        duc = try add("Trần Văn Đức", .nam, 1957, "18", dongMo)
        hoa = try add("Lý Thị Hoa", .nu, 1962, "18", dongGieng)
        sang = try add("Hoàng Văn Sáng", .nam, 1950, "15", cauChang)
        lam = try add("Đặng Văn Lâm", .nam, 1955, "09", cauChang)
        mai = try add("Trần Thị Mai", .nu, 1960, "18", xaHuong)
        thang = try add("Lưu Văn Thắng", .nam, 1958, "18", lapThanh)
        hung = try add("Vi Văn Hùng", .nam, 1965, "18", dongMo)
    }

    deinit {
        try? rawQueue?.close()
        try? FileManager.default.removeItem(at: directory)
    }

    /// A second, plain GRDB connection to the same file: what a clerk with the sqlite3 shell could do.
    func raw() throws -> DatabaseQueue {
        if let rawQueue { return rawQueue }
        let queue = try DatabaseQueue(path: path)
        rawQueue = queue
        return queue
    }

    // MARK: proposals and decisions

    func recognize(_ person: Int64, into village: Int64? = nil) throws -> Int64 {
        try db.propose(.recognize(person: person, village: village), note: nil)
    }

    @discardableResult
    func decide(_ number: String, on date: String, effective: String? = nil, approve: [Int64] = [], reject: [Int64] = [],
                listYear: Int? = nil, issuer: String = Fixture.issuer) throws -> Decision {
        try db.recordDecision(DecisionInput(number: number, issuer: issuer, decidedOn: day(date),
                                            effectiveOn: day(effective ?? date), approve: approve, reject: reject,
                                            listYear: listYear, file: nil))
    }

    /// Proposes and approves the recognition of `persons` in their home villages by one decision.
    @discardableResult
    func recognizeAll(_ persons: [Int64], number: String = "574/QĐ-UBND", on date: String = "2019-02-19",
                      listYear: Int? = nil) throws -> Decision {
        let ids = try persons.map { try recognize($0) }
        return try decide(number, on: date, approve: ids, listYear: listYear)
    }

    /// The ids of the persons on the list on `date`.
    func listedIds(on date: String, filter: UytinDatabase.ListFilter = .init()) throws -> Set<Int64> {
        Set(try db.listed(on: day(date), filter: filter).map(\.id))
    }

    // MARK: the whole database, for "nothing changed" checks

    /// Every row of every table, and the schema itself, read through a separate connection.
    func dump() throws -> [String: [String]] {
        try raw().read { db in
            var result: [String: [String]] = [:]
            let tables = try String.fetchAll(db, sql: """
                SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name
                """)
            for table in tables {
                result[table] = try Row.fetchAll(db, sql: "SELECT * FROM \"\(table)\"").map(\.description).sorted()
            }
            result["sqlite_master"] = try String.fetchAll(db, sql: """
                SELECT type || ' ' || name || ' ' || coalesce(sql, '') FROM sqlite_master ORDER BY type, name
                """)
            return result
        }
    }

    /// The row count of each table (a short summary for failure messages).
    func counts() throws -> [String: Int] {
        try dump().mapValues(\.count)
    }

    func auditRowCount() throws -> Int {
        try raw().read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM audit_log") ?? 0 }
    }
}

/// The names of the tables whose rows differ between two dumps.
func changedTables(_ before: [String: [String]], _ after: [String: [String]]) -> [String] {
    Set(before.keys).union(after.keys).filter { before[$0] != after[$0] }.sorted()
}

/// Runs `body`, which must be refused with exactly `codes` (one `RegistryError`, or the planner's `RegistryErrors`
/// in order), and checks that the database is exactly as it was: every row of every table, audit log included.
func expectRefusal(_ codes: String..., in fixture: Fixture, sourceLocation: SourceLocation = #_sourceLocation,
                   _ body: () throws -> Void) throws {
    let before = try fixture.dump()
    do {
        try body()
        Issue.record("expected a refusal \(codes), but the call succeeded", sourceLocation: sourceLocation)
    } catch let error as RegistryError {
        #expect([error.code] == codes, "\(error)", sourceLocation: sourceLocation)
    } catch let errors as RegistryErrors {
        #expect(errors.codes == codes, "\(errors.message.en)", sourceLocation: sourceLocation)
    } catch {
        Issue.record("expected a RegistryError \(codes), got \(error)", sourceLocation: sourceLocation)
    }
    let changed = try changedTables(before, fixture.dump())
    #expect(changed.isEmpty, "the refusal changed tables \(changed)", sourceLocation: sourceLocation)
}

/// Runs raw SQL that a schema trigger must refuse with `uytin:<rule>:`, and checks nothing changed.
func expectSchemaRule(_ rule: String, in fixture: Fixture, sourceLocation: SourceLocation = #_sourceLocation,
                      _ sql: String, _ arguments: StatementArguments = StatementArguments()) throws {
    try expectSQLFailure(in: fixture, sourceLocation: sourceLocation, sql, arguments) { error in
        #expect(error.resultCode == .SQLITE_CONSTRAINT, "\(error)", sourceLocation: sourceLocation)
        #expect(error.message?.hasPrefix("uytin:\(rule):") == true, "\(error.message ?? "no message")",
                sourceLocation: sourceLocation)
    }
}

/// Runs raw SQL that SQLite must refuse, hands the error to `check`, and checks nothing changed.
func expectSQLFailure(in fixture: Fixture, sourceLocation: SourceLocation = #_sourceLocation, _ sql: String,
                      _ arguments: StatementArguments = StatementArguments(), check: (DatabaseError) -> Void) throws {
    let before = try fixture.dump()
    do {
        try fixture.raw().write { db in try db.execute(sql: sql, arguments: arguments) }
        Issue.record("expected SQLite to refuse: \(sql)", sourceLocation: sourceLocation)
    } catch let error as DatabaseError {
        check(error)
    }
    let changed = try changedTables(before, fixture.dump())
    #expect(changed.isEmpty, "the refused statement changed tables \(changed)", sourceLocation: sourceLocation)
}
