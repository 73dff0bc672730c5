import Foundation
import Testing

/// Upgrade in place (issue 10, part 7; issue 11): a database made by an earlier release opens with this release.
/// Opening it runs only the new migration sections, after a copy of the file as that release left it is written
/// beside it (and named on stderr); nothing is lost, `check` and `audit verify` pass, and every list, diff,
/// entitlement and document reads as that release printed it.
///
/// Fixtures/release-<name> holds each release's database (gzipped) and what it printed for it; README.md there and
/// scripts/make-upgrade-fixture say how they were made.
struct Release: Sendable, CustomTestStringConvertible {
    let name: String
    /// The migrations the release applied, in order.
    let oldMigrations: [String]
    /// The commands whose `--json --lang vi` output the release captured, with the file holding it.
    let jsonCommands: [Command]
    /// The CSV documents (`--format csv --lang vi`) the release wrote, with the file holding each.
    let csvExports: [Command]

    struct Command: Sendable {
        let file: String
        let arguments: [String]
        /// For a document whose form changed on purpose (issue 12: the signature sheet and the budget), the facts
        /// are compared instead of the lines: every column the release wrote, under its new title (`renamed` maps
        /// old titles to new), holds the same value in each numbered row, dates read alike whether dd/mm/yyyy or
        /// ISO. Nil: the table is compared line by line.
        let renamed: [String: String]?
        init(_ file: String, _ arguments: [String], renamed: [String: String]? = nil) {
            self.file = file
            self.arguments = arguments
            self.renamed = renamed
        }
    }

    var testDescription: String { "release \(name)" }

    var fixture: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/release-\(name)")
    }

    func expected(_ file: String) -> URL {
        fixture.appendingPathComponent("expected").appendingPathComponent(file)
    }

    /// The last release with migrations 001–003: the 2019–2023 demo province, benefits run to the end of 2023.
    static let beforeTerms = Release(
        name: "69fc041",
        oldMigrations: ["001-registry", "002-benefits", "003-list-positions"],
        jsonCommands: [
            .init("list-2019.json", ["list", "--year", "2019"]),
            .init("list-2020.json", ["list", "--year", "2020"]),
            .init("list-2021.json", ["list", "--year", "2021"]),
            .init("list-2022.json", ["list", "--year", "2022"]),   // not approved: the list in force on 31/12/2022
            .init("list-2023.json", ["list", "--year", "2023"]),   // not approved: the list in force on 31/12/2023
            .init("list-on-2021-06-01.json", ["list", "--on", "2021-06-01"]),
            .init("diff-2019-2020.json", ["list", "diff", "--from", "2019", "--to", "2020"]),
            .init("diff-2020-2021.json", ["list", "diff", "--from", "2020", "--to", "2021"]),
            .init("entitlements-2022.json", ["entitlement", "list", "--year", "2022"]),
            .init("budget-2022.json", ["budget", "--year", "2022"]),
            .init("history-person-1.json", ["history", "--person", "1"]),
            .init("decisions.json", ["decision", "list"]),
        ],
        csvExports: [
            .init("export-list-2021.csv", ["export", "list", "--year", "2021"]),
            .init("export-changes-2020.csv", ["export", "changes", "--year", "2020"]),
            .init("export-entitlements-2022-lunar_new_year_gift.csv",
                  ["export", "entitlements", "--year", "2022", "--kind", "lunar_new_year_gift"], renamed: [:]),
            .init("export-budget-2022.csv", ["export", "budget", "--year", "2022"], renamed: budgetRenamed),
        ])

    /// The last release with migrations 001–004 (issue 10): the demo's story to 30/11/2026 — two terms, the 2025
    /// reorganisation of the map, decisions by the province, the districts and the communes.
    static let terms = Release(
        name: "4a9c532",
        oldMigrations: ["001-registry", "002-benefits", "003-list-positions", "004-terms-map-regimes"],
        jsonCommands: [
            .init("list-2021.json", ["list", "--year", "2021"]),
            .init("list-2024.json", ["list", "--year", "2024"]),
            .init("list-2025.json", ["list", "--year", "2025"]),
            .init("list-2026.json", ["list", "--year", "2026"]),
            .init("list-on-2021-06-01.json", ["list", "--on", "2021-06-01"]),
            .init("list-on-2026-11-30.json", ["list", "--on", "2026-11-30"]),
            .init("diff-2023-2024.json", ["list", "diff", "--from", "2023", "--to", "2024"]),
            .init("diff-2024-2026.json", ["list", "diff", "--from", "2024", "--to", "2026"]),
            .init("entitlements-2025.json", ["entitlement", "list", "--year", "2025"]),
            .init("budget-2025.json", ["budget", "--year", "2025"]),
            .init("history-person-1.json", ["history", "--person", "1"]),
            .init("decisions.json", ["decision", "list"]),
            .init("areas-on-2021-06-01.json", ["area", "list", "--on", "2021-06-01"]),
            .init("areas-on-2026-11-30.json", ["area", "list", "--on", "2026-11-30"]),
            .init("terms.json", ["term", "list"]),
            .init("regimes.json", ["regime", "list"]),
            .init("agencies.json", ["agency", "list"]),
        ],
        csvExports: [
            .init("export-list-2021.csv", ["export", "list", "--year", "2021"]),
            .init("export-list-2026.csv", ["export", "list", "--year", "2026"]),
            .init("export-changes-2024.csv", ["export", "changes", "--year", "2024"]),
            .init("export-entitlements-2025-lunar_new_year_gift.csv",
                  ["export", "entitlements", "--year", "2025", "--kind", "lunar_new_year_gift"], renamed: [:]),
            .init("export-budget-2025.csv", ["export", "budget", "--year", "2025"], renamed: budgetRenamed),
        ])

    static let all = [beforeTerms, terms]

    /// Issue 12: "Trong đó dự kiến" said nothing of what it counted: the occasions of the estimate not yet made.
    static let budgetRenamed = ["Số lượt": "Dự toán (Số lượt)", "Dự toán (đồng)": "Dự toán (Số tiền (đồng))",
                                "Trong đó dự kiến": "Trong đó: dự kiến, chưa lập (Số lượt)",
                                "Đã thực hiện (đồng)": "Đã thực hiện (Số tiền (đồng))"]

    /// Every migration this release's schema.sql holds, in order: what an upgraded file has applied.
    static let currentMigrations = ["001-registry", "002-benefits", "003-list-positions", "004-terms-map-regimes",
                                    "005-corrections", "006-dates", "007-accounts"]
}

