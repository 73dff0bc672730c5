import Documents
import Foundation
import Storage

/// A document written to a file and recorded in the audit log, as every front end exports: the command line's
/// `export` and the console's downloads.
public enum RecordedExport {
    /// Writes `document` in `format` at `path` and records the export (who, which document, how many rows, which
    /// citizen IDs, `recordedPath` or `path`). No document leaves without its audit row: when the row cannot be
    /// written (busy), the file is removed and the error thrown. Returns the number of rows.
    public static func write(_ document: any ComposedDocument, format: ExportSink.Format, path: String,
                             csv: CSVDocumentWriter.Options = CSVDocumentWriter.Options(), database: UytinDatabase,
                             citizenIds: UytinDatabase.ExportedCitizenIDs = .none, reason: String? = nil,
                             recordedPath: String? = nil) throws -> Int {
        let rows = try ExportSink.write(document, format: format, path: path, csv: csv)
        do {
            try database.recordExport(document: document.auditName, year: document.year, format: format.rawValue, rows: rows,
                                      citizenIds: citizenIds, path: recordedPath ?? path, reason: reason)
        } catch {
            unlink(path)
            throw error
        }
        return rows
    }
}
