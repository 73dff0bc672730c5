import Documents
import Foundation
import Testing
import ZIPFoundation

@Suite("Reading clerks' spreadsheets")
struct SpreadsheetReaderTests {
    static let listColumns = [
        ExpectedColumn("number", names: ["STT", "Số thứ tự"], required: false),
        ExpectedColumn("name", names: ["Họ và tên", "Họ tên"]),
        ExpectedColumn("birth", names: ["Năm sinh", "Ngày sinh"]),
        ExpectedColumn("gender", names: ["Giới tính"]),
        ExpectedColumn("ethnic", names: ["Dân tộc"]),
        ExpectedColumn("village", names: ["Thôn", "Thôn, bản", "Thôn/bản"]),
        ExpectedColumn("idNumber", names: ["Số CCCD", "Số định danh"], required: false),
        ExpectedColumn("roles", names: ["Thành phần"], required: false),
    ]

    @Test("finds the sample list's header at row 4 and its 12 rows, stopping before the footer",
          arguments: ["danh-sach-mau.csv", "danh-sach-mau.xlsx"])
    func sampleList(file: String) throws {
        let rows = try SpreadsheetReader.rows(ofFileAt: fixture(file))
        let table = try HeaderDetection.table(in: rows, expecting: Self.listColumns)
        #expect(table.headerRowNumber == 4)
        #expect(table.rows.count == 12)
        #expect(table.rows.map(\.number) == Array(5...16))
        let first = try #require(table.rows.first)
        #expect(first["name"] == "Diệp Đức Hùng")
        #expect(first["birth"] == "1971")
        #expect(first["ethnic"] == "Sán Dìu")
        #expect(first["idNumber"] == "026071675535")
        #expect(first["roles"] == "Thầy cúng, Người sản xuất giỏi")
        #expect(table.rows.last?["name"] == "Ninh Đức Thành")
        #expect(table.rows[4]["idNumber"] == "")
        #expect(rows[0].first == "ỦY BAN NHÂN DÂN TỈNH VĨNH PHÚC")
    }

    @Test("compares headings without accents, case or punctuation")
    func headingKeys() throws {
        #expect(TextKey.of("  Họ VÀ   tên: ") == "ho va ten")
        #expect(TextKey.of("ĐỊA CHỈ (Thôn/bản)") == "dia chi thon ban")
        #expect(TextKey.of("Số CCCD") == TextKey.of("so cccd"))
        let rows = [["Danh sách"], [], ["ho ten", "NAM SINH", "gioi tinh", "DAN TOC", "thon ban"], ["1", "2", "3", "4", "5"],
                    ["Lý A Páo", "1960", "Nam", "Dao", "Thôn Đồng Pheo"], ["", " "], ["Người lập biểu"]]
        let table = try HeaderDetection.table(in: rows, expecting: Self.listColumns)
        #expect(table.headerRowNumber == 3)
        #expect(table.rows.map(\.number) == [5])
        #expect(table.rows[0]["village"] == "Thôn Đồng Pheo")
        #expect(table.rows[0]["roles"] == "")
    }

