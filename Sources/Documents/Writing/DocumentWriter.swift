import Foundation

/// Writes one document to a file as its rows arrive, so a list of any length is never held whole in memory.
///
/// Call `begin` once, `write` for each row (sorted by group), then `finish`: only `finish` puts the file in place,
/// so an export that fails or is abandoned midway leaves no file (and no half file) behind.
public protocol DocumentWriter: AnyObject {
    /// Starts the document: the texts around the table and its columns (without the automatic "STT").
    func begin(header: DocumentHeader, columns: [DocumentColumn]) throws
    /// Adds the next row of the table.
    func write(_ row: DocumentRow) throws
    /// Ends the table with its subtotals and total, adds the summaries and the foot, and puts the file in place.
    func finish(summaries: [DocumentSummary]) throws
}

extension DocumentWriter {
    /// Writes a whole document from any sequence of rows (which may be produced lazily).
    public func write<Rows: Sequence>(
        header: DocumentHeader, columns: [DocumentColumn], rows: Rows, summaries: [DocumentSummary] = []
    ) throws where Rows.Element == DocumentRow {
        try begin(header: header, columns: columns)
        for row in rows {
            try write(row)
        }
        try finish(summaries: summaries)
    }
}

/// The formats a document can be written in.
public enum DocumentFormat: String, Sendable, CaseIterable {
    case csv, xlsx, html

    /// A writer of this format to `url`, with the shared style; `csv` sets the CSV's separator and layout (the
    /// other formats ignore it).
    public func writer(
        to url: URL, style: DocumentStyle = DocumentStyle(), csv: CSVDocumentWriter.Options = CSVDocumentWriter.Options()
    ) -> any DocumentWriter {
        switch self {
        case .csv: CSVDocumentWriter(url: url, style: style, options: csv)
        case .xlsx: XLSXDocumentWriter(url: url, style: style)
        case .html: HTMLDocumentWriter(url: url, style: style)
        }
    }
}
