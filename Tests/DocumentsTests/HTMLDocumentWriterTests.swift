import Documents
import Foundation
import Testing

@Suite("Printable HTML documents")
struct HTMLDocumentWriterTests {
    private func page(style: DocumentStyle = Sample.style) throws -> String {
        let folder = try temporaryFolder()
        let url = folder.appendingPathComponent("danh-sach.html")
        try HTMLDocumentWriter(url: url, style: style)
            .write(header: Sample.header, columns: Sample.columns, rows: Sample.rows, summaries: [Sample.summary])
        #expect(try visibleFiles(in: folder) == ["danh-sach.html"])
        return try String(contentsOf: url, encoding: .utf8)
    }

    @Test("is one self-contained A4 page in Vietnamese")
    func selfContained() throws {
        let html = try page()
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"vi\">"))
        #expect(html.contains("<meta charset=\"utf-8\">"))
        #expect(html.contains("@page { size: A4 landscape;"))
        #expect(html.contains("page-break-inside: avoid"))
        for external in ["<script", "<link", "src=", "url(", "http"] {
            #expect(!html.contains(external), "fetches \(external)")
        }
    }

    @Test("has the official masthead: issuer on the left, the national motto on the right")
    func masthead() throws {
        let html = try page()
        #expect(html.contains("<div>UBND TỈNH VĨNH PHÚC</div><div class=\"bold\">BAN DÂN TỘC</div>"))
        #expect(html.contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"))
        #expect(html.contains("<span class=\"motto\">Độc lập - Tự do - Hạnh phúc</span>"))
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
        #expect(html.contains("<p class=\"words\">Bằng chữ: Hai triệu đồng.</p>"))
    }

    @Test("escapes every text it prints")
    func escaping() throws {
        let html = try page()
        #expect(html.contains("Ninh &quot;Văn&quot; &lt;Thành&gt; &amp; co"))
        #expect(!html.contains("<Thành>"))
        #expect(html.contains("=HYPERLINK(&quot;x&quot;)"))
    }

    @Test("ends with the summaries, the place and date, and the signatures side by side")
    func foot() throws {
        let html = try page()
        #expect(html.contains("<h2>Tổng hợp theo dân tộc</h2>"))
        #expect(html.contains("<td colspan=\"1\" class=\"label\">Tổng cộng</td><td class=\"count\">4</td><td class=\"amount\">2.000.000</td>"))
        #expect(html.contains("<tr><td></td><td class=\"date-line\">Vĩnh Phúc, ngày 25 tháng 11 năm 2026</td></tr>"))
        #expect(html.contains("<td><div class=\"role\">NGƯỜI LẬP BIỂU</div><div class=\"note\">(Ký, ghi rõ họ tên)</div><div class=\"space\"></div><div class=\"name\">Nguyễn Thị Lan</div></td><td><div class=\"role\">TRƯỞNG BAN</div>"))
        let order = ["Tổng hợp theo dân tộc", "Vĩnh Phúc, ngày", "TRƯỞNG BAN"].map { html.range(of: $0)!.lowerBound }
        #expect(order == order.sorted())
    }

    @Test("in English, prints English labels and no Vietnamese words for the total")
    func english() throws {
        let html = try page(style: DocumentStyle(labels: .english, countNoun: nil, orientation: .portrait))
        #expect(html.contains("<th scope=\"col\">No.</th>"))
        #expect(html.contains(">Total</td>"))
        #expect(!html.contains("Bằng chữ"))
        #expect(html.contains("@page { size: A4 portrait;"))
    }
}
