import Documents
import Foundation
import Testing

/// `uytin report` and `uytin rollup` through the binary, on the demo: figures equal to SQL's own counts, charts in
/// the printable HTML, JSON with its sections, and a roll-up that reads its sources without writing to them.
@Suite("Reports upward and the roll-up")
struct ReportTests {
    /// One demo for the suite (about 20 s), copied by the tests that need a file of their own.
    static let demo: String = {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("uytin-report-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("demo.sqlite").path
        let uytin = try? Uytin()
        _ = try? uytin?("demo", "--db", path)
        return path
    }()

    /// A copy of the demo in a fresh folder, as the province `code` when given (setting's province changed the
    /// way a bench or a tester would, with the sqlite3 shell; the audit chain does not cover it and still holds).
    /// Unless `sameLog`, the copy then gets a village of its own through uytin, so that its audit log goes on from
    /// the demo's: another province's data, not the same data twice (which a roll-up refuses).
    static func copy(into uytin: Uytin, named name: String, province code: String? = nil, sameLog: Bool = false) throws -> String {
        let path = uytin.directory.appendingPathComponent(name).path
        try FileManager.default.copyItem(atPath: demo, toPath: path)
        if let code {
            let trigger = try sql(path, "SELECT sql FROM sqlite_master WHERE name = 'setting_is_fixed'")
            _ = try sql(path, "DROP TRIGGER setting_is_fixed; UPDATE setting SET province_code = '\(code)'; \(trigger);")
            if !sameLog {
                let added = try uytin.run(["village", "add", "--commune", "Đạo Trù", "--name", "Thôn \(code)", "--db", path])
                #expect(added.code == 0, "\(added.err)")
            }
        }
        return path
    }

    /// Runs SQL with the sqlite3 shell; returns what it prints, trimmed.
    static func sql(_ path: String, _ statement: String) throws -> String {
        try Uytin.sqlite3(path, statement).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    static func int(_ path: String, _ statement: String) throws -> Int { Int(try sql(path, statement)) ?? -1 }

    static func json(_ path: String) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: try Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any] ?? [:]
    }

    static func section(_ report: [String: Any], _ prefix: String) -> (columns: [String], rows: [[Any]]) {
        let sections = report["sections"] as? [[String: Any]] ?? []
        let found = sections.first { ($0["title"] as? String)?.hasPrefix(prefix) == true } ?? [:]
        return (found["columns"] as? [String] ?? [], found["rows"] as? [[Any]] ?? [])
    }

    /// The sum of the column headed `column` over a section's rows.
    static func sum(_ section: (columns: [String], rows: [[Any]]), _ column: String, where keep: ([Any]) -> Bool = { _ in true }) -> Int {
        guard let index = section.columns.firstIndex(of: column) else { return -1 }
        return section.rows.filter(keep).reduce(0) { $0 + (($1[index] as? Int) ?? 0) }
    }

