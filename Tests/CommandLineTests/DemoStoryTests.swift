import Demo
import Foundation
import Testing

/// The demo's whole story through the built binary (issue 10, part 6): the 2019–2023 term exactly as before
/// (74 → 70 → 69, the same persons and documents as release 69fc041), the 2023 list, the 2024–2028 term recognised by
/// the districts, the commune merger round of 01/01/2025, the province merged into Phú Thọ on 01/07/2025, decisions
/// by commune chairmen, the 2026 list approved by communes, and benefits through 30/11/2026.
///
/// The demo database is built once for the suite (`uytin demo --out`, about 15 s in a debug build) and only read.
@Suite("The demo's story from 2019 to 2026, through the binary")
struct DemoStoryTests {
    struct Built: Sendable {
        let uytin: Uytin
        let summary: String
        let documents: URL
    }

    /// The demo database, made once by the first test that asks.
    static let built: Result<Built, any Error> = Result {
        let uytin = try Uytin()
        let documents = uytin.directory.appendingPathComponent("documents")
        let demo = try uytin("demo", "--db", uytin.database, "--out", documents.path, "--json")
        guard demo.code == 0 else { throw DemoFailed(message: "uytin demo exited \(demo.code): \(demo.err)") }
        return Built(uytin: uytin, summary: demo.out, documents: documents)
    }

    struct DemoFailed: Error, CustomStringConvertible {
        let message: String
        var description: String { message }
    }

    static func demo() throws -> Built { try built.get() }

