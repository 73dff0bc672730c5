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
        #expect(sheet.contains("<mergeCell ref=\"A4:G4\"/>"))
    }

    @Test("drops characters XML 1.0 cannot hold")
    func illegalCharacters() throws {
        let row = DocumentRow(groups: ["A", "B"], cells: Sample.person("Bell\u{7}\u{0}Name\u{FFFE}", 1970, "Dao"))
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
            "merged": sorted(str(r) for r in ws.merged_cells.ranges),
            "width": ws.column_dimensions["B"].width, "orientation": ws.page_setup.orientation,
            "cells": {ref: cell(ref) for ref in sys.argv[2:]},
            "summary": [[c.value for c in row] for row in wb.worksheets[1].iter_rows()],
        }, ensure_ascii=False))
        """
        let references = ["A1", "D1", "A2", "D2", "A4", "A5", "B7", "A8", "A9", "A10", "B10", "C10", "E10", "F10",
                          "A12", "F12", "A16", "F16", "A22", "F22", "A23", "B22"]
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
        #expect(json["width"] as? Double == 26)
        #expect(json["orientation"] as? String == "landscape")
        let merged = json["merged"] as? [String] ?? []
        #expect(merged.contains("A4:G4") && merged.contains("A5:G5") && merged.contains("A1:C1") && merged.contains("D1:G1"))
        #expect(value("A1") == "UBND TỈNH VĨNH PHÚC")
        #expect(value("D1") == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" && bold("D1"))
        #expect(value("D2") == "Độc lập - Tự do - Hạnh phúc" && bold("D2"))
        #expect(value("A2") == "BAN DÂN TỘC")
        #expect(value("A4") == "DANH SÁCH CẤP QUÀ TẾT NGUYÊN ĐÁN NĂM 2021" && bold("A4"))
        #expect(value("A5").hasPrefix("(Kèm theo Quyết định số 93/QĐ-UBND"))
        #expect(value("B7") == "Họ và tên" && bold("B7"))
        #expect(value("A8") == "Huyện Tam Đảo" && bold("A8"))
        #expect(value("A9") == "Xã Đạo Trù")
        #expect(value("A10") == "1" && type("A10") == "n")
        #expect(value("B10") == "Diệp Đức Hùng" && type("B10") == "s")
        #expect(value("C10") == "1971" && type("C10") == "n" && format("C10") == "General")
        #expect(value("E10") == "2021-01-25" && type("E10") == "d" && format("E10") == "dd/mm/yyyy")
        #expect(value("F10") == "500000" && type("F10") == "n" && format("F10") == "#,##0")
        #expect(value("A12") == "Cộng xã Đạo Trù: 2 người" && bold("A12"))
        #expect(value("F12") == "1000000" && bold("F12"))
        #expect(value("A16") == "Cộng huyện Tam Đảo: 3 người")
        #expect(value("F16") == "1500000")
        #expect(value("A22") == "Tổng cộng: 4 người" && bold("A22") && merged.contains("A22:E22"))
        #expect(value("F22") == "2000000" && bold("F22") && format("F22") == "#,##0")
        #expect(value("A23") == "Bằng chữ: Hai triệu đồng.")
        let summary = json["summary"] as? [[Any]] ?? []
        #expect(summary.count == 6)
        #expect(summary.last.map { "\($0[0])" } == "Tổng cộng")
        #expect(summary.last.map { "\($0[2])" } == "2000000")
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
        try XLSXDocumentWriter(url: url, sheetName: "Danh sách")
            .write(header: Sample.header, columns: Sample.columns, rows: [], summaries: [long, long])
        let workbook = String(decoding: try parts(of: url)["xl/workbook.xml"]!, as: UTF8.self)
        #expect(workbook.contains("name=\"Tổng hợp theo dân tộc và theo h\""))
        #expect(workbook.contains("name=\"Tổng hợp theo dân tộc và th (2)\""))
    }
}
