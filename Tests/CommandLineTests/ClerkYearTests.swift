import Foundation
import Testing

/// One clerk's year, end to end, through the built binary.
@Suite("A clerk's year with the uytin binary")
struct ClerkYearTests {
    @Test("a whole term's first years: set up, propose, decide, list, diff, history, audit, check, backup")
    func wholeYear() throws {
        let uytin = try Uytin()
        #expect(try uytin("init", "--province", "26", "--term", "2019-2023").code == 0)
        #expect(try uytin("init", "--province", "26", "--term", "2019-2023").out.contains("không thay đổi gì"))
        #expect(try uytin("area", "add", "--level", "commune", "--code", "24801", "--name", "Xã Đạo Trù", "--parent", "248").code == 0)
        let giếng = try uytin.createdId("village", "add", "--commune", "24801", "--name", "Thôn Đồng Giếng")
        let bàn = try uytin.createdId("village", "add", "--commune", "24801", "--name", "Thôn Thạch Bàn")
        let hùng = try uytin.createdId("person", "add", "--name", "Diệp Đức Hùng", "--gender", "nam", "--birth", "1971",
                                       "--ethnic", "Sán Dìu", "--village", String(giếng), "--id-number", "026071675535",
                                       "--roles", "Thầy cúng, Người sản xuất giỏi")
        let thắng = try uytin.createdId("person", "add", "--name", "Tiêu Đức Thắng", "--gender", "nam", "--birth", "02/03/1958",
                                        "--ethnic", "Cao Lan", "--village", String(bàn))
        let p1 = try uytin.createdId("propose", "recognize", "--person", String(hùng))
        let p2 = try uytin.createdId("propose", "recognize", "--person", String(thắng))
        let recorded = try uytin("decision", "record", "--number", "574/QĐ-UBND", "--date", "19/02/2019",
                                 "--issuer", "UBND tỉnh Vĩnh Phúc", "--approve", "\(p1),\(p2)", "--list-year", "2019")
        #expect(recorded.code == 0, "\(recorded.err)")
        #expect(recorded.out.contains("danh sách năm 2019: 2 người"))

        let list2019 = try uytin.jsonArray("list", "--year", "2019")
        #expect(list2019.count == 2)
        #expect(Set(list2019.compactMap { $0["ethnicCode"] as? String }) == ["18", "15"])
        #expect(list2019.allSatisfy { $0["idNumber"] == nil }, "lists never print citizen IDs")

        // 2020: Thắng leaves for health, a new person replaces nobody but is recognised in his village.
        let lâm = try uytin.createdId("person", "add", "--name", "Lục Văn Lâm", "--gender", "nam", "--birth", "1965",
                                      "--ethnic", "18", "--village", String(bàn))
        let p3 = try uytin.createdId("propose", "remove", "--person", String(thắng), "--reason", "health")
        let p4 = try uytin.createdId("propose", "recognize", "--person", String(lâm))
        #expect(try uytin("decision", "record", "--number", "449/QĐ-UBND", "--date", "2020-03-04",
                          "--issuer", "UBND tỉnh Vĩnh Phúc", "--approve", "\(p3),\(p4)", "--list-year", "2020").code == 0)
        #expect(try uytin.jsonArray("list", "--on", "2020-03-03").count == 2)
        let list2020 = try uytin.jsonArray("list", "--year", "2020")
        #expect(Set(list2020.compactMap { $0["name"] as? String }) == ["Diệp Đức Hùng", "Lục Văn Lâm"])
        #expect(try uytin.jsonArray("list", "--year", "2019").count == 2, "the 2019 list stays frozen")

        let diff = try uytin("list", "diff", "--from", "2019", "--to", "2020", "--json")
        let diffObject = try #require(try JSONSerialization.jsonObject(with: Data(diff.out.utf8)) as? [String: Any])
        #expect((diffObject["entered"] as? [Any])?.count == 1)
        #expect((diffObject["left"] as? [Any])?.count == 1)

        let history = try uytin("history", "--person", String(thắng))
        #expect(history.out.contains("449/QĐ-UBND"))
        #expect(history.out.contains("lý do sức khỏe"))
        #expect(try uytin("decision", "show", "449/QĐ-UBND").out.contains("phê duyệt 2 đề nghị"))
        #expect(try uytin("person", "search", "thang").out.contains("Tiêu Đức Thắng"))
        #expect(try uytin("list", "--year", "2020", "--commune", "24801").out.contains("Tổng: 2 người"))

        #expect(try uytin("audit", "verify").code == 0)
        #expect(try uytin("check").code == 0)
        let backup = uytin.directory.appendingPathComponent("copy.sqlite").path
        #expect(try uytin("backup", "--to", backup).code == 0)
        #expect(try uytin("list", "--year", "2020", "--db", backup, "--json").out.contains("Lục Văn Lâm"))

        // Editing one audit row by hand is caught.
        try uytin.sqlite("DROP TRIGGER audit_log_no_update; UPDATE audit_log SET actor = 'someone' WHERE id = 3;")
        let check = try uytin("check")
        #expect(check.code == 65)
        #expect(check.out.contains("#3"))
    }

    @Test("global options may come before the subcommand, and English is there on request")
    func optionsAndLanguage() throws {
        let uytin = try Uytin()
        #expect(try uytin("--lang", "en", "init").out.contains("Initialised"))
        let result = try uytin("--db", uytin.database, "--lang", "en", "person", "show", "99")
        #expect(result.code == 65)
        #expect(result.err.contains("No person #99"))
    }

    @Test("the demo builds the Vĩnh Phúc story: 74, 70 and 69 persons")
    func demoCounts() throws {
        let uytin = try Uytin()
        let demo = try uytin("demo", "--json")
        #expect(demo.code == 0, "\(demo.err)")
        let output = try #require(try JSONSerialization.jsonObject(with: Data(demo.out.utf8)) as? [String: Any])
        let summary = try #require(output["demo"] as? [String: Any])
        let lists = try #require(summary["lists"] as? [String: Int])
        #expect(lists == ["2019": 74, "2020": 70, "2021": 69, "2023": 70, "2024": 70, "2025": 70, "2026": 69])
        #expect(try uytin.jsonArray("list", "--year", "2020").count == 70)
        let communes2020 = Set(try uytin.jsonArray("list", "--year", "2020").compactMap { $0["communeCode"] as? String })
        #expect(communes2020.count == 14)
        let diff = try uytin("list", "diff", "--from", "2019", "--to", "2020", "--json")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(diff.out.utf8)) as? [String: Any])
        #expect((object["left"] as? [Any])?.count == 7)
        #expect((object["entered"] as? [Any])?.count == 3)
        #expect((object["moved"] as? [Any])?.count == 5)
        #expect(try uytin("check").code == 0)
        // Running it again replaces the demo database; it never overwrites a real one.
        #expect(try uytin("demo").code == 0)
        let real = uytin.directory.appendingPathComponent("real.sqlite").path
        #expect(try uytin("init", "--db", real).code == 0)
        #expect(try uytin("demo", "--db", real).code == 73)
    }

    @Test("uytin calendar needs no database")
    func calendar() throws {
        let uytin = try Uytin()
        let tet = try uytin("calendar", "tet", "--year", "2022", environment: ["UYTIN_DB": "/nonexistent/x.sqlite"])
        #expect(tet.code == 0)
        #expect(tet.out == "2022-02-01\n")
        #expect(try uytin("calendar", "lunar", "2022-02-01").out.contains("1/1 Nhâm Dần (2022)"))
        #expect(try uytin("calendar", "solar", "--day", "1", "--month", "4", "--year", "2020", "--leap").out == "2020-05-23\n")
        #expect(try uytin("calendar", "solar", "--day", "1", "--month", "5", "--year", "2022", "--leap").code == 65)
        #expect(try uytin("calendar", "month", "2022-13").code == 65)
        #expect(try uytin("calendar", "month", "2022-02").out.contains("T2"))
    }
}

