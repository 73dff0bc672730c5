import Foundation
import Testing

/// Wrong input: the documented exit code, a message that says what to do, and an unchanged database.
@Suite("Exit codes and messages for wrong input")
struct ExitCodeTests {
    /// A database with one commune, two villages of quota 1, three persons, and one on the list.
    static func prepared() throws -> (Uytin, pending: Int64) {
        let uytin = try Uytin()
        try uytin("init")
        try uytin("area", "add", "--level", "commune", "--code", "24801", "--name", "Xã Đạo Trù", "--parent", "248")
        let village = try uytin.createdId("village", "add", "--commune", "24801", "--name", "Thôn Đồng Giếng")
        let first = try uytin.createdId("person", "add", "--name", "Diệp Đức Hùng", "--gender", "nam", "--birth", "1971",
                                        "--ethnic", "18", "--village", String(village))
        let second = try uytin.createdId("person", "add", "--name", "Lục Hữu Dũng", "--gender", "nam", "--birth", "1957",
                                         "--ethnic", "18", "--village", String(village))
        let proposal = try uytin.createdId("propose", "recognize", "--person", String(first))
        try uytin("decision", "record", "--number", "574/QĐ-UBND", "--date", "2019-02-19", "--issuer", "UBND tỉnh",
                  "--approve", String(proposal), "--list-year", "2019")
        let pending = try uytin.createdId("propose", "recognize", "--person", String(second))
        return (uytin, pending)
    }

    @Test("a missing database gives 66 and names uytin init")
    func missingDatabase() throws {
        let uytin = try Uytin()
        let result = try uytin("list")
        #expect(result.code == 66)
        #expect(result.err.contains("uytin init"))
        #expect(!FileManager.default.fileExists(atPath: uytin.database))
    }

    @Test("malformed commands give 64", arguments: [
        ["list", "--bogus"],
        ["person", "add", "--name", "A B", "--gender", "nam", "--birth", "abc", "--ethnic", "18", "--village", "1"],
        ["person", "add", "--name", "A B", "--gender", "x", "--birth", "1950", "--ethnic", "18", "--village", "1"],
        ["list", "--on", "yesterday"],
        ["decision", "record", "--number", "1", "--date", "2020-01-01", "--issuer", "UBND", "--approve", "a,b"],
        ["propose", "recognize"],
        ["person", "show", ""],
    ])
    func malformed(_ arguments: [String]) throws {
        let (uytin, _) = try Self.prepared()
        let before = try uytin.dump()
        let result = try uytin.run(arguments)
        #expect(result.code == 64, "\(arguments): \(result.err)")
        #expect(!result.err.isEmpty)
        #expect(try uytin.dump() == before)
    }

    @Test("wrong values and broken rules give 65 and change nothing", arguments: [
        ["list", "--on", "2021-02-30"],
        ["person", "add", "--name", "Tạ Văn Thắng", "--gender", "nam", "--birth", "1958", "--ethnic", "Klingon", "--village", "1"],
        ["person", "add", "--name", "Tạ Văn Thắng", "--gender", "nam", "--birth", "1958", "--ethnic", "18", "--village", "99"],
        ["person", "add", "--name", "Tạ Văn Thắng", "--gender", "nam", "--birth", "1958", "--ethnic", "18", "--village", "1", "--id-number", "026158310924"],
        ["person", "add", "--name", "Tạ Văn Thắng", "--gender", "nam", "--birth", "1958", "--ethnic", "18", "--village", "1", "--id-number", "12345"],
        ["person", "add", "--name", "Tạ\u{7}Thắng", "--gender", "nam", "--birth", "1958", "--ethnic", "18", "--village", "1"],
        ["person", "show", "999"],
        ["propose", "recognize", "--person", "1"],
        ["propose", "remove", "--person", "2", "--reason", "health"],
        ["propose", "remove", "--person", "1", "--reason", "boredom"],
        ["decision", "record", "--number", "574/QĐ-UBND", "--date", "2019-03-04", "--issuer", "UBND tỉnh", "--list-year", "2020"],
        ["decision", "record", "--number", "9/QĐ", "--date", "2024-03-04", "--issuer", "UBND tỉnh", "--list-year", "2024"],
        ["decision", "record", "--number", "9/QĐ", "--date", "2020-03-04", "--issuer", "UBND tỉnh", "--list-year", "2019"],
        ["decision", "record", "--number", "9/QĐ", "--date", "2020-03-04", "--issuer", "UBND tỉnh", "--approve", "1"],
        ["decision", "record", "--number", "9/QĐ", "--date", "2020-03-04", "--issuer", "UBND tỉnh", "--approve", "2", "--reject", "2"],
        ["decision", "show", "1/QĐ"],
        ["list", "diff", "--from", "2019", "--to", "2022"],
        ["village", "add", "--commune", "99999", "--name", "Thôn X"],
        // Since issue 11 a person may be named: "abc" is a name nobody has (65), no longer a malformed id (64).
        ["person", "show", "abc"],
    ])
    func refused(_ arguments: [String]) throws {
        let (uytin, _) = try Self.prepared()
        let before = try uytin.dump()
        let result = try uytin.run(arguments)
        #expect(result.code == 65, "\(arguments): \(result.code) \(result.err)")
        #expect(!result.err.isEmpty && result.err.split(separator: "\n").count <= 3)
        #expect(try uytin.dump() == before)
    }

