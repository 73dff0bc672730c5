import ArgumentParser
import Documents
import Foundation
import Registry
import Storage
import VietnameseCalendar

// Terms, the map over time (reorganisations), who decides (regimes) and the issuing body (agencies): the frame the
// list lives in, which changes by date (DOMAIN.md §10).

struct TermCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "term", abstract: HelpText.pick("Các giai đoạn của danh sách: một cơ sở dữ liệu chứa mọi giai đoạn.", "Terms of the list (giai đoạn): one database holds every term."), subcommands: [Add.self, List.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: HelpText.pick("Thêm giai đoạn kế tiếp, ngay sau giai đoạn cuối (tối đa 5 năm); giai đoạn trước kết thúc khi giai đoạn mới bắt đầu.", "Add the next term, right after the last one (at most 5 years); the previous term's stays end when it starts."))
        @OptionGroup var options: GlobalOptions
        @Option(help: .vi("Các năm, ví dụ 2024-2028.", en: "The years, e.g. 2024-2028.")) var years: String
        @Option(help: .vi("Căn cứ pháp lý, ví dụ kế hoạch của tỉnh về bình chọn giai đoạn mới.", en: "The legal basis, e.g. the province's plan for the new selection.")) var basis: String?

        func run() throws {
            try Console.run(options) { console in
                let years = try Parse.term(self.years, option: "--years")
                let ended = try console.database().addTerm(years, basis: basis)
                if options.json { return try console.json(["firstYear": years.lowerBound, "lastYear": years.upperBound, "staysEnded": ended]) }
                console.line(console.say(
                    "Đã thêm giai đoạn \(years.lowerBound)–\(years.upperBound). \(ended) người của giai đoạn trước hết tên trong danh sách từ 01/01/\(years.lowerBound); công nhận lại bằng đề nghị (`uytin propose recognize --carry-over`) và quyết định.",
                    "Added the term \(years.lowerBound)–\(years.upperBound). \(ended) persons of the previous term leave the list on \(years.lowerBound)-01-01; recognise them again by proposals (`uytin propose recognize --carry-over`) and a decision."))
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: HelpText.pick("Mọi giai đoạn, với các quyết định, danh sách đã duyệt và số người.", "Every term, with its decisions, approved lists and persons."))
        @OptionGroup var options: GlobalOptions

        func run() throws {
            try Console.run(options) { console in
                let terms = try console.database().termSummaries()
                if options.json { return try console.json(terms) }
                console.table([console.say("Giai đoạn", "Term"), console.say("Quyết định", "Decisions"),
                               console.say("DS năm (phần)", "Lists (parts)"), console.say("Số người", "Persons"),
                               console.say("Căn cứ", "Basis")],
                              terms.map { ["\($0.firstYear)–\($0.lastYear)", String($0.decisions), String($0.approvedLists),
                                           String($0.persons), $0.basis] })
            }
        }
    }
}

struct ReorgCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reorg", abstract: HelpText.pick("Sắp xếp lại đơn vị hành chính: bảng cũ→mới chính thức, áp dụng từ một ngày.", "Reorganisations of the map: an official old→new table applied on one day."),
        subcommands: [Apply.self, List.self])

    struct Apply: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: HelpText.pick("Áp dụng bảng cũ→mới (CSV: level,old_code,old_name,new_code,new_name): đóng đơn vị cũ, mở đơn vị mới, chuyển mọi người theo quy định.", "Apply an old→new table (CSV: level,old_code,old_name,new_code,new_name): close the old units, open the new, re-bind every person by law."))
        @OptionGroup var options: GlobalOptions
        @Argument(help: .vi("Bảng (.csv, UTF-8, có dòng tiêu đề).", en: "The table (.csv, UTF-8, header row).")) var file: String
        @Option(help: .vi("Ngày bản đồ mới có hiệu lực.", en: "The day the new map takes effect.")) var effective: String
        @Option(help: .vi("Căn cứ pháp lý, ví dụ \"Nghị quyết 1676/NQ-UBTVQH15\".", en: "The legal basis, e.g. \"Nghị quyết 1676/NQ-UBTVQH15\".")) var basis: String
        @Flag(name: .customLong("dry-run"), help: .vi("Xem mọi đơn vị, thôn và người sẽ thay đổi; không ghi gì.", en: "Show every unit, village and person that would move; write nothing.")) var dryRun = false

        func run() throws {
            try Console.run(options) { console in
                let effective = try Parse.day(self.effective)
                guard let data = FileManager.default.contents(atPath: file) else { throw RegistryError.fileMissing(file) }
                let rows = try SpreadsheetReader.rows(ofFileAt: URL(fileURLWithPath: file))
                let lines: [ReorgPlanner.Line]
                switch ReorgPlanner.lines(rows) {
                case .success(let parsed): lines = parsed
                case .failure(let errors): throw errors
                }
                let report = try console.database().reorganize(lines, effectiveOn: effective, basis: basis,
                                                              fileName: URL(fileURLWithPath: file).lastPathComponent,
                                                              fileSha256: SHA256.hex(data), dryRun: dryRun)
                if options.json { return try console.json(report) }
                console.printReport(report)
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: HelpText.pick("Các lần sắp xếp đã áp dụng, với căn cứ và số lượng.", "The reorganisations applied, with their basis and counts."))
        @OptionGroup var options: GlobalOptions

        func run() throws {
            try Console.run(options) { console in
                let reorganizations = try console.database().reorganizations()
                if options.json { return try console.json(reorganizations) }
                console.table(["ID", console.say("Hiệu lực", "Effective"), console.say("Căn cứ", "Basis"),
                               console.say("Đóng", "Closed"), console.say("Mở", "Opened"), console.say("Thôn", "Villages"),
                               console.say("Người", "Persons"), console.say("Tệp", "File")],
                              reorganizations.map { [String($0.id), $0.effectiveOn.vietnamese, $0.basis, String($0.unitsClosed),
                                                     String($0.unitsOpened), String($0.villagesMoved), String($0.personsRebound),
                                                     $0.fileName ?? ""] })
            }
        }
    }
}

