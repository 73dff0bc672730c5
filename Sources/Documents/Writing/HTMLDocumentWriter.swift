import Foundation

/// Writes a document as one self-contained HTML page to print on A4, in the layout of Vietnamese official papers:
/// the issuer on the left and the national motto on the right, the title, the table (its header repeated on each
/// printed page, rows grouped with headings and subtotals, a grand total, the total in words), the summaries, and
/// the place, date and signatures side by side. No scripts, fonts or images are fetched; all text is escaped.
public final class HTMLDocumentWriter: DocumentWriter {
    private let url: URL
    private let style: DocumentStyle
    private var file: StagedFile?
    private var layout: TableLayout?
    private var header: DocumentHeader?

    public init(url: URL, style: DocumentStyle = DocumentStyle()) {
        self.url = url
        self.style = style
    }

    public func begin(header: DocumentHeader, columns: [DocumentColumn]) throws {
        precondition(file == nil, "begin(header:columns:) called twice")
        let file = try StagedFile(destination: url)
        let layout = TableLayout(columns: columns, style: style)
        self.file = file
        self.layout = layout
        self.header = header
        let title = Self.escaped(header.title.uppercased())
        var html = "<!DOCTYPE html>\n<html lang=\"vi\">\n<head>\n<meta charset=\"utf-8\">\n"
            + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            + "<title>\(title)</title>\n<style>\n\(Self.css(style.orientation))</style>\n</head>\n<body>\n"
            + "<table class=\"masthead\"><tr>"
            + "<td><div>\(Self.escaped(header.governingBody))</div>"
            + "<div class=\"bold\">\(Self.escaped(header.issuingBody))</div><div class=\"rule\"></div></td>"
            + "<td><div class=\"bold\">CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</div>"
            + "<div><span class=\"motto\">Độc lập - Tự do - Hạnh phúc</span></div></td>"
            + "</tr></table>\n<h1>\(title)</h1>\n"
        if let subtitle = header.subtitle {
            html += "<p class=\"subtitle\">\(Self.escaped(subtitle))</p>\n"
        }
        html += Self.tableStart(layout.columns, signing: layout.columns.contains { $0.kind == .signature })
        try file.write(html)
    }

    public func write(_ row: DocumentRow) throws {
        guard var layout else { preconditionFailure("write(_:) called before begin(header:columns:)") }
        self.layout = nil  // held once, so that taking a row copies none of the open groups' sums
        defer { self.layout = layout }
        let columns = layout.columns
        let labelSpan = layout.labelSpan
        try layout.accept(row) { try file?.write(Self.row($0, columns: columns, labelSpan: labelSpan)) }
    }

    public func finish(summaries: [DocumentSummary]) throws {
        guard var layout, let file, let header else {
            preconditionFailure("finish(summaries:) called before begin(header:columns:)")
        }
        let columns = layout.columns
        let labelSpan = layout.labelSpan
        try layout.finish { try file.write(Self.row($0, columns: columns, labelSpan: labelSpan)) }
        var html = "</tbody>\n</table>\n"
        if let amount = layout.amountInWords, let words = style.labels.amountInWords {
            html += "<p class=\"words\">\(Self.escaped(words)): \(Self.escaped(VietnameseNumberWords.spell(amount))).</p>\n"
        }
        for summary in summaries {
            let (summaryLayout, events) = try summaryEvents(summary, labels: style.labels)
            html += "<section class=\"summary\">\n<h2>\(Self.escaped(summary.title))</h2>\n"
            if let chart = summary.chart { html += SVGChart.svg(chart) }
            html += Self.tableStart(summaryLayout.columns, signing: false)
            for event in events {
                html += Self.row(event, columns: summaryLayout.columns, labelSpan: summaryLayout.labelSpan)
            }
            html += "</tbody>\n</table>\n</section>\n"
        }
        html += Self.foot(header)
        html += "</body>\n</html>\n"
        try file.write(html)
        try file.place()
        self.file = nil
    }

    // MARK: - Markup

    static func escaped(_ text: String) -> String {
        let escaped = XMLText.escaped(text)
        // Foundation's replacingOccurrences was half of an export's time; a cell without a line break needs neither.
        guard escaped.utf8.contains(UInt8(ascii: "\n")) else { return escaped }
        return escaped.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\n", with: "<br>")
    }

    private static func tableStart(_ columns: [DocumentColumn], signing: Bool) -> String {
        let totalWidth = max(columns.reduce(0) { $0 + $1.width }, 1)
        var html = "<table class=\"grid\(signing ? " signing" : "")\">\n<colgroup>"
        for column in columns {
            let percent = (column.width / totalWidth * 1000).rounded() / 10
            html += "<col style=\"width: \(percent)%\">"
        }
        html += "</colgroup>\n<thead><tr>"
        for column in columns {
            html += "<th scope=\"col\">\(escaped(column.title))</th>"
        }
        return html + "</tr></thead>\n<tbody>\n"
    }

