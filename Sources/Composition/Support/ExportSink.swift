import Documents
import Foundation
import Registry
import Storage

/// Where an export's rows go: a CSV (with its separator), XLSX or HTML document, or a JSON array, written as the
/// rows stream from SQLite. The command line's exports and the console's downloads write through it.
public final class ExportSink: DocumentOutput {
    public enum Format: String, CaseIterable, Sendable {
        case csv, xlsx, html, json
    }

    private let format: Format
    private let url: URL
    private let csv: CSVDocumentWriter.Options
    private var writer: (any DocumentWriter)?
    private var json: FileHandle?
    private var temporary: URL?
    private let encoder: JSONEncoder
    public private(set) var rows = 0

    /// Composes `document` into a file of `format` at `path`; returns the number of rows written.
    public static func write(_ document: any ComposedDocument, format: Format, path: String,
                             csv: CSVDocumentWriter.Options = CSVDocumentWriter.Options()) throws -> Int {
        let sink = try ExportSink(format: format, path: path, csv: csv)
        try document.compose(into: sink)
        return sink.rows
    }

    public init(format: Format, path: String, csv: CSVDocumentWriter.Options = CSVDocumentWriter.Options()) throws {
        self.format = format
        self.csv = csv
        url = URL(fileURLWithPath: path)
        encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let folder = url.deletingLastPathComponent().path
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.isEmpty ? "." : folder, isDirectory: &isFolder), isFolder.boolValue else {
            throw RegistryError.cannotCreate(path, Message(vi: "thư mục không tồn tại", en: "no such folder"))
        }
    }

    public func begin(header: DocumentHeader, columns: [DocumentColumn], style: DocumentStyle) throws {
        if let documentFormat = DocumentFormat(rawValue: format.rawValue) {
            let writer = documentFormat.writer(to: url, style: style, csv: csv)
            try writer.begin(header: header, columns: columns)
            self.writer = writer
        } else {
            // JSON is written beside the target and renamed at the end, like the documents: no half file.
            let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).part")
            guard FileManager.default.createFile(atPath: temporary.path, contents: nil),
                  let handle = try? FileHandle(forWritingTo: temporary) else {
                throw RegistryError.cannotCreate(url.path, "cannot write")
            }
            handle.write(Data("[".utf8))
            json = handle
            self.temporary = temporary
        }
    }

    /// Adds one row: its document cells, and the object that stands for it in JSON.
    public func emit(_ row: DocumentRow, _ object: any Encodable) throws {
        if let writer {
            try writer.write(row)
        } else if let json {
            json.write(Data(((rows == 0 ? "\n" : ",\n") + String(decoding: try encoder.encode(object), as: UTF8.self)).utf8))
        }
        rows += 1
    }

    /// Ends the document with its summaries and puts the file in place.
    public func finish(summaries: [DocumentSummary]) throws {
        if let writer {
            try writer.finish(summaries: summaries)
        } else if let json, let temporary {
            json.write(Data("\n]\n".utf8))
            try json.close()
            // rename(2) replaces an older file in one step: it is never deleted before the new one is in place.
            guard rename(temporary.path, url.path) == 0 else {
                throw RegistryError.cannotCreate(url.path, errno: errno)
            }
        }
    }

    deinit {
        if let temporary, FileManager.default.fileExists(atPath: temporary.path) {
            try? FileManager.default.removeItem(at: temporary)
        }
    }
}

/// The formats as a clerk may type them (`--format excel` is xlsx).
extension ExportSink.Format: ClerkChoice {
    public init?(parsing text: String) {
        switch VietnameseText.searchKey(text) {
        case "excel", "xls": self = .xlsx
        case "web", "trang web", "htm": self = .html
        case let key: self.init(rawValue: key)
        }
    }

    public var choiceName: Message { Message(vi: rawValue, en: rawValue) }
}

/// An export as every front end makes it: the year checked against the terms, the document composed into its file,
/// and the audit row that no document leaves without.
public enum DocumentExport {
    /// Composes `document` into `path` and records the export (who, which document, how many rows, which citizen IDs
    /// and why); when the audit row cannot be written (busy), the file is removed and the error thrown. `auditPath`
    /// is what the audit row names as the destination (default `path`). Returns the number of rows.
    public static func write(_ document: any ComposedDocument, format: ExportSink.Format, path: String,
                             csv: CSVDocumentWriter.Options = CSVDocumentWriter.Options(), database: UytinDatabase,
                             citizenIds: UytinDatabase.ExportedCitizenIDs = .none, reason: String? = nil,
                             auditPath: String? = nil) throws -> Int {
        let rows = try ExportSink.write(document, format: format, path: path, csv: csv)
        do {
            try database.recordExport(document: document.auditName, year: document.year, format: format.rawValue, rows: rows,
                                      citizenIds: citizenIds, path: auditPath ?? path, reason: reason)
        } catch {
            unlink(path)
            throw error
        }
        return rows
    }
}
