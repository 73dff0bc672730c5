import Documents
import Foundation
import Testing

/// Exports read back, imports refused or taken whole, through the binary.
@Suite("Exports and imports through the binary")
struct DocumentCommandTests {
    static let communes = [("24801", "Xã Đạo Trù", "248"), ("24802", "Xã Yên Dương", "248"), ("24803", "Xã Bồ Lý", "248"),
                           ("24804", "Xã Đại Đình", "248"), ("24805", "Xã Tam Quan", "248"), ("24806", "Xã Hồ Sơn", "248"),
                           ("24807", "Xã Minh Quang", "248"), ("24901", "Xã Trung Mỹ", "249"), ("24601", "Xã Quang Sơn", "246"),
                           ("24602", "Xã Văn Quán", "246"), ("25301", "Xã Lãng Công", "253"), ("25302", "Xã Quang Yên", "253"),
                           ("25303", "Xã Nhân Đạo", "253"), ("24401", "Xã Ngọc Thanh", "244")]

    /// A fresh database with the demo's communes and no persons.
    static func empty() throws -> Uytin {
        let uytin = try Uytin()
        try uytin("init")
        for (code, name, parent) in communes {
            #expect(try uytin("area", "add", "--level", "commune", "--code", code, "--name", name, "--parent", parent).code == 0)
        }
        return uytin
    }