    private static func row(_ event: TableEvent, columns: [DocumentColumn], labelSpan: Int) -> String {
        switch event {
        case .groupHeading(let level, let name):
            return "<tr class=\"group level\(level)\"><td colspan=\"\(columns.count)\">\(escaped(name))</td></tr>\n"
        case .data(let cells):
            return "<tr>" + zip(cells, columns).map { cell($0, kind: $1.kind) }.joined() + "</tr>\n"
        case .subtotal(_, let cells), .total(let cells):
            let kind = if case .total = event { "total" } else { "subtotal" }
            var html = "<tr class=\"\(kind)\">"
            if labelSpan > 0 {
                html += "<td colspan=\"\(labelSpan)\" class=\"label\">\(escaped(CellFormatting.plain(cells[0])))</td>"
            }
            for index in labelSpan..<cells.count {
                html += cell(cells[index], kind: columns[index].kind)
            }
            return html + "</tr>\n"
        }
    }

    private static func cell(_ cell: DocumentCell, kind: DocumentColumn.Kind) -> String {
        let alignment = switch (cell, kind) {
        case (.money, _), (.empty, .money): " class=\"amount\""
        case (.integer, _), (.empty, .integer): " class=\"count\""
        case (.date, _), (_, .date): " class=\"day\""
        default: ""
        }
        return "<td\(alignment)>\(escaped(CellFormatting.printed(cell)))</td>"
    }

    /// The place and date over the last signer, then the signers side by side with room to sign.
    private static func foot(_ header: DocumentHeader) -> String {
        let blocks = header.signatures
        guard !blocks.isEmpty else {
            return header.placeAndDate.map { "<p class=\"place-date\">\(escaped($0))</p>\n" } ?? ""
        }
        var html = "<table class=\"signatures\">\n"
        if let placeAndDate = header.placeAndDate {
            html += "<tr>" + String(repeating: "<td></td>", count: blocks.count - 1)
                + "<td class=\"date-line\">\(escaped(placeAndDate))</td></tr>\n"
        }
        html += "<tr>"
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

    private static func css(_ orientation: DocumentStyle.Orientation) -> String {
        let landscape = orientation == .landscape
        return """
        @page { size: A4 \(landscape ? "landscape" : "portrait"); margin: 15mm 12mm 15mm 20mm; }
        * { box-sizing: border-box; }
        body { font-family: "Times New Roman", Times, serif; font-size: 13pt; color: #000; background: #fff; margin: 0; }
        @media screen { body { max-width: \(landscape ? 265 : 178)mm; margin: 12mm auto; } }
        .masthead { width: 100%; border-collapse: collapse; margin-bottom: 8mm; }
        .masthead td { width: 50%; text-align: center; vertical-align: top; padding: 0; }
        .bold { font-weight: bold; }
        .rule { width: 30%; margin: 2pt auto 0; border-top: 1px solid #000; }
        .motto { font-weight: bold; border-bottom: 1px solid #000; padding-bottom: 1pt; }
        h1 { font-size: 14pt; font-weight: bold; text-align: center; margin: 0; }
        h2 { font-size: 13pt; font-weight: bold; margin: 6mm 0 2mm; }
        .subtitle { font-style: italic; text-align: center; margin: 2pt 0 0; }
        .grid { width: 100%; border-collapse: collapse; margin-top: 5mm; font-size: 12pt; }
        .grid th, .grid td { border: 1px solid #000; padding: 2pt 4pt; vertical-align: middle; }
        .grid th { font-weight: bold; text-align: center; }
        .grid thead { display: table-header-group; }
        .grid tr { page-break-inside: avoid; break-inside: avoid; }
        .grid .amount { text-align: right; white-space: nowrap; }
        .grid .count, .grid .day { text-align: center; white-space: nowrap; }
        .grid.signing td { height: 12mm; }
        .grid .group td, .grid .subtotal td, .grid .total td { font-weight: bold; height: auto; }
        .grid .group.level1 td, .grid .group.level2 td { font-style: italic; }
        .grid .label { text-align: center; }
        .words { font-style: italic; margin: 3pt 0 0; }
        .summary { page-break-inside: avoid; break-inside: avoid; }
        .place-date { font-style: italic; text-align: right; margin-top: 6mm; }
        .signatures { width: 100%; table-layout: fixed; border-collapse: collapse; margin-top: 6mm; page-break-inside: avoid; break-inside: avoid; }
        .signatures td { text-align: center; vertical-align: top; padding: 0 4pt; }
        .signatures .date-line, .signatures .note { font-style: italic; }
        .signatures .role, .signatures .name { font-weight: bold; }
        .signatures .space { height: 25mm; }

        """
    }
}