    @Test("a village's quota is enforced when the decision is applied: 65, a message naming the occupant, nothing written")
    func quota() throws {
        let (uytin, pending) = try Self.prepared()
        let before = try uytin.dump()
        let result = try uytin("decision", "record", "--number", "449/QĐ-UBND", "--date", "2020-03-04", "--issuer", "UBND tỉnh",
                               "--approve", String(pending))
        #expect(result.code == 65)
        #expect(result.err.contains("Diệp Đức Hùng"))
        #expect(result.err.contains("thay thế"))
        #expect(try uytin.dump() == before)
    }

    @Test("a writer that cannot get the lock exits 75 and writes nothing")
    func busy() throws {
        let (uytin, _) = try Self.prepared()
        let before = try uytin.dump()
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        holder.arguments = ["sqlite3", uytin.database]
        let input = Pipe()
        holder.standardInput = input
        holder.standardOutput = Pipe()
        try holder.run()
        input.fileHandleForWriting.write(Data("BEGIN IMMEDIATE;\nINSERT INTO area (code, level, name, name_key, parent_id) VALUES ('777', 'district', 'Tạm', 'tam', (SELECT id FROM area WHERE level = 'province'));\n".utf8))
        Thread.sleep(forTimeInterval: 0.5)
        let result = try uytin("village", "add", "--commune", "24801", "--name", "Thôn Mới", environment: ["UYTIN_BUSY_TIMEOUT": "0.3"])
        input.fileHandleForWriting.write(Data("ROLLBACK;\n.quit\n".utf8))
        try input.fileHandleForWriting.close()
        holder.waitUntilExit()
        #expect(result.code == 75, "\(result.err)")
        #expect(result.err.contains("thử lại"))
        #expect(try uytin.dump() == before)
    }
}

@Suite("Files that cannot be read or written")
struct FileExitCodeTests {
    @Test("a decision's scanned file that does not exist gives 66 and writes nothing")
    func missingDecisionFile() throws {
        let (uytin, pending) = try ExitCodeTests.prepared()
        let before = try uytin.dump()
        let result = try uytin("decision", "record", "--number", "9/QĐ", "--date", "2020-03-04", "--issuer", "UBND tỉnh",
                               "--reject", String(pending), "--file", "/nonexistent/qd.pdf")
        #expect(result.code == 66)
        #expect(try uytin.dump() == before)
    }

    @Test("a decision keeps its scanned file's name and SHA-256")
    func decisionFile() throws {
        let (uytin, pending) = try ExitCodeTests.prepared()
        let file = uytin.directory.appendingPathComponent("qd-9.pdf")
        try Data("abc".utf8).write(to: file)
        let result = try uytin("decision", "record", "--number", "9/QĐ", "--date", "2020-03-04", "--issuer", "UBND tỉnh",
                               "--reject", String(pending), "--file", file.path)
        #expect(result.code == 0)
        #expect(result.out.contains("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"))
    }

    @Test("a backup into a folder that does not exist gives 73")
    func backupNowhere() throws {
        let (uytin, _) = try ExitCodeTests.prepared()
        #expect(try uytin("backup", "--to", "/nonexistent/folder/copy.sqlite").code == 73)
    }

    @Test("a file that is not a database gives 66")
    func notADatabase() throws {
        let uytin = try Uytin()
        try Data("this is not sqlite".utf8).write(to: URL(fileURLWithPath: uytin.database))
        #expect(try uytin("list").code == 66)
    }

    @Test("a new database file is readable by its owner only")
    func mode() throws {
        let uytin = try Uytin()
        try uytin("init")
        let attributes = try FileManager.default.attributesOfItem(atPath: uytin.database)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
    }
}
