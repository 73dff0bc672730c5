import Documents
import Foundation
import Testing
import ZIPFoundation
#if canImport(FoundationXML)
import FoundationXML
#endif

@Suite("Excel workbooks")
struct XLSXDocumentWriterTests {
    private func written(rows: [DocumentRow] = Sample.rows, summaries: [DocumentSummary] = [Sample.summary]) throws -> URL {
        let folder = try temporaryFolder()
        let url = folder.appendingPathComponent("danh-sach.xlsx")
        try XLSXDocumentWriter(url: url, style: Sample.style)
            .write(header: Sample.header, columns: Sample.columns, rows: rows, summaries: summaries)
        #expect(try visibleFiles(in: folder) == ["danh-sach.xlsx"])
        return url
    }

    private func parts(of url: URL) throws -> [String: Data] {
        let archive = try Archive(url: url, accessMode: .read)
        var parts: [String: Data] = [:]
        for entry in archive {
            var data = Data()
            _ = try archive.extract(entry) { data.append($0) }
            parts[entry.path] = data
        }
        return parts
    }

    @Test("holds the parts of a workbook, each well-formed XML")
    func wellFormed() throws {
        let parts = try parts(of: try written())
        for name in ["[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels",
                     "xl/styles.xml", "xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml"] {
            #expect(parts[name] != nil, "missing \(name)")
        }
        for (name, data) in parts {
            let parser = XMLParser(data: data)
            #expect(parser.parse(), "\(name) is not well-formed")
        }
        let sheet = String(decoding: parts["xl/worksheets/sheet1.xml"]!, as: UTF8.self)
        #expect(sheet.contains("<pane ySplit=\"7\" topLeftCell=\"A8\" activePane=\"bottomLeft\" state=\"frozen\"/>"))
        #expect(sheet.contains("Ninh &quot;Văn&quot; &lt;Thành&gt; &amp; co"))
        #expect(sheet.contains("<mergeCell ref=\"A4:I4\"/>"))
        #expect(sheet.contains("<c r=\"H12\" s=\"15\"><f>SUM(H8:H11)</f><v>2000000</v></c>"))
        #expect(sheet.contains("<autoFilter ref=\"A7:I11\"/>"))
    }

    @Test("drops characters XML 1.0 cannot hold")
    func illegalCharacters() throws {
        let row = Sample.row(["A", "B"], "Bell\u{7}\u{0}Name\u{FFFE}", 1970, "Dao")
        let sheet = try parts(of: try written(rows: [row]))["xl/worksheets/sheet1.xml"]!
        #expect(XMLParser(data: sheet).parse())
        #expect(String(decoding: sheet, as: UTF8.self).contains(">BellName<"))
    }

