import Foundation
import ZIPFoundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Reads the first visible sheet of an .xlsx workbook as text cells (see `SpreadsheetReader`).
enum XLSXSheetReader {
    /// No part of a workbook a clerk keeps comes near this; a larger one is taken for a zip bomb.
    private static let largestPart: UInt64 = 512 << 20

    static func rows(ofArchiveAt url: URL) throws -> [[String]] {
        let archive: Archive
        do {
            archive = try Archive(url: url, accessMode: .read)
        } catch {
            throw DocumentError.zipCorrupt(path: url.path)
        }
        let package = Package(archive: archive, path: url.path)
        let workbookPath = try package.relationships(of: "")
            .first { $0.type.hasSuffix("/officeDocument") }?.target ?? "xl/workbook.xml"
        guard let workbook = try package.part(workbookPath) else {
            throw DocumentError.zipCorrupt(path: url.path)
        }
        let relationships = try package.relationships(of: workbookPath)
        let sheetID = try firstSheetRelationship(workbook, path: url.path)
        let sheetPath = relationships.first { $0.id == sheetID }?.target ?? "xl/worksheets/sheet1.xml"
        guard let sheet = try package.part(sheetPath) else {
            throw DocumentError.zipCorrupt(path: url.path)
        }
        let sharedStrings = try relationships.first { $0.type.hasSuffix("/sharedStrings") }
            .flatMap { try package.part($0.target) }
            .map { try parseSharedStrings($0, path: url.path) } ?? []
        let dateStyles = try relationships.first { $0.type.hasSuffix("/styles") }
            .flatMap { try package.part($0.target) }
            .map { try parseDateStyles($0, path: url.path) } ?? []
        return try parseSheet(sheet, sharedStrings: sharedStrings, dateStyles: dateStyles, path: url.path)
    }

    // MARK: - The package

    struct Relationship {
        var id: String
        var type: String
        /// The target's path inside the zip, resolved against the source part's folder.
        var target: String
    }

    struct Package {
        let archive: Archive
        let path: String

        /// The bytes of a part, or nil when the package has no such part.
        func part(_ name: String) throws -> Data? {
            guard let entry = archive[name] else { return nil }
            guard entry.uncompressedSize <= XLSXSheetReader.largestPart else {
                throw DocumentError.zipCorrupt(path: path)
            }
            var data = Data()
            do {
                _ = try archive.extract(entry) { chunk in
                    data.append(chunk)
                    guard UInt64(data.count) <= XLSXSheetReader.largestPart else { throw DocumentError.zipCorrupt(path: path) }
                }
            } catch {
                throw DocumentError.zipCorrupt(path: path)
            }
            return data
        }

        /// The relationships of the part `source` ("" for the package itself), from its `_rels/….rels` part.
        func relationships(of source: String) throws -> [Relationship] {
            let folder = source.split(separator: "/").dropLast().joined(separator: "/")
            let name = source.split(separator: "/").last.map(String.init) ?? ""
            let relsPath = (folder.isEmpty ? "" : folder + "/") + "_rels/\(name).rels"
            guard let data = try part(relsPath) else { return [] }
            var found: [Relationship] = []
            try XMLEvents.parse(data, path: path) { element, attributes in
                guard element == "Relationship", let id = attributes["Id"], let target = attributes["Target"],
                      attributes["TargetMode"] != "External" else { return }
                found.append(Relationship(id: id, type: attributes["Type"] ?? "", target: resolve(target, from: folder)))
            }
            return found
        }

        /// "worksheets/sheet1.xml" from "xl" → "xl/worksheets/sheet1.xml"; "/xl/…" is already absolute.
        private func resolve(_ target: String, from folder: String) -> String {
            var components: [Substring] = target.hasPrefix("/") ? [] : folder.split(separator: "/")
            for component in target.split(separator: "/") {
                switch component {
                case ".": continue
                case "..": _ = components.popLast()
                default: components.append(component)
                }
            }
            return components.joined(separator: "/")
        }
    }

