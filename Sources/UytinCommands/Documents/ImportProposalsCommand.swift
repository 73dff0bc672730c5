import ArgumentParser
import Documents
import Foundation
import Registry
import Storage

extension ImportCommand {
    /// `uytin import proposals FILE`: the proposals communes send as a sheet.
    struct Proposals: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: HelpText.pick(
                "Nhập đề nghị từ tệp .csv hoặc .xlsx xã gửi lên (công nhận, đưa ra khỏi danh sách, thay thế, gắn lại thôn): kiểm tra mọi dòng, nhập tất cả hoặc không dòng nào.",
                "Import the proposals communes send as .csv or .xlsx (recognise, remove, replace, re-bind): every row checked, all rows or none."),
            discussion: HelpText.pick(
                """
                Các cột (dòng tiêu đề có thể nằm dưới vài dòng tên cơ quan): Loại đề nghị (Công nhận, Đưa ra khỏi danh sách, \
                Thay thế, Gắn lại thôn); Số CCCD, hoặc Họ và tên với Năm sinh, Thôn, Xã; Lý do (Từ trần, Sức khỏe, Sáp nhập \
                thôn...); Người thay thế (họ tên, "Lò Văn Bình (1975)" hoặc số CCCD); Thôn mới (để trống: thôn đã nhận thôn \
                cũ); Ngày hiệu lực; Ghi chú. Mọi dòng lỗi được báo cùng lúc theo số dòng; nhập lại cùng tệp không lập trùng.
                """,
                """
                Columns (the header row may sit under a few title rows): Loại đề nghị (the kind: Công nhận, Đưa ra khỏi danh \
                sách, Thay thế, Gắn lại thôn, or recognize, remove, replace, rebind); Số CCCD, or Họ và tên with Năm sinh, \
                Thôn, Xã; Lý do (the reason); Người thay thế (a name, "Lò Văn Bình (1975)", or a citizen ID); Thôn mới (empty: \
                the village the old one merged into); Ngày hiệu lực; Ghi chú. Every bad row is reported at once by its \
                number; importing the same file again drafts nothing twice.
                """))
        @OptionGroup var options: GlobalOptions
        @Argument(help: .vi("Tệp .csv hoặc .xlsx.", en: "The .csv or .xlsx file.")) var path: String
        @Flag(name: .customLong("dry-run"), help: .vi("Chỉ kiểm tra và báo cáo; không ghi gì.", en: "Check and report; write nothing."))
        var dryRun = false

        /// The columns communes write, with the other names they use for them.
        static let expected = [
            ExpectedColumn("kind", names: ["Loại đề nghị", "Nội dung đề nghị", "Đề nghị", "Nội dung", "Loại", "Hình thức"]),
            ExpectedColumn("name", names: ["Họ và tên", "Họ tên", "Họ và tên người có uy tín"], required: false),
            ExpectedColumn("idNumber", names: ["Số CCCD", "CCCD", "Số CMND/CCCD", "Số CCCD/CMND", "Số định danh cá nhân"], required: false),
            ExpectedColumn("birth", names: ["Năm sinh", "Ngày sinh", "Ngày, tháng, năm sinh"], required: false),
            ExpectedColumn("village", names: ["Thôn", "Thôn, bản", "Thôn/bản", "Bản", "Thôn, xóm"], required: false),
            ExpectedColumn("commune", names: ["Xã", "Xã, phường, thị trấn", "Xã/phường"], required: false),
            ExpectedColumn("district", names: ["Huyện", "Huyện, thị xã, thành phố", "Huyện/thành phố"], required: false),
            ExpectedColumn("reason", names: ["Lý do", "Lý do đưa ra khỏi danh sách", "Lý do thay thế"], required: false),
            ExpectedColumn("replacement", names: ["Người thay thế", "Thay bằng", "Người được đề nghị thay thế", "Họ tên người thay thế"],
                           required: false),
            ExpectedColumn("replacementBirth", names: ["Năm sinh người thay thế"], required: false),
            ExpectedColumn("newVillage", names: ["Thôn mới", "Thôn sau sáp nhập", "Gắn với thôn", "Thôn đại diện"], required: false),
            ExpectedColumn("effective", names: ["Ngày hiệu lực", "Từ ngày"], required: false),
            ExpectedColumn("died", names: ["Ngày mất", "Ngày từ trần", "Ngày qua đời"], required: false),
            ExpectedColumn("note", names: ["Ghi chú"], required: false),
        ]

        func run() throws {
            try Console.run(options) { console in
                let url = URL(fileURLWithPath: path)
                guard let data = FileManager.default.contents(atPath: path) else { throw RegistryError.fileMissing(path) }
                let database = try console.database()
                let table = try HeaderDetection.table(in: try SpreadsheetReader.rows(ofFileAt: url), expecting: Self.expected)
                guard table.columns["name"] != nil || table.columns["idNumber"] != nil else {
                    throw RegistryError("import_no_person_column",
                                        vi: "Tệp \(path) cần cột Họ và tên hoặc cột Số CCCD để biết đề nghị cho ai.",
                                        en: "\(path) needs a Name or a Citizen ID column to tell whom each proposal is for.")
                }
                // Rows are made one at a time as the import reads them; a heading row ("Xã Đạo Trù") sets the place of
                // the rows under it, as in the printed lists.
                var district = ""
                var commune = ""
                let rows = table.rows.lazy.compactMap { row -> UytinDatabase.ProposalImportRow? in
                    // A row naming nobody is a heading, a subtotal or a total; a row naming someone is checked even
                    // when its kind is missing.
                    if row["name"].isEmpty && row["idNumber"].isEmpty {
                        let text = row.cells.first { !$0.isEmpty } ?? ""
                        switch ImportCommand.Persons.heading(text) {
                        case .district: district = text; return nil
                        case .commune: commune = text; return nil
                        case nil: if row["kind"].isEmpty { return nil }
                        }
                    }
                    return UytinDatabase.ProposalImportRow(
                        line: row.number, kind: row["kind"], idNumber: row["idNumber"], name: row["name"], birth: row["birth"],
                        village: row["village"], commune: row["commune"].isEmpty ? commune : row["commune"],
                        district: row["district"].isEmpty ? district : row["district"], reason: row["reason"],
                        replacement: row["replacement"], replacementBirth: row["replacementBirth"], newVillage: row["newVillage"],
                        effective: row["effective"], died: row["died"], note: row["note"])
                }
                let report = try database.importProposals(rows, fileName: url.lastPathComponent, fileSha256: SHA256.hex(data),
                                                          dryRun: dryRun)
                if options.json { return try console.json(report) }
                for note in report.existing {
                    console.warn(console.say("dòng \(note.line): \(note.message.vi) — bỏ qua", "row \(note.line): \(note.message.en) — skipped"))
                }
                console.line(console.say(
                    "\(dryRun ? "[Chạy thử — không ghi gì] " : "")\(path): \(report.rows) dòng (tiêu đề ở dòng \(table.headerRowNumber)); \(dryRun ? "sẽ lập" : "đã lập") \(report.drafted.count) đề nghị, \(report.existing.count) đề nghị đã có.",
                    "\(dryRun ? "[Dry run — nothing written] " : "")\(path): \(report.rows) rows (header on row \(table.headerRowNumber)); \(dryRun ? "would draft" : "drafted") \(report.drafted.count) proposals, \(report.existing.count) already pending."))
                guard !report.drafted.isEmpty else { return }
                console.table([console.say("Dòng", "Row"), console.say("Đề nghị", "Proposal"), console.say("Loại", "Kind"),
                               console.say("Người", "Person"), console.say("Chi tiết", "Detail")],
                              report.drafted.map { drafted in
                                  var detail: [String] = []
                                  if let name = drafted.replacement, let id = drafted.replacementId {
                                      detail.append(console.say("bởi ", "by ") + "\(name) (#\(id))")
                                  }
                                  if let village = drafted.village { detail.append(village) }
                                  if let reason = drafted.reason { detail.append(console.reasonLabel(reason)) }
                                  return [String(drafted.line), drafted.proposalId.map { "ĐN-\($0)" } ?? "—", console.say(drafted.kind.label),
                                          "\(drafted.person) (#\(drafted.personId))", detail.joined(separator: "; ")]
                              })
                if !dryRun {
                    console.line(console.say("Các đề nghị chờ quyết định: `uytin decision record ... --approve-pending` (xem trước bằng --dry-run).",
                                             "The proposals await a decision: `uytin decision record ... --approve-pending` (preview with --dry-run)."))
                }
            }
        }
    }
}
