import Foundation
import ZIPFoundation

/// Writes a document as an Excel workbook (.xlsx) that Excel, LibreOffice and openpyxl open.
///
/// The first sheet is the paper form: the masthead (issuer on the left, national motto on the right), the title
/// and subtitle merged across the table, the header row (frozen, and repeated on each printed page), group
/// headings, data, subtotals and the total in bold, the total in words, then the place, date and signatures.
/// Numbers are numbers, money is formatted `#,##0`, dates are real dates formatted `dd/mm/yyyy` (days before
/// 1900-03-01, which Excel cannot hold, are written as text), text is inline. Each summary gets a sheet of its own.
///
/// The sheet XML streams to a hidden file beside the destination while rows arrive; `finish` zips the parts into
/// another hidden file and renames it into place, so an interrupted export leaves nothing half written.
public final class XLSXDocumentWriter: DocumentWriter {
    /// The date stamped on every part inside the zip (1 January 2000), so files depend on their data only.
    static let fixedDate = Date(timeIntervalSince1970: 946_684_800)

    private let url: URL
    private let style: DocumentStyle
    private let sheetName: String
    private var header: DocumentHeader?
    private var layout: TableLayout?
    private var sheet: WorksheetStream?
    private var headingRow = 0
    /// The table has a column to sign in, so its data rows are tall enough to sign.
    private var signing = false

    /// `sheetName` names the first sheet (cleaned up to what Excel accepts: at most 31 characters, no `[]:*?/\`).
    public init(url: URL, style: DocumentStyle = DocumentStyle(), sheetName: String = "Danh sách") {
        self.url = url
        self.style = style
        self.sheetName = sheetName
    }

    public func begin(header: DocumentHeader, columns: [DocumentColumn]) throws {
        precondition(sheet == nil, "begin(header:columns:) called twice")
        let layout = TableLayout(columns: columns, style: style)
        headingRow = header.subtitle == nil ? 6 : 7
        let file = try StagedFile(destination: url.deletingLastPathComponent().appendingPathComponent("sheet1.xml"))
        let sheet = try WorksheetStream(
            file: file, widths: layout.columns.map(\.width), frozenRows: headingRow, selected: true)
        self.header = header
        self.layout = layout
        self.sheet = sheet
        signing = layout.columns.contains { $0.kind == .signature }
        try masthead(header, columns: layout.columns, sheet: sheet)
        try sheet.row(layout.columns.map { .init(value: .text($0.title), style: .heading) },
                      height: Self.headingHeight(layout.columns), skipping: 1)
    }

    public func write(_ row: DocumentRow) throws {
        guard var layout, let sheet else { preconditionFailure("write(_:) called before begin(header:columns:)") }
        self.layout = nil  // held once, so that taking a row copies none of the open groups' sums
        defer { self.layout = layout }
        let columns = layout.columns
        let labelSpan = layout.labelSpan
        let signing = signing
        try layout.accept(row) { try Self.table($0, columns: columns, labelSpan: labelSpan, signs: signing, sheet: sheet) }
    }

    public func finish(summaries: [DocumentSummary]) throws {
        guard var layout, let sheet, let header else {
            preconditionFailure("finish(summaries:) called before begin(header:columns:)")
        }
        let columns = layout.columns
        let labelSpan = layout.labelSpan
        try layout.finish { try Self.table($0, columns: columns, labelSpan: labelSpan, signs: false, sheet: sheet) }
        if let amount = layout.amountInWords, let words = style.labels.amountInWords {
            try sheet.row([.init(value: .text("\(words): \(VietnameseNumberWords.spell(amount))."), style: .words)])
            sheet.mergeLastRow(0..<columns.count)
        }
        try foot(header, width: columns.count, sheet: sheet)
        try sheet.finish(orientation: style.orientation)

        var names = [SpreadsheetML.sheetName(sheetName, taken: [])]
        var sheets = [sheet]
        for summary in summaries {
            names.append(SpreadsheetML.sheetName(summary.title, taken: names))
            sheets.append(try summarySheet(summary, number: sheets.count + 1))
        }
        try package(title: header.title, names: names, sheets: sheets)
        self.sheet = nil
    }

    // MARK: - The parts of the first sheet

    /// Issuer on the left half, national motto on the right half, then the title and subtitle across the table.
    private func masthead(_ header: DocumentHeader, columns: [DocumentColumn], sheet: WorksheetStream) throws {
        let width = max(columns.count, 1)
        let left = width >= 2 ? width / 2 : width
        func split(_ leftText: String, _ leftStyle: CellStyle, _ rightText: String?, _ rightStyle: CellStyle) throws {
            var cells = [WorksheetStream.Cell](repeating: .init(value: .blank, style: .plain), count: width)
            cells[0] = .init(value: .text(leftText), style: leftStyle)
            if left < width, let rightText {
                cells[left] = .init(value: .text(rightText), style: rightStyle)
            }
            try sheet.row(cells)
            sheet.mergeLastRow(0..<left)
            sheet.mergeLastRow(left..<width)
        }
        try split(header.governingBody, .masthead, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", .mastheadBold)
        try split(header.issuingBody, .mastheadUnderlined, "Độc lập - Tự do - Hạnh phúc", .mastheadUnderlined)
        let title = header.title.uppercased()
        let totalWidth = columns.reduce(0) { $0 + $1.width }
        let lines = max(1, Int((Double(title.count) * 1.4 / max(totalWidth, 1)).rounded(.up)))
        try sheet.row([.init(value: .text(title), style: .title)], height: Double(lines) * 20, skipping: 1)
        sheet.mergeLastRow(0..<width)
        if let subtitle = header.subtitle {
            try sheet.row([.init(value: .text(subtitle), style: .subtitle)])
            sheet.mergeLastRow(0..<width)
        }
    }

    /// A header row tall enough for its longest heading wrapped in its column.
    private static func headingHeight(_ columns: [DocumentColumn]) -> Double {
        let lines = columns.map { max(1, Int((Double($0.title.count) * 1.15 / max($0.width, 1)).rounded(.up))) }
        return Double(max(lines.max() ?? 1, 2)) * 15.75
    }

    /// One event of the table as a row of the sheet.
    private static func table(
        _ event: TableEvent, columns: [DocumentColumn], labelSpan: Int, signs: Bool, sheet: WorksheetStream
    ) throws {
        switch event {
        case .groupHeading(let level, let name):
            var cells = [WorksheetStream.Cell](repeating: .init(value: .blank, style: .text), count: columns.count)
            let style: CellStyle = level == 0 ? .group : .subgroup
            cells[0] = .init(value: .text(name), style: style)
            try sheet.row(cells)
            sheet.mergeLastRow(0..<columns.count)
        case .data(let values):
            let cells = zip(values, columns).map { cell($0, kind: $1.kind, total: false) }
            try sheet.row(cells, height: signs ? 33 : nil)
        case .subtotal(_, let values), .total(let values):
            let cells = zip(values, columns).map { cell($0, kind: $1.kind, total: true) }
            try sheet.row(cells)
            sheet.mergeLastRow(0..<labelSpan)
        }
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
            try Self.table(event, columns: layout.columns, labelSpan: layout.labelSpan, signs: false, sheet: sheet)
        }
        try sheet.finish(orientation: .portrait)
        return sheet
    }

    /// Zips the workbook's parts into a hidden file beside the destination, then renames it into place.
    private func package(title: String, names: [String], sheets: [WorksheetStream]) throws {
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
                ("xl/workbook.xml", SpreadsheetML.workbook(sheetNames: names, repeatedRows: headingRow...headingRow)),
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
