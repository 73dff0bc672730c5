import Foundation

/// The cell formats of the workbooks this library writes: indexes into `cellXfs` of `SpreadsheetML.styles`.
enum CellStyle: Int {
    case plain = 0
    case masthead, mastheadBold, mastheadUnderlined, title, subtitle
    case heading
    case text, integer, money, date
    case group, subgroup
    case totalText, totalInteger, totalMoney
    case signer, note, words, summaryTitle
}

/// The fixed parts of an .xlsx package (SpreadsheetML, ECMA-376), written by hand.
enum SpreadsheetML {
    static let declaration = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
    static let mainNamespace = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    static let relationshipsNamespace = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

    /// Fonts: 0 normal, 1 bold, 2 italic, 3 bold underlined, 4 bold 14 pt, 5 bold italic (Times New Roman 13 pt, as
    /// official papers are). Borders: 0 none, 1 thin all round. Number formats: 3 `#,##0`, 164 `dd/mm/yyyy`.
    /// The order of `cellXfs` follows `CellStyle`.
    static let styles: String = {
        func font(_ extra: String, size: Int = 13) -> String {
            "<font>\(extra)<sz val=\"\(size)\"/><name val=\"Times New Roman\"/><family val=\"1\"/></font>"
        }
        let fonts = [font(""), font("<b/>"), font("<i/>"), font("<b/><u/>"), font("<b/>", size: 14), font("<b/><i/>")]
        func xf(font: Int = 0, border: Int = 0, format: Int = 0, horizontal: String? = nil, wrap: Bool = false) -> String {
            var attributes = "numFmtId=\"\(format)\" fontId=\"\(font)\" fillId=\"0\" borderId=\"\(border)\" xfId=\"0\""
            if format != 0 { attributes += " applyNumberFormat=\"1\"" }
            if font != 0 { attributes += " applyFont=\"1\"" }
            if border != 0 { attributes += " applyBorder=\"1\"" }
            var alignment = "vertical=\"center\""
            if let horizontal { alignment = "horizontal=\"\(horizontal)\" " + alignment }
            if wrap { alignment += " wrapText=\"1\"" }
            return "<xf \(attributes) applyAlignment=\"1\"><alignment \(alignment)/></xf>"
        }
        let formats: [CellStyle: String] = [
            .plain: xf(),
            .masthead: xf(horizontal: "center"),
            .mastheadBold: xf(font: 1, horizontal: "center"),
            .mastheadUnderlined: xf(font: 3, horizontal: "center"),
            .title: xf(font: 4, horizontal: "center", wrap: true),
            .subtitle: xf(font: 2, horizontal: "center", wrap: true),
            .heading: xf(font: 1, border: 1, horizontal: "center", wrap: true),
            .text: xf(border: 1, wrap: true),
            .integer: xf(border: 1, horizontal: "center"),
            .money: xf(border: 1, format: 3),
            .date: xf(border: 1, format: 164, horizontal: "center"),
            .group: xf(font: 1, border: 1),
            .subgroup: xf(font: 5, border: 1),
            .totalText: xf(font: 1, border: 1, horizontal: "center", wrap: true),
            .totalInteger: xf(font: 1, border: 1, horizontal: "center"),
            .totalMoney: xf(font: 1, border: 1, format: 3),
            .signer: xf(font: 1, horizontal: "center", wrap: true),
            .note: xf(font: 2, horizontal: "center", wrap: true),
            .words: xf(font: 2),
            .summaryTitle: xf(font: 1),
        ]
        let cellFormats = (0..<formats.count).map { formats[CellStyle(rawValue: $0)!]! }
        let thin = "<left style=\"thin\"><color auto=\"1\"/></left><right style=\"thin\"><color auto=\"1\"/></right>"
            + "<top style=\"thin\"><color auto=\"1\"/></top><bottom style=\"thin\"><color auto=\"1\"/></bottom><diagonal/>"
        return declaration
            + "<styleSheet xmlns=\"\(mainNamespace)\">"
            + "<numFmts count=\"1\"><numFmt numFmtId=\"164\" formatCode=\"dd/mm/yyyy\"/></numFmts>"
            + "<fonts count=\"\(fonts.count)\">\(fonts.joined())</fonts>"
            + "<fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill><fill><patternFill patternType=\"gray125\"/></fill></fills>"
            + "<borders count=\"2\"><border><left/><right/><top/><bottom/><diagonal/></border><border>\(thin)</border></borders>"
            + "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>"
            + "<cellXfs count=\"\(cellFormats.count)\">\(cellFormats.joined())</cellXfs>"
            + "<cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles>"
            + "</styleSheet>"
    }()

