import Documents
import Foundation
import Testing

@Suite("Long lists stream through")
struct StreamingTests {
    /// 30,000 persons in 10 districts of 30 communes, made one at a time as the writer asks for them.
    static func rows() -> some Sequence<DocumentRow> {
        (0..<30_000).lazy.map { index in
            Sample.row(["Huyện \(index / 3_000 + 1)", "Xã \(index / 100 + 1)"], "Người số \(index + 1)", 1940 + index % 50, "Dao")
        }
    }

    @Test("30,000 rows to every format, with subtotals per commune and district", arguments: DocumentFormat.allCases)
    func longList(format: DocumentFormat) throws {
        let folder = try temporaryFolder()
        let url = folder.appendingPathComponent("dai.\(format.rawValue)")
        try format.writer(to: url, style: Sample.style).write(header: Sample.header, columns: Sample.columns, rows: Self.rows())
        #expect(try visibleFiles(in: folder) == [url.lastPathComponent])
        switch format {
        case .csv:
            let rows = try SpreadsheetReader.rows(ofFileAt: url)
            #expect(rows.count == 30_001)
            #expect(rows.last?[3] == "Người số 30000")
        case .xlsx:
            let rows = try SpreadsheetReader.rows(ofFileAt: url)
            // A flat table: 30,000 rows with their district and commune, no headings or subtotals, and the total.
            #expect(rows.contains { $0.first == "Tổng cộng: 30000 người" && $0[7] == "15000000000" })
            #expect(!rows.contains { $0.first?.hasPrefix("Cộng xã") == true })
            #expect(rows.contains { $0.first == "30000" && $0[2] == "Xã 300" && $0[3] == "Người số 30000" })
        case .html:
            let html = try String(contentsOf: url, encoding: .utf8)
            #expect(html.contains("Bằng chữ: Mười lăm tỷ đồng."))
        }
    }
}