    @Test("the report's figures equal SQL's counts: every composition sums to the list, every benefit table to the entitlements")
    func figures() throws {
        let uytin = try Uytin()
        let database = try Self.copy(into: uytin, named: "uytin.sqlite")
        let out = uytin.directory.appendingPathComponent("report.json").path
        let result = try uytin("report", "--year", "2019", "--to-year", "2026", "--format", "json", "--out", out)
        #expect(result.code == 0, "\(result.err)")
        let report = try Self.json(out)
        let table = report["table"] as? [String: Any] ?? [:]
        let rows = table["rows"] as? [[Any]] ?? []
        #expect(rows.count == 8)
        #expect((report["sections"] as? [Any])?.count == 10)
        var listedYears = 0
        for year in 2019...2026 {
            let listed = try Self.int(database, "SELECT count(*) FROM yearly_list_entry WHERE year = \(year)")
            let row = rows.first { $0.first as? Int == year } ?? []
            if listed > 0 {
                listedYears += 1
                #expect(row.count > 1 && row[1] as? Int == listed, "list of \(year)")
                for prefix in ["CƠ CẤU THEO DÂN TỘC", "CƠ CẤU THEO GIỚI TÍNH", "CƠ CẤU THEO ĐỘ TUỔI", "CƠ CẤU THEO ĐỊA BÀN"] {
                    #expect(Self.sum(Self.section(report, prefix), String(year)) == listed, "\(prefix) \(year)")
                }
            } else {
                #expect(row.count > 1 && row[1] is NSNull, "no list in \(year)")
                #expect(!Self.section(report, "CƠ CẤU THEO DÂN TỘC").columns.contains(String(year)), "no composition in \(year)")
            }
            let planned = try Self.int(database, "SELECT coalesce(sum(amount), 0) FROM entitlement WHERE year = \(year) AND status <> 'cancelled'")
            let delivered = try Self.int(database, "SELECT coalesce(sum(amount), 0) FROM entitlement WHERE year = \(year) AND status = 'delivered'")
            let occasions = try Self.int(database, "SELECT count(*) FROM entitlement WHERE year = \(year) AND status <> 'cancelled'")
            let persons = try Self.int(database, "SELECT count(DISTINCT person_id) FROM entitlement WHERE year = \(year) AND status <> 'cancelled'")
            #expect(row.count == 10 && row[6] as? Int == persons && row[7] as? Int == occasions && row[8] as? Int == planned
                    && row[9] as? Int == delivered, "benefits of \(year)")
            for prefix in ["CHẾ ĐỘ THEO NỘI DUNG CHI", "CHẾ ĐỘ THEO HÌNH THỨC", "CHẾ ĐỘ THEO NGUỒN KINH PHÍ"] {
                let section = Self.section(report, prefix)
                let ofYear: ([Any]) -> Bool = { $0.first as? Int == year }
                #expect(Self.sum(section, "Kinh phí dự kiến (đồng)", where: ofYear) == planned, "\(prefix) \(year)")
                #expect(Self.sum(section, "Đã chi (đồng)", where: ofYear) == delivered, "\(prefix) \(year)")
                #expect(Self.sum(section, "Số lượt", where: ofYear) == occasions, "\(prefix) \(year)")
            }
        }
        #expect(listedYears == 7)
        // The entitlements a contingency changed are counted apart.
        let contingent = try Self.int(database, "SELECT count(*) FROM entitlement WHERE contingency_id IS NOT NULL AND status <> 'cancelled'")
        let method = Self.section(report, "CHẾ ĐỘ THEO HÌNH THỨC")
        #expect(contingent > 0)
        #expect(Self.sum(method, "Số lượt", where: { ($0[1] as? String)?.contains("phương án ứng phó") == true }) == contingent)
        // The changes: the proposals approved by the decisions of each year.
        let recognised = try Self.int(database, "SELECT count(*) FROM proposal p JOIN decision d ON d.id = p.decision_id WHERE p.status = 'approved' AND p.kind = 'recognize' AND d.decided_on LIKE '2020%'")
        #expect(rows.first { $0.first as? Int == 2020 }?[2] as? Int == recognised)
        // Audited like the other exports.
        #expect(try Self.int(database, "SELECT count(*) FROM audit_log WHERE action = 'export' AND json_extract(detail, '$.document') = 'report'") == 1)
    }

    @Test("the printable report has its heading, SVG charts and no script; in English with --lang en")
    func printable() throws {
        let uytin = try Uytin()
        _ = try Self.copy(into: uytin, named: "uytin.sqlite")
        let out = uytin.directory.appendingPathComponent("report.html").path
        #expect(try uytin("report", "--year", "2020", "--to-year", "2026", "--format", "html", "--out", out).code == 0)
        let html = try String(contentsOfFile: out, encoding: .utf8)
        #expect(html.components(separatedBy: "<svg").count - 1 == 3)
        #expect(!html.lowercased().contains("<script") && !html.contains("javascript:") && !html.contains("onload"))
        #expect(html.contains("SỞ DÂN TỘC VÀ TÔN GIÁO") && html.contains("GIÁM ĐỐC") && html.contains("CƠ CẤU THEO ĐỘ TUỔI"))
        #expect(html.contains("Kinh phí dự kiến theo nội dung chi qua các năm"))
        let english = uytin.directory.appendingPathComponent("report-en.html").path
        #expect(try uytin("report", "--year", "2021", "--format", "html", "--out", english, "--lang", "en").code == 0)
        let text = try String(contentsOfFile: english, encoding: .utf8)
        #expect(text.contains("BY ETHNIC GROUP") && text.contains("ETHNIC AFFAIRS COMMITTEE") && !text.contains("CƠ CẤU"))
        let xlsx = uytin.directory.appendingPathComponent("report.xlsx").path
        #expect(try uytin("report", "--year", "2021", "--format", "xlsx", "--out", xlsx).code == 0)
        let csv = uytin.directory.appendingPathComponent("report.csv").path
        #expect(try uytin("report", "--year", "2021", "--format", "csv", "--out", csv).code == 0)
        #expect(try String(contentsOfFile: csv, encoding: .utf8).contains("CHẾ ĐỘ THEO NGUỒN KINH PHÍ"))
        // Nothing to report, a year of no term, years backwards: refused, nothing written.
        for arguments in [["--year", "2018"], ["--year", "2026", "--to-year", "2021"]] {
            let none = uytin.directory.appendingPathComponent("none.json").path
            #expect(try uytin.run(["report"] + arguments + ["--format", "json", "--out", none]).code == 65)
            #expect(!FileManager.default.fileExists(atPath: none))
        }
    }

    @Test("a chart's texts are escaped: a name with markup prints as text, no element, no script")
    func chartEscaped() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("uytin-chart-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let url = folder.appendingPathComponent("chart.html")
        let writer = HTMLDocumentWriter(url: url, style: DocumentStyle(orientation: .portrait))
        try writer.begin(header: DocumentHeader(governingBody: "UBND TỈNH X", issuingBody: "BAN DÂN TỘC", title: "Báo cáo"),
                         columns: [DocumentColumn("Dân tộc"), DocumentColumn("2021", kind: .integer, total: true)])
        let hostile = "<script>alert(1)</script>&\"Tày\""
        let chart = DocumentChart(kind: .stacked, title: hostile, categories: [hostile, "Dao"],
                                  series: [.init(name: hostile, values: [3, 4]), .init(name: "Nùng", values: [1, 0])], unit: "người")
        try writer.finish(summaries: [DocumentSummary(title: "CƠ CẤU", columns: [DocumentColumn("Dân tộc"), DocumentColumn("2021", kind: .integer, total: true)],
                                                      rows: [[.text(hostile), .integer(4)], [.text("Dao"), .integer(4)]], chart: chart)])
        let html = try String(contentsOf: url, encoding: .utf8)
        #expect(html.contains("<svg") && html.contains("</svg>"))
        #expect(!html.contains("<script"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;&amp;&quot;Tày&quot;"))
        // Stacked: the two series of the first category make one bar of 4, the axis's top.
        #expect(html.components(separatedBy: "<rect").count - 1 == 3 + 2)
    }

    @Test("a roll-up of two provinces doubles the totals, prints both audit heads and writes nothing to its sources")
    func rollup() throws {
        let uytin = try Uytin()
        let first = try Self.copy(into: uytin, named: "vinh-phuc.sqlite")
        let second = try Self.copy(into: uytin, named: "thai-nguyen.sqlite", province: "19")
        let before = try [first, second].map { path in
            (try Data(contentsOf: URL(fileURLWithPath: path)),
             try FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date)
        }
        let out = uytin.directory.appendingPathComponent("rollup.json").path
        let result = try uytin("rollup", "--from", first, second, "--year", "2020", "--to-year", "2022", "--format", "json", "--out", out)
        #expect(result.code == 0, "\(result.err)")
        let heads = try [first, second].map { try Self.sql($0, "SELECT last_id || ' ' || last_hash FROM audit_head") }
        for head in heads { #expect(result.out.contains(head), "audit head \(head)") }
        let report = try Self.json(out)
        let rows = (report["table"] as? [String: Any])?["rows"] as? [[Any]] ?? []
        for row in rows {
            let year = row[0] as? Int ?? 0
            let listed = try Self.int(first, "SELECT count(*) FROM yearly_list_entry WHERE year = \(year)")
            let planned = try Self.int(first, "SELECT coalesce(sum(amount), 0) FROM entitlement WHERE year = \(year) AND status <> 'cancelled'")
            if listed > 0 { #expect(row[1] as? Int == 2 * listed, "list of \(year)") }
            #expect(row[8] as? Int == 2 * planned, "planned \(year)")
        }
        #expect(rows.count == 3)
        let sources = report["sources"] as? [[String: Any]] ?? []
        #expect(Set(sources.compactMap { $0["provinceCode"] as? String }) == ["26", "19"])
        #expect(Self.section(report, "THÁI NGUYÊN").rows.count == 3 && Self.section(report, "VĨNH PHÚC").rows.count == 3)
        let html = uytin.directory.appendingPathComponent("rollup.html").path
        #expect(try uytin("rollup", "--from", first, second, "--year", "2021", "--format", "html", "--out", html).code == 0)
        let text = try String(contentsOfFile: html, encoding: .utf8)
        for head in heads { #expect(text.contains(String(head.split(separator: " ")[1]))) }
        #expect(text.contains("NGUỒN SỐ LIỆU VÀ ĐẦU CHUỖI NHẬT KÝ KIỂM TOÁN") && text.contains("<svg"))
        // The sources are as they were: the same bytes, the same times, no journal left beside them.
        for (path, (data, modified)) in zip([first, second], before) {
            #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == data)
            #expect(try FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date == modified)
            for suffix in ["-wal", "-shm", "-journal"] { #expect(!FileManager.default.fileExists(atPath: path + suffix)) }
        }
    }

    @Test("a roll-up refuses a broken audit chain (65), a missing file (66), a file, a province or one audit log twice (65), naming them")
    func refusals() throws {
        let uytin = try Uytin()
        let good = try Self.copy(into: uytin, named: "good.sqlite")
        let tampered = try Self.copy(into: uytin, named: "tampered.sqlite", province: "19")
        let twin = try Self.copy(into: uytin, named: "twin.sqlite")
        let relabelled = try Self.copy(into: uytin, named: "relabelled.sqlite", province: "19", sameLog: true)
        // As scripts/tamper does: drop the guard, edit a row, put the guard back.
        let guardSQL = try Self.sql(tampered, "SELECT sql FROM sqlite_master WHERE name = 'audit_log_no_update'")
        _ = try Self.sql(tampered, "DROP TRIGGER audit_log_no_update; UPDATE audit_log SET actor = 'someone' WHERE id = 50; \(guardSQL);")
        let out = uytin.directory.appendingPathComponent("out.json").path
        let cases: [([String], Int32, String)] = [
            ([good, tampered], 65, "tampered.sqlite"),
            ([good, uytin.directory.appendingPathComponent("missing.sqlite").path], 66, "missing.sqlite"),
            ([good, good], 65, "good.sqlite"),
            ([good, twin], 65, "twin.sqlite"),
            // The demo given another province's code without a write of its own: the same data under two names.
            ([good, relabelled], 65, "relabelled.sqlite"),
        ]
        for (sources, code, name) in cases {
            let result = try uytin.run(["rollup", "--from"] + sources + ["--year", "2021", "--format", "json", "--out", out])
            #expect(result.code == code, "\(sources): \(result.err)")
            #expect(result.err.contains(name), "\(result.err)")
            #expect(!FileManager.default.fileExists(atPath: out))
        }
        // A file of an earlier release: a roll-up does not upgrade it; refused, naming it, and left as it was.
        let old = uytin.directory.appendingPathComponent("old-release.sqlite").path
        try UpgradeTests.unpack(Release.terms, to: old)
        let oldBytes = try Data(contentsOf: URL(fileURLWithPath: old))
        let refused = try uytin.run(["rollup", "--from", good, old, "--year", "2021", "--format", "json", "--out", out])
        #expect(refused.code == 65 && refused.err.contains("old-release.sqlite") && refused.err.contains("phiên bản"), "\(refused.err)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: old)) == oldBytes)
        #expect(!FileManager.default.fileExists(atPath: out))
        let siblings = try FileManager.default.contentsOfDirectory(atPath: uytin.directory.path).filter { $0.hasPrefix("old-release") }
        #expect(siblings == ["old-release.sqlite"], "\(siblings)")
        // Never over a source.
        #expect(try uytin("rollup", "--from", good, "--year", "2021", "--format", "json", "--out", good).code == 73)
    }
}
