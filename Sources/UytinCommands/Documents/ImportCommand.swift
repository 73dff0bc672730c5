import ArgumentParser
import Documents
import Foundation
import Registry
import Storage

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "import", abstract: HelpText.pick("Nhập các danh sách cán bộ đang giữ trong Excel.", "Bring in the lists clerks keep in Excel."),
                                                    subcommands: [Persons.self, Proposals.self])

    struct Persons: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: HelpText.pick("Nhập người từ tệp .csv hoặc .xlsx: kiểm tra từng dòng, nhập tất cả hoặc không dòng nào; người đã có được báo lại, không nhập trùng.", "Import persons from .csv or .xlsx: every row checked, all rows or none; existing persons are reported, not duplicated."))
        @OptionGroup var options: GlobalOptions
        @Argument(help: .vi("Tệp .csv hoặc .xlsx.", en: "The .csv or .xlsx file.")) var path: String
        @Flag(name: .customLong("dry-run"), help: .vi("Kiểm tra và báo cáo; không ghi gì.", en: "Check and report; write nothing.")) var dryRun = false

        /// The columns clerks write, with the other names they use for them.
        static let expected = [
            ExpectedColumn("name", names: ["Họ và tên", "Họ tên", "Họ và tên người có uy tín"]),
            // The year of birth and gender, or (as offices print lists, and uytin's own list since issue 12) the year
            // of birth in a "Nam" or a "Nữ" column under "Năm sinh": one pair or the other is needed.
            ExpectedColumn("birth", names: ["Năm sinh", "Ngày sinh", "Ngày, tháng, năm sinh"], required: false),
            ExpectedColumn("gender", names: ["Giới tính", "Giới"], required: false),
            ExpectedColumn("male", names: ["Nam", "Năm sinh (Nam)"], required: false),
            ExpectedColumn("female", names: ["Nữ", "Năm sinh (Nữ)"], required: false),
            ExpectedColumn("ethnic", names: ["Dân tộc"]),
            ExpectedColumn("village", names: ["Thôn", "Thôn, bản", "Thôn/bản", "Bản", "Thôn, xóm"]),
            // Without these columns, the rows take their place from heading rows ("Huyện Tam Đảo", "Xã Đạo Trù"),
            // as in the printed lists (and uytin's own XLSX).
            ExpectedColumn("commune", names: ["Xã", "Xã, phường, thị trấn", "Xã/phường"], required: false),
            ExpectedColumn("district", names: ["Huyện", "Huyện, thị xã, thành phố", "Huyện/thành phố"], required: false),
            ExpectedColumn("idNumber", names: ["Số CCCD", "CCCD", "Số CMND/CCCD", "Số CCCD/CMND", "Số định danh cá nhân"], required: false),
            ExpectedColumn("roles", names: ["Thành phần", "Vai trò", "Thành phần người có uy tín"], required: false),
            ExpectedColumn("phone", names: ["Số điện thoại", "Điện thoại"], required: false),
        ]

        func run() throws {
            try Console.run(options) { console in
                let url = URL(fileURLWithPath: path)
                guard let data = FileManager.default.contents(atPath: path) else { throw RegistryError.fileMissing(path) }
                let database = try console.database()
                let required = ["Họ và tên", "Năm sinh", "Giới tính", "Dân tộc", "Thôn"]
                let table: ImportedTable
                do {
                    table = try HeaderDetection.table(in: try SpreadsheetReader.rows(ofFileAt: url), expecting: Self.expected)
                } catch DocumentError.headerNotFound {
                    throw DocumentError.headerNotFound(expected: required)
                }
                // A two-row header ("Năm sinh" over "Nam" | "Nữ"): the second row names the two columns.
                var (male, female) = (table.columns["male"], table.columns["female"])
                if table.columns["gender"] == nil, male == nil, let under = table.rows.first, under.cells.first(where: { !$0.isEmpty }) != nil {
                    male = under.cells.firstIndex { TextKey.of($0) == "nam" }
                    female = under.cells.firstIndex { TextKey.of($0) == "nu" }
                }
                guard (table.columns["birth"] != nil && table.columns["gender"] != nil) || (male != nil && female != nil) else {
                    throw DocumentError.headerNotFound(expected: required)
                }
                var rows: [UytinDatabase.ImportRow] = []
                var district = ""
                var commune = ""
                for row in table.rows {
                    guard !row["name"].isEmpty else {
                        // A heading row sets the place of the rows under it; subtotal and total rows are skipped.
                        let text = row.cells.first { !$0.isEmpty } ?? ""
                        switch Self.heading(text) {
                        case .district: district = text
                        case .commune: commune = text
                        case nil: break
                        }
                        continue
                    }
                    var (birth, gender) = (row["birth"], row["gender"])
                    if table.columns["gender"] == nil, let male, let female {
                        let (man, woman) = (row.cells.indices.contains(male) ? row.cells[male] : "",
                                            row.cells.indices.contains(female) ? row.cells[female] : "")
                        // A year in both columns is not a guess to make: the row is refused with its line number
                        // ("giới tính … không rõ"), with every other bad row, and nothing is imported.
                        (birth, gender) = !man.isEmpty && !woman.isEmpty ? (man, "Nam và Nữ (năm sinh ở cả hai cột)")
                            : man.isEmpty ? (woman, woman.isEmpty ? "" : "Nữ") : (man, "Nam")
                    }
                    rows.append(UytinDatabase.ImportRow(
                        line: row.number, name: row["name"], gender: gender, birth: birth, ethnic: row["ethnic"],
                        village: row["village"], commune: row["commune"].isEmpty ? commune : row["commune"],
                        district: row["district"].isEmpty ? district : row["district"], idNumber: row["idNumber"],
                        roles: row["roles"], phone: row["phone"]))
                }
                guard !rows.isEmpty else {
                    throw RegistryError("empty_import", vi: "Tệp \(path) không có dòng dữ liệu nào dưới dòng tiêu đề.",
                                        en: "\(path) has no data rows under the header row.")
                }
                // Progress for a person watching a large file; cron and scripts see nothing.
                let showProgress = isatty(STDERR_FILENO) == 1 && rows.count >= 5_000
                let report = try database.importPersons(rows, fileName: url.lastPathComponent, fileSha256: SHA256.hex(data), dryRun: dryRun) { done in
                    if showProgress {
                        FileHandle.standardError.write(Data("\r\(console.say("Đang kiểm tra và nhập", "Checking and importing")) \(done)/\(rows.count)".utf8))
                        if done == rows.count { FileHandle.standardError.write(Data("\n".utf8)) }
                    }
                }
                if options.json { return try console.json(report) }
                for note in report.existing {
                    console.warn(console.say("dòng \(note.line): \(note.message.vi) — bỏ qua", "row \(note.line): \(note.message.en) — skipped"))
                }
                console.line(console.say(
                    "\(dryRun ? "[Chạy thử — không ghi gì] " : "")\(path): \(report.rows) dòng (tiêu đề ở dòng \(table.headerRowNumber)); nhập mới \(report.added) người, \(report.existing.count) người đã có, tạo \(report.villagesCreated) thôn mới.",
                    "\(dryRun ? "[Dry run — nothing written] " : "")\(path): \(report.rows) rows (header on row \(table.headerRowNumber)); added \(report.added) persons, \(report.existing.count) already registered, \(report.villagesCreated) villages created."))
            }
        }
    }

    enum Heading { case district, commune }
}

extension ImportCommand.Persons {
    /// What a heading row names: a district ("Huyện ...", "Thành phố ...", "Thị xã ...", "Quận ...") or a commune
    /// ("Xã ...", "Phường ...", "Thị trấn ..."); nil for anything else (subtotals, totals).
    static func heading(_ text: String) -> ImportCommand.Heading? {
        let key = TextKey.of(text)
        if ["huyen ", "thanh pho ", "thi xa ", "quan "].contains(where: key.hasPrefix) { return .district }
        if ["xa ", "phuong ", "thi tran "].contains(where: key.hasPrefix) { return .commune }
        return nil
    }
}
