import Documents
import Foundation
import Testing

@Suite("CSV documents")
struct CSVDocumentWriterTests {
    private func written(_ options: CSVDocumentWriter.Options = .init(), style: DocumentStyle = Sample.style) throws -> (bytes: [UInt8], text: String) {
        let folder = try temporaryFolder()
        let url = folder.appendingPathComponent("danh-sach.csv")
        try CSVDocumentWriter(url: url, style: style, options: options)
            .write(header: Sample.header, columns: Sample.columns, rows: Sample.rows, summaries: [Sample.summary])
        let bytes = try [UInt8](Data(contentsOf: url))
        #expect(try visibleFiles(in: folder) == ["danh-sach.csv"])
        return (bytes, String(decoding: bytes.dropFirst(3), as: UTF8.self))
    }

    @Test("starts with a UTF-8 byte order mark and ends every line with CRLF")
    func bomAndLineEnds() throws {
        let (bytes, text) = try written()
        #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
        #expect(text.hasSuffix("\r\n"))
        let bare = text.replacingOccurrences(of: "\r\n", with: "")
        #expect(!bare.contains("\n") && !bare.contains("\r"))
    }

    @Test("the data layout is the header row and one line per data row, every column (those repeating groups too)")
    func dataLayout() throws {
        let lines = try written().text.components(separatedBy: "\r\n").dropLast()
        #expect(lines.count == 1 + Sample.rows.count)
        #expect(lines.first == "STT,Huyện,Xã,Họ và tên,Năm sinh,Dân tộc,Ngày chi,Số tiền (đồng),Ký nhận")
        #expect(lines.dropFirst().first == "1,Huyện Tam Đảo,Xã Đạo Trù,Diệp Đức Hùng,1971,Sán Dìu,2021-01-25,500000,")
        // Dates are ISO: nothing dd/mm/yyyy, which LibreOffice may read month first.
        #expect(!lines.contains { $0.contains("25/01/2021") })
    }

    @Test("quotes fields with quotes, separators or line breaks, doubling the quotes")
    func quoting() {
        #expect(CSVDocumentWriter.field(.text("Ninh \"Văn\" Thành")) == "\"Ninh \"\"Văn\"\" Thành\"")
        #expect(CSVDocumentWriter.field(.text("Thầy cúng, Già làng")) == "\"Thầy cúng, Già làng\"")
        #expect(CSVDocumentWriter.field(.text("a;b")) == "\"a;b\"")
        #expect(CSVDocumentWriter.field(.text("dòng 1\r\ndòng 2")) == "\"dòng 1\r\ndòng 2\"")
        #expect(CSVDocumentWriter.field(.text("Sán Dìu")) == "Sán Dìu")
    }

    @Test("defuses text Excel would run as a formula", arguments: ["=1+1", "+84912", "-2", "@SUM(A1)", "\tx", "\rx"])
    func formulaInjection(text: String) {
        #expect(CSVDocumentWriter.field(.text(text)).hasPrefix("'") || CSVDocumentWriter.field(.text(text)).hasPrefix("\"'"))
    }

    @Test("writes numbers plain and dates yyyy-mm-dd, negative amounts as numbers")
    func numbers() {
        #expect(CSVDocumentWriter.field(.money(35_000_000)) == "35000000")
        #expect(CSVDocumentWriter.field(.money(-500)) == "-500")
        #expect(CSVDocumentWriter.field(.integer(1971)) == "1971")
        #expect(CSVDocumentWriter.field(.date(year: 2021, month: 4, day: 5)) == "2021-04-05")
        #expect(CSVDocumentWriter.field(.date(year: 987, month: 12, day: 31)) == "0987-12-31")
        #expect(CSVDocumentWriter.field(.empty) == "")
    }

    @Test("an injected name is defused and quoted in the file")
    func injectedNameInFile() throws {
        let text = try written().text
        #expect(text.contains("Xã Trung Mỹ,\"Ninh \"\"Văn\"\" <Thành> & co\",1966,\"'=HYPERLINK(\"\"x\"\")\""))
    }

    @Test("with semicolons, fields holding commas are quoted and the separator is ;")
    func semicolons() throws {
        let lines = try written(.init(separator: .semicolon)).text.components(separatedBy: "\r\n")
        #expect(lines[0] == "STT;Huyện;Xã;Họ và tên;Năm sinh;Dân tộc;Ngày chi;Số tiền (đồng);Ký nhận")
        #expect(lines[1] == "1;Huyện Tam Đảo;Xã Đạo Trù;Diệp Đức Hùng;1971;Sán Dìu;2021-01-25;500000;")
        #expect(lines[4].hasPrefix("4;Huyện Bình Xuyên;Xã Trung Mỹ;\"Ninh \"\"Văn\"\" <Thành> & co\";1966;"))
        let withComma = try written(.init(separator: .semicolon), style: DocumentStyle(countNoun: "người"))
        #expect(!withComma.text.contains(","))
    }