@Suite("Upgrade in place: databases made by earlier releases")
struct UpgradeTests {
    /// The documents whose columns issue 12 changed (true: a change list), compared by the facts of their rows.
    static let factFiles = ["export-list-2021.csv": false, "export-list-2026.csv": false, "export-changes-2020.csv": true,
                            "export-changes-2024.csv": true]
    /// Rows a change list has now that the release did not print: the death of 20/11/2019, decided by QĐ 449 of
    /// 04/03/2020, is a change of 2020 (the year of its decision), no longer of 2019.
    static let addedChanges = ["69fc041/export-changes-2020.csv": 1]

    /// The facts of each row of a list or a change list as CSV, whatever its columns: name, year of birth (in
    /// "Năm sinh", or in "Năm sinh (Nam)" | "Năm sinh (Nữ)"), ethnic group, village, commune, district, and gender and roles (a list) or
    /// the decision's number (a change list). Citizen IDs are not compared: the list leaves them out since issue 12.
    static func facts(_ text: String, changes: Bool) -> [String]? {
        guard let table = ListDocumentTests.table(text) else { return nil }
        func value(_ row: [String], _ name: String) -> String {
            guard let index = table.column(name), index < row.count else { return "" }
            return row[index]
        }
        return table.rows.map { row in
            var (birth, gender) = (value(row, "Năm sinh"), value(row, "Giới tính"))
            if table.column("Năm sinh (Nam)") != nil {
                let (male, female) = (value(row, "Năm sinh (Nam)"), value(row, "Năm sinh (Nữ)"))
                (birth, gender) = male.isEmpty ? (female, "Nữ") : (male, "Nam")
            }
            var fields = [value(row, "Họ và tên"), birth, value(row, "Dân tộc"), value(row, "Thôn"), value(row, "Xã"), value(row, "Huyện")]
            fields += changes ? [String(value(row, "Quyết định").split(separator: " ").first ?? "")] : [gender, value(row, "Thành phần")]
            return fields.joined(separator: " | ")
        }
    }