    static func object(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    static let oldCommunes: Set<String> = ["24401", "24601", "24602", "24801", "24802", "24803", "24804", "24805", "24806",
                                           "24807", "24901", "25301", "25302", "25303", "25304"]
    static let newCommunes: Set<String> = ["09040", "09046", "09052", "08960", "08896", "08899", "08950", "08830"]

    @Test("the summary tells the story year by year: lists, terms, reorganisations, runs through 30/11/2026")
    func summary() throws {
        let demo = try Self.demo()
        let output = try Self.object(demo.summary)
        let summary = try #require(output["demo"] as? [String: Any])
        let lists = try #require(summary["lists"] as? [String: Int])
        #expect(lists == ["2019": 74, "2020": 70, "2021": 69, "2023": 70, "2024": 70, "2025": 70, "2026": 69])
        #expect(summary["terms"] as? [String] == ["2019–2023", "2024–2028"])
        #expect(summary["through"] as? String == "2026-11-30")
        #expect(summary["finalProvince"] as? String == "Tỉnh Phú Thọ")
        #expect(summary["finalCommunes"] as? Int == 8)
        #expect(summary["path"] as? String == demo.uytin.database)
        let story = try #require(summary["story"] as? [[String: Any]])
        #expect(story.compactMap { $0["year"] as? Int } == Array(2019...2026))
        let text = story.flatMap { ($0["events"] as? [[String: Any]]) ?? [] }.compactMap { $0["text"] as? String }.joined(separator: "\n")
        for phrase in ["QĐ 574/QĐ-UBND", "QĐ 312/QĐ-UBND", "UBND huyện Tam Đảo", "carry-over", "Tỉnh Phú Thọ (mã 25)",
                       "UBND xã Đạo Trù", "thay thế 1", "phần của Xã Đạo Trù", "Sở Dân tộc và Tôn giáo", "500.000 đ"] {
            #expect(text.contains(phrase), "the story does not tell \"\(phrase)\"")
        }
        let reorganizations = try #require(summary["reorganizations"] as? [[String: Any]])
        #expect(reorganizations.compactMap { $0["effectiveOn"] as? String } == ["2025-01-01", "2025-07-01"])
        let decisions = try #require(summary["decisions"] as? [[String: Any]])
        #expect(decisions.count == 24)
        let benefits = try #require(summary["benefits"] as? [String: Any])
        #expect(benefits["runs"] as? Int == 1461, "2019–2022 day by day, as before")
        #expect((benefits["weeklyRuns"] as? Int ?? 0) > 200)
        let visits = try #require(benefits["sickVisits"] as? [[String: Any]])
        #expect(Set(visits.compactMap { $0["amount"] as? Int }) == [3_000_000, 1_500_000, 800_000, 500_000])
        let documents = try #require(output["documents"] as? [String])
        // Five documents (two lists, the changes, a signature sheet, the budget) and the report, in four formats.
        #expect(documents.count == 24)
        #expect(documents.contains { $0.hasSuffix("bao-cao-2019-2026.html") })
    }

    @Test("2019–2023 is unchanged: the lists, diffs, entitlements and documents release 69fc041 printed for its demo")
    func firstTermUnchanged() throws {
        let demo = try Self.demo()
        let uytin = demo.uytin
        for (year, count) in [(2019, 74), (2020, 70), (2021, 69)] {
            #expect(try uytin.jsonArray("list", "--year", String(year)).count == count)
        }
        // The same persons, lists and documents: what release 69fc041 printed for the demo it built.
        let commands: [(String, [String])] = [
            ("list-2019.json", ["list", "--year", "2019"]), ("list-2020.json", ["list", "--year", "2020"]),
            ("list-2021.json", ["list", "--year", "2021"]), ("list-on-2021-06-01.json", ["list", "--on", "2021-06-01"]),
            ("diff-2019-2020.json", ["list", "diff", "--from", "2019", "--to", "2020"]),
            ("diff-2020-2021.json", ["list", "diff", "--from", "2020", "--to", "2021"]),
            ("entitlements-2022.json", ["entitlement", "list", "--year", "2022"]),
            ("budget-2022.json", ["budget", "--year", "2022"]),
        ]
        for (file, arguments) in commands {
            let result = try uytin.run(arguments + ["--json", "--lang", "vi"])
            #expect(result.code == 0, "\(arguments): \(result.err)")
            var expected = try JSONValue.parse(try Data(contentsOf: Release.beforeTerms.expected(file)))
            var actual = try JSONValue.parse(Data(result.out.utf8))
            if file == "entitlements-2022.json" {
                // Tết gifts are created a month ahead since issue 11: the Tết 2022 gifts come from the run of 23/12/2021,
                // not 22/01/2022, so their row ids and run numbers differ; who gets what, how and when is the same.
                expected = expected.without(["id", "runId"])
                actual = actual.without(["id", "runId"])
            }
            let differences = expected.differences(in: actual, at: "")
            #expect(differences.isEmpty, "\(arguments.joined(separator: " ")) differs from release 69fc041's demo:\n\(differences.prefix(8).joined(separator: "\n"))")
        }
        // The 2021 list keeps the districts of its date.
        let list2021 = try uytin.jsonArray("list", "--year", "2021")
        let tamDảo = list2021.filter { ($0["communeCode"] as? String)?.hasPrefix("248") == true }
        #expect(tamDảo.count > 30)
        #expect(tamDảo.allSatisfy { $0["district"] as? String == "Huyện Tam Đảo" && $0["districtCode"] as? String == "248" })
        #expect(Set(list2021.compactMap { $0["communeCode"] as? String }).isSubset(of: Self.oldCommunes))
        // The documents written by `demo --out`: the same persons, places and roles as that release wrote, in the
        // columns offices use since issue 12 (Năm sinh as Nam | Nữ, no citizen IDs).
        for (name, expected) in [("danh-sach-2021.csv", "export-list-2021.csv")] {
            let written = UpgradeTests.facts(try String(contentsOf: demo.documents.appendingPathComponent(name), encoding: .utf8), changes: false)
            let before = UpgradeTests.facts(try String(contentsOf: Release.beforeTerms.expected(expected), encoding: .utf8), changes: false)
            #expect(written != nil && written == before, "\(name)")
            #expect(written?.count == 69)
        }
    }

    @Test("the 2026 list: approved by communes, in the new units, without districts; demo --out wrote it")
    func list2026() throws {
        let demo = try Self.demo()
        let uytin = demo.uytin
        let list = try uytin.jsonArray("list", "--year", "2026")
        #expect(list.count == 69)
        #expect(list.allSatisfy { $0["district"] as? String == "" && $0["districtCode"] as? String == "" })
        #expect(Set(list.compactMap { $0["communeCode"] as? String }) == Self.newCommunes)
        let printed = try uytin("list", "--year", "2026")
        #expect(printed.out.contains("Xã Đạo Trù") && printed.out.contains("69 người"), "\(printed.out.prefix(400))")
        #expect(!printed.err.contains("chờ phê duyệt"), "every commune approved its part: \(printed.err)")

        // demo --out: the 2026 list in every format.
        for format in ["csv", "xlsx", "html", "json"] {
            let file = demo.documents.appendingPathComponent("danh-sach-2026.\(format)")
            #expect(FileManager.default.fileExists(atPath: file.path), "\(file.lastPathComponent) not written")
        }
        // The written list: no district (no column, or an empty one), the 2026 communes.
        let csv = try String(contentsOf: demo.documents.appendingPathComponent("danh-sach-2026.csv"), encoding: .utf8)
        let lines = csv.split(separator: "\r\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let header = try #require(lines.first)
        let rows = lines.dropFirst()
        #expect(rows.count == 69)
        if let district = header.firstIndex(of: "Huyện") {
            #expect(rows.allSatisfy { $0[district].isEmpty }, "no district in 2026")
        }
        let commune = try #require(header.firstIndex(of: "Xã"), "\(header)")
        #expect(Set(rows.map { $0[commune] }) == ["Xã Đạo Trù", "Xã Tam Đảo", "Xã Đại Đình", "Xã Bình Xuyên", "Xã Quang Sơn",
                                                   "Xã Thái Hòa", "Xã Sông Lô", "Xã Ngọc Thanh"])
        let csv2021 = try String(contentsOf: demo.documents.appendingPathComponent("danh-sach-2021.csv"), encoding: .utf8)
        #expect(csv2021.contains("Huyện Tam Đảo"))
    }