    @Test("the document layout has titles, group headings, subtotals, the total in words and the signatures")
    func documentLayout() throws {
        let lines = try written(.init(layout: .document)).text.components(separatedBy: "\r\n")
        #expect(lines[0] == "UBND TỈNH VĨNH PHÚC")
        #expect(lines[3] == "DANH SÁCH CẤP QUÀ TẾT NGUYÊN ĐÁN NĂM 2021")
        #expect(lines.contains("STT,Họ và tên,Năm sinh,Dân tộc,Ngày chi,Số tiền (đồng),Ký nhận"))
        #expect(lines.contains("Huyện Tam Đảo"))
        #expect(lines.contains("1,Diệp Đức Hùng,1971,Sán Dìu,2021-01-25,500000,"))
        #expect(lines.contains("Cộng xã Đạo Trù: 2 người,,,,,1000000,"))
        #expect(lines.contains("Cộng huyện Tam Đảo: 3 người,,,,,1500000,"))
        #expect(lines.contains("Tổng cộng: 4 người,,,,,2000000,"))
        #expect(lines.contains("Bằng chữ: Hai triệu đồng."))
        #expect(lines.contains("Tổng hợp theo dân tộc"))
        #expect(lines.contains("Tổng cộng,4,2000000"))
        #expect(lines.contains(",,,\"Vĩnh Phúc, ngày 25 tháng 11 năm 2026\",,,"))
        #expect(lines.contains("NGƯỜI LẬP BIỂU,,,TRƯỞNG BAN,,,"))
        #expect(lines.contains("Nguyễn Thị Lan,,,Trần Văn Bình,,,"))
    }

    @Test("a writer abandoned midway leaves no file and keeps the old one")
    func abandoned() throws {
        let folder = try temporaryFolder()
        let url = folder.appendingPathComponent("danh-sach.csv")
        try Data("cũ".utf8).write(to: url)
        do {
            let writer = CSVDocumentWriter(url: url)
            try writer.begin(header: Sample.header, columns: Sample.columns)
            try writer.write(Sample.rows[0])
        }
        #expect(try visibleFiles(in: folder) == ["danh-sach.csv"])
        #expect(try String(contentsOf: url, encoding: .utf8) == "cũ")
    }

    @Test("a row with the wrong number of cells, or a group coming back, is refused")
    func malformedTables() throws {
        let url = try temporaryFolder().appendingPathComponent("x.csv")
        let writer = CSVDocumentWriter(url: url)
        try writer.begin(header: Sample.header, columns: Sample.columns)
        #expect(throws: DocumentError.rowDoesNotFit(row: 1, expected: 8, found: 1)) {
            try writer.write(DocumentRow(groups: ["A", "B"], cells: [.text("x")]))
        }
        try writer.write(Sample.rows[0])
        try writer.write(Sample.rows[3])
        #expect(throws: DocumentError.rowsNotSorted(group: "Huyện Tam Đảo")) { try writer.write(Sample.rows[1]) }
        #expect(throws: DocumentError.groupsDoNotFit(row: 3, expected: 2, found: 0)) {
            try writer.write(DocumentRow(cells: Sample.rows[0].cells))
        }
    }

    @Test("a folder that does not exist is an unwritable output")
    func unwritable() {
        let url = URL(fileURLWithPath: "/nonexistent-\(UUID().uuidString)/x.csv")
        #expect {
            try CSVDocumentWriter(url: url).write(header: Sample.header, columns: Sample.columns, rows: Sample.rows)
        } throws: { error in
            (error as? DocumentError)?.category == .unwritableOutput
        }
    }

    @Test("a two-level header is one CSV header row naming the band with each column under it")
    func bands() throws {
        let url = try temporaryFolder().appendingPathComponent("bands.csv")
        let columns = [DocumentColumn("Họ và tên"), DocumentColumn("Nam", kind: .integer, band: "Năm sinh"),
                       DocumentColumn("Nữ", kind: .integer, band: "Năm sinh"),
                       DocumentColumn("Ngày", kind: .date)]
        try CSVDocumentWriter(url: url, options: .init(separator: .semicolon)).write(header: Sample.header, columns: columns, rows: [
            DocumentRow(cells: [.text("Diệp Thị Hoa"), .empty, .integer(1970), .date(year: 2021, month: 1, day: 8)]),
        ])
        let lines = String(decoding: try Data(contentsOf: url).dropFirst(3), as: UTF8.self).components(separatedBy: "\r\n")
        #expect(lines[0] == "STT;Họ và tên;Năm sinh (Nam);Năm sinh (Nữ);Ngày")
        #expect(lines[1] == "1;Diệp Thị Hoa;;1970;2021-01-08")
    }
}