extension Console {
    func printReport(_ report: UytinDatabase.ReorgReport) {
        let listed = report.persons.filter(\.listed)
        line(say(report.dryRun
                 ? "CHẠY THỬ — không ghi gì. Sắp xếp có hiệu lực \(report.effectiveOn.vietnamese) (\(report.basis)) sẽ:"
                 : "Đã áp dụng sắp xếp #\(report.reorgId ?? 0), hiệu lực \(report.effectiveOn.vietnamese) (\(report.basis)):",
                 report.dryRun
                 ? "DRY RUN — nothing written. The reorganisation effective \(report.effectiveOn.iso) (\(report.basis)) would:"
                 : "Applied reorganisation #\(report.reorgId ?? 0), effective \(report.effectiveOn.iso) (\(report.basis)):"))
        line(say("  đóng \(report.closed.count) đơn vị, mở \(report.opened.count) đơn vị, chuyển \(report.villages.count) thôn, gắn lại \(listed.count) người trong danh sách (\(report.persons.count - listed.count) người khác đổi nơi cư trú).",
                 "  close \(report.closed.count) units, open \(report.opened.count), move \(report.villages.count) villages, re-bind \(listed.count) persons on the list (\(report.persons.count - listed.count) others change address)."))
        line("")
        line(say("Đơn vị mới:", "New units:"))
        table([say("Cấp", "Level"), say("Mã", "Code"), say("Tên", "Name"), say("Thuộc", "Under"), say("Từ", "From")],
              report.opened.map { [unitKind($0.level, name: $0.name), $0.code, $0.name, $0.parent ?? "", $0.from.joined(separator: ", ")] })
        line(say("Đơn vị chấm dứt:", "Units closed:"))
        table([say("Cấp", "Level"), say("Mã", "Code"), say("Tên", "Name"), say("Thuộc", "Under")],
              report.closed.map { [unitKind($0.level, name: $0.name), $0.code, $0.name, $0.parent ?? ""] })
        line(say("Thôn chuyển:", "Villages moved:"))
        table(["#", say("Thôn", "Village"), say("Xã cũ", "Old commune"), say("Thôn mới", "New village"), say("Xã mới", "New commune")],
              report.villages.map { [String($0.villageId), $0.village, $0.commune, $0.toVillage, $0.toCommune] })
        line(say("Người trong danh sách được gắn lại theo pháp luật (không cần đề nghị):", "Persons on the list re-bound by law (no proposal):"))
        table(["#", say("Họ và tên", "Name"), say("Thôn cũ", "Old village"), say("Thôn mới", "New village")],
              listed.map { [String($0.personId), $0.name, $0.fromVillage, $0.toVillage] })
        for note in report.notes { warn(say(note)) }
    }
}

