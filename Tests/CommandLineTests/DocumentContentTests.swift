import Composition
import Documents
import Foundation
import Registry
import Scheduler
import Storage
import Testing

/// A document composed into memory: what a writer would receive (header, columns, style, rows, summaries).
final class RecordedDocument: DocumentOutput {
    var header: DocumentHeader?
    var columns: [DocumentColumn] = []
    var style: DocumentStyle?
    var rows: [DocumentRow] = []
    var summaries: [DocumentSummary] = []
    var finished = false

    func begin(header: DocumentHeader, columns: [DocumentColumn], style: DocumentStyle) throws {
        self.header = header
        self.columns = columns
        self.style = style
    }

    func emit(_ row: DocumentRow, _ object: any Encodable) throws { rows.append(row) }

    func finish(summaries: [DocumentSummary]) throws {
        self.summaries = summaries
        finished = true
    }

    /// The index of the column titled `title`.
    func column(_ title: String) throws -> Int {
        // A column under a band is named as the CSV heads it: "Dự toán (Số tiền (đồng))"; a plain title names the
        // first column with that title.
        let headings = columns.map { column in column.band.map { "\($0) (\(column.title))" } ?? column.title }
        return try #require(headings.firstIndex(of: title) ?? columns.firstIndex { $0.title == title },
                            "no column \(title) in \(headings)")
    }

    /// The column's values as numbers (integer or money cells; empty cells left out).
    func numbers(_ title: String) throws -> [Int] {
        let index = try column(title)
        return rows.compactMap { row -> Int? in
            switch row.cells[index] {
            case .integer(let value), .money(let value): value
            default: nil
            }
        }
    }

    func texts(_ title: String) throws -> [String] {
        let index = try column(title)
        return rows.map { if case .text(let text) = $0.cells[index] { text } else { "" } }
    }

    static func compose(_ document: any ComposedDocument) throws -> RecordedDocument {
        let recorded = RecordedDocument()
        try document.compose(into: recorded)
        return recorded
    }
}

/// What the signature sheets and the budget say, checked against the database by SQL (issue 12, point 1).
@Suite("Signature sheets and budget: the right numbers and words")
struct DocumentContentTests {
    /// One number the sqlite3 shell prints for `sql`.
    static func number(_ database: String, _ sql: String) throws -> Int {
        try #require(Int(try UpgradeTests.sqlite(database, sql).trimmingCharacters(in: .whitespacesAndNewlines)), "\(sql)")
    }