    @Test("the documents' heading names the body in force on their date")
    func headings() throws {
        let demo = try Self.demo()
        let uytin = demo.uytin
        func heading(_ year: Int) throws -> String {
            let path = uytin.directory.appendingPathComponent("danh-sach-\(year)-kiem-tra.html").path
            let result = try uytin("export", "list", "--year", String(year), "--format", "html", "--out", path)
            #expect(result.code == 0, "\(result.err)")
            return try String(contentsOfFile: path, encoding: .utf8)
        }
        let html2021 = try heading(2021)
        // The 2021 list is the annex of the province's decision: under the People's Committee's heading (issue 12).
        #expect(html2021.contains("ỦY BAN NHÂN DÂN") && html2021.contains("TỈNH VĨNH PHÚC") && html2021.contains("TM. ỦY BAN NHÂN DÂN"))
        let changes2021 = uytin.directory.appendingPathComponent("bien-dong-2021-kiem-tra.html").path
        #expect(try uytin("export", "changes", "--year", "2021", "--format", "html", "--out", changes2021).code == 0)
        let office2021 = try String(contentsOfFile: changes2021, encoding: .utf8)
        #expect(office2021.contains("UBND TỈNH VĨNH PHÚC") && office2021.contains("BAN DÂN TỘC"))
        #expect(!html2021.contains("PHÚ THỌ") && !html2021.contains("SỞ DÂN TỘC"))
        #expect(html2021.contains("Huyện Tam Đảo"))
        let html2026 = try heading(2026)
        #expect(html2026.contains("UBND TỈNH PHÚ THỌ") && html2026.contains("SỞ DÂN TỘC VÀ TÔN GIÁO"))
        #expect(!html2026.contains("VĨNH PHÚC") && !html2026.contains("Huyện Tam Đảo"))
        // The 2025 agencies, by date.
        let agencies = try uytin.jsonArray("agency", "list")
        #expect(agencies.compactMap { $0["validFrom"] as? String } == ["2025-03-01", "2025-07-01"])
        #expect(agencies.compactMap { $0["parent"] as? String } == ["UBND tỉnh Vĩnh Phúc", "UBND tỉnh Phú Thọ"])
        // The written 2026 list in HTML, from demo --out.
        let written = try String(contentsOf: demo.documents.appendingPathComponent("danh-sach-2026.html"), encoding: .utf8)
        #expect(written.contains("UBND TỈNH PHÚ THỌ") && written.contains("SỞ DÂN TỘC VÀ TÔN GIÁO"))
    }

