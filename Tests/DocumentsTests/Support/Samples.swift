import Documents
import Foundation

/// A signature sheet for the Tết gift, grouped by district and commune, as the writers' tests print it.
enum Sample {
    static let header = DocumentHeader(
        governingBody: "UBND TỈNH VĨNH PHÚC",
        issuingBody: "BAN DÂN TỘC",
        title: "Danh sách cấp quà Tết Nguyên đán năm 2021",
        subtitle: "(Kèm theo Quyết định số 93/QĐ-UBND ngày 15/04/2021 của UBND tỉnh Vĩnh Phúc)",
        placeAndDate: "Vĩnh Phúc, ngày 25 tháng 11 năm 2026",
        signatures: [
            SignatureBlock(role: "NGƯỜI LẬP BIỂU", name: "Nguyễn Thị Lan", note: "(Ký, ghi rõ họ tên)"),
            SignatureBlock(role: "TRƯỞNG BAN", name: "Trần Văn Bình", note: "(Ký tên, đóng dấu)"),
        ])

    /// Huyện and Xã repeat the groups: the grouped forms leave them out, the flat ones keep them.
    static let columns = [
        DocumentColumn("Huyện", width: 16, repeatsGroup: true),
        DocumentColumn("Xã", width: 16, repeatsGroup: true),
        DocumentColumn("Họ và tên", width: 26),
        DocumentColumn("Năm sinh", kind: .integer),
        DocumentColumn("Dân tộc", width: 12),
        DocumentColumn("Ngày chi", kind: .date),
        DocumentColumn("Số tiền (đồng)", kind: .money, total: true, spelledOut: "Bằng chữ"),
        DocumentColumn("Ký nhận", kind: .signature),
    ]

    static let rows = [
        row(["Huyện Tam Đảo", "Xã Đạo Trù"], "Diệp Đức Hùng", 1971, "Sán Dìu"),
        row(["Huyện Tam Đảo", "Xã Đạo Trù"], "Tiêu Đức Thắng", 1958, "Cao Lan"),
        row(["Huyện Tam Đảo", "Xã Yên Dương"], "Lục Hữu Quế", 1967, "Cao Lan"),
        row(["Huyện Bình Xuyên", "Xã Trung Mỹ"], "Ninh \"Văn\" <Thành> & co", 1966, "=HYPERLINK(\"x\")"),
    ]

    static let summary = DocumentSummary(
        title: "Tổng hợp theo dân tộc",
        columns: [DocumentColumn("Dân tộc"), DocumentColumn("Số người", kind: .integer, total: true),
                  DocumentColumn("Số tiền (đồng)", kind: .money, total: true)],
        rows: [[.text("Sán Dìu"), .integer(1), .money(500_000)],
               [.text("Cao Lan"), .integer(2), .money(1_000_000)],
               [.text("=HYPERLINK(\"x\")"), .integer(1), .money(500_000)]])

    /// A row of `columns` under its district and commune, which its first two cells repeat.
    static func row(_ groups: [String], _ name: String, _ birth: Int, _ ethnic: String, subject: Int64? = nil) -> DocumentRow {
        DocumentRow(groups: groups, cells: groups.map(DocumentCell.text) + [
            .text(name), .integer(birth), .text(ethnic), .date(year: 2021, month: 1, day: 25), .money(500_000), .empty,
        ], subject: subject)
    }

    static let style = DocumentStyle(countNoun: "người")
}

/// A fresh folder under the system's temporary folder, for one test's files.
func temporaryFolder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("documents-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// A file copied from the examples clerks exchange, kept beside the tests.
func fixture(_ name: String) -> URL {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures").appendingPathComponent(name)
}

/// The visible files of a folder (no hidden temporary files).
func visibleFiles(in folder: URL) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
}

/// Runs a program and returns what it printed, or nil when it could not run or failed.
func run(_ arguments: [String], input: String? = nil) -> String? {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = arguments
    let output = Pipe()
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    do {
        try process.run()
    } catch {
        return nil
    }
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else { return nil }
    return String(decoding: data, as: UTF8.self)
}

enum Python {
    /// Whether python3 with openpyxl is on this machine (the workbook checks skip without it).
    static let hasOpenpyxl: Bool = run(["python3", "-c", "import openpyxl"]) != nil
}
