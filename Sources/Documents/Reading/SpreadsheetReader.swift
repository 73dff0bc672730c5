import CSV
import Foundation

/// Reads the lists clerks keep in Excel, as text cells by row, for an import.
///
/// Element `i` of the result is the sheet's row `i + 1`, so row numbers match what the clerk sees in Excel
/// (empty rows are empty arrays; rows may have different lengths).
///
/// - CSV: UTF-8 with or without a byte order mark; the separator (";" as Excel writes it in a Vietnamese
///   locale, or ",") is the one the widest line uses most; quoted fields and CRLF or LF line ends. UTF-16 text
///   and bytes that are not UTF-8 are refused with a `DocumentError`.
/// - XLSX: the first visible sheet; shared and inline strings; numbers as Excel shows them in General format
///   (1971, not 1971.0); cells with a date format as dd/mm/yyyy (other date serials stay numbers); the cached
///   result of a formula; merged cells only in their top-left cell.
public enum SpreadsheetReader {
    /// The rows of the .csv or .xlsx file at `url` (the kind is told by the bytes, then by the extension).
    public static func rows(ofFileAt url: URL) throws -> [[String]] {
        let data: Data
        do {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder), !isFolder.boolValue else {
                throw DocumentError.fileUnreadable(path: url.path)
            }
            data = try Data(contentsOf: url, options: .mappedIfSafe)
        } catch {
            throw DocumentError.fileUnreadable(path: url.path)
        }
        let bytes = [UInt8](data.prefix(4))
        let fileExtension = url.pathExtension.lowercased()
        if bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) || bytes.starts(with: [0x50, 0x4B, 0x05, 0x06]) {
            return try XLSXSheetReader.rows(ofArchiveAt: url)
        }
        if ["xlsx", "xlsm"].contains(fileExtension) {
            throw DocumentError.zipCorrupt(path: url.path)
        }
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            throw DocumentError.utf16(path: url.path)
        }
        guard ["csv", "txt", ""].contains(fileExtension) else {
            throw DocumentError.notSpreadsheet(path: url.path)
        }
        return try csvRows(data, path: url.path)
    }

    /// The rows of CSV bytes; `path` names the file in errors.
    public static func csvRows(_ data: Data, path: String) throws -> [[String]] {
        var body = data
        if body.starts(with: [0xEF, 0xBB, 0xBF]) {
            body = body.dropFirst(3)
        }
        if body.contains(0) {
            throw looksLikeUTF16(body) ? DocumentError.utf16(path: path) : DocumentError.notSpreadsheet(path: path)
        }
        if let line = firstInvalidUTF8Line(body) {
            throw DocumentError.notUTF8(path: path, line: line)
        }
        let text = String(decoding: body, as: UTF8.self)
        let reader: CSVReader
        do {
            reader = try CSVReader(string: text, hasHeaderRow: false, trimFields: false, delimiter: separator(of: text))
        } catch {
            throw DocumentError.notSpreadsheet(path: path)
        }
        var rows: [[String]] = []
        while let row = reader.next() {
            rows.append(row == [""] ? [] : row)
        }
        if reader.error != nil {
            throw DocumentError.notSpreadsheet(path: path)
        }
        return rows
    }

    /// ";" when some line of the first fifty holds more semicolons (outside quotes) than any holds commas.
    static func separator(of text: String) -> Unicode.Scalar {
        var most: [Unicode.Scalar: Int] = [",": 0, ";": 0]
        var counts: [Unicode.Scalar: Int] = [",": 0, ";": 0]
        var quoted = false
        var lines = 0
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"":
                quoted.toggle()
            case ",", ";":
                if !quoted { counts[scalar, default: 0] += 1 }
            case "\n" where !quoted:
                for (key, count) in counts { most[key] = max(most[key] ?? 0, count) }
                counts = [",": 0, ";": 0]
                lines += 1
            default:
                break
            }
            if lines == 50 { break }
        }
        for (key, count) in counts { most[key] = max(most[key] ?? 0, count) }
        return (most[";"] ?? 0) > (most[","] ?? 0) ? ";" : ","
    }

    /// The line (from 1) of the first byte sequence that is not UTF-8; nil when all of it is.
    static func firstInvalidUTF8Line(_ data: Data) -> Int? {
        var iterator = data.makeIterator()
        var decoder = UTF8()
        var line = 1
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                if scalar == "\n" { line += 1 }
            case .emptyInput:
                return nil
            case .error:
                return line
            }
        }
    }

    /// UTF-16 text without a byte order mark: zero bytes fill most of the even or of the odd positions.
    private static func looksLikeUTF16(_ data: Data) -> Bool {
        let sample = [UInt8](data.prefix(512))
        guard sample.count >= 4 else { return false }
        let evenZeros = stride(from: 0, to: sample.count, by: 2).filter { sample[$0] == 0 }.count
        let oddZeros = stride(from: 1, to: sample.count, by: 2).filter { sample[$0] == 0 }.count
        let half = sample.count / 2
        return max(evenZeros, oddZeros) * 10 >= half * 7 && min(evenZeros, oddZeros) * 10 <= half
    }
}
