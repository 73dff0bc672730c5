import Composition
import Documents
import Foundation
import Storage
import Testing

/// The yearly list and the change list as offices use them (issue 12, points 2–4): the list's columns (STT, Họ và
/// tên, Năm sinh Nam | Nữ, Dân tộc, Thôn, Xã, Huyện while districts existed, Thành phần, Ghi chú), citizen IDs left
/// out unless asked (masked, or in full with a reason the audit log keeps), a list approved by one People's
/// Committee decision printed as its "Phụ lục", and change lists that follow the decisions and reconcile.
@Suite("The yearly list and the change list, as offices use them")
struct ListDocumentTests {
    /// The demo's database, made once for the suite (its own, since these tests write audit rows).
    static let built: Result<Uytin, any Error> = Result {
        let uytin = try Uytin()
        let demo = try uytin("demo", "--db", uytin.database)
        guard demo.code == 0 else { throw DemoStoryTests.DemoFailed(message: "uytin demo exited \(demo.code): \(demo.err)") }
        return uytin
    }

    /// A CSV data table: the header row (the line starting "STT") and the numbered rows under it.
    struct CSVTable {
        var header: [String]
        var rows: [[String]]
        func column(_ name: String) -> Int? { header.firstIndex(of: name) }
    }

    /// Splits one CSV line into cells (RFC 4180 quoting; the separator "," or ";").
    static func cells(_ line: String, separator: Character) -> [String] {
        var cells: [String] = []
        var cell = ""
        var quoted = false
        var previous: Character?
        for character in line {
            if quoted {
                if character == "\"" { quoted = false } else { cell.append(character) }
            } else if character == "\"" {
                if previous == "\"" { cell.append("\"") }
                quoted = true
            } else if character == separator {
                cells.append(cell)
                cell = ""
            } else {
                cell.append(character)
            }
            previous = character
        }
        cells.append(cell)
        return cells
    }

    static func table(_ text: String) -> CSVTable? {
        let lines = text.replacingOccurrences(of: "\u{FEFF}", with: "").components(separatedBy: "\r\n")
            .flatMap { $0.components(separatedBy: "\n") }
        guard let start = lines.firstIndex(where: { $0.hasPrefix("STT,") || $0.hasPrefix("STT;") }) else { return nil }
        let separator: Character = lines[start].hasPrefix("STT;") ? ";" : ","
        let rows = lines[(start + 1)...].prefix { $0.first?.isNumber == true }.map { cells($0, separator: separator) }
        return CSVTable(header: cells(lines[start], separator: separator), rows: Array(rows))
    }

    func export(_ uytin: Uytin, _ arguments: [String], _ name: String) throws -> (code: Int32, text: String, err: String) {
        let path = uytin.directory.appendingPathComponent(name).path
        let result = try uytin.run(["export"] + arguments + ["--out", path])
        return (result.code, (try? String(contentsOfFile: path, encoding: .utf8)) ?? "", result.err)
    }

