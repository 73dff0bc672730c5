import Foundation

/// A column an import looks for, under any of the names clerks give it.
public struct ExpectedColumn: Sendable, Equatable {
    /// The importer's own name for the column, e.g. "name".
    public var key: String
    /// The headings that mean this column, e.g. ["Họ và tên", "Họ tên"]; compared by `TextKey` (no accents,
    /// case or punctuation). The first is the one named in errors.
    public var names: [String]
    /// The header row must have it.
    public var required: Bool

    public init(_ key: String, names: [String], required: Bool = true) {
        self.key = key
        self.names = names
        self.required = required
    }
}

/// A data row of an imported sheet.
public struct ImportedRow: Sendable, Equatable {
    /// The row's number as the sheet shows it (from 1), for messages such as "dòng 7: …".
    public var number: Int
    /// The row's cells, trimmed of surrounding white space.
    public var cells: [String]
    /// The column index (from 0) of each expected column found in the header row.
    public var columns: [String: Int]

    /// The cell of an expected column; "" when the column is missing or the row is shorter.
    public subscript(key: String) -> String {
        guard let index = columns[key], cells.indices.contains(index) else { return "" }
        return cells[index]
    }
}

/// The table found in a sheet: where its header row is, which column is which, and its data rows.
public struct ImportedTable: Sendable, Equatable {
    /// The header row's number as the sheet shows it (from 1).
    public var headerRowNumber: Int
    /// The column index (from 0) of each expected column found.
    public var columns: [String: Int]
    public var rows: [ImportedRow]
}

/// Finds the table in a sheet as clerks keep it: title rows, perhaps blank rows, the header row, the data, then a
/// blank row and a footer (signatures), which is left out.
public enum HeaderDetection {
    /// The first row holding every required column heading is the header row; the data is the rows after it up
    /// to the first empty row after at least one row of data (blank rows right under the header and a row of
    /// column numbers such as "(1) (2) (3)" are skipped). Throws `DocumentError.headerNotFound` naming the
    /// required columns when no row has them all.
    public static func table(in rows: [[String]], expecting expected: [ExpectedColumn]) throws -> ImportedTable {
        let keys = expected.map { column in (column, Set(column.names.map(TextKey.of))) }
        for (index, row) in rows.enumerated() {
            var found: [String: Int] = [:]
            for (columnIndex, cell) in row.enumerated() {
                // A header is short; a huge cell (a pasted document, a 10 MB field) is no column name.
                guard cell.utf8.count <= 200 else { continue }
                let key = TextKey.of(cell)
                guard !key.isEmpty else { continue }
                for (column, names) in keys where found[column.key] == nil && names.contains(key) {
                    found[column.key] = columnIndex
                    break
                }
            }
            let hasAll = expected.allSatisfy { !$0.required || found[$0.key] != nil }
            guard hasAll && !found.isEmpty else { continue }
            return ImportedTable(headerRowNumber: index + 1, columns: found,
                                 rows: dataRows(rows, after: index, columns: found))
        }
        throw DocumentError.headerNotFound(expected: expected.filter(\.required).compactMap(\.names.first))
    }

    private static func dataRows(_ rows: [[String]], after header: Int, columns: [String: Int]) -> [ImportedRow] {
        var data: [ImportedRow] = []
        for index in rows.indices.dropFirst(header + 1) {
            let cells = rows[index].map(trimmed)
            if cells.allSatisfy(\.isEmpty) {
                if data.isEmpty { continue }
                break
            }
            if data.isEmpty && isColumnNumbering(cells) { continue }
            data.append(ImportedRow(number: index + 1, cells: cells, columns: columns))
        }
        return data
    }

    private static let spaces = CharacterSet.whitespacesAndNewlines

    /// The cell without white space around it. Most cells have none and are returned as they are: Foundation's
    /// trimming was a tenth of a 30,000-row import.
    static func trimmed(_ cell: String) -> String {
        guard let first = cell.unicodeScalars.first, let last = cell.unicodeScalars.last,
              spaces.contains(first) || spaces.contains(last) else { return cell }
        return cell.trimmingCharacters(in: spaces)
    }

    /// A row under the header numbering the columns: "1", "2", "3"… or "(1)", "(2)"… in column order.
    private static func isColumnNumbering(_ cells: [String]) -> Bool {
        var numbered = 0
        for (index, cell) in cells.enumerated() where !cell.isEmpty {
            let digits = cell.trimmingCharacters(in: CharacterSet(charactersIn: "()"))
            guard Int(digits) == index + 1 else { return false }
            numbered += 1
        }
        return numbered >= 3
    }
}
