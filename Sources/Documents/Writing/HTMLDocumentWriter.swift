import Foundation

/// Writes a document as one self-contained HTML page to print on A4, on the official form (`OfficialForm`): the
/// issuer on the left and the national motto on the right, the title, the table (its header repeated on each
/// printed page, rows grouped with headings and subtotals, a grand total), the totals in words, the place, date
/// and signatures side by side, then the summaries (each kept on one page). No scripts, fonts or images are fetched; all text is escaped.
///
/// Page breaks: a group heading is printed in one unbreakable `<tbody class="keep">` with the group's first row,
/// so no heading is left alone at a page's foot; the last `closingRows` data rows are held back while the rows
/// stream, and printed with the total, the words and the signatures in one unbreakable `<tbody class="closing">`,
/// so the signatures never sit alone on the last page (a table of a few rows keeps one row there). The summaries
/// follow the signatures, so that the closing block stays small enough for one page.
public final class HTMLDocumentWriter: DocumentWriter {
    /// How many data rows go down with the total and the signatures.
    static let closingRows = 3

    private let url: URL
    private let style: DocumentStyle
    private var file: StagedFile?
    private var layout: TableLayout?
    private var header: DocumentHeader?
    /// Events held back for the closing block: they hold at most `closingRows` data rows.
    private var held: [TableEvent] = []
    private var heldRows = 0
    /// The rows being written are inside a `keep` body (a heading waiting for its first row).
    private var keeping = false
    /// Some rows have been printed before the closing block.
    private var released = false

    public init(url: URL, style: DocumentStyle = DocumentStyle()) {
        self.url = url
        self.style = style
    }

    public func begin(header: DocumentHeader, columns: [DocumentColumn]) throws {
        precondition(file == nil, "begin(header:columns:) called twice")
        let file = try StagedFile(destination: url)
        let layout = TableLayout(columns: columns, style: style, grouped: true)
        self.file = file
        self.layout = layout
        self.header = header
        let title = Self.escaped(header.title.uppercased())
        var html = "<!DOCTYPE html>\n<html lang=\"vi\">\n<head>\n<meta charset=\"utf-8\">\n"
            + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            + "<title>\(title)</title>\n<style>\n\(OfficialForm.css(style.orientation))</style>\n</head>\n<body>\n"
        html += OfficialForm.masthead(header)
        html += Self.tableStart(layout.columns, signing: layout.columns.contains { $0.kind == .signature })
        try file.write(html)
    }

    public func write(_ row: DocumentRow) throws {
        guard var layout else { preconditionFailure("write(_:) called before begin(header:columns:)") }
        self.layout = nil  // held once, so that taking a row copies none of the open groups' sums
        defer { self.layout = layout }
        try layout.accept(row) { event in
            held.append(event)
            if case .data = event { heldRows += 1 }
        }
        try release(layout)
    }

    /// Prints the held events until only `closingRows` data rows are held: each time up to and including a data
    /// row, so that a heading is printed with its first row.
    private func release(_ layout: TableLayout, keeping closing: Int = closingRows) throws {
        guard heldRows > closing else { return }
        released = true
        var html = ""
        var taken = 0
        while heldRows > closing {
            while taken < held.count {
                let event = held[taken]
                taken += 1
                html += flowing(event, layout: layout)
                if case .data = event {
                    heldRows -= 1
                    break
                }
            }
        }
        held.removeFirst(taken)
        try file?.write(html)
    }

    /// An event of the flowing table, opening a `keep` body at a heading and closing it after the next row.
    private func flowing(_ event: TableEvent, layout: TableLayout) -> String {
        var html = ""
        switch event {
        case .groupHeading:
            if !keeping {
                html += "</tbody>\n<tbody class=\"keep\">\n"
                keeping = true
            }
            html += Self.row(event, columns: layout.columns, labelSpan: layout.labelSpan)
        case .data:
            html += Self.row(event, columns: layout.columns, labelSpan: layout.labelSpan)
            if keeping {
                html += "</tbody>\n<tbody>\n"
                keeping = false
            }
        case .subtotal, .total:
            html += Self.row(event, columns: layout.columns, labelSpan: layout.labelSpan)
        }
        return html
    }

