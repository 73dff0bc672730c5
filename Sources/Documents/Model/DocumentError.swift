import Foundation

/// Why a document could not be read or written, in a sentence for the clerk in each language.
public enum DocumentError: Error, Equatable, Sendable, LocalizedError {
    /// What kind of failure it is, for the command line's exit codes.
    public enum Category: Sendable, Equatable {
        /// The input file is missing or unreadable (exit 66).
        case unreadableInput
        /// The input was read but is not what an import takes (exit 65).
        case invalidInput
        /// The output file cannot be created or written (exit 73).
        case unwritableOutput
        /// The caller gave the writer a table it cannot print (exit 1: a fault in the program).
        case invalidTable
    }

    /// The file is missing, is a folder, or cannot be read.
    case fileUnreadable(path: String)
    /// The CSV file is not UTF-8 (e.g. saved as "CSV" rather than "CSV UTF-8" by an older Excel).
    case notUTF8(path: String, line: Int)
    /// The CSV file is UTF-16 (Excel's "Unicode Text").
    case utf16(path: String)
    /// The file is neither a CSV nor an Excel workbook.
    case notSpreadsheet(path: String)
    /// The .xlsx file is not a readable zip of a workbook.
    case zipCorrupt(path: String)
    /// No row holds the expected column headings; carries the headings looked for.
    case headerNotFound(expected: [String])
    /// The output file cannot be created, written or put in place.
    case outputUnwritable(path: String, reason: String)
    /// A row has a different number of cells than the table has columns.
    case rowDoesNotFit(row: Int, expected: Int, found: Int)
    /// A row has a different number of groups than the rows before it.
    case groupsDoNotFit(row: Int, expected: Int, found: Int)
    /// The rows did not arrive sorted by group: a group came back after it had ended.
    case rowsNotSorted(group: String)
    /// A column's total does not fit in a 64-bit integer.
    case totalTooLarge(column: String)

    public var category: Category {
        switch self {
        case .fileUnreadable: .unreadableInput
        case .notUTF8, .utf16, .notSpreadsheet, .zipCorrupt, .headerNotFound: .invalidInput
        case .outputUnwritable: .unwritableOutput
        case .rowDoesNotFit, .groupsDoNotFit, .rowsNotSorted, .totalTooLarge: .invalidTable
        }
    }

    /// The sentence for a clerk reading Vietnamese: what was wrong and what to do.
    public var vietnamese: String {
        switch self {
        case .fileUnreadable(let path):
            "Không đọc được tệp \(path). Hãy kiểm tra đường dẫn và quyền đọc tệp."
        case .notUTF8(let path, let line):
            "Tệp \(path) không ở dạng mã UTF-8 (dòng \(line)). Trong Excel, hãy lưu lại bằng \"CSV UTF-8\"."
        case .utf16(let path):
            "Tệp \(path) ở dạng mã UTF-16 (\"Unicode Text\"). Trong Excel, hãy lưu lại bằng \"CSV UTF-8\" hoặc .xlsx."
        case .notSpreadsheet(let path):
            "Tệp \(path) không phải bảng tính .csv hay .xlsx. Hãy lưu danh sách từ Excel dưới dạng .xlsx hoặc \"CSV UTF-8\"."
        case .zipCorrupt(let path):
            "Tệp \(path) bị hỏng hoặc không phải sổ tính Excel (.xlsx). Hãy mở bằng Excel và lưu lại."
        case .headerNotFound(let expected):
            "Không tìm thấy dòng tiêu đề của bảng: cần có các cột \(expected.joined(separator: ", ")). Hãy kiểm tra tên cột trong tệp."
        case .outputUnwritable(let path, let reason):
            "Không tạo được tệp \(path): \(Self.vietnameseReason(reason)). Hãy chọn thư mục có quyền ghi."
        case .rowDoesNotFit(let row, let expected, let found):
            "Lỗi chương trình: dòng \(row) của bảng có \(found) ô thay vì \(expected). Hãy báo cho người quản trị."
        case .groupsDoNotFit(let row, let expected, let found):
            "Lỗi chương trình: dòng \(row) của bảng thuộc \(found) cấp nhóm thay vì \(expected). Hãy báo cho người quản trị."
        case .rowsNotSorted(let group):
            "Lỗi chương trình: các dòng của nhóm \"\(group)\" không liền nhau. Hãy báo cho người quản trị."
        case .totalTooLarge(let column):
            "Tổng cột \"\(column)\" quá lớn, không tính được. Hãy kiểm tra các số tiền."
        }
    }

    /// The same sentence in English.
    public var english: String {
        switch self {
        case .fileUnreadable(let path):
            "Cannot read the file \(path). Check the path and the file's permissions."
        case .notUTF8(let path, let line):
            "The file \(path) is not UTF-8 text (line \(line)). In Excel, save it again as \"CSV UTF-8\"."
        case .utf16(let path):
            "The file \(path) is UTF-16 text (\"Unicode Text\"). In Excel, save it again as \"CSV UTF-8\" or .xlsx."
        case .notSpreadsheet(let path):
            "The file \(path) is neither a .csv nor an .xlsx spreadsheet. Save the list from Excel as .xlsx or \"CSV UTF-8\"."
        case .zipCorrupt(let path):
            "The file \(path) is damaged or not an Excel workbook (.xlsx). Open it in Excel and save it again."
        case .headerNotFound(let expected):
            "No header row found: the table needs the columns \(expected.joined(separator: ", ")). Check the column names in the file."
        case .outputUnwritable(let path, let reason):
            "Cannot create \(path): \(reason). Choose a folder you can write to."
        case .rowDoesNotFit(let row, let expected, let found):
            "Program fault: row \(row) of the table has \(found) cells instead of \(expected). Please report it."
        case .groupsDoNotFit(let row, let expected, let found):
            "Program fault: row \(row) of the table has \(found) group levels instead of \(expected). Please report it."
        case .rowsNotSorted(let group):
            "Program fault: the rows of the group \"\(group)\" are not together. Please report it."
        case .totalTooLarge(let column):
            "The total of the column \"\(column)\" is too large to compute. Check the amounts."
        }
    }

    public var errorDescription: String? { vietnamese }
}

extension DocumentError {
    /// The system's usual reasons (strerror, in English) in Vietnamese; another reason is kept as it is.
    static func vietnameseReason(_ reason: String) -> String {
        let words: [String: String] = [
            "No such file or directory": "thư mục không tồn tại", "Permission denied": "không có quyền ghi vào đó",
            "Operation not permitted": "không có quyền ghi vào đó", "No space left on device": "ổ đĩa đã đầy",
            "Read-only file system": "ổ đĩa chỉ cho đọc", "Is a directory": "đó là một thư mục",
            "Not a directory": "một phần của đường dẫn không phải thư mục", "File name too long": "tên tệp quá dài",
            "Disk quota exceeded": "đã hết hạn mức dung lượng", "File exists": "tệp đã có",
        ]
        if let known = words[reason] { return known }
        let lowered = reason.lowercased()
        if lowered.contains("permission") { return "không có quyền ghi vào đó" }
        if lowered.contains("doesn’t exist") || lowered.contains("does not exist") || lowered.contains("no such") {
            return "thư mục không tồn tại"
        }
        if lowered.contains("space") { return "ổ đĩa đã đầy" }
        return reason
    }
}