    @Test("check upgrades the file after writing a copy beside it; audit verify passes; every list, diff, entitlement and document reads as before",
          arguments: Release.all)
    func upgradesInPlace(release: Release) throws {
        let uytin = try Uytin()
        try Self.unpack(release, to: uytin.database)
        #expect(try Self.migrations(uytin.database) == release.oldMigrations)
        let before = try Self.sqlite(uytin.database, ".dump")
        let oldCounts = try Self.rowCounts(uytin.database)

        // The first command, whatever it is, upgrades: check must pass and name the copy written before.
        let check = try uytin("check", "--lang", "vi")
        #expect(check.code == 0, "check: \(check.out) \(check.err)")
        let backups = try Self.backups(in: uytin.directory)
        try #require(backups.count == 1, "one copy beside the database, found \(backups.map(\.lastPathComponent))")
        let backup = backups[0]
        #expect(check.err.contains(backup.lastPathComponent), "check must print the copy's name on stderr: \(check.err)")

        // The upgraded file: the old migrations, then the new ones.
        let upgraded = try Self.migrations(uytin.database)
        #expect(Array(upgraded.prefix(release.oldMigrations.count)) == release.oldMigrations)
        #expect(upgraded.count > release.oldMigrations.count, "no new migration was applied: \(upgraded)")
        #expect(upgraded == Release.currentMigrations, "the new migrations, in order: \(upgraded)")
        let firstNew = upgraded.count > release.oldMigrations.count ? upgraded[release.oldMigrations.count] : "?"

        // The copy: named after the first new migration and the moment, readable by its owner only, a sound SQLite
        // file with exactly the old migrations, and the database exactly as the old release left it.
        let name = backup.lastPathComponent
        let prefix = "uytin.sqlite.before-\(firstNew)-"
        #expect(name.hasPrefix(prefix) && name.hasSuffix(".sqlite"), "\(name)")
        let stamp = name.dropFirst(prefix.count).dropLast(".sqlite".count)
        #expect(stamp.range(of: #"^[0-9]{8}-[0-9]{6}$"#, options: .regularExpression) != nil, "\(name)")
        let attributes = try FileManager.default.attributesOfItem(atPath: backup.path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        #expect(try Self.sqlite(backup.path, "PRAGMA integrity_check") == "ok\n")
        #expect(try Self.migrations(backup.path) == release.oldMigrations)
        #expect(try Self.sqlite(backup.path, ".dump") == before, "the copy is not the database as the old release left it")

        // Nothing lost: every table of the old file is still there with at least its rows.
        let newCounts = try Self.rowCounts(uytin.database)
        for (table, count) in oldCounts.sorted(by: { $0.key < $1.key }) {
            #expect((newCounts[table] ?? -1) >= count, "\(table): \(count) rows before the upgrade, \(newCounts[table].map(String.init) ?? "no table") after")
        }

        let verify = try uytin("audit", "verify", "--lang", "vi")
        #expect(verify.code == 0, "audit verify: \(verify.out) \(verify.err)")

        // JSON: every key and value the old release printed is there, equal; a later release may add keys. Arrays
        // keep their length and order.
        for entry in release.jsonCommands {
            let (file, arguments) = (entry.file, entry.arguments)
            let command = arguments.joined(separator: " ")
            let result = try uytin.run(arguments + ["--json", "--lang", "vi"])
            #expect(result.code == 0, "\(command): \(result.err)")
            let expected = try JSONValue.parse(try Data(contentsOf: release.expected(file)))
            guard let actual = try? JSONValue.parse(Data(result.out.utf8)) else {
                Issue.record("\(command): not JSON: \(result.out.prefix(200))")
                continue
            }
            let differences = expected.clerkDated.differences(in: actual.clerkDated, at: "")
            #expect(differences.isEmpty, "\(command) --json differs from release \(release.name) (\(differences.count)):\n\(differences.prefix(12).joined(separator: "\n"))")
        }

        // CSV: a later release may change the heading lines above the table (the issuing body it names), so what
        // is compared is the table: the column-heading row (the line starting "STT,") and the rows under it, each
        // line exactly, in order. Lines after the table (a signature block, say) may be added, but none of them may
        // be a numbered row.
        for entry in release.csvExports {
            let (file, arguments) = (entry.file, entry.arguments)
            let command = arguments.joined(separator: " ")
            let out = uytin.directory.appendingPathComponent(file).path
            let result = try uytin.run(arguments + ["--format", "csv", "--out", out, "--lang", "vi"])
            #expect(result.code == 0, "\(command): \(result.err)")
            // The list and the change list changed their columns on purpose in issue 12 (see the fixtures' README):
            // what is compared for them is the facts of each row.
            if let changes = Self.factFiles[file] {
                let old = try #require(Self.facts(try String(contentsOf: release.expected(file), encoding: .utf8), changes: changes), "\(file)")
                guard let new = Self.facts((try? String(contentsOfFile: out, encoding: .utf8)) ?? "", changes: changes) else {
                    Issue.record("\(command): no row starting STT, in \(out)")
                    continue
                }
                if changes {
                    // Each change now belongs to the year of its decision: every row printed before is still there.
                    var remaining = new
                    for row in old {
                        if let index = remaining.firstIndex(of: row) { remaining.remove(at: index) } else { Issue.record("\(command): missing \(row)") }
                    }
                    #expect(remaining.count == (Self.addedChanges["\(release.name)/\(file)"] ?? 0), "\(command): rows added: \(remaining)")
                } else {
                    #expect(new == old, "\(command): the list's facts differ from release \(release.name): \(zip(old, new).first { $0 != $1 }.map { "\($0) → \($1)" } ?? "\(old.count) rows, now \(new.count)")")
                }
                continue
            }
            if let renamed = entry.renamed {
                let expected = try #require(Self.records(try String(contentsOf: release.expected(file), encoding: .utf8)), "\(file)")
                guard let actual = Self.records((try? String(contentsOfFile: out, encoding: .utf8)) ?? "") else {
                    Issue.record("\(command): no row starting STT in \(out)")
                    continue
                }
                #expect(actual.rows.count == expected.rows.count, "\(command): \(actual.rows.count) numbered rows, \(expected.rows.count) before")
                for (column, oldTitle) in expected.header.enumerated() where oldTitle != "STT" {
                    let title = renamed[oldTitle] ?? oldTitle
                    guard let index = actual.header.firstIndex(of: title) else {
                        Issue.record("\(command): column \(title) is gone (\(actual.header))")
                        continue
                    }
                    for (number, (old, new)) in zip(expected.rows, actual.rows).enumerated()
                    where Self.fact(old[column]) != Self.fact(index < new.count ? new[index] : "") {
                        Issue.record("\(command): row \(number + 1), \(title)\n  was: \(old[column])\n  now: \(index < new.count ? new[index] : "")")
                    }
                }
                continue
            }
            let expected = try #require(Self.table(try String(contentsOf: release.expected(file), encoding: .utf8)), "\(file)")
            guard let actual = Self.table((try? String(contentsOfFile: out, encoding: .utf8)) ?? "") else {
                Issue.record("\(command): no row starting STT, in \(out)")
                continue
            }
            #expect(actual.header == expected.header, "\(command): column headings")
            let rows = Array(actual.rows.prefix(expected.rows.count))
            for (index, (old, new)) in zip(expected.rows, rows).enumerated() where old != new {
                Issue.record("\(command): row \(index + 1)\n  was: \(old)\n  now: \(new)")
            }
            #expect(rows.count == expected.rows.count, "\(command): \(rows.count) rows, \(expected.rows.count) before")
            let extra = actual.rows.dropFirst(expected.rows.count)
            #expect(!extra.contains { $0.range(of: #"^[0-9]+,"#, options: .regularExpression) != nil },
                    "\(command): rows after the \(expected.rows.count) of release \(release.name): \(extra.prefix(3))")
        }

        // Upgraded once: the next commands find nothing to do and write no second copy.
        let again = try uytin("check", "--lang", "vi")
        #expect(again.code == 0)
        #expect(!again.err.contains(".before-"), "a second upgrade: \(again.err)")
        #expect(try Self.backups(in: uytin.directory).count == 1)
    }