    @Test("the 2021 list: STT, Họ và tên, Nam | Nữ under Năm sinh, Dân tộc, Thôn, Xã, Huyện, Thành phần, Ghi chú; no Giới tính, no CCCD")
    func columns() throws {
        let uytin = try Self.built.get()
        let csv = try export(uytin, ["list", "--year", "2021", "--format", "csv"], "list-2021.csv")
        #expect(csv.code == 0, "\(csv.err)")
        let table = try #require(Self.table(csv.text), "no STT row in \(csv.text.prefix(300))")
        for name in ["STT", "Họ và tên", "Năm sinh (Nam)", "Năm sinh (Nữ)", "Dân tộc", "Thôn", "Xã", "Huyện", "Thành phần", "Ghi chú"] {
            #expect(table.column(name) != nil, "no column \(name) in \(table.header)")
        }
        #expect(table.column("Giới tính") == nil && !table.header.contains { $0.contains("CCCD") }, "\(table.header)")
        #expect(table.rows.count == 69)
        #expect(csv.text.range(of: #"[0-9]{12}"#, options: .regularExpression) == nil, "a full citizen ID in the default list")
        // Each person's year of birth sits in the column of their gender, the other empty.
        let people = try uytin.jsonArray("list", "--year", "2021")
        let byName = Dictionary(people.map { "\($0["name"] as? String ?? "")|\($0["village"] as? String ?? "")|\($0["commune"] as? String ?? "")" }.enumerated().map { ($1, people[$0]) },
                                uniquingKeysWith: { first, _ in first })
        let (name, male, female, village) = (table.column("Họ và tên")!, table.column("Năm sinh (Nam)")!, table.column("Năm sinh (Nữ)")!, table.column("Thôn")!)
        let commune = try #require(table.column("Xã"))
        var women = 0
        for row in table.rows {
            let person = try #require(byName["\(row[name])|\(row[village])|\(row[commune])"], "\(row[name]) is not on the 2021 list")
            let born = String(person["birthYear"] as? Int ?? 0)
            if person["gender"] as? String == "nu" {
                women += 1
                #expect(row[female] == born && row[male].isEmpty, "\(row)")
            } else {
                #expect(row[male] == born && row[female].isEmpty, "\(row)")
            }
        }
        #expect(women > 0, "the demo's 2021 list has women")
        // Without districts in 2026: no Huyện column.
        let csv2026 = try export(uytin, ["list", "--year", "2026", "--format", "csv"], "list-2026.csv")
        let table2026 = try #require(Self.table(csv2026.text))
        #expect(table2026.column("Huyện") == nil && table2026.column("Xã") != nil && table2026.rows.count == 69, "\(table2026.header)")
        // JSON: no idNumber key unless asked.
        let json = try export(uytin, ["list", "--year", "2021", "--format", "json"], "list-2021.json")
        #expect(json.code == 0 && json.text.contains("\"name\"") && !json.text.contains("idNumber"))
    }

    @Test("citizen IDs: masked with --with-ids (and --mask-ids), in full only with --unmasked-ids --reason, audited with the reason")
    func citizenIDs() throws {
        let uytin = try Self.built.get()
        let full = Set(try UytinDatabase.open(path: uytin.database, actor: "test").yearlyListEntries(2021).compactMap(\.idNumber))
        #expect(full.count > 40, "the demo's persons have citizen IDs")
        for flag in ["--with-ids", "--mask-ids"] {
            let csv = try export(uytin, ["list", "--year", "2021", "--format", "csv", flag], "masked\(flag).csv")
            #expect(csv.code == 0, "\(csv.err)")
            let table = try #require(Self.table(csv.text))
            let id = try #require(table.column("Số CCCD"), "\(table.header)")
            let ids = table.rows.map { $0[id] }.filter { !$0.isEmpty }
            #expect(ids.count == full.count && ids.allSatisfy { $0.range(of: #"^\*+[0-9]{3}$"#, options: .regularExpression) != nil }, "\(ids.prefix(3))")
            #expect(csv.text.range(of: #"[0-9]{12}"#, options: .regularExpression) == nil)
            let json = try export(uytin, ["list", "--year", "2021", "--format", "json", flag], "masked\(flag).json")
            #expect(json.text.contains("\"idNumber\":\"*********") && json.text.range(of: #"[0-9]{12}"#, options: .regularExpression) == nil)
            #expect(try Self.exportAudit(uytin, "masked\(flag).json").range(of: #"citizenIds\W+masked"#, options: .regularExpression) != nil)
        }
        // The default list carries none, and its audit row says so (not "masked").
        let plain = try export(uytin, ["list", "--year", "2021", "--format", "csv"], "plain.csv")
        #expect(plain.code == 0 && !plain.err.contains("CCCD"))
        #expect(try Self.exportAudit(uytin, "plain.csv").range(of: #"citizenIds\W+none"#, options: .regularExpression) != nil)
        // Refused, nothing written: without a reason, with both flags, a reason alone.
        for (arguments, name) in [(["--unmasked-ids"], "a.csv"), (["--unmasked-ids", "--reason", "  "], "b.csv"),
                                  (["--unmasked-ids", "--with-ids", "--reason", "x"], "c.csv"), (["--reason", "x"], "d.csv")] {
            let refused = try export(uytin, ["list", "--year", "2021", "--format", "csv"] + arguments, name)
            #expect(refused.code == 64, "\(arguments): \(refused.code) \(refused.err)")
            #expect(refused.text.isEmpty, "\(arguments) wrote a file")
            #expect(refused.err.contains("--unmasked-ids"), "\(refused.err)")
        }
        // In full, with the reason in the audit log.
        let reason = "Đối chiếu với Công an xã Đạo Trù"
        let csv = try export(uytin, ["list", "--year", "2021", "--format", "csv", "--unmasked-ids", "--reason", reason], "full.csv")
        #expect(csv.code == 0, "\(csv.err)")
        let table = try #require(Self.table(csv.text))
        let id = try #require(table.column("Số CCCD"))
        #expect(Set(table.rows.map { $0[id] }.filter { !$0.isEmpty }) == full)
        let log = try Self.exportAudit(uytin, "full.csv")
        #expect(log.contains(reason) && log.range(of: #"citizenIds\W+full"#, options: .regularExpression) != nil, "\(log)")
    }

