import Foundation
import ZIPFoundation

/// Writes a document as an Excel workbook (.xlsx) that Excel, LibreOffice and openpyxl open, and that people can
/// work in.
///
/// The first sheet holds the masthead (issuer on the left, national motto on the right), the annex line, title
/// and subtitle merged across the table, then a flat data table: the header (two rows when columns share a band,
/// frozen and repeated on each printed page), one row per data row with every column, including those that repeat
/// a group (Huyện, Xã), under an AutoFilter; no group headings and no subtotals (the grouped, subtotalled form is
/// the printable HTML). The total row sums with `SUM` formulas, cached values included; then the totals in words,
/// the place, date and signatures. Numbers are numbers, money is formatted `#,##0`, dates are real dates formatted
/// `dd/mm/yyyy` (days before 1900-03-01, which Excel cannot hold, are written as text), text is inline, in Times
/// New Roman 13 pt (the title 14 pt). Each summary gets a sheet of its own.
///
/// The sheet XML streams to a hidden file beside the destination while rows arrive; `finish` zips the parts into
/// another hidden file and renames it into place, so an interrupted export leaves nothing half written.
public final class XLSXDocumentWriter: DocumentWriter {
    /// The date stamped on every part inside the zip (1 January 2000), so files depend on their data only.
    static let fixedDate = Date(timeIntervalSince1970: 946_684_800)

    private let url: URL
    private let style: DocumentStyle
    private let sheetName: String?
    private var header: DocumentHeader?
    private var layout: TableLayout?
    private var sheet: WorksheetStream?
    /// The header's first and last rows (two rows when columns share a band).
    private var headerRows = 0...0
    /// The first and last data rows written, once one is.
    private var firstDataRow: Int?
    private var lastDataRow = 0
    /// The table has a column to sign in, so its data rows are tall enough to sign.
    private var signing = false

    /// `sheetName` names the first sheet when the header gives none (`DocumentHeader.sheetName`); either is cleaned
    /// up to what Excel accepts: at most 31 characters, no `[]:*?/\`.
    public init(url: URL, style: DocumentStyle = DocumentStyle(), sheetName: String? = nil) {
        self.url = url
        self.style = style
        self.sheetName = sheetName
    }

    public func begin(header: DocumentHeader, columns: [DocumentColumn]) throws {
        precondition(sheet == nil, "begin(header:columns:) called twice")
        let layout = TableLayout(columns: columns, style: style, grouped: false)
        let banded = layout.columns.contains { $0.band != nil }
        let first = Self.mastheadLines(header).count + 1 + (header.annex == nil ? 0 : 1) + 1
            + (header.subtitle == nil ? 0 : 1) + 1 + 1
        headerRows = first...(first + (banded ? 1 : 0))
        let file = try StagedFile(destination: url.deletingLastPathComponent().appendingPathComponent("sheet1.xml"))
        let sheet = try WorksheetStream(
            file: file, widths: layout.columns.map(\.width), frozenRows: headerRows.upperBound, selected: true)
        self.header = header
        self.layout = layout
        self.sheet = sheet
        signing = layout.columns.contains { $0.kind == .signature }
        try masthead(header, columns: layout.columns, sheet: sheet)
        try Self.headerRows(layout.columns, sheet: sheet, skipping: 1)
        assert(sheet.lastRow == headerRows.upperBound)
    }

    public func write(_ row: DocumentRow) throws {
        guard var layout, let sheet else { preconditionFailure("write(_:) called before begin(header:columns:)") }
        self.layout = nil  // held once, so that taking a row copies none of the open groups' sums
        defer { self.layout = layout }
        let columns = layout.columns
        let signing = signing
        try layout.accept(row) { event in
            guard case .data(let values) = event else { return }
            let cells = zip(values, columns).map { Self.cell($0, kind: $1.kind, total: false) }
            try sheet.row(cells, height: signing ? 33 : nil)
        }
        if firstDataRow == nil {
            firstDataRow = sheet.lastRow
        }
        lastDataRow = sheet.lastRow
    }