    /// The relationship id of the first sheet not hidden (or of the first sheet, when all are).
    private static func firstSheetRelationship(_ workbook: Data, path: String) throws -> String? {
        var sheets: [(id: String, visible: Bool)] = []
        try XMLEvents.parse(workbook, path: path) { element, attributes in
            guard element == "sheet" else { return }
            let id = attributes.first { $0.key == "id" || $0.key.hasSuffix(":id") }?.value ?? ""
            sheets.append((id, (attributes["state"] ?? "visible") == "visible"))
        }
        return (sheets.first { $0.visible } ?? sheets.first)?.id
    }

    // MARK: - Strings and styles

    private static func parseSharedStrings(_ data: Data, path: String) throws -> [String] {
        var strings: [String] = []
        var current = ""
        var phonetic = 0
        var inText = false
        try XMLEvents.parse(data, path: path, start: { element, _ in
            switch element {
            case "si": current = ""
            case "rPh": phonetic += 1
            case "t": inText = phonetic == 0
            default: break
            }
        }, end: { element in
            switch element {
            case "si": strings.append(current)
            case "rPh": phonetic -= 1
            case "t": inText = false
            default: break
            }
        }, text: { text in
            if inText { current += text }
        })
        return strings
    }

    /// For each cell format (`s` of a cell), whether it shows a date.
    private static func parseDateStyles(_ data: Data, path: String) throws -> [Bool] {
        var customFormats: [Int: String] = [:]
        var formats: [Int] = []
        var inCellFormats = false
        try XMLEvents.parse(data, path: path, start: { element, attributes in
            switch element {
            case "numFmt":
                if let id = attributes["numFmtId"].flatMap(Int.init), let code = attributes["formatCode"] {
                    customFormats[id] = code
                }
            case "cellXfs": inCellFormats = true
            case "xf" where inCellFormats: formats.append(attributes["numFmtId"].flatMap(Int.init) ?? 0)
            default: break
            }
        }, end: { element in
            if element == "cellXfs" { inCellFormats = false }
        })
        return formats.map { id in
            if let code = customFormats[id] { return isDateFormat(code) }
            return (14...17).contains(id) || id == 22
        }
    }

    /// A number format shows a date when, outside quoted text, escapes and [brackets], it has a day or year.
    static func isDateFormat(_ code: String) -> Bool {
        var quoted = false
        var bracketed = false
        var escaped = false
        for character in code {
            if escaped { escaped = false; continue }
            switch character {
            case "\"": quoted.toggle()
            case "\\" where !quoted: escaped = true
            case "[" where !quoted: bracketed = true
            case "]" where !quoted: bracketed = false
            case "d", "D", "y", "Y":
                if !quoted && !bracketed { return true }
            default: break
            }
        }
        return false
    }

    // MARK: - The sheet

    private static func parseSheet(_ data: Data, sharedStrings: [String], dateStyles: [Bool], path: String) throws -> [[String]] {
        var rows: [[String]] = []
        var rowNumber = 0
        var column = -1
        var cell = (reference: String?.none, type: "n", style: 0)
        var value = ""
        var inline = ""
        var inValue = false
        var inInlineText = false
        var phonetic = 0

        try XMLEvents.parse(data, path: path, start: { element, attributes in
            switch element {
            case "row":
                rowNumber = attributes["r"].flatMap(Int.init) ?? rowNumber + 1
                column = -1
            case "c":
                cell = (attributes["r"], attributes["t"] ?? "n", attributes["s"].flatMap(Int.init) ?? 0)
                value = ""
                inline = ""
            case "v": inValue = true
            case "rPh": phonetic += 1
            case "t": inInlineText = phonetic == 0
            default: break
            }
        }, end: { element in
            switch element {
            case "v": inValue = false
            case "rPh": phonetic -= 1
            case "t": inInlineText = false
            case "c":
                column = cell.reference.flatMap(columnIndex) ?? column + 1
                let text = display(type: cell.type, value: value, inline: inline, sharedStrings: sharedStrings,
                                   isDate: dateStyles.indices.contains(cell.style) && dateStyles[cell.style])
                guard !text.isEmpty, (1...1_048_576).contains(rowNumber), column < 16_384 else { return }
                while rows.count < rowNumber { rows.append([]) }
                while rows[rowNumber - 1].count <= column { rows[rowNumber - 1].append("") }
                rows[rowNumber - 1][column] = text
            default: break
            }
        }, text: { text in
            if inValue { value += text } else if inInlineText { inline += text }
        })
        return rows
    }