@Suite("Benefits through the binary")
struct BenefitCommandTests {
    @Test("rules, a run, four-eyes approval, delivery and the budget, as a clerk and cron would")
    func benefits() throws {
        let uytin = try Uytin()
        // The demo's 2019–2022 (its benefits end there; the rules below are set from 2023).
        #expect(try uytin("demo", "--db", uytin.database, "--until", "2022-12-31", "--json").code == 0)
        // A gift above the legal cap is refused; a new version from a date is added, history untouched.
        let above = try uytin("rule", "set", "lunar_new_year_gift", "--amount", "600000", "--from", "2023-01-01")
        #expect(above.code == 65)
        #expect(above.err.contains("500.000"))
        #expect(try uytin("rule", "set", "lunar_new_year_gift", "--amount", "450000", "--from", "2023-01-01").code == 0)
        #expect(try uytin("rule", "set", "lunar_new_year_gift", "--amount", "abc").code == 64)
        #expect(try uytin("rule", "list", "--on", "2023-02-01").out.contains("450.000"))

        let run = try uytin("run", "--date", "2023-01-31", "--actor", "cron", "--json")
        #expect(run.code == 0, "\(run.err)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(run.out.utf8)) as? [String: Any])
        let runId = try #require(report["runId"] as? Int)
        #expect(report["from"] as? String == "2023-01-01" && report["to"] as? String == "2023-01-31")
        #expect((report["created"] as? Int ?? 0) > 0)
        #expect(run.err.split(separator: "\n").count == 1, "one log line per run on stderr")
        let again = try uytin("run", "--date", "2023-01-31", "--actor", "cron", "--json")
        #expect(again.out.contains("\"upToDate\" : true"))

        // The Tết 2023 gifts (Tết 22/01, due 12/01) were created a month ahead, on 13/12/2022, by the demo's run ("demo"),
        // at the amount then in force; the version set from 2023-01-01 re-priced them while they were still planned.
        let gifts = try uytin.jsonArray("entitlement", "list", "--year", "2023", "--kind", "lunar_new_year_gift")
        #expect(gifts.count == 69)
        #expect(gifts.allSatisfy { $0["amount"] as? Int == 450_000 && $0["contingencyId"] is NSNull && $0["status"] as? String == "planned" })
        let giftsRun = try #require(gifts.first?["runId"] as? Int)
        #expect(giftsRun < runId)
        #expect(try uytin("entitlement", "approve", "--run", String(giftsRun), "--actor", "demo").code == 65)
        #expect(try uytin("entitlement", "approve", "--run", String(giftsRun), "--actor", "ke-toan").code == 0)
        let first = try #require(gifts.first?["id"] as? Int)
        #expect(try uytin("entitlement", "deliver", "--ids", String(first), "--on", "2023-01-12", "--receipt", "Sổ 01/2023").code == 0)
        #expect(try uytin("entitlement", "deliver", "--ids", String(first), "--on", "2023-01-12").code == 65)
        let budget = try uytin("budget", "--year", "2023", "--json")
        let lines = try #require(try JSONSerialization.jsonObject(with: Data(budget.out.utf8)) as? [[String: Any]])
        let tet = try #require(lines.first { $0["kind"] as? String == "lunar_new_year_gift" })
        #expect(tet["actual"] as? Int == 450_000 && tet["estimate"] as? Int == 69 * 450_000)

        #expect(try uytin("contingency", "declare", "--from", "2023-03-01", "--reason", "Dịch", "--area", "99999").code == 65)
        let period = try uytin.createdId("contingency", "declare", "--from", "2023-03-01", "--reason", "Dịch cúm")
        #expect(try uytin("contingency", "end", String(period), "--on", "2023-02-01").code == 65)
        #expect(try uytin("contingency", "end", String(period), "--on", "2023-04-01").code == 0)
        #expect(try uytin("event", "record", "--person", "1", "--kind", "flu", "--date", "2023-01-05").code == 64)
        #expect(try uytin("festival", "set", "--name", "Hội Xuân", "--ethnic", "Cao Lan", "--lunar", "01-15").code == 0)
        #expect(try uytin("festival", "list", "--year", "2023").out.contains("05/02/2023"))
        #expect(try uytin("check").code == 0)
    }
}
