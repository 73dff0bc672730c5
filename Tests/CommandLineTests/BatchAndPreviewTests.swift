import Documents
import Foundation
import Testing

/// Batches (import proposals, --approve-pending, entitlements by run, kind and commune) and previews (decision
/// --dry-run, backup --force), through the binary.
@Suite("Batches and previews through the binary")
struct BatchAndPreviewTests {
    /// The demo province up to the end of 2022 (78 persons, lists 2019–2021), built once and copied for each test.
    static let demo: String = {
        let maker = try! Uytin()
        let result = try! maker("demo", "--db", maker.database, "--until", "2022-12-31")
        precondition(result.code == 0, result.err)
        return maker.database
    }()

    static func fromDemo() throws -> Uytin {
        let uytin = try Uytin()
        try FileManager.default.copyItem(atPath: demo, toPath: uytin.database)
        return uytin
    }

    static func file(_ uytin: Uytin, _ name: String, _ lines: [String]) throws -> String {
        let path = uytin.directory.appendingPathComponent(name).path
        try Data(("\u{FEFF}" + lines.joined(separator: "\r\n") + "\r\n").utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// Today in Vietnam (UTC+7), as the command line takes dates.
    static func todayInVietnam() -> String {
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyy-MM-dd"
        formatter.timeZone = TimeZone(secondsFromGMT: 7 * 3600)
        return formatter.string(from: Date())
    }

    static let header = "STT;Loại đề nghị;Họ và tên;Năm sinh;Số CCCD;Thôn;Xã;Lý do;Người thay thế;Thôn mới;Ngày hiệu lực;Ghi chú"
    /// Three good rows: a replacement by name and birth year, a removal by citizen ID, a recognition in another village.
    static let goodRows = [
        "1;Thay thế;Hoàng Hữu Thành;1948;;Thôn Tân Tiến;Xã Đạo Trù;Sức khỏe;Tiêu Hữu Hải (1957);;;Sức khỏe yếu",
        "2;Đưa ra khỏi danh sách;;;026050742027;;;Từ trần;;;01/02/2022;",
        "3;công nhận;Diệp Minh Quế;1967;;Thôn Đồng Mỏ;Xã Đạo Trù;;;Thôn Đồng Bùa Mỏ;;",
    ]

    @Test("import proposals: a sheet as a commune sends it is drafted whole; --dry-run writes nothing; a second import drafts nothing")
    func importProposals() throws {
        let uytin = try Self.fromDemo()
        let path = try Self.file(uytin, "de-nghi.csv", ["UBND XÃ ĐẠO TRÙ", "DANH SÁCH ĐỀ NGHỊ", "", Self.header] + Self.goodRows)
        let before = try uytin.dump()
        let dry = try uytin("import", "proposals", path, "--dry-run")
        #expect(dry.code == 0, "\(dry.err)")
        #expect(dry.out.contains("Chạy thử") && dry.out.contains("sẽ lập 3 đề nghị"))
        #expect(try uytin.dump() == before, "a dry run writes nothing")

        let done = try uytin("import", "proposals", path, "--json")
        #expect(done.code == 0, "\(done.err)")
        let report = try JSONSerialization.jsonObject(with: Data(done.out.utf8)) as? [String: Any]
        let drafted = report?["drafted"] as? [[String: Any]] ?? []
        #expect(drafted.map { $0["kind"] as? String } == ["replace", "remove", "recognize"])
        #expect(drafted.map { $0["personId"] as? Int } == [5, 7, 4])
        #expect(drafted[0]["replacementId"] as? Int == 2)
        #expect(drafted[1]["reason"] as? String == "death")
        #expect(try uytin.jsonArray("proposal", "list", "--status", "pending").count == 3)

        let again = try uytin("import", "proposals", path)
        #expect(again.code == 0)
        #expect(again.out.contains("đã lập 0 đề nghị, 3 đề nghị đã có"))
        #expect(try uytin.jsonArray("proposal", "list", "--status", "pending").count == 3)
    }

    @Test("import proposals: every bad row is reported with its number, and nothing is drafted")
    func importProposalsRefused() throws {
        let uytin = try Self.fromDemo()
        let path = try Self.file(uytin, "loi.csv", [Self.header] + Self.goodRows + [
            "4;Công nhận;Nguyễn Văn Không;1970;;Thôn Tân Tiến;Xã Đạo Trù;;;;;",
            "5;Khen thưởng;Tiêu Văn Nghĩa;1966;;;;;;;;",
            "6;Đưa ra khỏi danh sách;Hoàng Hữu Thành;1948;;;;Sức khỏe;;;;",
            "7;Công nhận;Ninh Quang Sơn;1950;;;;;;;;",
        ])
        let before = try uytin.dump()
        let result = try uytin("import", "proposals", path)
        #expect(result.code == 65)
        #expect(try uytin.dump() == before)
        for (row, words) in [(5, "Nguyễn Văn Không"), (6, "Khen thưởng"), (7, "dòng 2"), (8, "dòng 3")] {
            #expect(result.err.contains("dòng \(row):") && result.err.contains(words), "row \(row): \(result.err)")
        }
        #expect(!result.err.contains("dòng 2:") && !result.err.contains("dòng 4:"), "good rows are not reported")
        let english = try uytin("import", "proposals", path, "--lang", "en")
        #expect(english.code == 65 && english.err.contains("row 6: proposal kind \"Khen thưởng\" is unknown"))
    }

    @Test("import proposals from .xlsx: a bad row is refused by its number")
    func importProposalsXLSX() throws {
        let uytin = try Self.fromDemo()
        let url = uytin.directory.appendingPathComponent("de-nghi.xlsx")
        let columns = ["Loại đề nghị", "Họ và tên", "Năm sinh", "Thôn", "Lý do"].map { DocumentColumn($0) }
        let header = DocumentHeader(governingBody: "UBND HUYỆN TAM ĐẢO", issuingBody: "UBND XÃ ĐẠO TRÙ", title: "DANH SÁCH ĐỀ NGHỊ",
                                    subtitle: nil, placeAndDate: "", signatures: [])
        try DocumentFormat.xlsx.writer(to: url, style: DocumentStyle(numbersRows: false)).write(header: header, columns: columns, rows: [
            DocumentRow(cells: [.text("Đưa ra khỏi danh sách"), .text("Hoàng Hữu Thành"), .text("1948"), .text("Thôn Tân Tiến"), .text("Sức khỏe")]),
            DocumentRow(cells: [.text("Đưa ra khỏi danh sách"), .text("Ninh Quang Sơn"), .text("1950"), .text("Thôn Đồng Lính"), .text("Bỏ đi")]),
        ])
        let before = try uytin.dump()
        let refused = try uytin("import", "proposals", url.path)
        #expect(refused.code == 65)
        #expect(refused.err.contains("\"Bỏ đi\""), "\(refused.err)")
        #expect(try uytin.dump() == before)
    }

    @Test("decision --approve-pending approves the pending proposals of one commune, with the planner's refusals; nothing pending is refused")
    func approvePending() throws {
        let uytin = try Self.fromDemo()
        let inCommune = try uytin.createdId("propose", "remove", "--person", "5", "--reason", "health")
        let elsewhere = try uytin.createdId("propose", "remove", "--person", "71", "--reason", "moved")
        let record = ["decision", "record", "--issuer", "UBND tỉnh Vĩnh Phúc", "--date", "2022-03-01", "--approve-pending"]
        let both = try uytin.run(record + ["--number", "1/QĐ-UBND", "--commune", "24801", "--approve", "\(elsewhere)"])
        #expect(both.code == 64)
        let done = try uytin.run(record + ["--number", "1/QĐ-UBND", "--commune", "24801", "--json"])
        #expect(done.code == 0, "\(done.err)")
        let decision = try JSONSerialization.jsonObject(with: Data(done.out.utf8)) as? [String: Any]
        #expect((decision?["approved"] as? [[String: Any]])?.map { $0["id"] as? Int } == [Int(inCommune)])
        #expect(try uytin.jsonArray("proposal", "list", "--status", "pending").map { $0["id"] as? Int } == [Int(elsewhere)])
        let before = try uytin.dump()
        let nothing = try uytin.run(record + ["--number", "2/QĐ-UBND", "--commune", "24801"])
        #expect(nothing.code == 65 && nothing.err.contains("Không có đề nghị nào"))
        #expect(try uytin.dump() == before)
        // The same refusals as --approve: a village over its quota.
        _ = try uytin.createdId("propose", "recognize", "--person", "2", "--village", "6")
        let full = try uytin.run(record + ["--number", "3/QĐ-UBND", "--reject", "\(elsewhere)"])
        #expect(full.code == 65 && full.err.contains("Thôn Đồng Pheo"), "\(full.err)")
        #expect(try uytin.dump() != before)  // the proposal above was drafted
    }

    @Test("entitlement approve|deliver by kind, year and commune, by run; the four-eyes rule; one selection only")
    func entitlementBatches() throws {
        let uytin = try Self.fromDemo()
        let select = ["--kind", "newspaper", "--year", "2022", "--commune", "24801"]
        #expect(try uytin.run(["entitlement", "approve"] + select + ["--actor", "demo"]).code == 65, "who created them cannot approve")
        let approved = try uytin.run(["entitlement", "approve"] + select + ["--json"])
        #expect(approved.code == 0, "\(approved.err)")
        let count = (try JSONSerialization.jsonObject(with: Data(approved.out.utf8)) as? [String: Int])?["approved"] ?? 0
        let ofCommune = try uytin.jsonArray("entitlement", "list", "--year", "2022", "--kind", "newspaper", "--status", "approved")
        #expect(count > 0 && ofCommune.count == count)
        #expect(ofCommune.allSatisfy { $0["commune"] as? String == "Xã Đạo Trù" })
        #expect(try uytin.run(["entitlement", "approve"] + select).out.contains("Không có khoản dự kiến nào"), "safe to run twice")
        let today = Self.todayInVietnam()
        let delivered = try uytin.run(["entitlement", "deliver"] + select + ["--on", today, "--receipt", "Sổ 12/2022", "--json"])
        #expect(delivered.out.contains("\"delivered\" : \(count)"), "\(delivered.err)")

        let run = try uytin.jsonArray("entitlement", "list", "--year", "2022", "--kind", "study_tour")[0]["runId"] as? Int ?? 0
        let byRun = try uytin("entitlement", "approve", "--run", String(run), "--commune", "24801", "--lang", "en")
        #expect(byRun.code == 0 && byRun.out.contains("of run #\(run) in commune 24801"), "\(byRun.out) \(byRun.err)")

        for wrong in [["--ids", "1", "--run", "2"], ["--ids", "1", "--kind", "newspaper", "--year", "2022"], ["--kind", "newspaper"],
                      ["--ids", "1", "--commune", "24801"], []] {
            #expect(try uytin.run(["entitlement", "approve"] + wrong).code == 64, "\(wrong)")
            #expect(try uytin.run(["entitlement", "deliver", "--on", "2022-12-31"] + wrong).code == 64, "\(wrong)")
        }
    }

    @Test("export entitlements --commune writes only that commune's signature sheet")
    func communeSheet() throws {
        let uytin = try Self.fromDemo()
        let path = uytin.directory.appendingPathComponent("dao-tru.json").path
        let result = try uytin("export", "entitlements", "--year", "2022", "--kind", "newspaper", "--commune", "24801",
                               "--format", "json", "--out", path)
        #expect(result.code == 0, "\(result.err)")
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.contains("Xã Đạo Trù") && !text.contains("Xã Yên Dương"))
        let html = uytin.directory.appendingPathComponent("dao-tru.html").path
        #expect(try uytin("export", "entitlements", "--year", "2022", "--commune", "24801", "--format", "html", "--out", html).code == 0)
        #expect(try String(contentsOfFile: html, encoding: .utf8).contains("XÃ ĐẠO TRÙ"))
        #expect(try uytin("export", "entitlements", "--year", "2022", "--commune", "99999", "--format", "csv", "--out", html + ".csv").code == 65)
    }

    @Test("decision --dry-run describes the plan and the list it would freeze, warns of deaths, and leaves the file byte-identical")
    func dryRun() throws {
        let uytin = try Self.fromDemo()
        let removal = try uytin.createdId("propose", "remove", "--person", "5", "--reason", "health")
        let replacement = try uytin.createdId("propose", "replace", "--person", "7", "--by", "2")
        #expect(try uytin("event", "record", "--person", "6", "--kind", "death", "--date", "2022-02-01").code == 0)
        let before = try Data(contentsOf: URL(fileURLWithPath: uytin.database))
        let audit = try uytin("audit", "log", "--limit", "1", "--json").out
        let arguments = ["decision", "record", "--number", "9/QĐ-UBND", "--issuer", "UBND tỉnh Vĩnh Phúc", "--date", "2022-03-01",
                         "--approve", "\(removal),\(replacement)", "--list-year", "2022", "--dry-run"]
        let preview = try uytin.run(arguments)
        #expect(preview.code == 0, "\(preview.err)")
        for words in ["Xem trước", "Ra khỏi danh sách (2)", "Vào danh sách (1)", "Tiêu Hữu Hải (#2)", "Hoàng Hữu Thành (#5)",
                      "Danh sách năm 2022 sẽ khóa", "68 người", "Tiêu Văn Nghĩa (#6, Thôn Đồng Pheo) đã mất ngày 01/02/2022"] {
            #expect(preview.out.contains(words), "\(words) missing from\n\(preview.out)")
        }
        let json = try uytin.run(arguments + ["--json"])
        let object = try JSONSerialization.jsonObject(with: Data(json.out.utf8)) as? [String: Any]
        #expect(object?["listCount"] as? Int == 68)
        #expect((object?["warnings"] as? [[String: Any]])?.first?["code"] as? String == "death_recorded")
        #expect(try Data(contentsOf: URL(fileURLWithPath: uytin.database)) == before, "the database file is byte-identical")
        #expect(try uytin("audit", "log", "--limit", "1", "--json").out == audit, "no audit row")
        // What the preview said is what recording does.
        let recorded = try uytin.run(Array(arguments.dropLast()))
        #expect(recorded.code == 0 && recorded.out.contains("danh sách năm 2022: 68 người"), "\(recorded.out) \(recorded.err)")
    }

    @Test("a re-binding from a sheet goes to the village the old one merged into; the preview shows it and warns of the others left in merged villages")
    func dryRunRebindAndMerger() throws {
        let uytin = try Self.fromDemo()
        #expect(try uytin("village", "merge", "--from", "5,6", "--name", "Thôn Tân Phong", "--decision", "1/QĐ-UBND",
                          "--date", "2022-02-01").code == 0)
        let path = try Self.file(uytin, "gan-lai.csv", ["Loại đề nghị;Họ và tên;Năm sinh;Thôn;Thôn mới",
                                                        "Gắn lại thôn;Hoàng Hữu Thành;1948;Thôn Tân Tiến;"])
        let imported = try uytin("import", "proposals", path)
        #expect(imported.code == 0 && imported.out.contains("Thôn Tân Phong"), "\(imported.out) \(imported.err)")
        let preview = try uytin("decision", "record", "--number", "9/QĐ-UBND", "--issuer", "UBND tỉnh Vĩnh Phúc", "--date", "2022-03-01",
                                "--approve-pending", "--list-year", "2022", "--dry-run")
        #expect(preview.code == 0, "\(preview.err)")
        #expect(preview.out.contains("Gắn lại thôn sau sáp nhập (1)") && preview.out.contains("Thôn Tân Phong"))
        #expect(preview.out.contains("Tiêu Văn Nghĩa (#6) còn gắn với Thôn Đồng Pheo, thôn đã sáp nhập ngày 01/02/2022"))
        #expect(!preview.out.contains("Hoàng Hữu Thành (#5) còn gắn"), "the person re-bound is no longer warned of")
    }

    @Test("a list year later than the decision's year is refused, with or without --dry-run")
    func listYearAfterDecision() throws {
        let uytin = try Self.fromDemo()
        let before = try uytin.dump()
        for extra in [[], ["--dry-run"]] {
            let result = try uytin.run(["decision", "record", "--number", "9/QĐ-UBND", "--issuer", "UBND tỉnh Vĩnh Phúc",
                                        "--date", "2022-12-20", "--list-year", "2023"] + extra)
            #expect(result.code == 65 && result.err.contains("danh sách năm 2023"), "\(result.err)")
        }
        #expect(try uytin.dump() == before)
    }

    @Test("backup onto an existing file is refused (73) unless --force")
    func backupForce() throws {
        let uytin = try Self.fromDemo()
        let path = uytin.directory.appendingPathComponent("sao-luu.sqlite").path
        try Data("bản sao lưu cũ".utf8).write(to: URL(fileURLWithPath: path))
        let refused = try uytin("backup", "--to", path)
        #expect(refused.code == 73 && refused.err.contains("--force"))
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "bản sao lưu cũ")
        #expect(try uytin("backup", "--to", path, "--force").code == 0)
        #expect(try uytin("check", "--db", path).code == 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: uytin.directory.path).filter { $0.contains("partial") }.isEmpty)
    }
}