    @Test("a read-only command upgrades too, in English with --lang en, and its output on stdout stays clean",
          arguments: Release.all)
    func readOnlyCommandUpgrades(release: Release) throws {
        let uytin = try Uytin()
        try Self.unpack(release, to: uytin.database)
        let result = try uytin("list", "--year", "2021", "--json", "--lang", "en")
        #expect(result.code == 0, "\(result.err)")
        let backups = try Self.backups(in: uytin.directory)
        try #require(backups.count == 1)
        #expect(result.err.contains(backups[0].lastPathComponent), "\(result.err)")
        #expect(result.err.contains("Upgraded"), "the note is in English with --lang en: \(result.err)")
        let expected = try JSONValue.parse(try Data(contentsOf: release.expected("list-2021.json")))
        let actual = try JSONValue.parse(Data(result.out.utf8))
        #expect(expected.differences(in: actual, at: "").isEmpty)
        #expect(try Self.migrations(backups[0].path) == release.oldMigrations)
        #expect(try Self.migrations(uytin.database).count > release.oldMigrations.count)
    }

    /// The copy is written beside the database; a name too long for the folder (as a full disk or a read-only
    /// folder would, and as even root cannot write) makes it impossible.
    @Test("when the copy cannot be written: exit 73, a message, and the database exactly as it was")
    func refusesWithoutCopy() throws {
        let release = Release.beforeTerms
        let uytin = try Uytin()
        // 237 characters: the file, its -journal and -wal fit in a name (255 bytes); "<name>.before-<migration>-
        // <YYYYMMDD-HHMMSS>.sqlite" does not.
        let database = uytin.directory.appendingPathComponent(String(repeating: "u", count: 230) + ".sqlite").path
        try Self.unpack(release, to: database)
        let before = try Self.sqlite(database, ".dump")
        let result = try uytin("list", "--year", "2021", "--json", "--lang", "vi", "--db", database)
        #expect(result.code == 73, "\(result.code): \(result.err)")
        #expect(result.out.isEmpty)
        #expect(!result.err.isEmpty && result.err.split(separator: "\n").count <= 2, "\(result.err)")
        #expect(try Self.migrations(database) == release.oldMigrations)
        #expect(try Self.sqlite(database, ".dump") == before)
        let left = try FileManager.default.contentsOfDirectory(atPath: uytin.directory.path).filter { $0.contains(".before-") }
        #expect(left.isEmpty, "a partial copy was left: \(left)")
    }