    @Test("names the expected columns when no header row is found")
    func headerNotFound() throws {
        let error = #expect(throws: DocumentError.self) {
            try HeaderDetection.table(in: [["Tên", "Tuổi"], ["A", "1"]], expecting: Self.listColumns)
        }
        #expect(error == .headerNotFound(expected: ["Họ và tên", "Năm sinh", "Giới tính", "Dân tộc", "Thôn"]))
        #expect(error?.vietnamese.contains("Họ và tên, Năm sinh") == true)
        #expect(error?.english.contains("Họ và tên, Năm sinh") == true)
    }

    @Test("reads comma CSV with quoted fields, line breaks inside quotes, and LF line ends")
    func commaCSV() throws {
        let text = "Họ và tên,Ghi chú\n\"Ninh \"\"Văn\"\" Thành\",\"a, b\"\n\"dòng 1\r\ndòng 2\",x;y\n"
        let rows = try SpreadsheetReader.csvRows(Data(text.utf8), path: "a.csv")
        #expect(rows == [["Họ và tên", "Ghi chú"], ["Ninh \"Văn\" Thành", "a, b"], ["dòng 1\r\ndòng 2", "x;y"]])
    }

    @Test("takes the separator the header line uses, even when data cells hold commas")
    func semicolonCSV() throws {
        let text = "\u{FEFF}Tiêu đề\r\n\r\nHọ và tên;Thành phần;Thôn\r\nA;Thầy cúng, Già làng;Thôn 1\r\n"
        let rows = try SpreadsheetReader.csvRows(Data(text.utf8), path: "a.csv")
        #expect(rows == [["Tiêu đề"], [], ["Họ và tên", "Thành phần", "Thôn"], ["A", "Thầy cúng, Già làng", "Thôn 1"]])
    }

    @Test("refuses UTF-16 text, with or without a byte order mark")
    func utf16() throws {
        let folder = try temporaryFolder()
        for (name, data) in [("le.csv", Data([0xFF, 0xFE]) + "Họ và tên;Thôn\r\n".data(using: .utf16LittleEndian)!),
                             ("be.csv", Data([0xFE, 0xFF]) + "Họ và tên;Thôn\r\n".data(using: .utf16BigEndian)!),
                             ("bare.csv", "Họ và tên;Thôn\r\nA;B\r\n".data(using: .utf16LittleEndian)!)] {
            let url = folder.appendingPathComponent(name)
            try data.write(to: url)
            #expect(throws: DocumentError.utf16(path: url.path)) { try SpreadsheetReader.rows(ofFileAt: url) }
        }
    }

    @Test("refuses bytes that are not UTF-8, naming the line")
    func notUTF8() throws {
        let url = try temporaryFolder().appendingPathComponent("latin1.csv")
        try ("Họ và tên;Thôn\r\n".data(using: .utf8)! + "Nguy\u{EA}n;B\r\n".data(using: .isoLatin1)!).write(to: url)
        #expect(throws: DocumentError.notUTF8(path: url.path, line: 2)) { try SpreadsheetReader.rows(ofFileAt: url) }
    }

    @Test("refuses binary files, old .xls workbooks and broken .xlsx")
    func binary() throws {
        let folder = try temporaryFolder()
        let binary = folder.appendingPathComponent("anh.csv")
        try Data((0..<600).map { UInt8(($0 * 37 + 11) % 256) }).write(to: binary)
        #expect(throws: DocumentError.self) { try SpreadsheetReader.rows(ofFileAt: binary) }
        let zeros = folder.appendingPathComponent("zeros.csv")
        try Data(repeating: 0, count: 100).write(to: zeros)
        #expect(throws: DocumentError.notSpreadsheet(path: zeros.path)) { try SpreadsheetReader.rows(ofFileAt: zeros) }
        let xls = folder.appendingPathComponent("cu.xls")
        try Data([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]).write(to: xls)
        #expect(throws: DocumentError.notSpreadsheet(path: xls.path)) { try SpreadsheetReader.rows(ofFileAt: xls) }
        let fake = folder.appendingPathComponent("hong.xlsx")
        try Data("không phải zip".utf8).write(to: fake)
        #expect(throws: DocumentError.zipCorrupt(path: fake.path)) { try SpreadsheetReader.rows(ofFileAt: fake) }
        let truncated = folder.appendingPathComponent("cut.xlsx")
        try Data(try Data(contentsOf: fixture("danh-sach-mau.xlsx")).prefix(900)).write(to: truncated)
        #expect(throws: DocumentError.zipCorrupt(path: truncated.path)) { try SpreadsheetReader.rows(ofFileAt: truncated) }
        let missing = folder.appendingPathComponent("khong-co.csv")
        #expect(throws: DocumentError.fileUnreadable(path: missing.path)) { try SpreadsheetReader.rows(ofFileAt: missing) }
        #expect(throws: DocumentError.fileUnreadable(path: folder.path)) { try SpreadsheetReader.rows(ofFileAt: folder) }
    }

    @Test("places xlsx cells by their reference, with shared strings, dates, booleans and formulas")
    func xlsxCells() throws {
        let url = try temporaryFolder().appendingPathComponent("tay.xlsx")
        let archive = try Archive(url: url, accessMode: .create)
        let ns = "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\""
        let parts = [
            ("xl/workbook.xml", "<x:workbook xmlns:x=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><x:sheets><x:sheet name=\"Ẩn\" sheetId=\"1\" state=\"hidden\" r:id=\"rId7\"/><x:sheet name=\"Danh sách\" sheetId=\"2\" r:id=\"rId8\"/></x:sheets></x:workbook>"),
            ("xl/_rels/workbook.xml.rels", "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId7\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/an.xml\"/><Relationship Id=\"rId8\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"/xl/worksheets/../worksheets/ds.xml\"/><Relationship Id=\"rId9\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings\" Target=\"sharedStrings.xml\"/><Relationship Id=\"rId10\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/></Relationships>"),
            ("xl/sharedStrings.xml", "<sst \(ns)><si><t>Họ và tên</t></si><si><r><t>Lý </t></r><r><rPr><b/></rPr><t>A Páo</t></r><rPh><t>ふりがな</t></rPh></si></sst>"),
            ("xl/styles.xml", "<styleSheet \(ns)><numFmts count=\"1\"><numFmt numFmtId=\"170\" formatCode=\"[$-42A]d mmmm yyyy\"/></numFmts><cellStyleXfs count=\"1\"><xf numFmtId=\"14\"/></cellStyleXfs><cellXfs count=\"3\"><xf numFmtId=\"0\"/><xf numFmtId=\"14\"/><xf numFmtId=\"170\"/></cellXfs></styleSheet>"),
            ("xl/worksheets/an.xml", "<worksheet \(ns)><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>ẩn</t></is></c></row></sheetData></worksheet>"),
            ("xl/worksheets/ds.xml", "<worksheet \(ns)><sheetData><row r=\"2\"><c r=\"C2\" t=\"s\"><v>0</v></c><c r=\"E2\" t=\"inlineStr\"><is><t>Ghi chú</t></is></c></row><row r=\"3\"><c r=\"C3\" t=\"s\"><v>1</v></c><c r=\"D3\" s=\"1\"><v>26362</v></c><c r=\"E3\" s=\"2\"><v>44301.5</v></c><c r=\"F3\"><v>1.5E-3</v></c><c r=\"G3\" t=\"b\"><v>1</v></c><c r=\"H3\" t=\"str\"><f>A1&amp;B1</f><v>ab</v></c><c r=\"I3\"><v>500000.0</v></c><c s=\"0\"><v>7</v></c></row></sheetData></worksheet>"),
        ]
        for (path, text) in parts {
            let data = Data(text.utf8)
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count)) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        let rows = try SpreadsheetReader.rows(ofFileAt: url)
        #expect(rows == [[], ["", "", "Họ và tên", "", "Ghi chú"],
                         ["", "", "Lý A Páo", "04/03/1972", "15/04/2021", "0.0015", "TRUE", "ab", "500000", "7"]])
    }

    @Test("a sheet XML that is not well-formed is a corrupt workbook")
    func malformedSheet() throws {
        let url = try temporaryFolder().appendingPathComponent("x.xlsx")
        let archive = try Archive(url: url, accessMode: .create)
        let data = Data("<worksheet><sheetData><row></sheetData>".utf8)
        try archive.addEntry(with: "xl/worksheets/sheet1.xml", type: .file, uncompressedSize: Int64(data.count)) { position, size in
            data.subdata(in: Int(position)..<Int(position) + size)
        }
        #expect(throws: DocumentError.zipCorrupt(path: url.path)) { try SpreadsheetReader.rows(ofFileAt: url) }
    }

    @Test("every error has a Vietnamese and an English sentence")
    func sentences() {
        let errors: [DocumentError] = [
            .fileUnreadable(path: "a"), .notUTF8(path: "a", line: 3), .utf16(path: "a"), .notSpreadsheet(path: "a"),
            .zipCorrupt(path: "a"), .headerNotFound(expected: ["Họ và tên"]), .outputUnwritable(path: "a", reason: "r"),
            .rowDoesNotFit(row: 1, expected: 2, found: 3), .groupsDoNotFit(row: 1, expected: 2, found: 3),
            .rowsNotSorted(group: "g"), .totalTooLarge(column: "c"),
        ]
        for error in errors {
            #expect(!error.vietnamese.isEmpty && !error.english.isEmpty && error.vietnamese != error.english)
            #expect(error.errorDescription == error.vietnamese)
        }
    }
}
