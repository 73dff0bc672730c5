import Foundation

/// The pieces of the official form of administrative papers (Nghị định 30/2020/NĐ-CP, Phụ lục I) that every
/// printable HTML page shares: the page and type, the masthead (issuer and national motto), the title, and the
/// signature foot.
///
/// - Page: A4; margins top and bottom 20 mm, left 30 mm, right 15 mm; page numbers centred at the top from page 2.
///   Every page defines a top and a bottom page-margin box (CSS Paged Media, Chromium ≥ 131): Chromium draws its
///   own header (date, title) and footer (file URL, "1/3") only where the page has no margin box of the author's,
///   so a clerk printing with the browser's default settings gets no browser header or footer.
/// - Type: Times New Roman, or Liberation Serif (same metrics) where it is missing, 13 pt in text and tables.
/// - Masthead: the governing body (when there is one) over the issuing body in bold, a short rule under it (40 % of
///   the name's width); on the right the motto, on one line, over "Độc lập - Tự do - Hạnh phúc" underlined as wide
///   as its words.
enum OfficialForm {
    /// The national motto (the same in every language: it belongs to the form).
    static let motto = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    static let mottoLine = "Độc lập - Tự do - Hạnh phúc"

    static func css(_ orientation: DocumentStyle.Orientation) -> String {
        let landscape = orientation == .landscape
        return """
        @page {
          size: A4 \(landscape ? "landscape" : "portrait"); margin: 20mm 15mm 20mm 30mm;
          @top-center { content: counter(page); font-family: "Times New Roman", "Liberation Serif", serif; font-size: 13pt; vertical-align: bottom; padding-bottom: 5mm; }
          @bottom-center { content: ""; }
        }
        @page :first { @top-center { content: ""; } }
        * { box-sizing: border-box; }
        body { font-family: "Times New Roman", "Liberation Serif", serif; font-size: 13pt; color: #000; background: #fff; margin: 0; }
        @media screen { body { max-width: \(landscape ? 252 : 165)mm; margin: 12mm auto; } }
        .masthead { width: 100%; border-collapse: collapse; margin-bottom: 6mm; }
        .masthead td { text-align: center; vertical-align: top; padding: 0; font-size: 13pt; }
        .masthead .issuer-side { width: 40%; }
        .masthead .motto-side { width: 60%; white-space: nowrap; }
        .masthead .governing { font-size: 12.5pt; }
        .masthead .issuer { display: inline-block; font-weight: bold; font-size: 12.5pt; }
        .masthead .issuer::after { content: ""; display: block; width: 40%; margin: 2pt auto 0; border-top: 1px solid #000; }
        .masthead .motto { font-weight: bold; font-size: 12.5pt; white-space: nowrap; }
        .masthead .motto-line { display: inline-block; font-weight: bold; white-space: nowrap; border-bottom: 1px solid #000; padding-bottom: 1pt; }
        .annex { font-weight: bold; text-align: center; margin: 0 0 2pt; }
        h1 { font-size: 14pt; font-weight: bold; text-align: center; margin: 0; }
        h2 { font-size: 13pt; font-weight: bold; margin: 5mm 0 2mm; }
        .subtitle { font-style: italic; text-align: center; margin: 2pt 0 0; }
        .grid { width: calc(100% - 1px); border-collapse: collapse; margin-top: 5mm; font-size: 13pt; }
        .grid th, .grid td { border: 1px solid #000; padding: 2pt 4pt; vertical-align: middle; }
        .grid th { font-weight: bold; text-align: center; }
        .grid thead { display: table-header-group; }
        .grid tr { page-break-inside: avoid; break-inside: avoid; }
        .grid tbody.keep, .grid tbody.closing { page-break-inside: avoid; break-inside: avoid; }
        .grid .amount { text-align: right; white-space: nowrap; }
        .grid .count, .grid .day { text-align: center; white-space: nowrap; }
        .grid.signing td { height: 12mm; }
        .grid .group td, .grid .subtotal td, .grid .total td { font-weight: bold; height: auto; }
        .grid .group.level1 td, .grid .group.level2 td { font-style: italic; }
        .grid .label { text-align: center; }
        .grid td.after { border: none; padding: 0; height: auto; font-weight: normal; }
        .words { font-style: italic; margin: 3pt 0 0; }
        .summary { page-break-inside: avoid; break-inside: avoid; }
        .summary h2 { margin-top: 6mm; }
        .summary .grid { margin-top: 0; }
        .place-date { font-style: italic; text-align: right; margin-top: 6mm; }
        .signatures { width: 100%; table-layout: fixed; border-collapse: collapse; margin-top: 5mm; page-break-inside: avoid; break-inside: avoid; }
        .signatures td { text-align: center; vertical-align: top; padding: 0 4pt; border: none; height: auto; }
        .signatures .date-line, .signatures .note { font-style: italic; }
        .signatures .date-line.wide { text-align: right; white-space: nowrap; }
        .signatures .role, .signatures .name { font-weight: bold; }
        .signatures .space { height: 22mm; }

        """
    }