struct RegimeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "regime", abstract: HelpText.pick("Cấp công nhận, đưa ra, thay thế và duyệt danh sách hằng năm, theo thời gian.", "Who recognises, removes, replaces and approves the year's list, by date."),
        subcommands: [List.self, Set.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: HelpText.pick("Các chế độ phân cấp, với căn cứ (đã xác nhận hoặc chờ xác nhận).", "The regimes, with their basis (confirmed or to be confirmed)."))
        @OptionGroup var options: GlobalOptions
        @Option(help: .vi("Chỉ chế độ phân cấp có hiệu lực vào ngày này.", en: "Only the regime in force on this day.")) var on: String?

        func run() throws {
            try Console.run(options) { console in
                let regimes = try console.database().regimes(on: try Parse.optionalDay(on))
                if options.json { return try console.json(regimes) }
                console.table([console.say("Từ ngày", "From"), console.say("Quyết định công nhận", "Decides"),
                               console.say("Phê duyệt DS năm", "Approves list"), console.say("Căn cứ", "Basis"),
                               console.say("Xác nhận", "Source")],
                              regimes.map { [$0.validFrom.vietnamese, console.say($0.decides.label), console.say($0.approvesList.label),
                                             $0.basis, $0.confirmed ? console.say("đã xác nhận", "confirmed") : console.say("CẦN XÁC NHẬN", "TO CONFIRM")] })
            }
        }
    }

    struct Set: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: HelpText.pick("Một chế độ phân cấp mới từ một ngày (căn cứ pháp lý mới); không sửa lịch sử.", "A new regime from a date (a new legal basis); history is never edited."))
        @OptionGroup var options: GlobalOptions
        @Option(help: .vi("Ngày có hiệu lực.", en: "The day it takes effect.")) var from: String
        @Option(help: .vi("Cấp công nhận, đưa ra, thay thế: tỉnh, huyện hoặc xã.", en: "province, district or commune (tỉnh, huyện, xã): who recognises, removes, replaces.")) var decides: String
        @Option(name: .customLong("approves-list"), help: .vi("Cấp duyệt danh sách hằng năm: tỉnh, huyện hoặc xã.", en: "province, district or commune: who approves the year's list."))
        var approvesList: String
        @Option(help: .vi("Căn cứ pháp lý.", en: "The legal basis.")) var basis: String
        @Flag(name: .customLong("to-confirm"), help: .vi("Đánh dấu căn cứ chưa được xác nhận.", en: "Mark the basis as not yet confirmed.")) var toConfirm = false

        func run() throws {
            try Console.run(options) { console in
                let from = try Parse.day(self.from)
                try console.database().setRegime(from: from, decides: try Parse.level(decides, option: "--decides"),
                                                 approvesList: try Parse.level(approvesList, option: "--approves-list"),
                                                 basis: basis, confirmed: !toConfirm)
                if options.json { return try console.json(["from": from.iso]) }
                console.line(console.say("Đã ghi chế độ mới từ \(from.vietnamese).", "Recorded the new regime from \(from.iso)."))
            }
        }
    }
}

struct AgencyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "agency", abstract: HelpText.pick("Cơ quan ban hành in trên văn bản, theo thời gian.", "The issuing body documents print, by date."), subcommands: [Set.self, List.self])

    struct Set: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: HelpText.pick("Cơ quan ban hành in trên văn bản từ một ngày.", "The issuing body printed on documents from a date."))
        @OptionGroup var options: GlobalOptions
        @Option(help: .vi("Tên cơ quan, ví dụ \"Sở Dân tộc và Tôn giáo\".", en: "The body, e.g. \"Sở Dân tộc và Tôn giáo\".")) var name: String
        @Option(help: .vi("Cơ quan cấp trên, ví dụ \"UBND tỉnh Phú Thọ\".", en: "The body above it, e.g. \"UBND tỉnh Phú Thọ\".")) var parent: String
        @Option(help: .vi("Ngày có hiệu lực.", en: "The day it takes effect.")) var from: String

        func run() throws {
            try Console.run(options) { console in
                let from = try Parse.day(self.from)
                try console.database().setAgency(name: name, parent: parent, from: from)
                if options.json { return try console.json(["from": from.iso]) }
                console.line(console.say("Từ \(from.vietnamese), văn bản in \(parent.uppercased()) / \(name.uppercased()).",
                                         "From \(from.iso), documents print \(parent.uppercased()) / \(name.uppercased())."))
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: HelpText.pick("Các cơ quan ban hành, theo thời gian.", "The issuing bodies, by date."))
        @OptionGroup var options: GlobalOptions

        func run() throws {
            try Console.run(options) { console in
                let agencies = try console.database().agencies()
                if options.json { return try console.json(agencies) }
                console.table([console.say("Từ ngày", "From"), console.say("Cơ quan", "Body"), console.say("Cấp trên", "Parent")],
                              agencies.map { [$0.validFrom?.vietnamese ?? "", $0.name, $0.parent] })
            }
        }
    }
}
