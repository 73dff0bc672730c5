import Foundation

/// Writes a document as CSV that Excel opens with its Vietnamese intact: UTF-8 with a byte order mark, CRLF line
/// ends, RFC 4180 quoting, and text that Excel would take for a formula defused with a leading apostrophe.
///
/// CSV is for programs (people get the XLSX): dates are ISO 8601 (`2021-01-08`), which no spreadsheet reads as
/// another day, whatever its locale (LibreOffice read "08/01/2021" as 1 August). The default `.data` layout is one
/// header row (a column under a band headed "Năm sinh (Nam)"), then one line per data row with every column (groups
/// are the columns that repeat them, Huyện and Xã), nothing else. The `.document` layout is the paper form in cells: title lines, group headings (without the
/// columns that repeat them), subtotals, total, the totals in words, summaries and the signature lines.
public final class CSVDocumentWriter: DocumentWriter {
    public struct Options: Sendable, Equatable {
        public enum Separator: Sendable, Hashable, CaseIterable {
            /// "," — RFC 4180.
            case comma
            /// ";" — what Excel writes and expects in a Vietnamese locale.
            case semicolon
        }

        public enum Layout: Sendable, Equatable {
            /// Header row and data rows only: for programs and for sorting in Excel.
            case data
            /// The whole paper form, line by line.
            case document
        }

        public var separator: Separator
        public var layout: Layout

        public init(separator: Separator = .comma, layout: Layout = .data) {
            self.separator = separator
            self.layout = layout
        }
    }

    private let url: URL
    private let style: DocumentStyle
    private let options: Options
    private var file: StagedFile?
    private var layout: TableLayout?
    private var header: DocumentHeader?

    public init(url: URL, style: DocumentStyle = DocumentStyle(), options: Options = Options()) {
        self.url = url
        self.style = style
        self.options = options
    }

    public func begin(header: DocumentHeader, columns: [DocumentColumn]) throws {
        precondition(file == nil, "begin(header:columns:) called twice")
        let file = try StagedFile(destination: url)
        try file.write([0xEF, 0xBB, 0xBF])
        let layout = TableLayout(columns: columns, style: style, grouped: options.layout == .document)
        self.file = file
        self.layout = layout
        self.header = header
        switch options.layout {
        case .data:
            // One header row: a column under a band says both, "Năm sinh (Nam)", so that every heading is unique.
            try line(layout.columns.map { column in .text(column.band.map { "\($0) (\(column.title))" } ?? column.title) })
        case .document:
            let issuer = header.issuingBody.split(whereSeparator: \.isNewline).map(String.init)
            for text in (header.governingBody.isEmpty ? [] : [header.governingBody]) + issuer + [""] {
                try line([.text(text)])
            }
            if let annex = header.annex {
                try line([.text(annex)])
            }
            try line([.text(header.title.uppercased())])
            if let subtitle = header.subtitle {
                try line([.text(subtitle)])
            }
            try line([])
            try line(layout.columns.map { .text($0.title) })
        }
    }

    public func write(_ row: DocumentRow) throws {
        guard var layout else { preconditionFailure("write(_:) called before begin(header:columns:)") }
        self.layout = nil  // held once, so that taking a row copies none of the open groups' sums
        defer { self.layout = layout }
        try layout.accept(row) { event in
            switch (options.layout, event) {
            case (.data, .data(let cells)):
                try line(cells)
            case (.data, _):
                break
            case (.document, _):
                try document(event)
            }
        }
    }

    public func finish(summaries: [DocumentSummary]) throws {
        guard var layout, let file, let header else {
            preconditionFailure("finish(summaries:) called before begin(header:columns:)")
        }
        if options.layout == .document {
            try layout.finish(emit: document)
            for words in layout.spelledLines {
                try line([.text(words)])
            }
            for summary in summaries {
                try line([])
                try line([.text(summary.title)])
                try line(summary.columns.map { .text($0.title) })
                for event in try summaryEvents(summary, labels: style.labels).events {
                    try document(event)
                }
            }
            try foot(header, width: layout.columns.count)
        }
        try file.place()
        self.file = nil
    }

    private func document(_ event: TableEvent) throws {
        switch event {
        case .groupHeading(_, let name): try line([.text(name)])
        case .data(let cells), .subtotal(_, let cells), .total(let cells): try line(cells)
        }
    }

    /// The place and date, then the signers' roles, notes and names, spread across the table's width.
    private func foot(_ header: DocumentHeader, width: Int) throws {
        try line([])
        let blocks = header.signatures
        if let placeAndDate = header.placeAndDate {
            var cells = [DocumentCell](repeating: .empty, count: max(width, blocks.count, 1))
            let last = signatureColumn(max(blocks.count - 1, 0), among: max(blocks.count, 1), width: width)
            cells[last] = .text(placeAndDate)
            try line(cells)
        }
        guard !blocks.isEmpty else { return }
        let texts: [(SignatureBlock) -> String?] = [{ $0.role }, { $0.note }, { $0.name }]
        for text in texts where blocks.contains(where: { text($0) != nil }) {
            var cells = [DocumentCell](repeating: .empty, count: max(width, blocks.count))
            for (index, block) in blocks.enumerated() {
                cells[signatureColumn(index, among: blocks.count, width: width)] = text(block).map(DocumentCell.text) ?? .empty
            }
            try line(cells)
        }
    }

    private func line(_ cells: [DocumentCell]) throws {
        let separator = options.separator == .comma ? "," : ";"
        try file?.write(cells.map(Self.field).joined(separator: separator) + "\r\n")
    }

    /// One cell as a CSV field: numbers plain, dates yyyy-mm-dd, text defused and quoted when it must be.
    public static func field(_ cell: DocumentCell) -> String {
        switch cell {
        case .text(let text): quoted(defused(text))
        case .date(let year, let month, let day): CellFormatting.isoDate(year: year, month: month, day: day)
        default: CellFormatting.plain(cell)
        }
    }

    /// Text starting with "=", "+", "-", "@", a tab or a carriage return gets a leading apostrophe, so that
    /// Excel shows it as text instead of running it as a formula.
    static func defused(_ text: String) -> String {
        guard let first = text.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) else { return text }
        return "'" + text
    }

    /// Quotes a field holding a quote, a separator of either kind or a line break, doubling its quotes.
    static func quoted(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { "\",;\r\n".unicodeScalars.contains($0) }) else { return text }
        guard text.utf8.contains(UInt8(ascii: "\"")) else { return "\"" + text + "\"" }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