    static func contentTypes(sheetCount: Int) -> String {
        let sheets = (1...sheetCount).map {
            "<Override PartName=\"/xl/worksheets/sheet\($0).xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
        }
        return declaration
            + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
            + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
            + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
            + "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
            + sheets.joined()
            + "<Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>"
            + "<Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>"
            + "</Types>"
    }

    static let packageRelationships = declaration
        + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        + "<Relationship Id=\"rId1\" Type=\"\(relationshipsNamespace)/officeDocument\" Target=\"xl/workbook.xml\"/>"
        + "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>"
        + "</Relationships>"

    static func coreProperties(title: String) -> String {
        declaration
            + "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\""
            + " xmlns:dc=\"http://purl.org/dc/elements/1.1/\">"
            + "<dc:title>\(XMLText.escaped(title))</dc:title><dc:creator>uytin</dc:creator>"
            + "</cp:coreProperties>"
    }

    /// The workbook: its sheets in order, the rows the first sheet repeats at the top of each printed page, and the
    /// range of its AutoFilter (`_xlnm._FilterDatabase`, hidden, as Excel writes it), e.g. "$A$7:$J$77".
    static func workbook(sheetNames: [String], repeatedRows: ClosedRange<Int>?, filtered: String? = nil) -> String {
        let sheets = sheetNames.enumerated().map { index, name in
            "<sheet name=\"\(XMLText.escaped(name))\" sheetId=\"\(index + 1)\" r:id=\"rId\(index + 1)\"/>"
        }
        var names = ""
        if let first = sheetNames.first {
            let quoted = "'" + first.replacingOccurrences(of: "'", with: "''") + "'"
            if let filtered {
                let reference = XMLText.escaped("\(quoted)!\(filtered)")
                names += "<definedName name=\"_xlnm._FilterDatabase\" localSheetId=\"0\" hidden=\"1\">\(reference)</definedName>"
            }
            if let rows = repeatedRows {
                let reference = XMLText.escaped("\(quoted)!$\(rows.lowerBound):$\(rows.upperBound)")
                names += "<definedName name=\"_xlnm.Print_Titles\" localSheetId=\"0\">\(reference)</definedName>"
            }
        }
        let definedNames = names.isEmpty ? "" : "<definedNames>\(names)</definedNames>"
        return declaration
            + "<workbook xmlns=\"\(mainNamespace)\" xmlns:r=\"\(relationshipsNamespace)\">"
            + "<bookViews><workbookView activeTab=\"0\"/></bookViews>"
            + "<sheets>\(sheets.joined())</sheets>\(definedNames)</workbook>"
    }

    static func workbookRelationships(sheetCount: Int) -> String {
        let sheets = (1...sheetCount).map {
            "<Relationship Id=\"rId\($0)\" Type=\"\(relationshipsNamespace)/worksheet\" Target=\"worksheets/sheet\($0).xml\"/>"
        }
        return declaration
            + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
            + sheets.joined()
            + "<Relationship Id=\"rId\(sheetCount + 1)\" Type=\"\(relationshipsNamespace)/styles\" Target=\"styles.xml\"/>"
            + "</Relationships>"
    }

    /// "A", "B", … "Z", "AA", … for a column index from 0.
    static func columnName(_ index: Int) -> String {
        var name = ""
        var number = index + 1
        while number > 0 {
            let remainder = (number - 1) % 26
            name = String(UnicodeScalar(UInt8(65 + remainder))) + name
            number = (number - 1) / 26
        }
        return name
    }