    public func finish(summaries: [DocumentSummary]) throws {
        guard var layout, let sheet, let header else {
            preconditionFailure("finish(summaries:) called before begin(header:columns:)")
        }
        let columns = layout.columns
        let labelSpan = layout.labelSpan
        let dataRows = firstDataRow.map { $0...lastDataRow }
        try layout.finish { event in
            guard case .total(let values) = event else { return }
            var cells = zip(values, columns).map { Self.cell($0, kind: $1.kind, total: true) }
            for (index, column) in columns.enumerated() where column.total {
                guard let dataRows, case .number(let sum) = cells[index].value else { continue }
                let letter = SpreadsheetML.columnName(index)
                cells[index].value = .formula("SUM(\(letter)\(dataRows.lowerBound):\(letter)\(dataRows.upperBound))", cached: sum)
            }
            try sheet.row(cells)
            sheet.mergeLastRow(0..<labelSpan)
        }
        for line in layout.spelledLines {
            try sheet.row([.init(value: .text(line), style: .words)])
            sheet.mergeLastRow(0..<columns.count)
        }
        try foot(header, width: columns.count, sheet: sheet)
        let lastColumn = SpreadsheetML.columnName(max(columns.count - 1, 0))
        let filterEnd = max(lastDataRow, headerRows.upperBound)
        try sheet.finish(orientation: style.orientation, autoFilter: "A\(headerRows.upperBound):\(lastColumn)\(filterEnd)")

        var names = [SpreadsheetML.sheetName(header.sheetName ?? sheetName ?? "Danh sách", taken: [])]
        var sheets = [sheet]
        for summary in summaries {
            names.append(SpreadsheetML.sheetName(summary.sheetName ?? summary.title, taken: names))
            sheets.append(try summarySheet(summary, number: sheets.count + 1))
        }
        try package(title: header.title, names: names, sheets: sheets,
                    filtered: "$A$\(headerRows.upperBound):$\(lastColumn)$\(filterEnd)")
        self.sheet = nil
    }

    // MARK: - The parts of the first sheet