    public func finish(summaries: [DocumentSummary]) throws {
        guard var layout, let file, let header else {
            preconditionFailure("finish(summaries:) called before begin(header:columns:)")
        }
        // A table of a few rows is all closing block, which may not fit under the masthead: it keeps one row with
        // the total, and the others flow under the header, so that the header is not left alone on page 1.
        if !released {
            try release(layout, keeping: 1)
        }
        try layout.finish { held.append($0) }
        let columns = layout.columns
        var html = "</tbody>\n<tbody class=\"closing\">\n"
        for event in held {
            html += Self.row(event, columns: columns, labelSpan: layout.labelSpan)
        }
        held = []
        html += "<tr class=\"after\"><td class=\"after\" colspan=\"\(columns.count)\">\n"
        for line in layout.spelledLines {
            html += "<p class=\"words\">\(Self.escaped(line))</p>\n"
        }
        let signsLast = style.signsAfterSummaries && !summaries.isEmpty
        if !signsLast {
            html += OfficialForm.foot(header)
        }
        html += "</td></tr>\n</tbody>\n</table>\n"
        for (index, summary) in summaries.enumerated() {
            let (summaryLayout, events) = try summaryEvents(summary, labels: style.labels)
            // The last section and the signatures after it are one block, never parted by a page break.
            let closing = signsLast && index == summaries.count - 1
            html += "<section class=\"summary\(closing ? " closing" : "")\">\n<h2>\(Self.escaped(summary.title))</h2>\n"
            if let chart = summary.chart { html += SVGChart.svg(chart) }
            html += Self.tableStart(summaryLayout.columns, signing: false)
            for event in events {
                html += Self.row(event, columns: summaryLayout.columns, labelSpan: summaryLayout.labelSpan)
            }
            html += "</tbody>\n</table>\n"
            if closing {
                html += OfficialForm.foot(header)
            }
            html += "</section>\n"
        }
        html += "</body>\n</html>\n"
        try file.write(html)
        try file.place()
        self.file = nil
    }

    // MARK: - Markup

    static func escaped(_ text: String) -> String {
        OfficialForm.escaped(text)
    }

    /// The table's opening, its column widths and its header: two rows when columns share a band ("Năm sinh" over
    /// "Nam" | "Nữ"), the other titles spanning both.
    static func tableStart(_ columns: [DocumentColumn], signing: Bool) -> String {
        let totalWidth = max(columns.reduce(0) { $0 + $1.width }, 1)
        var html = "<table class=\"grid\(signing ? " signing" : "")\">\n<colgroup>"
        for column in columns {
            let percent = (column.width / totalWidth * 1000).rounded() / 10
            html += "<col style=\"width: \(percent)%\">"
        }
        html += "</colgroup>\n<thead>"
        let runs = bandRuns(columns)
        if runs.allSatisfy({ $0.band == nil }) {
            html += "<tr>" + columns.map { "<th scope=\"col\">\(escaped($0.title))</th>" }.joined() + "</tr>"
        } else {
            html += "<tr>"
            for run in runs {
                if let band = run.band {
                    html += "<th scope=\"colgroup\" colspan=\"\(run.columns.count)\">\(escaped(band))</th>"
                } else {
                    html += "<th scope=\"col\" rowspan=\"2\">\(escaped(columns[run.columns.lowerBound].title))</th>"
                }
            }
            html += "</tr>\n<tr>"
            for run in runs where run.band != nil {
                for index in run.columns {
                    html += "<th scope=\"col\">\(escaped(columns[index].title))</th>"
                }
            }
            html += "</tr>"
        }
        return html + "</thead>\n<tbody>\n"
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
}