    @Test("between the terms the list is empty and says why; 2024 is approved in parts by the five districts")
    func newTerm() throws {
        let uytin = try Self.demo().uytin
        let gap = try uytin("list", "--on", "2024-01-05", "--json")
        #expect(gap.code == 0)
        #expect((try JSONSerialization.jsonObject(with: Data(gap.out.utf8)) as? [Any])?.isEmpty == true)
        #expect(gap.err.contains("2024–2028") && gap.err.contains("danh sách trống"), "\(gap.err)")
        #expect(try uytin.jsonArray("list", "--on", "2023-12-31").count == 70)
        #expect(try uytin.jsonArray("list", "--on", "2024-01-26").count == 70)

        let list2024 = try uytin("list", "--year", "2024")
        #expect(list2024.code == 0)
        for part in ["Huyện Tam Đảo", "Huyện Lập Thạch", "Huyện Sông Lô", "Huyện Bình Xuyên", "Thành phố Phúc Yên"] {
            #expect(list2024.out.contains("(\(part))"), "the 2024 heading does not name the part of \(part)")
        }
        #expect(!list2024.err.contains("chờ phê duyệt"), "\(list2024.err)")
        #expect(try uytin.jsonArray("list", "--year", "2024").count == 70)
        let terms = try uytin.jsonArray("term", "list")
        #expect(terms.compactMap { $0["firstYear"] as? Int } == [2019, 2024])
        let diff = try Self.object(try uytin("list", "diff", "--from", "2023", "--to", "2024", "--json").out)
        #expect((diff["entered"] as? [Any])?.count == 3 && (diff["left"] as? [Any])?.count == 3, "three carried over no more, three new")
    }

    @Test("a carried-over person's history spans both terms and shows the reorganisations' re-binding")
    func history() throws {
        let uytin = try Self.demo().uytin
        // Someone of Xã Tam Quan in 2021 who is still on the 2026 list: carried over, then re-bound twice by law.
        let in2021 = try uytin.jsonArray("list", "--year", "2021").filter { $0["communeCode"] as? String == "24805" }
        let in2026 = Set(try uytin.jsonArray("list", "--year", "2026").compactMap { $0["id"] as? Int })
        let id = try #require(in2021.compactMap { $0["id"] as? Int }.first { in2026.contains($0) })
        let result = try uytin("history", "--person", String(id), "--json")
        #expect(result.code == 0)
        let events = try #require(try Self.object(result.out)["events"] as? [[String: Any]])
        let listed = events.filter { $0["event"] as? String == "listed" }.compactMap { $0["date"] as? String }.map { $0.prefix(4) }
        #expect(listed.contains("2021") && listed.contains("2024") && listed.contains("2026"), "\(listed)")
        let left = events.first { $0["event"] as? String == "left" }
        #expect(left?["date"] as? String == "2024-01-01", "the first term's stay ends with the term: \(String(describing: left))")
        #expect(events.contains { $0["event"] as? String == "entered" && $0["decision"] as? String == "15/QĐ-UBND" })
        let rebound = events.filter { $0["event"] as? String == "rebound" }.compactMap { $0["date"] as? String }
        #expect(rebound == ["2025-01-01", "2025-07-01"], "\(rebound)")
        let printed = try uytin("history", "--person", String(id))
        #expect(printed.out.contains("202/2025/QH15") && printed.out.contains("hết giai đoạn"), "\(printed.out)")
    }

