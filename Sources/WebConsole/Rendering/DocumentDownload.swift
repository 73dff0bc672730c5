import Composition
import Foundation
import Hummingbird
import Registry
import Storage

/// Documents leaving the console: written into `<filesFolder>/downloads` (0700) under a name the console makes up —
/// never one taken from the request — sent, and removed. A route takes a year and a format, never a path.
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

    static func contentType(_ format: ExportSink.Format) -> String {
        switch format {
        case .xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        case .csv: "text/csv; charset=utf-8"
        case .html: "text/html; charset=utf-8"
        case .json: "application/json"
        }
    }

    /// Writes `document` through the same sink and audit row as `uytin export` (the row names the signed-in account
    /// and "console:<fileName>"), then answers with the file as an attachment named `fileName` (ASCII, made by the
    /// page).
    static func response(_ document: any ComposedDocument, format: ExportSink.Format, fileName: String, database: UytinDatabase,
                         filesFolder: String, citizenIds: UytinDatabase.ExportedCitizenIDs = .none, reason: String? = nil) throws -> Response {
        let path = temporaryPath(in: try folder(filesFolder), extension: format.rawValue)
        do {
            _ = try DocumentExport.write(document, format: format, path: path, database: database, citizenIds: citizenIds,
                                         reason: reason, auditPath: "console:" + fileName)
        } catch {
            unlink(path)
            throw error
        }
        return try stream(path: path, contentType: contentType(format), fileName: fileName)
    }

    /// The folder downloads are written in before they are sent, made (0700) when missing; a symbolic link or a file
    /// in its place is refused rather than followed.
    static func folder(_ root: String) throws -> String {
        let folder = (root as NSString).appendingPathComponent("downloads")
        for path in [root, folder] {
            var info = stat()
            if lstat(path, &info) == 0 {
                guard info.st_mode & S_IFMT == S_IFDIR else {
                    throw RegistryError.cannotCreate(path, Message(vi: "không phải một thư mục", en: "not a folder"))
                }
            } else if mkdir(path, 0o700) != 0, errno != EEXIST {
                throw RegistryError.cannotCreate(path, errno: errno)
            }
        }
        return folder
    }

    /// A new file's path in `folder`: a random name with the format's extension.
    static func temporaryPath(in folder: String, extension suffix: String) -> String {
        (folder as NSString).appendingPathComponent("\(UUID().uuidString).\(suffix)")
    }

    /// Sends the file at `path` as an attachment named `fileName`, in chunks. The file is unlinked as soon as it is
    /// open: the open handle keeps its bytes for the response, and the folder keeps nothing, even if the browser
    /// goes away before the end.
    static func stream(path: String, contentType: String, fileName: String) throws -> Response {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            unlink(path)
            throw RegistryError.cannotCreate(path, errno: errno)
        }
        unlink(path)
        let reader = ChunkReader(handle)
        let size = reader.size()
        var response = Response(status: .ok, headers: [.contentType: contentType], body: ResponseBody(contentLength: size) { writer in
            defer { reader.close() }
            while let chunk = try reader.next() {
                try await writer.write(ByteBuffer(bytes: chunk))
            }
            try await writer.finish(nil)
        })
        response.headers[.contentDisposition] = attachment(fileName)
        response.headers[.cacheControl] = "no-store"
        return response
    }

    /// `attachment; filename="…"` with a name made safe (`safeFileName`).
    static func attachment(_ fileName: String) -> String {
        "attachment; filename=\"\(fileName)\""
    }

    /// A file name that is safe in a header and on any disk: ASCII letters, digits, '.', '-' and '_' only (Vietnamese
    /// letters lose their marks, "đ" becomes "d"), at most 100 characters, ending in `suffix`; `defaultStem` when
    /// nothing is left.
    static func safeFileName(_ name: String, defaultStem: String, suffix: String) -> String {
        let folded = baseName(name).replacingOccurrences(of: "đ", with: "d").replacingOccurrences(of: "Đ", with: "D")
            .folding(options: [.diacriticInsensitive], locale: nil)
        var stem = folded.lowercased().hasSuffix(suffix.lowercased()) ? String(folded.dropLast(suffix.count)) : folded
        stem = String(stem.unicodeScalars.map { scalar -> Character in
            scalar.isASCII && (CharacterSet.alphanumerics.contains(scalar) || "-_.".unicodeScalars.contains(scalar)) ? Character(scalar) : "-"
        })
        while stem.contains("--") { stem = stem.replacingOccurrences(of: "--", with: "-") }
        stem = stem.trimmingCharacters(in: CharacterSet(charactersIn: "-."))
        if stem.isEmpty { stem = defaultStem }
        return String(stem.prefix(100 - suffix.count)) + suffix
    }

    /// A file name as a browser sent it, without any folder (some send "C:\fakepath\x.pdf") or control characters,
    /// at most 200 characters.
    static func baseName(_ name: String) -> String {
        let last = name.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        let clean = String(last.unicodeScalars.filter { !CharacterSet.controlCharacters.contains($0) })
        return String(clean.trimmingCharacters(in: .whitespaces).suffix(200))
    }
}

/// Reads an open file in chunks for a response body; used by one writer at a time.
private final class ChunkReader: @unchecked Sendable {
    private let handle: FileHandle
    static let chunk = 64 << 10

    init(_ handle: FileHandle) { self.handle = handle }

    /// The file's size, or nil when it cannot be told (the body is then sent chunked).
    func size() -> Int? {
        guard let end = try? handle.seekToEnd(), (try? handle.seek(toOffset: 0)) != nil else { return nil }
        return Int(end)
    }

    /// The next chunk, nil at the end.
    func next() throws -> [UInt8]? {
        guard let data = try handle.read(upToCount: Self.chunk), !data.isEmpty else { return nil }
        return [UInt8](data)
    }

    func close() { try? handle.close() }
}

/// Page numbers of a long table: `?page=N` (anything else is page 1) and the links to the pages beside it.
enum PageNumbers {
    static func number(_ request: Request) -> Int {
        guard let text = request.uri.queryParameters.get("page"), text.count <= 7, let number = Int(text), number >= 1 else { return 1 }
        return number
    }

    /// The links of the template's paging bar, nil when everything fits on one page.
    static func links(path: String, query: [(String, String)], page: Int, total: Int, perPage: Int) -> [String: Any]? {
        let count = max(1, (total + perPage - 1) / perPage)
        guard count > 1 else { return nil }
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        func href(_ number: Int) -> String {
            path + "?" + (query + [("page", String(number))])
                .map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")" }.joined(separator: "&")
        }
        var links: [String: Any] = ["number": page, "count": count]
        if page > 1 { links["previous"] = href(min(page - 1, count)) }
        if page < count { links["next"] = href(page + 1) }
        return links
    }
}