    /// The detail of the export audit row that wrote `file` (found by its path: the suite's other tests write to the
    /// same database at the same time, so the last row may be theirs).
    static func exportAudit(_ uytin: Uytin, _ file: String) throws -> String {
        let rows = try uytin.jsonArray("audit", "log", "--limit", "200")
        let path = uytin.directory.appendingPathComponent(file).path
        return rows.compactMap { $0["detail"] as? String }.first { $0.contains(path) || $0.contains(path.replacingOccurrences(of: "/", with: "\\/")) } ?? ""
    }

    /// What a composition hands to a writer.
    final class Capture: DocumentOutput {
        var header: DocumentHeader?
        var columns: [DocumentColumn] = []
        var rows: [DocumentRow] = []
        var summaries: [DocumentSummary] = []
        func begin(header: DocumentHeader, columns: [DocumentColumn], style: DocumentStyle) throws {
            self.header = header
            self.columns = columns
        }
        func emit(_ row: DocumentRow, _ object: any Encodable) throws { rows.append(row) }
        func finish(summaries: [DocumentSummary]) throws { self.summaries = summaries }

        func texts(_ column: String) -> [String] {
            guard let index = columns.firstIndex(where: { $0.title == column }) else { return [] }
            return rows.map { if case .text(let text) = $0.cells[index] { text } else { "" } }
        }
        var reconciliation: [String] {
            summaries.last?.rows.compactMap { if case .text(let text) = $0.first { text } else { nil } } ?? []
        }
    }

    static func compose(_ document: any ComposedDocument) throws -> Capture {
        let capture = Capture()
        try document.compose(into: capture)
        return capture
    }