    @Test("a number used by two districts in one year: decision show finds both, or one by year and issuing area")
    func decisionNumbers() throws {
        let uytin = try Self.demo().uytin
        let both = try uytin("decision", "show", "15/QĐ-UBND", "--year", "2024", "--json")
        #expect(both.code == 0, "\(both.err)")
        let decisions = try #require(try JSONSerialization.jsonObject(with: Data(both.out.utf8)) as? [[String: Any]])
        #expect(decisions.compactMap { $0["issuer"] as? String } == ["UBND huyện Tam Đảo", "UBND huyện Lập Thạch"])
        #expect(decisions.allSatisfy { $0["issuerLevel"] as? String == "district" && $0["year"] as? Int == 2024 })
        let one = try Self.object(try uytin("decision", "show", "15/QĐ-UBND", "--year", "2024", "--issuer-area", "246", "--json").out)
        #expect(one["issuer"] as? String == "UBND huyện Lập Thạch")
        let printed = try uytin("decision", "show", "15/QĐ-UBND", "--year", "2024")
        #expect(printed.out.contains("UBND huyện Tam Đảo") && printed.out.contains("UBND huyện Lập Thạch"))
        // The same issuer's numbers restart in January: Tam Đảo's 15/QĐ-UBND again in 2025.
        let tamDảo = try uytin("decision", "show", "15/QĐ-UBND", "--issuer-area", "248", "--json")
        let again = try #require(try JSONSerialization.jsonObject(with: Data(tamDảo.out.utf8)) as? [[String: Any]])
        #expect(again.compactMap { $0["year"] as? Int } == [2024, 2025])
        // A commune chairman's replacement in late 2025.
        let replacement = try Self.object(try uytin("decision", "show", "245/QĐ-UBND", "--json").out)
        #expect(replacement["issuerLevel"] as? String == "commune" && replacement["issuerAreaCode"] as? String == "09040")
    }

    @Test("benefits through 30/11/2026: the commune tier of QĐ 28/2023's sick visit, Tết 2026 delivered; check and audit verify pass")
    func benefits() throws {
        let uytin = try Self.demo().uytin
        let visits = try uytin.jsonArray("entitlement", "list", "--year", "2026", "--kind", "sick_visit")
        #expect(visits.contains { $0["amount"] as? Int == 500_000 && $0["level"] as? String == "commune" }, "\(visits)")
        let all = try uytin.jsonArray("entitlement", "list", "--kind", "sick_visit")
        let tiers = Dictionary(all.compactMap { visit in (visit["level"] as? String).map { ($0, visit["amount"] as? Int ?? 0) } },
                               uniquingKeysWith: { a, _ in a })
        #expect(tiers["commune"] == 500_000 && tiers["district"] == 800_000 && tiers["province"] == 1_500_000 && tiers["central"] == 3_000_000)
        let tet = try uytin.jsonArray("entitlement", "list", "--year", "2026", "--kind", "lunar_new_year_gift")
        #expect(tet.count == 69 && tet.allSatisfy { $0["status"] as? String == "delivered" })
        let runs = try uytin("run", "--date", "2026-11-30", "--json")
        #expect(runs.out.contains("\"upToDate\" : true"), "the demo's runs reach 30/11/2026: \(runs.out)")
        #expect(try uytin("check").code == 0)
        #expect(try uytin("audit", "verify").code == 0)
        let reorganizations = try uytin.jsonArray("reorg", "list")
        #expect(reorganizations.compactMap { $0["fileName"] as? String } == DemoReorganizations.all.map(\.fileName))
    }

    @Test("the sample tables in samples/ are the ones the demo applies, and say they are samples")
    func samples() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("samples")
        for table in DemoReorganizations.all {
            let file = try String(contentsOf: folder.appendingPathComponent(table.fileName), encoding: .utf8)
            #expect(file == table.csv, "samples/\(table.fileName) differs from DemoReorganizations")
            #expect(table.basis.contains("MẪU"))
            #expect(try !table.lines.isEmpty)
        }
        let readme = try String(contentsOf: folder.appendingPathComponent("README.md"), encoding: .utf8)
        #expect(readme.contains("SAMPLES") && readme.contains("202/2025/QH15") && readme.contains("không phải mã chính thức"))
        for table in DemoReorganizations.all { #expect(readme.contains(table.fileName)) }
    }
}
