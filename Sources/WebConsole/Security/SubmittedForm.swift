import Foundation

/// A form as the browser sent it: text fields (a name may repeat, as checkboxes do) and uploaded files.
public struct SubmittedForm: Sendable {
    public var fields: [String: [String]] = [:]
    public var files: [String: UploadedFile] = [:]

    public init(fields: [String: [String]] = [:], files: [String: UploadedFile] = [:]) {
        self.fields = fields
        self.files = files
    }

    /// The field's value, trimmed; nil when absent or blank.
    public subscript(_ name: String) -> String? {
        guard let value = fields[name]?.first?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else { return nil }
        return value
    }

    /// Every value of a repeated field (checked boxes).
    public func all(_ name: String) -> [String] { fields[name] ?? [] }
}

/// A file from a form: its name as the clerk's computer called it, its declared type and its bytes.
public struct UploadedFile: Sendable {
    public var fileName: String
    public var contentType: String
    public var content: [UInt8]
}

/// Reads `application/x-www-form-urlencoded` and `multipart/form-data` bodies.
enum FormParser {
    static func urlEncoded(_ body: String) -> SubmittedForm {
        var form = SubmittedForm()
        for pair in body.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = decode(parts[0])
            let value = parts.count > 1 ? decode(parts[1]) : ""
            form.fields[name, default: []].append(value)
        }
        return form
    }

    private static func decode(_ text: Substring) -> String {
        String(text).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? ""
    }

    /// The boundary of a `multipart/form-data` content type, nil for any other type.
    static func boundary(contentType: String) -> String? {
        let parts = contentType.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.first?.lowercased() == "multipart/form-data" else { return nil }
        for part in parts.dropFirst() where part.lowercased().hasPrefix("boundary=") {
            let value = part.dropFirst("boundary=".count).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            return value.isEmpty || value.count > 200 ? nil : value
        }
        return nil
    }

    /// The parts of a multipart body; nil when it is not well formed.
    static func multipart(_ body: [UInt8], boundary: String) -> SubmittedForm? {
        let delimiter = Array("--\(boundary)".utf8)
        var form = SubmittedForm()
        var positions: [Int] = []
        var index = 0
        while let found = find(delimiter, in: body, from: index) {
            positions.append(found)
            index = found + delimiter.count
        }
        guard positions.count >= 2 else { return nil }
        for (start, end) in zip(positions, positions.dropFirst()) {
            var partStart = start + delimiter.count
            guard partStart + 2 <= end, body[partStart] == 13, body[partStart + 1] == 10 else { return nil }
            partStart += 2
            // The part ends with CRLF before the next delimiter.
            let partEnd = end - 2
            guard partEnd >= partStart, let headerEnd = find(Array("\r\n\r\n".utf8), in: body, from: partStart), headerEnd <= partEnd else { return nil }
            let headerText = String(decoding: body[partStart..<headerEnd], as: UTF8.self)
            let content = Array(body[(headerEnd + 4)..<partEnd])
            var disposition = "", type = "text/plain"
            for line in headerText.components(separatedBy: "\r\n") {
                let pieces = line.split(separator: ":", maxSplits: 1)
                guard pieces.count == 2 else { continue }
                switch pieces[0].lowercased() {
                case "content-disposition": disposition = String(pieces[1])
                case "content-type": type = pieces[1].trimmingCharacters(in: .whitespaces)
                default: break
                }
            }
            guard let name = parameter("name", in: disposition) else { return nil }
            if let fileName = parameter("filename", in: disposition) {
                guard !fileName.isEmpty else { continue }  // a file input left empty
                form.files[name] = UploadedFile(fileName: fileName, contentType: type, content: content)
            } else {
                form.fields[name, default: []].append(String(decoding: content, as: UTF8.self))
            }
        }
        return form
    }

    private static func parameter(_ name: String, in header: String) -> String? {
        for piece in header.split(separator: ";") {
            let pair = piece.split(separator: "=", maxSplits: 1)
            guard pair.count == 2, pair[0].trimmingCharacters(in: .whitespaces).lowercased() == name else { continue }
            return pair[1].trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
        }
        return nil
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard let first = needle.first, haystack.count >= needle.count else { return nil }
        var index = start
        let last = haystack.count - needle.count
        while index <= last {
            if haystack[index] == first, haystack[index..<(index + needle.count)].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }
}