    @Test("opens in openpyxl with numbers, dates, money formats, merged title and frozen header",
          .enabled(if: Python.hasOpenpyxl, "python3 with openpyxl is not installed"))
    func openpyxl() throws {
        let url = try written()
        let script = """
        import datetime, json, sys, openpyxl
        wb = openpyxl.load_workbook(sys.argv[1])
        ws = wb.worksheets[0]
        def cell(ref):
            c = ws[ref]
            v = c.value.strftime("%Y-%m-%d") if isinstance(c.value, datetime.datetime) else c.value
            return {"value": v, "type": c.data_type, "format": c.number_format, "bold": bool(c.font.b)}
        print(json.dumps({
            "sheets": wb.sheetnames, "freeze": ws.freeze_panes, "printTitles": ws.print_title_rows,
            "filter": ws.auto_filter.ref, "fitToWidth": ws.page_setup.fitToWidth,
            "margins": [ws.page_margins.left, ws.page_margins.right, ws.page_margins.top, ws.page_margins.bottom],
            "cached": openpyxl.load_workbook(sys.argv[1], data_only=True).worksheets[0]["H12"].value,
            "sizes": [ws["A1"].font.sz, ws["A4"].font.sz, ws["D8"].font.sz, ws["A12"].font.sz],
            "merged": sorted(str(r) for r in ws.merged_cells.ranges),
            "width": ws.column_dimensions["B"].width, "orientation": ws.page_setup.orientation,
            "cells": {ref: cell(ref) for ref in sys.argv[2:]},
            "summary": [[c.value for c in row] for row in wb.worksheets[1].iter_rows()],
        }, ensure_ascii=False))
        """
        let references = ["A1", "E1", "A2", "E2", "A4", "A5", "B7", "D7", "A8", "B8", "C8", "D8", "E8", "G8", "H8",
                          "A9", "A11", "C11", "A12", "H12", "A13"]
        let output = try #require(run(["python3", "-c", script, url.path] + references))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
        let cells = try #require(json["cells"] as? [String: [String: Any]])
        func value(_ reference: String) -> String { "\(cells[reference]?["value"] ?? "nil")" }
        func type(_ reference: String) -> String { "\(cells[reference]?["type"] ?? "nil")" }
        func format(_ reference: String) -> String { "\(cells[reference]?["format"] ?? "nil")" }
        func bold(_ reference: String) -> Bool { cells[reference]?["bold"] as? Bool ?? false }

        #expect(json["sheets"] as? [String] == ["Danh sách", "Tổng hợp theo dân tộc"])
        #expect(json["freeze"] as? String == "A8")
        #expect(json["printTitles"] as? String == "$7:$7")
        #expect(json["filter"] as? String == "A7:I11")
        #expect(json["width"] as? Double == 16)
        #expect(json["orientation"] as? String == "landscape")
        #expect(json["margins"] as? [Double] == [1.18, 0.59, 0.79, 0.79])
        #expect(json["fitToWidth"] as? Int == 1)
        let merged = json["merged"] as? [String] ?? []
        #expect(merged.contains("A4:I4") && merged.contains("A5:I5") && merged.contains("A1:D1") && merged.contains("E1:I1"))
        #expect(value("A1") == "UBND TỈNH VĨNH PHÚC")
        #expect(value("E1") == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" && bold("E1"))
        #expect(value("E2") == "Độc lập - Tự do - Hạnh phúc" && bold("E2"))
        #expect(value("A2") == "BAN DÂN TỘC")
        #expect(value("A4") == "DANH SÁCH CẤP QUÀ TẾT NGUYÊN ĐÁN NĂM 2021" && bold("A4"))
        #expect(value("A5").hasPrefix("(Kèm theo Quyết định số 93/QĐ-UBND"))
        #expect(value("B7") == "Huyện" && bold("B7"))
        #expect(value("D7") == "Họ và tên")
        // A flat table: no heading rows, the groups in their own columns.
        #expect(value("A8") == "1" && type("A8") == "n")
        #expect(value("B8") == "Huyện Tam Đảo" && value("C8") == "Xã Đạo Trù")
        #expect(value("D8") == "Diệp Đức Hùng" && type("D8") == "s")
        #expect(value("E8") == "1971" && type("E8") == "n" && format("E8") == "General")
        #expect(value("G8") == "2021-01-25" && type("G8") == "d" && format("G8") == "dd/mm/yyyy")
        #expect(value("H8") == "500000" && type("H8") == "n" && format("H8") == "#,##0")
        #expect(value("A9") == "2" && value("A11") == "4" && value("C11") == "Xã Trung Mỹ")
        // The total: a SUM over the data rows, with its value cached for readers that do not calculate.
        #expect(value("A12") == "Tổng cộng: 4 người" && bold("A12") && merged.contains("A12:G12"))
        #expect(value("H12") == "=SUM(H8:H11)" && bold("H12") && format("H12") == "#,##0")
        #expect(json["cached"] as? Int == 2_000_000)
        #expect(value("A13") == "Bằng chữ: Hai triệu đồng.")
        #expect(json["sizes"] as? [Double] == [13, 14, 13, 13])
        let summary = json["summary"] as? [[Any]] ?? []
        #expect(summary.count == 6)
        #expect(summary.last.map { "\($0[0])" } == "Tổng cộng")
        #expect(summary.last.map { "\($0[2])" } == "2000000")
    }

    @Test("a two-level header merges the band over its columns and the other titles down both rows")
    func bands() throws {
        let folder = try temporaryFolder()
        let url = folder.appendingPathComponent("bands.xlsx")
        let columns = [
            DocumentColumn("Họ và tên"), DocumentColumn("Nam", kind: .integer, band: "Năm sinh"),
            DocumentColumn("Nữ", kind: .integer, band: "Năm sinh"), DocumentColumn("Dân tộc"),
        ]
        var header = Sample.header
        header.sheetName = "Danh sách 2021"
        header.annex = "Phụ lục"
        try XLSXDocumentWriter(url: url, style: Sample.style).write(header: header, columns: columns, rows: [
            DocumentRow(cells: [.text("Diệp Đức Hùng"), .integer(1971), .empty, .text("Sán Dìu")]),
        ])
        let parts = try parts(of: url)
        let sheet = String(decoding: parts["xl/worksheets/sheet1.xml"]!, as: UTF8.self)
        let workbook = String(decoding: parts["xl/workbook.xml"]!, as: UTF8.self)
        // Masthead rows 1–2, annex 4, title 5, subtitle 6, header 8–9, data 10.
        #expect(sheet.contains("<c r=\"A4\" s=\"2\" t=\"inlineStr\"><is><t>Phụ lục</t></is></c>"))
        #expect(sheet.contains("<c r=\"C8\" s=\"6\" t=\"inlineStr\"><is><t>Năm sinh</t></is></c>"))
        #expect(sheet.contains("<c r=\"C9\" s=\"6\" t=\"inlineStr\"><is><t>Nam</t></is></c><c r=\"D9\" s=\"6\" t=\"inlineStr\"><is><t>Nữ</t></is></c>"))
        for range in ["C8:D8", "A8:A9", "B8:B9", "E8:E9"] {
            #expect(sheet.contains("<mergeCell ref=\"\(range)\"/>"), "\(range)")
        }
        #expect(sheet.contains("<pane ySplit=\"9\" topLeftCell=\"A10\""))
        #expect(sheet.contains("<autoFilter ref=\"A9:E10\"/>"))
        #expect(sheet.contains("<c r=\"C11\" s=\"14\"><f>SUM(C10:C10)</f>") == false)  // years are not summed
        #expect(workbook.contains("<sheet name=\"Danh sách 2021\" sheetId=\"1\" r:id=\"rId1\"/>"))
        #expect(workbook.contains("<definedName name=\"_xlnm._FilterDatabase\" localSheetId=\"0\" hidden=\"1\">&#39;Danh sách 2021&#39;!$A$9:$E$10</definedName>"))
        #expect(workbook.contains("_xlnm.Print_Titles\" localSheetId=\"0\">") && workbook.contains("!$8:$9</definedName>"))
    }