    // MARK: - Support

    /// Unpacks the release's database (gzip) to `path`.
    static func unpack(_ release: Release, to path: String) throws {
        let archive = release.fixture.appendingPathComponent("uytin.sqlite.gz").path
        try #require(FileManager.default.fileExists(atPath: archive), "missing fixture \(archive)")
        #expect(FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600]))
        let output = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        defer { try? output.close() }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["gzip", "-dc", archive]
        process.standardOutput = output
        try process.run()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "gzip -dc \(archive) failed")
    }

    /// The copies written beside the database before an upgrade.
    static func backups(in directory: URL) throws -> [URL] {
        try FileManager.default.contentsOfDirectory(atPath: directory.path)
            .filter { $0.hasPrefix("uytin.sqlite.before-") && $0.hasSuffix(".sqlite") }
            .sorted()
            .map { directory.appendingPathComponent($0) }
    }

    /// What the sqlite3 shell prints for `command` (SQL or a dot-command) on the file at `path`.
    static func sqlite(_ path: String, _ command: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["sqlite3", "-batch", path, command]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "sqlite3 \(path) \(command) failed")
        return String(decoding: data, as: UTF8.self)
    }

    /// The migrations a file has applied, in the order it applied them.
    static func migrations(_ path: String) throws -> [String] {
        try sqlite(path, "SELECT identifier FROM grdb_migrations ORDER BY rowid").split(separator: "\n").map(String.init)
    }

    /// Every table of the file (but SQLite's and the migrator's own) with its number of rows.
    static func rowCounts(_ path: String) throws -> [String: Int] {
        let tables = try sqlite(path, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'grdb_migrations'")
            .split(separator: "\n").map(String.init)
        var counts: [String: Int] = [:]
        for table in tables {
            counts[table] = Int(try sqlite(path, "SELECT count(*) FROM \"\(table)\"").trimmingCharacters(in: .whitespacesAndNewlines))
        }
        return counts
    }

    /// A CSV document's table as fields: the column-heading record (the first whose first field is "STT") and the
    /// numbered records under it (first field a number); quotes as RFC 4180, "," or ";" as the separator.
    static func records(_ text: String) -> (header: [String], rows: [[String]])? {
        var text = text.replacingOccurrences(of: "\r\n", with: "\n")
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        let separator: Character = text.contains("\nSTT;") || text.hasPrefix("STT;") ? ";" : ","
        var records: [[String]] = []
        var record: [String] = []
        var field = ""
        var quoted = false
        var characters = Array(text)[...]
        while let character = characters.popFirst() {
            if quoted {
                if character == "\"" {
                    if characters.first == "\"" { field.append("\""); characters.removeFirst() } else { quoted = false }
                } else {
                    field.append(character)
                }
            } else if character == "\"" {
                quoted = true
            } else if character == separator {
                record.append(field); field = ""
            } else if character == "\n" {
                record.append(field); field = ""
                records.append(record); record = []
            } else {
                field.append(character)
            }
        }
        if !field.isEmpty || !record.isEmpty { record.append(field); records.append(record) }
        guard let header = records.firstIndex(where: { $0.first == "STT" }) else { return nil }
        let rows = records[(header + 1)...].filter { Int($0.first ?? "") != nil }
        return (records[header], Array(rows))
    }

    /// A value as a fact: trimmed, a dd/mm/yyyy date as ISO.
    static func fact(_ value: String) -> String {
        let value = value.trimmingCharacters(in: .whitespaces)
        let parts = value.split(separator: "/")
        if parts.count == 3, parts[0].count == 2, parts[1].count == 2, parts[2].count == 4, parts.allSatisfy({ Int($0) != nil }) {
            return "\(parts[2])-\(parts[1])-\(parts[0])"
        }
        return value
    }

    /// A CSV document's table: its column-heading row (the first line starting "STT,") and the lines under it,
    /// the byte-order mark and line ends aside. Nil when there is no such row.
    static func table(_ text: String) -> (header: String, rows: [String])? {
        var lines = text.replacingOccurrences(of: "\r\n", with: "\n").components(separatedBy: "\n")
            .map { $0.hasPrefix("\u{FEFF}") ? String($0.dropFirst()) : $0 }
        while lines.last == "" { lines.removeLast() }
        guard let header = lines.firstIndex(where: { $0.hasPrefix("STT,") }) else { return nil }
        return (lines[header], Array(lines[(header + 1)...]))
    }
}

