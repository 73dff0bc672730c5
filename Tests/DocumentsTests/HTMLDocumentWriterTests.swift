import Documents
import Foundation
import Testing

@Suite("Printable HTML documents")
struct HTMLDocumentWriterTests {
    private func page(
        style: DocumentStyle = Sample.style, header: DocumentHeader = Sample.header,
        columns: [DocumentColumn] = Sample.columns, rows: [DocumentRow] = Sample.rows
    ) throws -> String {
        let folder = try temporaryFolder()
        let url = folder.appendingPathComponent("danh-sach.html")
        try HTMLDocumentWriter(url: url, style: style)
            .write(header: header, columns: columns, rows: rows, summaries: [Sample.summary])
        #expect(try visibleFiles(in: folder) == ["danh-sach.html"])
        return try String(contentsOf: url, encoding: .utf8)
    }

    @Test("is one self-contained A4 page in Vietnamese")
    func selfContained() throws {
        let html = try page()
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"vi\">"))
        #expect(html.contains("<meta charset=\"utf-8\">"))
        #expect(html.contains("size: A4 landscape; margin: 20mm 15mm 20mm 30mm;"))
        #expect(html.contains("page-break-inside: avoid"))
        for external in ["<script", "<link", "src=", "url(", "http"] {
            #expect(!html.contains(external), "fetches \(external)")
        }
    }

    @Test("has the official masthead: issuer on the left, the national motto on the right")
    func masthead() throws {
        let html = try page()
        #expect(html.contains("<div class=\"governing\">UBND TỈNH VĨNH PHÚC</div><div class=\"issuer\">BAN DÂN TỘC</div>"))
        #expect(html.contains("<div class=\"motto\">CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</div>"))
        #expect(html.contains("<span class=\"motto-line\">Độc lập - Tự do - Hạnh phúc</span>"))
        // The motto never wraps; the rule under the issuer is 40 % of the name's own width (an inline block).
        #expect(html.contains(".masthead .motto { font-weight: bold; font-size: 12.5pt; white-space: nowrap; }"))
        #expect(html.contains(".masthead .issuer { display: inline-block;"))
        #expect(html.contains(".masthead .issuer::after { content: \"\"; display: block; width: 40%;"))
        #expect(!html.contains("class=\"annex\""))
        #expect(html.contains("<h1>DANH SÁCH CẤP QUÀ TẾT NGUYÊN ĐÁN NĂM 2021</h1>"))
        #expect(html.contains("<p class=\"subtitle\">(Kèm theo Quyết định số 93/QĐ-UBND"))
    }

    @Test("repeats the header row on each page and groups rows with subtotals and a total")
    func table() throws {
        let html = try page()
        #expect(html.contains("<thead><tr><th scope=\"col\">STT</th><th scope=\"col\">Họ và tên</th>"))
        #expect(html.contains("<tr class=\"group level0\"><td colspan=\"7\">Huyện Tam Đảo</td></tr>"))
        #expect(html.contains("<tr class=\"group level1\"><td colspan=\"7\">Xã Đạo Trù</td></tr>"))
        #expect(html.contains("<tr><td class=\"count\">1</td><td>Diệp Đức Hùng</td><td class=\"count\">1971</td><td>Sán Dìu</td><td class=\"day\">25/01/2021</td><td class=\"amount\">500.000</td><td></td></tr>"))
        #expect(html.contains("<tr class=\"subtotal\"><td colspan=\"5\" class=\"label\">Cộng xã Đạo Trù: 2 người</td><td class=\"amount\">1.000.000</td>"))
        #expect(html.contains("<tr class=\"total\"><td colspan=\"5\" class=\"label\">Tổng cộng: 4 người</td><td class=\"amount\">2.000.000</td>"))
        // Huyện and Xã repeat the groups: the headings say them, the columns are left out.
        #expect(!html.contains("<th scope=\"col\">Huyện</th>") && !html.contains("<th scope=\"col\">Xã</th>"))
        #expect(html.contains("<p class=\"words\">Bằng chữ: Hai triệu đồng.</p>"))
    }

    @Test("escapes every text it prints")
    func escaping() throws {
        let html = try page()
        #expect(html.contains("Ninh &quot;Văn&quot; &lt;Thành&gt; &amp; co"))
        #expect(!html.contains("<Thành>"))
        #expect(html.contains("=HYPERLINK(&quot;x&quot;)"))
    }

    @Test("ends with the place and date, the signatures side by side, then the summaries")
    func foot() throws {
        let html = try page()
        #expect(html.contains("<h2>Tổng hợp theo dân tộc</h2>"))
        #expect(html.contains("<td colspan=\"1\" class=\"label\">Tổng cộng</td><td class=\"count\">4</td><td class=\"amount\">2.000.000</td>"))
        #expect(html.contains("<tr><td></td><td class=\"date-line\">Vĩnh Phúc, ngày 25 tháng 11 năm 2026</td></tr>"))
        #expect(html.contains("<td><div class=\"role\">NGƯỜI LẬP BIỂU</div><div class=\"note\">(Ký, ghi rõ họ tên)</div><div class=\"space\"></div><div class=\"name\">Nguyễn Thị Lan</div></td><td><div class=\"role\">TRƯỞNG BAN</div>"))
        let order = ["Vĩnh Phúc, ngày", "TRƯỞNG BAN", "Tổng hợp theo dân tộc"].map { html.range(of: $0)!.lowerBound }
        #expect(order == order.sorted())
    }

    @Test("a report signs after its sections: the last section and the signatures are one block")
    func signsAfterSummaries() throws {
        var style = Sample.style
        style.signsAfterSummaries = true
        let html = try page(style: style)
        let order = ["Tổng cộng", "Tổng hợp theo dân tộc", "Vĩnh Phúc, ngày", "TRƯỞNG BAN"].map { html.range(of: $0)!.lowerBound }
        #expect(order == order.sorted(), "the signatures come after the sections")
        #expect(html.contains("<section class=\"summary closing\">\n<h2>Tổng hợp theo dân tộc</h2>"))
        #expect(html.components(separatedBy: "class=\"role\"").count == 3, "each signer once")
    }

    @Test("in English, prints English labels and no Vietnamese words for the total")
    func english() throws {
        let html = try page(style: DocumentStyle(labels: .english, countNoun: nil, orientation: .portrait))
        #expect(html.contains("<th scope=\"col\">No.</th>"))
        #expect(html.contains(">Total</td>"))
        #expect(!html.contains("Bằng chữ"))
        #expect(html.contains("size: A4 portrait;"))
    }

    @Test("numbers pages from page 2 at the top, and gives the browser no room for its own header and footer")
    func pageNumbers() throws {
        let html = try page()
        #expect(html.contains("@top-center { content: counter(page);"))
        #expect(html.contains("@bottom-center { content: \"\"; }"))
        #expect(html.contains("@page :first { @top-center { content: \"\"; } }"))
        #expect(html.contains("font-family: \"Times New Roman\", \"Liberation Serif\", serif; font-size: 13pt;"))
        #expect(html.contains(".grid { width: calc(100% - 1px); border-collapse: collapse; margin-top: 5mm; font-size: 13pt; }"))
    }

    @Test("keeps each group heading with its first row, and the last rows with the total, words and signatures")
    func pageBreaks() throws {
        let rows = (1...8).map { index in
            Sample.row(["Huyện Tam Đảo", "Xã \(index <= 4 ? "Đạo Trù" : "Yên Dương")"], "Người \(index)", 1950 + index, "Dao")
        }
        let html = try page(rows: rows)
        #expect(html.contains("<tbody class=\"keep\">\n<tr class=\"group level0\"><td colspan=\"7\">Huyện Tam Đảo</td></tr>\n"
            + "<tr class=\"group level1\"><td colspan=\"7\">Xã Đạo Trù</td></tr>\n<tr><td class=\"count\">1</td><td>Người 1</td>"))
        #expect(html.contains("<td>Người 1</td><td class=\"count\">1951</td><td>Dao</td><td class=\"day\">25/01/2021</td><td class=\"amount\">500.000</td><td></td></tr>\n</tbody>\n<tbody>\n<tr><td class=\"count\">2</td>"))
        #expect(html.contains("<tbody class=\"keep\">\n<tr class=\"group level1\"><td colspan=\"7\">Xã Yên Dương</td></tr>\n<tr><td class=\"count\">5</td>"))
        // The closing block: rows 6 to 8, the subtotals, the total, the words and the signatures; the summary after.
        let closing = try #require(html.range(of: "<tbody class=\"closing\">"))
        let tail = String(html[closing.lowerBound...])
        #expect(!String(html[..<closing.lowerBound]).contains("<td>Người 6</td>"))
        #expect(String(html[..<closing.lowerBound]).contains("<td>Người 5</td>"))
        let order = ["<td>Người 6</td>", "<td>Người 8</td>", "Cộng xã Yên Dương: 4 người", "Tổng cộng: 8 người",
                     "<p class=\"words\">Bằng chữ: Bốn triệu đồng.</p>", "TRƯỞNG BAN", "</td></tr>\n</tbody>\n</table>\n",
                     "<section class=\"summary\">\n<h2>Tổng hợp theo dân tộc</h2>", "</section>\n</body>"]
        let positions = try order.map { try #require(tail.range(of: $0), "\($0)").lowerBound }
        #expect(positions == positions.sorted())
        #expect(html.contains(".grid tbody.keep, .grid tbody.closing { page-break-inside: avoid; break-inside: avoid; }"))
    }

    @Test("a two-level header: the band over its columns, the other titles over both rows")
    func bands() throws {
        let columns = [
            DocumentColumn("Họ và tên"), DocumentColumn("Nam", kind: .integer, band: "Năm sinh"),
            DocumentColumn("Nữ", kind: .integer, band: "Năm sinh"), DocumentColumn("Dân tộc"),
        ]
        let rows = [DocumentRow(cells: [.text("Diệp Đức Hùng"), .integer(1971), .empty, .text("Sán Dìu")])]
        let html = try page(columns: columns, rows: rows)
        #expect(html.contains("<thead><tr><th scope=\"col\" rowspan=\"2\">STT</th><th scope=\"col\" rowspan=\"2\">Họ và tên</th>"
            + "<th scope=\"colgroup\" colspan=\"2\">Năm sinh</th><th scope=\"col\" rowspan=\"2\">Dân tộc</th></tr>\n"
            + "<tr><th scope=\"col\">Nam</th><th scope=\"col\">Nữ</th></tr></thead>"))
    }

    @Test("an annex line above the title; a committee's own heading on two lines without a governing body")
    func annexAndCommittee() throws {
        var header = Sample.header
        header.annex = "Phụ lục"
        header.governingBody = ""
        header.issuingBody = "ỦY BAN NHÂN DÂN\nTỈNH VĨNH PHÚC"
        let html = try page(header: header)
        #expect(html.contains("<td class=\"issuer-side\"><div class=\"issuer\">ỦY BAN NHÂN DÂN<br>TỈNH VĨNH PHÚC</div></td>"))
        #expect(!html.contains("class=\"governing\""))
        #expect(html.contains("<p class=\"annex\">Phụ lục</p>\n<h1>DANH SÁCH CẤP QUÀ TẾT NGUYÊN ĐÁN NĂM 2021</h1>"))
    }

    @Test("a row standing for several occasions (a year of newspaper issues) counts them all")
    func occasionsPerRow() throws {
        let columns = [DocumentColumn("Họ và tên"), DocumentColumn("Số tiền", kind: .money, total: true)]
        let rows = [
            DocumentRow(groups: ["Xã Đạo Trù"], cells: [.text("A"), .money(600_000)], subject: 1, occasions: 12),
            DocumentRow(groups: ["Xã Đạo Trù"], cells: [.text("A"), .money(500_000)], subject: 1),
            DocumentRow(groups: ["Xã Yên Dương"], cells: [.text("B"), .money(300_000)], subject: 2, occasions: 6),
        ]
        let html = try page(style: DocumentStyle(countNoun: "lượt", distinctNoun: "người"), columns: columns, rows: rows)
        #expect(html.contains(">Cộng xã Đạo Trù: 1 người, 13 lượt</td>"))
        #expect(html.contains(">Tổng cộng: 2 người, 19 lượt</td>"))
    }

    @Test("counts distinct subjects beside the rows, per group and in all; spells each marked column")
    func distinctAndSpelled() throws {
        let columns = [
            DocumentColumn("Xã", repeatsGroup: true), DocumentColumn("Họ và tên"),
            DocumentColumn("Dự toán", kind: .money, total: true, spelledOut: "Bằng chữ (dự toán)"),
            DocumentColumn("Đã chi", kind: .money, total: true, spelledOut: "Đã chi, bằng chữ"),
            DocumentColumn("Khác", kind: .money, total: true),
        ]
        func row(_ commune: String, _ name: String, _ subject: Int64) -> DocumentRow {
            DocumentRow(groups: [commune], cells: [.text(commune), .text(name), .money(1_000_000), .money(500_000), .money(1)], subject: subject)
        }
        let rows = [row("Xã Đạo Trù", "A", 1), row("Xã Đạo Trù", "A", 1), row("Xã Đạo Trù", "B", 2), row("Xã Yên Dương", "C", 3)]
        let style = DocumentStyle(countNoun: "lượt", distinctNoun: "người")
        let html = try page(style: style, columns: columns, rows: rows)
        #expect(html.contains(">Cộng xã Đạo Trù: 2 người, 3 lượt</td>"))
        #expect(html.contains(">Cộng xã Yên Dương: 1 người, 1 lượt</td>"))
        #expect(html.contains(">Tổng cộng: 3 người, 4 lượt</td>"))
        #expect(html.contains("<p class=\"words\">Bằng chữ (dự toán): Bốn triệu đồng.</p>\n<p class=\"words\">Đã chi, bằng chữ: Hai triệu đồng.</p>\n"))
        #expect(!html.contains(": Bốn đồng."))
        let english = try page(style: DocumentStyle(labels: .english, countNoun: "times", distinctNoun: "persons"), columns: columns, rows: rows)
        #expect(english.contains(">Total: 3 persons, 4 times</td>"))
        #expect(!english.contains("class=\"words\""))
    }

    @Test("a table of a few rows keeps one row with the total, the others flow under the header")
    func shortTable() throws {
        let html = try page(rows: Array(Sample.rows.prefix(3)))
        let closing = try #require(html.range(of: "<tbody class=\"closing\">"))
        let before = String(html[..<closing.lowerBound])
        let after = String(html[closing.lowerBound...])
        #expect(before.contains("Diệp Đức Hùng") && before.contains("Tiêu Đức Thắng") && !before.contains("Lục Hữu Quế"))
        #expect(after.hasPrefix("<tbody class=\"closing\">\n<tr class=\"subtotal\"><td colspan=\"5\" class=\"label\">Cộng xã Đạo Trù: 2 người</td>"))
        #expect(after.contains("<tr class=\"group level1\"><td colspan=\"7\">Xã Yên Dương</td></tr>\n<tr><td class=\"count\">3</td><td>Lục Hữu Quế</td>"))
    }

    @Test("with three signers the place and date run over the last two, on one line")
    func threeSigners() throws {
        var header = Sample.header
        header.signatures.insert(SignatureBlock(role: "KẾ TOÁN"), at: 1)
        let html = try page(header: header)
        #expect(html.contains("<tr><td></td><td colspan=\"2\" class=\"date-line wide\">Vĩnh Phúc, ngày 25 tháng 11 năm 2026</td></tr>"))
        #expect(html.contains(".signatures .date-line.wide { text-align: right; white-space: nowrap; }"))
    }
}