    @Test("a list approved by one People's Committee decision is its Phụ lục under that committee; a list of parts is the office's")
    func annex() throws {
        let uytin = try Self.built.get()
        let database = try UytinDatabase.open(path: uytin.database, actor: "test")
        let list2021 = try Self.compose(try YearlyListDocument(database: database, words: Wording(.vi), year: 2021))
        let header = try #require(list2021.header)
        #expect(header.annex == "Phụ lục")
        #expect(header.issuingBody == "ỦY BAN NHÂN DÂN\nTỈNH VĨNH PHÚC" && header.governingBody.isEmpty, "\(header.issuingBody)")
        #expect(header.subtitle == "(Kèm theo Quyết định số 93/QĐ-UBND ngày 15/04/2021 của UBND tỉnh Vĩnh Phúc)")
        #expect(header.signatures.map(\.role) == ["TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH"])
        #expect(header.sheetName == "Danh sách 2021")
        #expect(list2021.columns.filter { $0.band == "Năm sinh" }.map(\.title) == ["Nam", "Nữ"])
        #expect(list2021.columns.filter(\.repeatsGroup).map(\.title) == ["Xã", "Huyện"])
        #expect(list2021.columns.last?.title == "Ghi chú")
        // 2024 and 2026: parts approved by the districts, then the communes: the office's document.
        for (year, body) in [(2024, "BAN DÂN TỘC"), (2026, "SỞ DÂN TỘC VÀ TÔN GIÁO")] {
            let list = try Self.compose(try YearlyListDocument(database: database, words: Wording(.vi), year: year))
            let header = try #require(list.header)
            #expect(header.annex == nil && header.issuingBody == body && header.governingBody.hasPrefix("UBND TỈNH"), "\(year): \(header)")
            #expect(header.signatures.last?.role == (year == 2024 ? "TRƯỞNG BAN" : "GIÁM ĐỐC"))
            #expect(list.columns.contains { $0.title == "Huyện" } == (year == 2024))
        }
        let english = try Self.compose(try YearlyListDocument(database: database, words: Wording(.en), year: 2021))
        #expect(english.header?.annex == "Annex" && english.header?.sheetName == "List 2021")
        #expect(ListAuthorship.isPeoplesCommittee("Chủ tịch UBND huyện Tam Đảo") && ListAuthorship.isPeoplesCommittee("UBND xã Đạo Trù"))
        #expect(!ListAuthorship.isPeoplesCommittee("Ban Dân tộc tỉnh Vĩnh Phúc"))
    }

    @Test("change lists follow the decisions: the 2019 death decided in 2020 is a change of 2020, with its decision, reason and date of death")
    func changesByDecision() throws {
        let uytin = try Self.built.get()
        let database = try UytinDatabase.open(path: uytin.database, actor: "test")
        let changes2020 = try Self.compose(try ChangeListDocument(database: database, words: Wording(.vi), year: 2020))
        #expect(changes2020.header?.sheetName == "Biến động 2020")
        let what = changes2020.texts("Nội dung")
        #expect(what.filter { $0 == "Đưa ra khỏi danh sách" }.count == 7, "\(what)")
        #expect(what.filter { $0 == "Công nhận bổ sung" }.count == 3 && !what.contains("Công nhận"))
        #expect(Set(changes2020.texts("Quyết định")) == ["449/QĐ-UBND"])
        let dateColumn = try #require(changes2020.columns.firstIndex { $0.title == "Ngày quyết định" })
        #expect(changes2020.columns[dateColumn].kind == .date)
        #expect(changes2020.rows.allSatisfy { $0.cells[dateColumn] == .date(year: 2020, month: 3, day: 4) })
        let notes = changes2020.texts("Ghi chú")
        let death = try #require(notes.firstIndex { $0.contains("Mất ngày") }, "\(notes)")
        #expect(notes[death].contains("2019") && changes2020.texts("Lý do")[death] == "Từ trần", "\(notes[death])")
        // No change of 2019 but the first recognitions: the death belongs to 2020.
        let changes2019 = try Self.compose(try ChangeListDocument(database: database, words: Wording(.vi), year: 2019))
        #expect(Set(changes2019.texts("Nội dung")) == ["Công nhận"] && changes2019.rows.count == 74)
        // 2024: the new term's first recognitions; 2021: a replacement names who left and who came, one row each.
        let changes2024 = try Self.compose(try ChangeListDocument(database: database, words: Wording(.vi), year: 2024))
        #expect(Set(changes2024.texts("Nội dung")) == ["Công nhận"] && changes2024.rows.count == 70)
        let changes2021 = try Self.compose(try ChangeListDocument(database: database, words: Wording(.vi), year: 2021))
        let replacement = changes2021.texts("Lý do").filter { $0.contains("thay bằng") || $0.hasPrefix("Thay cho") }
        #expect(replacement.count == 2 && changes2021.texts("Nội dung").filter { $0 == "Thay thế" }.count == 2, "\(changes2021.texts("Lý do"))")
        // The Nov 2025 decisions of the communes are changes of 2025; none of 2026.
        let changes2025 = try Self.compose(try ChangeListDocument(database: database, words: Wording(.vi), year: 2025))
        #expect(Set(changes2025.texts("Quyết định")) == ["245/QĐ-UBND", "198/QĐ-UBND"], "\(changes2025.texts("Quyết định"))")
        #expect(!changes2025.columns.contains { $0.title == "Huyện" })
        let changes2026 = try Self.compose(try ChangeListDocument(database: database, words: Wording(.vi), year: 2026))
        #expect(changes2026.rows.isEmpty)
        // The changes' JSON never carries a citizen ID.
        let json = try export(uytin, ["changes", "--year", "2020", "--format", "json"], "changes-2020.json")
        #expect(json.code == 0 && !json.text.contains("idNumber") && json.text.range(of: #"[0-9]{12}"#, options: .regularExpression) == nil)
    }