    /// A sheet name Excel accepts: no `[ ] : * ? / \`, not starting or ending with an apostrophe, at most 31
    /// characters, and unlike the names already taken (compared ignoring case).
    static func sheetName(_ wanted: String, taken: [String]) -> String {
        let forbidden = Set("[]:*?/\\".unicodeScalars)
        var cleaned = String(String.UnicodeScalarView(
            wanted.precomposedStringWithCanonicalMapping.unicodeScalars.filter {
                !forbidden.contains($0) && XMLText.isAllowed($0) && $0.value >= 0x20
            }))
        cleaned = cleaned.trimmingCharacters(in: CharacterSet(charactersIn: "' ").union(.whitespacesAndNewlines))
        if cleaned.isEmpty { cleaned = "Sheet\(taken.count + 1)" }
        // Too long for a tab: a title's parenthesis goes first ("CƠ CẤU THEO ĐỘ TUỔI (tuổi tính đến …)"), then the
        // name is cut at a word, never in the middle of one.
        if cleaned.utf16.count > 31, let open = cleaned.firstIndex(of: "("), open > cleaned.startIndex {
            cleaned = cleaned[..<open].trimmingCharacters(in: .whitespaces)
        }
        var candidate = truncated(cleaned, to: 31)
        if candidate.count < cleaned.count, let space = candidate.lastIndex(of: " "), space > candidate.startIndex {
            candidate = String(candidate[..<space])
        }
        var suffix = 2
        while taken.contains(where: { $0.lowercased() == candidate.lowercased() }) {
            let tail = " (\(suffix))"
            candidate = truncated(cleaned, to: 31 - tail.utf16.count) + tail
            suffix += 1
        }
        return candidate
    }

    /// The longest prefix of `text` that is at most `limit` UTF-16 units (Excel's measure) long.
    private static func truncated(_ text: String, to limit: Int) -> String {
        var result = ""
        for character in text {
            guard result.utf16.count + character.utf16.count <= limit else { break }
            result.append(character)
        }
        return result.trimmingCharacters(in: .whitespaces)
    }
}

/// One worksheet's XML streamed to a file row by row; only the merged ranges are kept until the end.
final class WorksheetStream {
    private let file: StagedFile
    private let columnCount: Int
    private var merges: [String] = []
    /// The number of the last row written (rows are numbered from 1, as Excel shows them).
    private(set) var lastRow = 0