    /// The masthead's left lines: the governing body (when there is one), then the issuing body's lines.
    private static func mastheadLines(_ header: DocumentHeader) -> [(text: String, style: CellStyle)] {
        var lines: [(text: String, style: CellStyle)] = []
        if !header.governingBody.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            lines.append((header.governingBody, .masthead))
        }
        let issuer = header.issuingBody.split(whereSeparator: \.isNewline).map(String.init)
        for (index, line) in issuer.enumerated() {
            lines.append((line, index == issuer.count - 1 ? .mastheadUnderlined : .mastheadBold))
        }
        while lines.count < 2 {
            lines.append(("", .plain))
        }
        return lines
    }

    /// Issuer on the left half, national motto on the right half, then the annex line, the title and subtitle
    /// across the table.
    private func masthead(_ header: DocumentHeader, columns: [DocumentColumn], sheet: WorksheetStream) throws {
        let width = max(columns.count, 1)
        let left = width >= 2 ? width / 2 : width
        let right: [(String, CellStyle)] = [("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", .mastheadBold),
                                            ("Độc lập - Tự do - Hạnh phúc", .mastheadUnderlined)]
        for (index, line) in Self.mastheadLines(header).enumerated() {
            var cells = [WorksheetStream.Cell](repeating: .init(value: .blank, style: .plain), count: width)
            if !line.text.isEmpty {
                cells[0] = .init(value: .text(line.text), style: line.style)
            }
            if left < width, index < right.count {
                cells[left] = .init(value: .text(right[index].0), style: right[index].1)
            }
            try sheet.row(cells)
            sheet.mergeLastRow(0..<left)
            sheet.mergeLastRow(left..<width)
        }
        var skip = 1
        if let annex = header.annex {
            try sheet.row([.init(value: .text(annex), style: .mastheadBold)], skipping: skip)
            sheet.mergeLastRow(0..<width)
            skip = 0
        }
        let title = header.title.uppercased()
        let totalWidth = columns.reduce(0) { $0 + $1.width }
        let lines = max(1, Int((Double(title.count) * 1.5 / max(totalWidth, 1)).rounded(.up)))
        try sheet.row([.init(value: .text(title), style: .title)], height: Double(lines) * 21, skipping: skip)
        sheet.mergeLastRow(0..<width)
        if let subtitle = header.subtitle {
            let lines = max(1, Int((Double(subtitle.count) * 1.3 / max(totalWidth, 1)).rounded(.up)))
            try sheet.row([.init(value: .text(subtitle), style: .subtitle)], height: Double(lines) * 17)
            sheet.mergeLastRow(0..<width)
        }
    }

    /// The table's header: one row, or two when columns share a band (the band merged over its columns' titles,
    /// the other titles merged down both rows).
    static func headerRows(_ columns: [DocumentColumn], sheet: WorksheetStream, skipping: Int) throws {
        let runs = bandRuns(columns)
        guard runs.contains(where: { $0.band != nil }) else {
            try sheet.row(columns.map { .init(value: .text($0.title), style: .heading) },
                          height: headingHeight(columns), skipping: skipping)
            return
        }
        var top = [WorksheetStream.Cell](repeating: .init(value: .blank, style: .heading), count: columns.count)
        var bottom = top
        for run in runs {
            if let band = run.band {
                top[run.columns.lowerBound] = .init(value: .text(band), style: .heading)
                for index in run.columns {
                    bottom[index] = .init(value: .text(columns[index].title), style: .heading)
                }
            } else {
                top[run.columns.lowerBound] = .init(value: .text(columns[run.columns.lowerBound].title), style: .heading)
            }
        }
        try sheet.row(top, height: 15.75 * 1.2, skipping: skipping)
        let first = sheet.lastRow
        try sheet.row(bottom, height: headingHeight(columns.filter { $0.band != nil }))
        for run in runs {
            if run.band != nil {
                sheet.merge(rows: first...first, columns: run.columns)
            } else {
                sheet.merge(rows: first...(first + 1), columns: run.columns)
            }
        }
    }

    /// A header row tall enough for its longest heading wrapped in its column.
    private static func headingHeight(_ columns: [DocumentColumn]) -> Double {
        let lines = columns.map { max(1, Int((Double($0.title.count) * 1.15 / max($0.width, 1)).rounded(.up))) }
        return Double(max(lines.max() ?? 1, 2)) * 15.75
    }

    /// A document cell as a sheet cell, formatted for its column.
    static func cell(_ cell: DocumentCell, kind: DocumentColumn.Kind, total: Bool) -> WorksheetStream.Cell {
        switch cell {
        case .text(let text):
            return .init(value: .text(text), style: total ? .totalText : kind == .integer ? .integer : kind == .date ? .date : .text)
        case .integer(let number):
            return .init(value: .number(number), style: total ? .totalInteger : kind == .money ? .money : .integer)
        case .money(let amount):
            return .init(value: .number(amount), style: total ? .totalMoney : .money)
        case .date(let year, let month, let day):
            guard let serial = CivilDate.excelSerial(year: year, month: month, day: day) else {
                return .init(value: .text(CellFormatting.plain(cell)), style: .date)
            }
            return .init(value: .number(serial), style: .date)
        case .empty:
            let style: CellStyle = switch kind {
            case .integer: total ? .totalInteger : .integer
            case .money: total ? .totalMoney : .money
            case .date: .date
            case .text, .signature: total ? .totalText : .text
            }
            return .init(value: .blank, style: style)
        }
    }

    /// The place and date over the last signer, then each signer's role, note, space to sign, and name.
    private func foot(_ header: DocumentHeader, width: Int, sheet: WorksheetStream) throws {
        let blocks = header.signatures
        let count = max(blocks.count, 1)
        let spans = (0..<count).map { index in
            signatureColumn(index, among: count, width: width)
                ..< (index + 1 < count ? signatureColumn(index + 1, among: count, width: width) : max(width, count))
        }
        var skip = 1
        func line(_ texts: [String?], style: CellStyle, height: Double? = nil) throws {
            var cells = [WorksheetStream.Cell](repeating: .init(value: .blank, style: .plain), count: max(width, count))
            for (span, text) in zip(spans, texts) {
                if let text {
                    cells[span.lowerBound] = .init(value: .text(text), style: style)
                }
            }
            try sheet.row(cells, height: height, skipping: skip)
            skip = 0
            for span in spans {
                sheet.mergeLastRow(span)
            }
        }
        if let placeAndDate = header.placeAndDate {
            try line(Array(repeating: nil, count: count - 1) + [placeAndDate], style: .note)
        }
        guard !blocks.isEmpty else { return }
        try line(blocks.map(\.role), style: .signer)
        if blocks.contains(where: { $0.note != nil }) {
            try line(blocks.map(\.note), style: .note)
        }
        if blocks.contains(where: { $0.name != nil }) {
            skip = 4
            try line(blocks.map(\.name), style: .signer)
        }
    }

    // MARK: - Summaries and the package

    private func summarySheet(_ summary: DocumentSummary, number: Int) throws -> WorksheetStream {
        let file = try StagedFile(destination: url.deletingLastPathComponent().appendingPathComponent("sheet\(number).xml"))
        let (layout, events) = try summaryEvents(summary, labels: style.labels)
        let sheet = try WorksheetStream(file: file, widths: layout.columns.map(\.width), frozenRows: 2, selected: false)
        try sheet.row([.init(value: .text(summary.title), style: .summaryTitle)])
        try sheet.row(layout.columns.map { .init(value: .text($0.title), style: .heading) },
                      height: Self.headingHeight(layout.columns))
        for event in events {
            switch event {
            case .data(let values):
                try sheet.row(zip(values, layout.columns).map { Self.cell($0, kind: $1.kind, total: false) })
            case .subtotal(_, let values), .total(let values):
                try sheet.row(zip(values, layout.columns).map { Self.cell($0, kind: $1.kind, total: true) })
                sheet.mergeLastRow(0..<layout.labelSpan)
            case .groupHeading:
                break
            }
        }
        try sheet.finish(orientation: .portrait)
        return sheet
    }

    /// Zips the workbook's parts into a hidden file beside the destination, then renames it into place.
    private func package(title: String, names: [String], sheets: [WorksheetStream], filtered: String) throws {
        let staged = try StagedFile(destination: url)
        // An empty zip: only the end-of-central-directory record, so ZIPFoundation can open it for update.
        try staged.write([0x50, 0x4B, 0x05, 0x06] + [UInt8](repeating: 0, count: 18))
        try staged.close()
        do {
            let archive = try Archive(url: staged.temporaryURL, accessMode: .update)
            let parts: [(String, String)] = [
                ("[Content_Types].xml", SpreadsheetML.contentTypes(sheetCount: sheets.count)),
                ("_rels/.rels", SpreadsheetML.packageRelationships),
                ("docProps/core.xml", SpreadsheetML.coreProperties(title: title)),
                ("xl/workbook.xml", SpreadsheetML.workbook(sheetNames: names, repeatedRows: headerRows, filtered: filtered)),
                ("xl/_rels/workbook.xml.rels", SpreadsheetML.workbookRelationships(sheetCount: sheets.count)),
                ("xl/styles.xml", SpreadsheetML.styles),
            ]
            // Fixed dates and permissions inside the zip: the same data gives a byte-identical workbook.
            for (path, text) in parts {
                let data = Data(text.utf8)
                try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count),
                                     modificationDate: Self.fixedDate, permissions: 0o644,
                                     compressionMethod: .deflate) { position, size in
                    data.subdata(in: Int(position)..<Int(position) + size)
                }
            }
            for (index, sheet) in sheets.enumerated() {
                let handle = try FileHandle(forReadingFrom: sheet.url)
                defer { try? handle.close() }
                let size = try FileManager.default.attributesOfItem(atPath: sheet.url.path)[.size] as? Int64 ?? 0
                try archive.addEntry(with: "xl/worksheets/sheet\(index + 1).xml", type: .file, uncompressedSize: size,
                                     modificationDate: Self.fixedDate, permissions: 0o644,
                                     compressionMethod: .deflate) { position, chunk in
                    try handle.seek(toOffset: UInt64(position))
                    return handle.readData(ofLength: chunk)
                }
            }
        } catch let error as DocumentError {
            throw error
        } catch {
            throw DocumentError.outputUnwritable(path: url.path, reason: String(describing: error))
        }
        try staged.place()
    }
}