    /// The masthead table (issuer | motto), then the annex line, the title and the subtitle.
    static func masthead(_ header: DocumentHeader) -> String {
        var html = "<table class=\"masthead\"><tr><td class=\"issuer-side\">"
        if !header.governingBody.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            html += "<div class=\"governing\">\(escaped(header.governingBody))</div>"
        }
        html += "<div class=\"issuer\">\(escaped(header.issuingBody))</div></td>"
            + "<td class=\"motto-side\"><div class=\"motto\">\(motto)</div>"
            + "<div><span class=\"motto-line\">\(mottoLine)</span></div></td></tr></table>\n"
        if let annex = header.annex, !annex.isEmpty {
            html += "<p class=\"annex\">\(escaped(annex))</p>\n"
        }
        html += "<h1>\(escaped(header.title.uppercased()))</h1>\n"
        if let subtitle = header.subtitle {
            html += "<p class=\"subtitle\">\(escaped(subtitle))</p>\n"
        }
        return html
    }

    /// The place and date over the last signer, then the signers side by side with room to sign.
    static func foot(_ header: DocumentHeader) -> String {
        let blocks = header.signatures
        guard !blocks.isEmpty else {
            return header.placeAndDate.map { "<p class=\"place-date\">\(escaped($0))</p>\n" } ?? ""
        }
        // One signer signs on the right half, as on the official form; the left half stays empty.
        let lone = blocks.count == 1 ? "<td></td>" : ""
        var html = "<table class=\"signatures\">\n"
        if let placeAndDate = header.placeAndDate {
            if blocks.count >= 3 {
                // Three signers leave the last a third of the width, too narrow for the date on one line: it runs
                // to the right edge over the last two.
                html += "<tr>" + String(repeating: "<td></td>", count: blocks.count - 2)
                    + "<td colspan=\"2\" class=\"date-line wide\">\(escaped(placeAndDate))</td></tr>\n"
            } else {
                html += "<tr>" + lone + String(repeating: "<td></td>", count: blocks.count - 1)
                    + "<td class=\"date-line\">\(escaped(placeAndDate))</td></tr>\n"
            }
        }
        html += "<tr>" + lone
        for block in blocks {
            html += "<td><div class=\"role\">\(escaped(block.role))</div>"
            if let note = block.note {
                html += "<div class=\"note\">\(escaped(note))</div>"
            }
            html += "<div class=\"space\"></div>"
            if let name = block.name {
                html += "<div class=\"name\">\(escaped(name))</div>"
            }
            html += "</td>"
        }
        return html + "</tr>\n</table>\n"
    }

    /// Text for HTML: escaped, line breaks as `<br>`.
    static func escaped(_ text: String) -> String {
        let escaped = XMLText.escaped(text)
        // Foundation's replacingOccurrences was half of an export's time; a cell without a line break needs neither.
        guard escaped.utf8.contains(UInt8(ascii: "\n")) else { return escaped }
        return escaped.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\n", with: "<br>")
    }
}