    @Test("budget 2022: Bằng chữ spells the estimate, the amount spent has its own line, persons and occasions apart")
    func budget() throws {
        let uytin = try Uytin()
        #expect(try uytin("demo", "--db", uytin.database, "--until", "2022-12-31").code == 0)
        let database = try UytinDatabase.open(path: uytin.database, actor: "test")
        let budget = try RecordedDocument.compose(try BudgetDocument(database: database, words: Wording(.vi), year: 2022))
        #expect(budget.header?.sheetName == "Dự toán 2022")
        #expect(!budget.columns.contains { $0.title.contains("Trong đó dự kiến") })
        let estimateColumn = budget.columns[try budget.column("Dự toán (Số tiền (đồng))")]
        #expect(estimateColumn.spelledOut == "Bằng chữ")
        let spentColumn = budget.columns[try budget.column("Đã thực hiện (Số tiền (đồng))")]
        #expect(spentColumn.spelledOut == "Số đã thực hiện bằng chữ")
        #expect(budget.columns.filter { $0.spelledOut != nil }.count == 2)
        #expect(budget.columns[try budget.column("Nguồn kinh phí")].repeatsGroup)
        #expect(budget.columns[try budget.column("Dự toán (Số người)")].total == false, "persons are not summed down the lines")

        let db = uytin.database
        let estimate = try budget.numbers("Dự toán (Số tiền (đồng))").reduce(0, +)
        let spent = try budget.numbers("Đã thực hiện (Số tiền (đồng))").reduce(0, +)
        let occasions = try budget.numbers("Dự toán (Số lượt)").reduce(0, +)
        // Every 2022 occasion has run by 31/12/2022: the estimate is what was made, nothing is left to project.
        #expect(estimate == (try Self.number(db, "SELECT sum(amount) FROM entitlement WHERE year = 2022 AND status <> 'cancelled'")))
        #expect(estimate == 197_900_000)
        #expect(spent == (try Self.number(db, "SELECT coalesce(sum(amount), 0) FROM entitlement WHERE year = 2022 AND status = 'delivered'")))
        #expect(occasions == (try Self.number(db, "SELECT count(*) FROM entitlement WHERE year = 2022 AND status <> 'cancelled'")))
        #expect(try budget.numbers("Trong đó: dự kiến, chưa lập (Số lượt)").reduce(0, +) == 0)
        #expect(VietnameseNumberWords.spell(estimate) == "Một trăm chín mươi bảy triệu chín trăm nghìn đồng")
        // Persons per line, and once across the year in the summary.
        let kinds = try budget.texts("Nội dung chi")
        for (kind, persons) in zip(kinds, try budget.numbers("Dự toán (Số người)")) {
            let code = try #require(BenefitKind.allCases.first { $0.label.vi == kind }).rawValue
            #expect(persons == (try Self.number(db, """
                SELECT count(DISTINCT person_id) FROM entitlement WHERE year = 2022 AND status <> 'cancelled' AND kind = '\(code)'
                """)), "\(kind)")
        }
        let newspaperLine = try #require(kinds.firstIndex(of: BenefitKind.newspaper.label.vi))
        #expect(try budget.numbers("Dự toán (Số người)")[newspaperLine] * 12 == budget.numbers("Dự toán (Số lượt)")[newspaperLine])
        let persons = try Self.number(db, "SELECT count(DISTINCT person_id) FROM entitlement WHERE year = 2022 AND status <> 'cancelled'")
        #expect(budget.summaries.first?.rows.first?.last == .integer(persons))
        #expect(persons < occasions)

        // A year still to come projects its occasions from today's list: the projected columns say how many, and
        // the made ones (Tết 2023, made 30 days ahead in December 2022) are the rest of the estimate.
        let made = try Self.number(db, "SELECT count(*) FROM entitlement WHERE year = 2023 AND status <> 'cancelled'")
        let projected = try RecordedDocument.compose(try BudgetDocument(database: database, words: Wording(.vi), year: 2023))
        let projectedCount = try projected.numbers("Trong đó: dự kiến, chưa lập (Số lượt)").reduce(0, +)
        #expect(projectedCount > 0)
        #expect(try projected.numbers("Dự toán (Số lượt)").reduce(0, +) == made + projectedCount)
        #expect(try projected.numbers("Trong đó: dự kiến, chưa lập (Số tiền (đồng))").reduce(0, +) > 0)
        #expect(try Self.number(db, "SELECT count(*) FROM entitlement WHERE year = 2023 AND status <> 'cancelled'") == made,
                "the projection is rolled back")
    }

    @Test("signature sheets: persons and occasions counted apart; newspapers one line per person and year with the issues")
    func signatureSheets() throws {
        let uytin = try Uytin()
        #expect(try uytin("demo", "--db", uytin.database, "--until", "2022-12-31").code == 0)
        let database = try UytinDatabase.open(path: uytin.database, actor: "test")
        let db = uytin.database
        let words = Wording(.vi)

        let tet = try RecordedDocument.compose(try SignatureSheetDocument(database: database, words: words, year: 2022, kind: .lunarNewYearGift))
        #expect(tet.header?.sheetName == "Ký nhận Quà Tết 2022")
        #expect(tet.style?.countNoun == "lượt" && tet.style?.distinctNoun == "người")
        #expect(tet.columns.map(\.title) == ["Họ và tên", "Thôn", "Xã", "Huyện", "Ngày", "Số tiền (đồng)", "Hình thức", "Ký nhận"])
        #expect(tet.columns[try tet.column("Huyện")].repeatsGroup)
        #expect(tet.columns[try tet.column("Số tiền (đồng)")].spelledOut == "Bằng chữ")
        #expect(tet.rows.count == (try Self.number(db, "SELECT count(*) FROM entitlement WHERE year = 2022 AND kind = 'lunar_new_year_gift' AND status <> 'cancelled'")))
        #expect(Set(tet.rows.compactMap(\.subject)).count == (try Self.number(db, """
            SELECT count(DISTINCT person_id) FROM entitlement WHERE year = 2022 AND kind = 'lunar_new_year_gift' AND status <> 'cancelled'
            """)))
        #expect(try tet.numbers("Số tiền (đồng)").reduce(0, +) == 34_500_000)
        #expect(tet.rows.allSatisfy { $0.groups.count == 1 && ($0.groups[0].hasPrefix("Huyện") || $0.groups[0].hasPrefix("Thành phố")) })

        // The whole year: 12 issues of newspapers are one line, the persons counted once across the kinds.
        let year = try RecordedDocument.compose(try SignatureSheetDocument(database: database, words: words, year: 2022, kind: nil))
        let occasions = try Self.number(db, "SELECT count(*) FROM entitlement WHERE year = 2022 AND status <> 'cancelled'")
        let persons = try Self.number(db, "SELECT count(DISTINCT person_id) FROM entitlement WHERE year = 2022 AND status <> 'cancelled'")
        let newspaperPersons = try Self.number(db, "SELECT count(DISTINCT person_id) FROM entitlement WHERE year = 2022 AND status <> 'cancelled' AND kind = 'newspaper'")
        let issues = try year.numbers("Số kỳ báo")
        #expect(issues.count == newspaperPersons)
        #expect(year.rows.count == occasions - issues.reduce(0, +) + issues.count)
        #expect(Set(year.rows.compactMap(\.subject)).count == persons)
        #expect(try year.numbers("Số tiền (đồng)").reduce(0, +) == (try Self.number(db, "SELECT sum(amount) FROM entitlement WHERE year = 2022 AND status <> 'cancelled'")))
        #expect(year.columns.first?.title == "Chế độ" && year.columns.first?.repeatsGroup == true)
        #expect(year.rows.allSatisfy { $0.groups.count == 2 })

        // Newspapers alone: one line per person, each with the issues the database holds for that person and year.
        let papers = try RecordedDocument.compose(try SignatureSheetDocument(database: database, words: words, year: 2022, kind: .newspaper))
        #expect(papers.rows.count == newspaperPersons)
        #expect(Set(papers.rows.compactMap(\.subject)).count == papers.rows.count)
        // Each line counts its issues as occasions: the sheet's total says as many "lượt" as the budget's "Số lượt".
        #expect(papers.style?.countNoun == "lượt" && papers.style?.distinctNoun == "người")
        #expect(papers.rows.map(\.occasions).reduce(0, +) == 828)
        #expect(year.rows.map(\.occasions).reduce(0, +) == occasions, "the year's sheet counts every occasion")
        let perPerson = try UpgradeTests.sqlite(db, """
            SELECT person_id || ':' || count(*) || ':' || sum(amount) FROM entitlement
            WHERE year = 2022 AND kind = 'newspaper' AND status <> 'cancelled' GROUP BY person_id
            """).split(separator: "\n").map(String.init)
        let issueIndex = try papers.column("Số kỳ báo")
        let amountIndex = try papers.column("Số tiền (đồng)")
        let printed = papers.rows.map { row -> String in
            guard case .integer(let count) = row.cells[issueIndex], case .money(let amount) = row.cells[amountIndex] else { return "?" }
            return "\(row.subject ?? 0):\(count):\(amount)"
        }
        #expect(printed.sorted() == perPerson.sorted())
        #expect(try papers.numbers("Số kỳ báo").reduce(0, +) == 828)

        // The signature sheet through the binary: JSON lines are the sheet's lines.
        let json = uytin.directory.appendingPathComponent("papers.json")
        #expect(try uytin("export", "entitlements", "--year", "2022", "--kind", "newspaper", "--format", "json", "--out", json.path).code == 0)
        let lines = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: json)) as? [[String: Any]])
        #expect(lines.count == newspaperPersons)
        #expect(lines.allSatisfy { ($0["issues"] as? Int) == 12 && ($0["entitlementIds"] as? [Any])?.count == 12 })
    }

    @Test("an export with nothing in it is refused with 65: no file, no half file, an older file at --out kept",
          arguments: ["csv", "xlsx", "html", "json"])
    func emptyExportRefused(format: String) throws {
        // Tết 2019 before any run: a list approved, no entitlement made.
        let (uytin, _) = try ExitCodeTests.prepared()
        let out = uytin.directory.appendingPathComponent("tet-2019.\(format)")
        let refused = try uytin("export", "entitlements", "--year", "2019", "--kind", "lunar_new_year_gift", "--format", format,
                                "--out", out.path, "--lang", "vi")
        #expect(refused.code == 65, "\(refused.err)")
        #expect(refused.err.contains("Không có gì để xuất") && refused.err.contains("uytin run"), "\(refused.err)")
        #expect(!FileManager.default.fileExists(atPath: out.path))
        // An older file at --out stays as it was.
        try Data("bảng cũ\n".utf8).write(to: out)
        let again = try uytin("export", "entitlements", "--year", "2019", "--format", format, "--out", out.path, "--lang", "en")
        #expect(again.code == 65)
        #expect(again.err.contains("Nothing to export"), "\(again.err)")
        #expect(try String(contentsOf: out, encoding: .utf8) == "bảng cũ\n")
        let left = try FileManager.default.contentsOfDirectory(atPath: uytin.directory.path).filter { $0.hasSuffix(".part") }
        #expect(left.isEmpty, "half files left: \(left)")
        // Not in the audit log as an export.
        #expect(!(try uytin("audit", "log", "--limit", "50", "--json").out.contains("\"action\" : \"export\"")))
        // A budget with nothing made or projected (no person on any list) is refused too.
        let empty = try DocumentCommandTests.empty()
        let budget = try empty("export", "budget", "--year", "2019", "--format", format, "--out", out.path, "--lang", "vi")
        #expect(budget.code == 65, "\(budget.err)")
        #expect(budget.err.contains("dự toán kinh phí năm 2019"), "\(budget.err)")
    }
}