    /// The column index (from 0) of a reference such as "C5"; nil when it has no letters.
    static func columnIndex(_ reference: String) -> Int? {
        var index = 0
        var letters = 0
        for scalar in reference.unicodeScalars {
            guard ("A"..."Z").contains(scalar) || ("a"..."z").contains(scalar) else { break }
            index = index * 26 + Int(scalar.properties.uppercaseMapping.unicodeScalars.first!.value - 64)
            letters += 1
            if letters > 3 { return nil }
        }
        return letters == 0 ? nil : index - 1
    }

    /// A cell's text as Excel shows it in General format (or dd/mm/yyyy for a date).
    private static func display(type: String, value: String, inline: String, sharedStrings: [String], isDate: Bool) -> String {
        switch type {
        case "s":
            guard let index = Int(value.trimmingCharacters(in: .whitespaces)), sharedStrings.indices.contains(index) else { return "" }
            return sharedStrings[index]
        case "inlineStr": return inline
        case "str", "e": return value
        case "b": return value == "1" ? "TRUE" : value == "0" ? "FALSE" : value
        case "d":
            let parts = value.prefix(10).split(separator: "-").compactMap { Int($0) }
            guard parts.count == 3 else { return value }
            return CellFormatting.date(year: parts[0], month: parts[1], day: parts[2])
        default:
            return number(value, isDate: isDate)
        }
    }

    /// 1971 for "1971" and "1971.0"; 0.5 for "5E-1"; a day for a date serial in a date format.
    static func number(_ value: String, isDate: Bool) -> String {
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        guard let number = Double(trimmed), number.isFinite else { return trimmed }
        if isDate, (0..<3_000_000).contains(number), let day = CivilDate.day(excelSerial: Int(number.rounded(.down))) {
            return CellFormatting.date(year: day.year, month: day.month, day: day.day)
        }
        if number == number.rounded(), abs(number) < 1e15 {
            return String(Int(number))
        }
        return String(format: "%.15g", number)
    }
}

/// Foundation's XMLParser driven by closures, with element names stripped of any namespace prefix.
final class XMLEvents: NSObject, XMLParserDelegate {
    private let start: (String, [String: String]) throws -> Void
    private let end: (String) throws -> Void
    private let text: (String) -> Void
    private var failure: Error?

    private init(start: @escaping (String, [String: String]) throws -> Void, end: @escaping (String) throws -> Void,
                 text: @escaping (String) -> Void) {
        self.start = start
        self.end = end
        self.text = text
    }

    /// Parses `data`, calling back for each element's start and end and for character data; a document that is
    /// not well-formed XML is a corrupt workbook.
    static func parse(
        _ data: Data, path: String, start: @escaping (String, [String: String]) throws -> Void,
        end: @escaping (String) throws -> Void = { _ in }, text: @escaping (String) -> Void = { _ in }
    ) throws {
        let events = XMLEvents(start: start, end: end, text: text)
        // Fed as a stream, in chunks: given more than 10 MB at once (a sheet of some 30,000 rows, which Excel
        // writes on one line), libxml2 stops with "huge input lookup".
        let parser = XMLParser(stream: InputStream(data: data))
        parser.shouldProcessNamespaces = false
        parser.shouldResolveExternalEntities = false
        parser.delegate = events
        let parsed = parser.parse()
        if let failure = events.failure {
            throw failure
        }
        guard parsed else { throw DocumentError.zipCorrupt(path: path) }
    }

    private static func localName(_ name: String) -> String {
        guard let colon = name.lastIndex(of: ":") else { return name }
        return String(name[name.index(after: colon)...])
    }

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName: String?, attributes: [String: String] = [:]) {
        do {
            try start(Self.localName(elementName), attributes)
        } catch {
            failure = error
            parser.abortParsing()
        }
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
        do {
            try end(Self.localName(elementName))
        } catch {
            failure = error
            parser.abortParsing()
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        text(string)
    }

    func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
        text(String(decoding: CDATABlock, as: UTF8.self))
    }
}