    @Test("the same rows give the same bytes")
    func deterministic() throws {
        let first = try Data(contentsOf: written())
        let second = try Data(contentsOf: written())
        #expect(first == second)
    }

    @Test("reads back through SpreadsheetReader with the same cells")
    func roundTrip() throws {
        let folder = try temporaryFolder()
        let url = folder.appendingPathComponent("phang.xlsx")
        let columns = [DocumentColumn("Họ và tên"), DocumentColumn("Năm sinh", kind: .integer),
                       DocumentColumn("Ngày sinh", kind: .date), DocumentColumn("Số tiền", kind: .money),
                       DocumentColumn("Ghi chú")]
        let rows = [
            DocumentRow(cells: [.text("Diệp Đức Hùng"), .integer(1971), .date(year: 1971, month: 3, day: 9), .money(500_000), .text("  có khoảng trắng ")]),
            DocumentRow(cells: [.text("=1+1 <b>&"), .integer(-5), .date(year: 1899, month: 12, day: 31), .money(0), .empty]),
            DocumentRow(cells: [.text("Dòng 1\nDòng 2"), .empty, .date(year: 2024, month: 2, day: 29), .money(-1_500_000), .text("x")]),
        ]
        try XLSXDocumentWriter(url: url, style: DocumentStyle(numbersRows: false))
            .write(header: Sample.header, columns: columns, rows: rows)
        let sheet = try SpreadsheetReader.rows(ofFileAt: url)
        let table = try HeaderDetection.table(in: sheet, expecting: [ExpectedColumn("name", names: ["Họ và tên"])])
        #expect(table.headerRowNumber == 7)
        let expected: [[String]] = [
            ["Diệp Đức Hùng", "1971", "09/03/1971", "500000", "có khoảng trắng"],
            ["=1+1 <b>&", "-5", "31/12/1899", "0"],
            ["Dòng 1\nDòng 2", "", "29/02/2024", "-1500000", "x"],
        ]
        #expect(table.rows.map(\.cells) == expected)
        #expect(table.rows.map(\.number) == [8, 9, 10])
        #expect(sheet[7][4] == "  có khoảng trắng ")
    }

    @Test("names sheets as Excel allows")
    func sheetNames() throws {
        let folder = try temporaryFolder()
        let url = folder.appendingPathComponent("b.xlsx")
        let long = DocumentSummary(title: "Tổng hợp theo dân tộc và theo huyện: [2021]/*?", columns: [DocumentColumn("A")], rows: [])
        let parenthesis = DocumentSummary(title: "CƠ CẤU THEO ĐỘ TUỔI (tuổi tính đến 31/12 của năm)", columns: [DocumentColumn("A")], rows: [])
        let named = DocumentSummary(title: "Số người được hưởng (mỗi người tính một lần)", columns: [DocumentColumn("A")], rows: [],
                                    sheetName: "Số người")
        try XLSXDocumentWriter(url: url, sheetName: "Danh sách")
            .write(header: Sample.header, columns: Sample.columns, rows: [], summaries: [long, long, parenthesis, named])
        let workbook = String(decoding: try parts(of: url)["xl/workbook.xml"]!, as: UTF8.self)
        // Cut at a word, a parenthesis dropped first, a summary's own short name taken as it is.
        #expect(workbook.contains("name=\"Tổng hợp theo dân tộc và theo\""))
        #expect(workbook.contains("name=\"Tổng hợp theo dân tộc và th (2)\""))
        #expect(workbook.contains("name=\"CƠ CẤU THEO ĐỘ TUỔI\""))
        #expect(workbook.contains("name=\"Số người\""))
    }
}