    /// Opens the sheet: column widths, and the rows above `frozenRows` kept in view while scrolling.
    init(file: StagedFile, widths: [Double], frozenRows: Int?, selected: Bool) throws {
        self.file = file
        columnCount = widths.count
        var head = SpreadsheetML.declaration
            + "<worksheet xmlns=\"\(SpreadsheetML.mainNamespace)\" xmlns:r=\"\(SpreadsheetML.relationshipsNamespace)\">"
            + "<sheetPr><pageSetUpPr fitToPage=\"1\"/></sheetPr>"
            + "<sheetViews><sheetView\(selected ? " tabSelected=\"1\"" : "") workbookViewId=\"0\">"
        if let frozenRows, frozenRows > 0 {
            let topLeft = "A\(frozenRows + 1)"
            head += "<pane ySplit=\"\(frozenRows)\" topLeftCell=\"\(topLeft)\" activePane=\"bottomLeft\" state=\"frozen\"/>"
                + "<selection pane=\"bottomLeft\" activeCell=\"\(topLeft)\" sqref=\"\(topLeft)\"/>"
        }
        head += "</sheetView></sheetViews><sheetFormatPr defaultRowHeight=\"15.75\"/>"
        if !widths.isEmpty {
            head += "<cols>"
            for (index, width) in widths.enumerated() {
                head += "<col min=\"\(index + 1)\" max=\"\(index + 1)\" width=\"\(Self.number(width))\" customWidth=\"1\"/>"
            }
            head += "</cols>"
        }
        try file.write(head + "<sheetData>")
    }

    /// A cell as written: its value and format.
    struct Cell {
        enum Value {
            case text(String)
            case number(Int)
            /// A formula ("SUM(F8:F77)", without "=") with its value as last computed, which readers that do not
            /// calculate show.
            case formula(String, cached: Int)
            case blank
        }

        var value: Value
        var style: CellStyle
    }

    /// Writes the next row, `skipping` rows left empty before it; `height` in points.
    func row(_ cells: [Cell], height: Double? = nil, skipping: Int = 0) throws {
        lastRow += 1 + skipping
        var xml = "<row r=\"\(lastRow)\""
        if let height {
            xml += " ht=\"\(Self.number(height))\" customHeight=\"1\""
        }
        xml += ">"
        for (index, cell) in cells.enumerated() {
            let reference = SpreadsheetML.columnName(index) + String(lastRow)
            let style = cell.style == .plain ? "" : " s=\"\(cell.style.rawValue)\""
            switch cell.value {
            case .blank:
                guard cell.style != .plain else { continue }
                xml += "<c r=\"\(reference)\"\(style)/>"
            case .number(let number):
                xml += "<c r=\"\(reference)\"\(style)><v>\(number)</v></c>"
            case .formula(let formula, let cached):
                xml += "<c r=\"\(reference)\"\(style)><f>\(XMLText.escaped(formula))</f><v>\(cached)</v></c>"
            case .text(let text):
                let escaped = XMLText.escaped(text)
                let space = escaped.first?.isWhitespace == true || escaped.last?.isWhitespace == true
                    ? " xml:space=\"preserve\"" : ""
                xml += "<c r=\"\(reference)\"\(style) t=\"inlineStr\"><is><t\(space)>\(escaped)</t></is></c>"
            }
        }
        try file.write(xml + "</row>")
    }

    /// Merges a block of cells: rows `rows` (numbered from 1), columns `columns` (from 0).
    func merge(rows: ClosedRange<Int>, columns: Range<Int>) {
        guard rows.count > 1 || columns.count > 1 else { return }
        let first = SpreadsheetML.columnName(columns.lowerBound) + String(rows.lowerBound)
        let last = SpreadsheetML.columnName(columns.upperBound - 1) + String(rows.upperBound)
        merges.append("\(first):\(last)")
    }

    /// Merges columns `columns` (from 0) of the last row written.
    func mergeLastRow(_ columns: Range<Int>) {
        guard columns.count > 1 else { return }
        let first = SpreadsheetML.columnName(columns.lowerBound) + String(lastRow)
        let last = SpreadsheetML.columnName(columns.upperBound - 1) + String(lastRow)
        merges.append("\(first):\(last)")
    }

    /// Closes the sheet with its AutoFilter (a range such as "A7:J77"), merged ranges and A4 page setup, fitted to
    /// the page's width, with the margins of the official form (Nghị định 30/2020: top and bottom 20 mm, left
    /// 30 mm, right 15 mm).
    func finish(orientation: DocumentStyle.Orientation, autoFilter: String? = nil) throws {
        var tail = "</sheetData>"
        if let autoFilter {
            tail += "<autoFilter ref=\"\(autoFilter)\"/>"
        }
        if !merges.isEmpty {
            tail += "<mergeCells count=\"\(merges.count)\">"
            tail += merges.map { "<mergeCell ref=\"\($0)\"/>" }.joined()
            tail += "</mergeCells>"
        }
        tail += "<pageMargins left=\"1.18\" right=\"0.59\" top=\"0.79\" bottom=\"0.79\" header=\"0.3\" footer=\"0.3\"/>"
        tail += "<pageSetup paperSize=\"9\" orientation=\"\(orientation == .landscape ? "landscape" : "portrait")\""
            + " fitToWidth=\"1\" fitToHeight=\"0\"/>"
        try file.write(tail + "</worksheet>")
        try file.close()
    }

    var url: URL { file.temporaryURL }

    private static func number(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }
}
