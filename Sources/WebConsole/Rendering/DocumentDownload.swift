import Composition
import Foundation
import Hummingbird
import NIOCore
import Registry
import Storage

/// A composed document sent to the browser as a file: written by the same sink and audit row as `uytin export`
/// into a file of its own under `<files folder>/downloads` (mode 0700, a name the console makes, never one from the
/// request), then streamed and removed. The file is unlinked as soon as it is open, so nothing is left behind even
/// when the browser goes away mid-download.
enum DocumentDownload {
    /// The formats a page offers.
    static func format(_ text: String?) -> ExportSink.Format? {
        switch text {
        case "xlsx": .xlsx
        case "html": .html
        case "csv": .csv
        default: nil
        }
    }

    /// Writes `document`, records the export under the signed-in account, and answers with the file as
    /// `fileName` (ASCII, made by the page).
    static func response(_ document: any ComposedDocument, format: ExportSink.Format, fileName: String,
                         database: UytinDatabase, filesFolder: String) throws -> Response {
        let folder = try downloadsFolder(filesFolder)
        let path = folder + "/" + UUID().uuidString.lowercased() + "." + format.rawValue
        _ = try RecordedExport.write(document, format: format, path: path, database: database, recordedPath: "download:" + fileName)
        let descriptor = open(path, O_RDONLY)
        unlink(path)
        guard descriptor >= 0 else { throw RegistryError.cannotCreate(path, errno: errno) }
        let file = OpenFile(descriptor)
        var info = stat()
        let length = fstat(descriptor, &info) == 0 ? Int(info.st_size) : nil
        let body = ResponseBody(contentLength: length) { writer in
            while let chunk = file.read() {
                try await writer.write(chunk)
            }
            try await writer.finish(nil)
        }
        var response = Response(status: .ok, headers: [.contentType: contentType(format)], body: body)
        response.headers[.contentDisposition] = "attachment; filename=\"\(fileName)\""
        response.headers[.cacheControl] = "no-store"
        return response
    }

    static func contentType(_ format: ExportSink.Format) -> String {
        switch format {
        case .xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        case .html: "text/html; charset=utf-8"
        case .csv: "text/csv; charset=utf-8"
        case .json: "application/json"
        }
    }

    /// `<files folder>/downloads`, made (0700) when missing.
    static func downloadsFolder(_ filesFolder: String) throws -> String {
        let folder = filesFolder + "/downloads"
        for path in [filesFolder, folder] where !FileManager.default.fileExists(atPath: path) {
            guard mkdir(path, 0o700) == 0 || errno == EEXIST else { throw RegistryError.cannotCreate(path, errno: errno) }
        }
        return folder
    }

    /// A file open for reading, closed when the response that streams it is done with it.
    final class OpenFile: @unchecked Sendable {
        private let descriptor: Int32

        init(_ descriptor: Int32) {
            self.descriptor = descriptor
        }

        /// The next part of the file; nil at its end.
        func read() -> ByteBuffer? {
            var bytes = [UInt8](repeating: 0, count: 64 << 10)
            let count = bytes.withUnsafeMutableBytes { Foundation.read(descriptor, $0.baseAddress, $0.count) }
            guard count > 0 else { return nil }
            return ByteBuffer(bytes: bytes[0..<count])
        }

        deinit {
            close(descriptor)
        }
    }
}