    @Test("every document in every format, byte for byte the same when written twice, each export in the audit log")
    func exports() throws {
        let uytin = try Uytin()
        #expect(try uytin("demo", "--db", uytin.database).code == 0)
        for document in [["list", "--year", "2021"], ["changes", "--year", "2020"],
                         ["entitlements", "--year", "2022", "--kind", "lunar_new_year_gift"], ["budget", "--year", "2022"]] {
            for format in ["csv", "xlsx", "html", "json"] {
                let first = uytin.directory.appendingPathComponent("a.\(format)").path
                let second = uytin.directory.appendingPathComponent("b.\(format)").path
                #expect(try uytin.run(["export"] + document + ["--format", format, "--out", first]).code == 0)
                #expect(try uytin.run(["export"] + document + ["--format", format, "--out", second]).code == 0)
                #expect(FileManager.default.contents(atPath: first) == FileManager.default.contents(atPath: second),
                        "\(document[0]) \(format) is not byte-identical")
            }
        }
        let log = try uytin("audit", "log", "--limit", "40", "--json").out
        #expect(log.components(separatedBy: "\"action\" : \"export\"").count - 1 == 32)
        #expect(try uytin("export", "list", "--year", "2022", "--format", "csv", "--out", "x.csv").code == 65)
        #expect(try uytin("export", "list", "--year", "2021", "--format", "pdf", "--out", "x.pdf").code == 64)
        // CSV for spreadsheet locales that expect semicolons; a separator outside the list is malformed, nothing written.
        let semicolons = uytin.directory.appendingPathComponent("chấm-phẩy.csv").path
        #expect(try uytin("export", "changes", "--year", "2020", "--format", "csv", "--out", semicolons, "--separator", "chấm phẩy").code == 0)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: semicolons))
        #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let lines = String(decoding: bytes.dropFirst(3), as: UTF8.self).components(separatedBy: "\r\n")
        #expect(lines[0].hasPrefix("STT;") && !lines[0].contains(","), "\(lines[0])")
        #expect(lines.dropFirst().contains { $0.range(of: #";20[0-9]{2}-[0-9]{2}-[0-9]{2};"#, options: .regularExpression) != nil }, "ISO dates")
        let tab = uytin.directory.appendingPathComponent("tab.csv").path
        let refused = try uytin("export", "changes", "--year", "2020", "--format", "csv", "--out", tab, "--separator", "tab")
        #expect(refused.code == 64 && refused.err.contains("--separator"), "\(refused.err)")
        #expect(!FileManager.default.fileExists(atPath: tab))
        #expect(try uytin("export", "list", "--year", "2021", "--format", "csv", "--out", "/nonexistent/x.csv").code == 73)
    }

    @Test("the signature sheet reads back: 69 rows of 500,000 đ, total 34,500,000 đ")
    func signatureSheet() throws {
        let uytin = try Uytin()
        #expect(try uytin("demo", "--db", uytin.database).code == 0)
        let path = uytin.directory.appendingPathComponent("tet.xlsx")
        #expect(try uytin("export", "entitlements", "--year", "2022", "--kind", "lunar_new_year_gift", "--format", "xlsx", "--out", path.path).code == 0)
        let rows = try SpreadsheetReader.rows(ofFileAt: path)
        let table = try HeaderDetection.table(in: rows, expecting: [ExpectedColumn("name", names: ["Họ và tên"]),
                                                                     ExpectedColumn("amount", names: ["Số tiền (đồng)"]),
                                                                     ExpectedColumn("sign", names: ["Ký nhận"])])
        let people = table.rows.filter { Int($0["amount"]) == 500_000 }
        #expect(people.count == 69)
        #expect(rows.contains { $0.contains("34500000") })
        let html = uytin.directory.appendingPathComponent("tet.html")
        #expect(try uytin("export", "entitlements", "--year", "2022", "--kind", "lunar_new_year_gift", "--format", "html", "--out", html.path).code == 0)
        let text = try String(contentsOf: html, encoding: .utf8)
        #expect(text.contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM") && text.contains("Ba mươi tư triệu năm trăm nghìn đồng"))
    }

    @Test("export → import round trip: the 2021 list comes back whole, and a second import adds nothing", arguments: ["csv", "xlsx"])
    func roundTrip(format: String) throws {
        let source = try Uytin()
        #expect(try source("demo", "--db", source.database).code == 0)
        let file = source.directory.appendingPathComponent("list.\(format)").path
        #expect(try source("export", "list", "--year", "2021", "--format", format, "--out", file).code == 0)
        let target = try Self.empty()
        let imported = try target("import", "persons", file)
        #expect(imported.code == 0, "\(imported.err)")
        #expect(imported.out.contains("nhập mới 69 người"))
        let people = try target.jsonArray("person", "list")
        let original = try source.jsonArray("list", "--year", "2021")
        #expect(Set(people.compactMap { $0["name"] as? String }) == Set(original.compactMap { $0["name"] as? String }))
        #expect(Set(people.compactMap { $0["village"] as? String }) == Set(original.compactMap { $0["village"] as? String }))
        let again = try target("import", "persons", file)
        #expect(again.code == 0 && again.out.contains("nhập mới 0 người, 69 người đã có"))
    }

    @Test("the clerks' example sheets import, with their title rows and footer")
    func examples() throws {
        let uytin = try Self.empty()
        let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("DocumentsTests/Fixtures")
        let dry = try uytin("import", "persons", fixtures.appendingPathComponent("danh-sach-mau.xlsx").path, "--dry-run")
        #expect(dry.code == 0 && dry.out.contains("12 dòng (tiêu đề ở dòng 4)"))
        #expect(try uytin.jsonArray("person", "list").isEmpty)
        #expect(try uytin("import", "persons", fixtures.appendingPathComponent("danh-sach-mau.csv").path).code == 0)
        let roles = try uytin("person", "show", "1", "--json").out
        #expect(roles.contains("ritual_practitioner") && roles.contains("business"))
    }

    static let header = "\u{FEFF}DANH SÁCH\r\n\r\nSTT;Họ và tên;Năm sinh;Giới tính;Dân tộc;Thôn;Xã;Huyện;Số CCCD;Thành phần\r\n"
    static let good = "1;Diệp Đức Hùng;1971;Nam;Sán Dìu;Thôn Đồng Giếng;Xã Đạo Trù;Huyện Tam Đảo;026071675535;Thầy cúng\r\n"

    @Test("bad files are refused with 65 (66 when unreadable), row numbers, and nothing written", arguments: [
        ("bad-middle", header + good + "2;Tiêu Đức Thắng;1958;Nam;Klingon;Thôn Thạch Bàn;Xã Đạo Trù;Huyện Tam Đảo;;\r\n"
            + "3;Lục Hữu Dũng;19x7;Nam;Sán Dìu;Thôn Đồng Bùa;Xã Đạo Trù;Huyện Tam Đảo;;\r\n"
            + "4;Trương Văn Hùng;1951;Nam;Sán Dìu;Thôn Đồng Mỏ;Xã Vô Danh;Huyện Tam Đảo;;\r\n", "dòng 5"),
        ("missing-columns", "STT;Họ và tên;Năm sinh\r\n1;Diệp Đức Hùng;1971\r\n", "Giới tính"),
        ("empty", "", "tiêu đề"),
        ("huge-cell", header + "1;" + String(repeating: "A", count: 200_000) + ";1971;Nam;Sán Dìu;Thôn A;Xã Đạo Trù;Huyện Tam Đảo;;\r\n", "dòng 4"),
        ("bad-id", header + "1;Diệp Đức Hùng;1971;Nữ;Sán Dìu;Thôn Đồng Giếng;Xã Đạo Trù;Huyện Tam Đảo;026071675535;\r\n", "dòng 4"),
        ("repeated", header + good + good, "dòng 5"),
    ])
    func badFiles(name: String, content: String, mentions: String) throws {
        let uytin = try Self.empty()
        let before = try uytin.dump()
        let file = uytin.directory.appendingPathComponent("\(name).csv")
        try Data(content.utf8).write(to: file)
        let result = try uytin("import", "persons", file.path)
        #expect(result.code == 65, "\(name): \(result.code) \(result.err)")
        #expect(result.err.contains(mentions), "\(name): \(result.err)")
        #expect(try uytin.dump() == before)
    }

    @Test("UTF-16, binary and missing files are refused and nothing is written")
    func wrongEncodings() throws {
        let uytin = try Self.empty()
        let before = try uytin.dump()
        let utf16 = uytin.directory.appendingPathComponent("utf16.csv")
        try (Self.header + Self.good).data(using: .utf16)!.write(to: utf16)
        #expect(try uytin("import", "persons", utf16.path).code == 65)
        let binary = uytin.directory.appendingPathComponent("binary.xlsx")
        try Data((0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 7919) }).write(to: binary)
        #expect(try uytin("import", "persons", binary.path).code == 65)
        let latin1 = uytin.directory.appendingPathComponent("latin1.csv")
        // "Diệp" with its "ệ" as a lone Windows-1258 byte: not UTF-8.
        try (Data(Self.header.utf8) + Data("1;Di".utf8) + Data([0xD2, 0x70]) + Data(";1971;Nam;18;Thôn A;Xã Đạo Trù;Huyện Tam Đảo;;\r\n".utf8)).write(to: latin1)
        #expect(try uytin("import", "persons", latin1.path).code == 65)
        #expect(try uytin("import", "persons", "/nonexistent/list.csv").code == 66)
        #expect(try uytin.dump() == before)
    }
}