    @Test("each year's change list reconciles: last list − removed + recognised = this list, every term counted apart")
    func equation() throws {
        let uytin = try Self.built.get()
        let database = try UytinDatabase.open(path: uytin.database, actor: "test")
        let expected: [Int: String] = [
            2019: "0 − 0 + 74 = 74", 2020: "74 − 7 + 3 = 70", 2021: "70 − 2 + 1 = 69", 2022: "69 − 0 + 0 = 69",
            2023: "69 − 1 + 2 = 70", 2024: "70 − 70 + 70 = 70", 2025: "70 − 2 + 1 = 69", 2026: "69 − 0 + 0 = 69",
        ]
        for year in 2019...2026 {
            let balance = try database.changeBalance(year: year)
            #expect(balance.holds, "\(year): \(balance)")
            // The list approved for the year, counted apart, agrees — but in 2025, whose list was approved in February,
            // before the communes' decisions of November (their changes are in the 2026 list).
            if let list = balance.list {
                #expect((list.count == balance.end) == (year != 2025), "\(year): approved \(list.count), after the decisions \(balance.end)")
            }
            let document = try Self.compose(try ChangeListDocument(database: database, words: Wording(.vi), year: year))
            let lines = document.reconciliation
            #expect(lines.first?.hasSuffix(expected[year]!) == true, "\(year): \(lines)")
            #expect(lines.contains { $0.hasPrefix("Chênh lệch") } == (year == 2025), "\(year): \(lines)")
            // The rows agree with the figures: each person counted once.
            let what = document.texts("Nội dung")
            let recognised = what.filter { $0.hasPrefix("Công nhận") }.count
            #expect(recognised + document.texts("Lý do").filter { $0.hasPrefix("Thay cho") }.count == balance.recognised, "\(year)")
            #expect(what.filter { $0 == "Đưa ra khỏi danh sách" }.count
                    + document.texts("Lý do").filter { $0.contains("thay bằng") }.count == balance.removed, "\(year)")
        }
        let lines2020 = try Self.compose(try ChangeListDocument(database: database, words: Wording(.vi), year: 2020)).reconciliation
        #expect(lines2020 == ["Danh sách năm 2019 đã phê duyệt − đưa ra + công nhận = danh sách năm 2020 đã phê duyệt: 74 − 7 + 3 = 70"])
        let lines2025 = try Self.compose(try ChangeListDocument(database: database, words: Wording(.vi), year: 2025)).reconciliation
        #expect(lines2025.contains { $0.contains("70 người") && $0.contains("245/QĐ-UBND") && $0.contains("(−1)") }, "\(lines2025)")
    }
}