/// A parsed JSON document, compared the way an upgrade promises: what was there is still there.
enum JSONValue: Decodable, Equatable {
    case null
    case bool(Bool)
    case integer(Int64)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    static func parse(_ data: Data) throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: data)
    }

    /// The same value without the dates of the history events a clerk's typing dates (registered, proposed,
    /// withdrawn): release 69fc041 dated them by the UTC day of the moment they were entered, and the later release
    /// by that moment's day in Vietnam (a fix), so around midnight the two differ by a day. Decisions' dates stay.
    /// A history event's sentence names a proposal "ĐN-7" since issue 11 ("#7" before, like a person): read as before.
    var clerkDated: JSONValue {
        switch self {
        case .array(let items): return .array(items.map(\.clerkDated))
        case .object(var fields):
            if case .string(let event)? = fields["event"], ["registered", "proposed", "withdrawn"].contains(event) {
                fields["date"] = nil
            }
            if case .string(let text)? = fields["text"], fields["event"] != nil {
                fields["text"] = .string(text.replacingOccurrences(of: "đề nghị ĐN-", with: "đề nghị #")
                    .replacingOccurrences(of: "Đề nghị ĐN-", with: "Đề nghị #"))
            }
            return .object(fields.mapValues(\.clerkDated))
        default: return self
        }
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Int64.self) {
            self = .integer(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    /// Where `actual` does not hold this value: each key of an object present with an equal value (extra keys
    /// allowed), each array of the same length with equal elements in the same order, scalars equal (1 and 1.0
    /// are the same number). One line per difference, with its path.
    func differences(in actual: JSONValue, at path: String) -> [String] {
        switch (self, actual) {
        case let (.object(old), .object(new)):
            return old.keys.sorted().flatMap { key -> [String] in
                guard let value = new[key] else { return ["\(path).\(key): missing (was \(old[key]!.brief))"] }
                return old[key]!.differences(in: value, at: "\(path).\(key)")
            }
        case let (.array(old), .array(new)):
            guard old.count == new.count else { return ["\(path): \(new.count) elements, \(old.count) before"] }
            return zip(old, new).enumerated().flatMap { index, pair in pair.0.differences(in: pair.1, at: "\(path)[\(index)]") }
        case let (.integer(old), .number(new)), let (.number(new), .integer(old)):
            return Double(old) == new ? [] : ["\(path): \(actual.brief), was \(brief)"]
        default:
            return self == actual ? [] : ["\(path.isEmpty ? "(document)" : path): \(actual.brief), was \(brief)"]
        }
    }

    /// The value in a few characters, for a message.
    var brief: String {
        switch self {
        case .null: "null"
        case let .bool(value): "\(value)"
        case let .integer(value): "\(value)"
        case let .number(value): "\(value)"
        case let .string(value): "\"\(value.count > 60 ? String(value.prefix(60)) + "…" : value)\""
        case let .array(value): "[\(value.count) elements]"
        case let .object(value): "{\(value.keys.sorted().prefix(4).joined(separator: ", "))\(value.count > 4 ? ", …" : "")}"
        }
    }
}
