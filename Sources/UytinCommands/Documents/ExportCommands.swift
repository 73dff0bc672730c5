import ArgumentParser
import Documents
import Foundation
import Registry
import Scheduler
import Storage
import VietnameseCalendar

/// The options every export takes.
struct ExportOptions: ParsableArguments {
    @Option(help: .vi("Năm.", en: "The year.")) var year: Int
    @Option(help: .vi("Định dạng: csv, xlsx, html hoặc json.", en: "csv, xlsx, html or json.")) var format: String
    @Option(help: .vi("Tệp sẽ ghi.", en: "The file to write.")) var out: String

    func sinkFormat() throws -> ExportSink.Format {
        try BenefitParse.choice(format, ExportSink.Format.self, option: "--format")
    }
}


/// The official texts around a document, in the clerk's language: the issuing body and the province in force on
/// the document's date (2021: UBND TỈNH VĨNH PHÚC / BAN DÂN TỘC; 2026: UBND TỈNH PHÚ THỌ / SỞ DÂN TỘC VÀ TÔN GIÁO).
struct DocumentTexts {
    let console: Console
    let setting: Setting
    let agency: Agency
    /// The province in force on the document's date, e.g. "Tỉnh Phú Thọ".
    let province: String

    /// The texts of a document dated `day`.
    init(console: Console, database: UytinDatabase, on day: Day) throws {
        self.console = console
        setting = try database.setting()
        agency = try database.agency(on: day)
        province = try database.province(on: day)?.name ?? ReferenceData.provinceAreaName(setting.provinceName)
    }

    /// The date a document of `year` speaks of: the year's last day, or today for the year under way.
    static func day(ofYear year: Int) -> Day { min(Day(year: year, month: 12, day: 31)!, Day.todayInVietnam()) }

    var governingBody: String {
        console.say(agency.parent.uppercased(), "PEOPLE'S COMMITTEE OF " + province.uppercased())
    }

    var issuingBody: String {
        console.say(agency.name.uppercased(), agency.name.hasPrefix("Ban Dân tộc") ? "ETHNIC AFFAIRS COMMITTEE" : agency.name.uppercased())
    }

    /// Left blank for the hand that signs: the same database always gives the same file.
    var placeAndDate: String {
        var place = province
        for prefix in ["Tỉnh ", "Thành phố "] where place.hasPrefix(prefix) { place = String(place.dropFirst(prefix.count)) }
        return console.say("\(place), ngày ..... tháng ..... năm ..........", "\(place), date: .....................")
    }

    /// The head of the issuing body: the committee's head (Trưởng ban) or the department's director (Giám đốc Sở).
    var head: String {
        agency.name.hasPrefix("Sở") ? console.say("GIÁM ĐỐC", "DIRECTOR") : console.say("TRƯỞNG BAN", "HEAD OF COMMITTEE")
    }

    /// Who signs: the preparer, (for money) the accountant, and the head of the committee.
    func signatures(accountant: Bool = false) -> [SignatureBlock] {
        let note = console.say("(Ký, ghi rõ họ tên)", "(Signature, full name)")
        return [SignatureBlock(role: console.say("NGƯỜI LẬP BIỂU", "PREPARED BY"), note: note)]
            + (accountant ? [SignatureBlock(role: console.say("KẾ TOÁN", "ACCOUNTANT"), note: note)] : [])
            + [SignatureBlock(role: head, note: console.say("(Ký tên, đóng dấu)", "(Signature, seal)"))]
    }

    func style(countNoun: String?, orientation: DocumentStyle.Orientation = .landscape) -> DocumentStyle {
        DocumentStyle(labels: console.language == .vi ? .vietnamese : .english, numbersRows: true, countNoun: countNoun,
                      orientation: orientation)
    }

    static func cell(_ day: Day?) -> DocumentCell {
        day.map { .date(year: $0.year, month: $0.month, day: $0.day) } ?? .empty
    }
}

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: HelpText.pick("Văn bản để in, ký và gửi: csv, xlsx, html để in, json.", "Documents to print, sign and send: csv, xlsx, printable html, json."),
        subcommands: [ListExport.self, ChangesExport.self, EntitlementsExport.self, BudgetExport.self])

    /// Runs an export and writes it to the audit log: who, which document, how many rows, masked or not.
    static func run(_ options: GlobalOptions, _ export: ExportOptions, document: String, masked: Bool = false,
                    _ body: @escaping (Console, UytinDatabase, DocumentTexts, ExportSink.Format) throws -> Int) throws {
        try Console.run(options) { console in
            let format = try export.sinkFormat()
            try OutputPath.check(export.out, database: options.databasePath)
            let database = try console.database()
            _ = try database.setting().term(ofYear: export.year)
            let day = try database.yearlyList(export.year)?.asOf ?? DocumentTexts.day(ofYear: export.year)
            let texts = try DocumentTexts(console: console, database: database, on: day)
            let rows = try body(console, database, texts, format)
            // No document leaves without its audit row: if the row cannot be written (busy), the file goes too.
            do {
                try database.recordExport(document: document, year: export.year, format: format.rawValue, rows: rows,
                                          masked: masked, path: export.out)
            } catch {
                unlink(export.out)
                throw error
            }
            if options.json {
                try console.json(ExportResult(document: document, path: export.out, format: format.rawValue, rows: rows, masked: masked))
            } else {
                console.line(console.say("Đã ghi \(export.out) (\(rows) dòng\(masked ? ", đã che số CCCD" : "")).",
                                         "Wrote \(export.out) (\(rows) rows\(masked ? ", IDs masked" : ""))."))
            }
        }
    }

    struct ExportResult: Encodable {
        var document: String
        var path: String
        var format: String
        var rows: Int
        var masked: Bool
    }
}

struct ListExport: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: HelpText.pick("Danh sách đã duyệt của một năm, theo huyện và xã.", "The approved list of a year, grouped by district and commune."))
    @OptionGroup var options: GlobalOptions
    @OptionGroup var export: ExportOptions
    @Flag(name: .customLong("mask-ids"), help: .vi("Che số định danh, chỉ để lại 3 số cuối.", en: "Hide all but the last 3 digits of citizen IDs.")) var maskIds = false

    func run() throws {
        let masked = maskIds
        try ExportCommand.run(options, export, document: "list", masked: masked) { console, database, texts, format in
            try Self.write(console: console, database: database, texts: texts, format: format, year: export.year, path: export.out,
                           masked: masked)
        }
    }

    static func write(console: Console, database: UytinDatabase, texts: DocumentTexts, format: ExportSink.Format, year: Int,
                      path: String, masked: Bool) throws -> Int {
        guard let approved = try database.yearlyList(year) else { throw RegistryError.yearNotApproved(year) }
        // One approving decision (the province's), or the parts the districts or communes approved.
        let subtitle: String
        if approved.parts.count == 1 {
            let decision = approved.decision
            subtitle = console.say("(Kèm theo Quyết định số \(decision.number) ngày \(decision.decidedOn.vietnamese) của \(decision.issuer))",
                                   "(Attached to decision \(decision.number) of \(decision.decidedOn.iso) by \(decision.issuer))")
        } else {
            let parts = approved.parts.map { "\($0.decision.number) ngày \($0.decision.decidedOn.vietnamese) của \($0.decision.issuer)" }
            let partsEn = approved.parts.map { "\($0.decision.number) of \($0.decision.decidedOn.iso) by \($0.decision.issuer)" }
            subtitle = console.say("(Tổng hợp các phần đã phê duyệt theo Quyết định số \(parts.joined(separator: "; ")))",
                                   "(The parts approved by decisions \(partsEn.joined(separator: "; ")))")
        }
        let columns = [
            DocumentColumn(console.say("Họ và tên", "Full name"), width: 24),
            DocumentColumn(console.say("Năm sinh", "Born"), kind: .integer, width: 9),
            DocumentColumn(console.say("Giới tính", "Sex"), width: 8),
            DocumentColumn(console.say("Dân tộc", "Ethnic group"), width: 12),
            DocumentColumn(console.say("Thôn", "Village"), width: 22),
            DocumentColumn(console.say("Thành phần", "Roles"), width: 30),
            DocumentColumn(console.say("Số CCCD/CMND", "Citizen ID"), width: 15),
        ]
        // The list is grouped by district and commune while districts existed, by commune after (its shape, read in
        // the same snapshot as its rows, tells).
        var sink: ExportSink?
        var withDistricts = true
        var byEthnic: [String: Int] = [:]
        // A reprint after a correction of someone's record prints the corrected record and notes each correction
        // with its date ("Sửa họ tên ngày ...: cũ → mới"); a list without any keeps its columns.
        var notes = false
        try database.forEachOnYearlyList(year, shape: { shape in
            withDistricts = shape.district > 0
            notes = shape.corrected > 0
            let columns = notes ? columns + [DocumentColumn(console.say("Ghi chú", "Note"), width: 40)] : columns
            let header = DocumentHeader(
                governingBody: texts.governingBody, issuingBody: texts.issuingBody,
                title: console.say("DANH SÁCH NGƯỜI CÓ UY TÍN TRONG ĐỒNG BÀO DÂN TỘC THIỂU SỐ NĂM \(year)",
                                   "LIST OF REPUTABLE PERSONS IN ETHNIC MINORITY COMMUNITIES, \(year)"),
                subtitle: subtitle, placeAndDate: texts.placeAndDate, signatures: texts.signatures(),
                groupTitles: (withDistricts ? [console.say("Huyện", "District")] : []) + [console.say("Xã", "Commune")])
            sink = try ExportSink(format: format, path: path, header: header, columns: columns,
                                  style: texts.style(countNoun: console.say("người", "persons")))
        }) { person in
            var entry = person
            entry.phone = nil
            entry.idNumber = person.idNumber.map { masked ? CitizenID.masked($0) : $0 }
            byEthnic[person.ethnicGroup, default: 0] += 1
            try sink?.emit(DocumentRow(groups: (withDistricts ? [person.district] : []) + [person.commune], cells: [
                .text(person.name), .integer(person.birthYear), .text(console.say(person.gender.label)), .text(person.ethnicGroup),
                .text(person.village), .text(person.roles.map { console.say($0.label) }.joined(separator: ", ")),
                .text(entry.idNumber ?? ""),
            ] + (notes ? [.text((person.corrections ?? []).map { console.say($0.note) }.joined(separator: "; "))] : [])), entry)
        }
        guard let sink else { throw RegistryError.yearNotApproved(year) }
        try sink.finish(summaries: [DocumentSummary(
            title: console.say("TỔNG HỢP THEO DÂN TỘC", "BY ETHNIC GROUP"),
            columns: [DocumentColumn(console.say("Dân tộc", "Ethnic group")), DocumentColumn(console.say("Số người", "Persons"), kind: .integer, total: true)],
            rows: byEthnic.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.map { [.text($0.key), .integer($0.value)] })])
        return sink.rows
    }
}

struct ChangesExport: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "changes", abstract: HelpText.pick("Những người vào và ra khỏi danh sách trong năm, kèm quyết định và lý do.", "Who entered and left the list in a year, with decision and reason."))
    @OptionGroup var options: GlobalOptions
    @OptionGroup var export: ExportOptions

    func run() throws {
        try ExportCommand.run(options, export, document: "changes") { console, database, texts, format in
            try Self.write(console: console, database: database, texts: texts, format: format, year: export.year, path: export.out)
        }
    }

    static func write(console: Console, database: UytinDatabase, texts: DocumentTexts, format: ExportSink.Format, year: Int,
                      path: String) throws -> Int {
        let header = DocumentHeader(
            governingBody: texts.governingBody, issuingBody: texts.issuingBody,
            title: console.say("DANH SÁCH NGƯỜI CÓ UY TÍN ĐƯA RA KHỎI DANH SÁCH, CÔNG NHẬN BỔ SUNG, THAY THẾ NĂM \(year)",
                               "CHANGES TO THE LIST OF REPUTABLE PERSONS, \(year)"),
            subtitle: console.say("(Theo các quyết định của cấp có thẩm quyền trong năm \(year))", "(By the decisions of \(year))"),
            placeAndDate: texts.placeAndDate, signatures: texts.signatures(),
            groupTitles: [console.say("Huyện", "District"), console.say("Xã", "Commune")])
        let columns = [
            DocumentColumn(console.say("Nội dung", "Change"), width: 18),
            DocumentColumn(console.say("Họ và tên", "Full name"), width: 24),
            DocumentColumn(console.say("Năm sinh", "Born"), kind: .integer, width: 9),
            DocumentColumn(console.say("Dân tộc", "Ethnic group"), width: 12),
            DocumentColumn(console.say("Thôn", "Village"), width: 22),
            DocumentColumn(console.say("Từ ngày", "From"), kind: .date),
            DocumentColumn(console.say("Quyết định", "Decision"), width: 16),
            DocumentColumn(console.say("Lý do", "Reason"), width: 26),
        ]
        let sink = try ExportSink(format: format, path: path, header: header, columns: columns,
                                  style: texts.style(countNoun: console.say("người", "persons")))
        var byChange: [UytinDatabase.ListChange.Change: Int] = [:]
        try database.forEachChange(year: year) { change in
            byChange[change.change, default: 0] += 1
            var json = change
            json.person.idNumber = nil
            json.person.phone = nil
            let what = switch change.change {
            case .entered: change.counterpart == nil ? console.say("Công nhận bổ sung", "Recognised") : console.say("Thay thế", "Replacement")
            case .left: console.say("Đưa ra khỏi danh sách", "Removed")
            case .rebound: console.say("Gắn lại thôn sau sáp nhập", "Re-bound after merger")
            }
            var reason = change.reason.map { console.reasonLabel($0) } ?? ""
            if change.change == .left, change.reason == "death", let died = change.person.deathDate {
                reason += console.say(", mất ngày \(died.vietnamese)", ", died on \(died.iso)")
            }
            if change.reason == "replaced" { reason = console.say("Thay bằng \(change.counterpart ?? "")", "Replaced by \(change.counterpart ?? "")") }
            if change.change == .entered, let predecessor = change.counterpart {
                reason = console.say("Thay cho \(predecessor)", "Replaces \(predecessor)")
            }
            try sink.emit(DocumentRow(groups: [change.person.district, change.person.commune], cells: [
                .text(what), .text(change.person.name), .integer(change.person.birthYear), .text(change.person.ethnicGroup),
                .text(change.person.village), DocumentTexts.cell(change.date),
                .text("\(change.decisionNumber) (\(change.decisionDate.vietnamese))"), .text(reason),
            ]), json)
        }
        let labels: [(UytinDatabase.ListChange.Change, String)] = [
            (.entered, console.say("Công nhận bổ sung, thay thế", "Recognised or replacing")),
            (.left, console.say("Đưa ra khỏi danh sách", "Removed")),
            (.rebound, console.say("Gắn lại thôn sau sáp nhập", "Re-bound after merger")),
        ]
        try sink.finish(summaries: [DocumentSummary(
            title: console.say("TỔNG HỢP", "SUMMARY"),
            columns: [DocumentColumn(console.say("Nội dung", "Change")), DocumentColumn(console.say("Số người", "Persons"), kind: .integer, total: false)],
            rows: labels.map { [.text($0.1), .integer(byChange[$0.0] ?? 0)] })])
        return sink.rows
    }
}

struct EntitlementsExport: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "entitlements", abstract: HelpText.pick("Bảng ký nhận: STT, họ tên, thôn, xã, số tiền, hình thức, ký nhận, tổng cộng.", "The signature sheet: STT, name, village, commune, amount, method, Ký nhận, totals."))
    @OptionGroup var options: GlobalOptions
    @OptionGroup var export: ExportOptions
    @Option(help: .vi("Chỉ loại chế độ này.", en: "Only this benefit kind.")) var kind: String?
    @Option(help: .vi("Chỉ một xã (mã hoặc tên xã): bảng ký nhận gửi về xã đó.",
                      en: "Only one commune (code or name): the sheet that commune signs."))
    var commune: String?

    func run() throws {
        let kindText = kind
        let communeText = commune
        try ExportCommand.run(options, export, document: "entitlements") { console, database, texts, format in
            let kind = try kindText.map { try BenefitParse.choice($0, BenefitKind.self, option: "--kind") }
            let commune = try communeText.map { text in
                let code = try Lookup.commune(text, in: database, on: DocumentTexts.day(ofYear: export.year))
                return (code: code, name: try database.communeName(code: code, year: export.year))
            }
            return try Self.write(console: console, database: database, texts: texts, format: format, year: export.year, kind: kind,
                                  commune: commune, path: export.out)
        }
    }

    static func write(console: Console, database: UytinDatabase, texts: DocumentTexts, format: ExportSink.Format, year: Int,
                      kind: BenefitKind?, commune: (code: String, name: String)? = nil, path: String) throws -> Int {
        let what = kind.map { console.say($0.label).uppercased() } ?? console.say("CHẾ ĐỘ, CHÍNH SÁCH", "BENEFITS")
        let place = commune.map { " " + $0.name.uppercased() } ?? ""
        let header = DocumentHeader(
            governingBody: texts.governingBody, issuingBody: texts.issuingBody,
            title: console.say("DANH SÁCH KÝ NHẬN \(what) NĂM \(year)\(place)", "SIGNATURE SHEET: \(what), \(year)\(place)"),
            subtitle: console.say("(Đối với người có uy tín trong đồng bào dân tộc thiểu số)", "(For reputable persons in ethnic minority communities)"),
            placeAndDate: texts.placeAndDate,
            signatures: texts.signatures(accountant: true),
            groupTitles: kind == nil ? [console.say("Chế độ", "Benefit"), console.say("Huyện", "District")] : [console.say("Huyện", "District")])
        let columns = [
            DocumentColumn(console.say("Họ và tên", "Full name"), width: 24),
            DocumentColumn(console.say("Thôn", "Village"), width: 20),
            DocumentColumn(console.say("Xã", "Commune"), width: 16),
            DocumentColumn(console.say("Ngày", "Date"), kind: .date),
            DocumentColumn(console.say("Số tiền (đồng)", "Amount (đ)"), kind: .money, total: true),
            DocumentColumn(console.say("Hình thức", "Method"), width: 14),
            DocumentColumn(console.say("Ký nhận", "Signature"), kind: .signature),
        ]
        let sink = try ExportSink(format: format, path: path, header: header, columns: columns,
                                  style: texts.style(countNoun: console.say("người", "persons")))
        try database.forEachEntitlement(.init(year: year, kind: kind, communeCode: commune?.code)) { entitlement in
            guard entitlement.status != .cancelled else { return }
            let groups = kind == nil ? [console.say(entitlement.kind.label), entitlement.district] : [entitlement.district]
            try sink.emit(DocumentRow(groups: groups, cells: [
                .text(entitlement.person), .text(entitlement.village), .text(entitlement.commune),
                DocumentTexts.cell(entitlement.deliveredOn ?? entitlement.dueDate), .money(entitlement.amount),
                .text(console.say(entitlement.method.label)), .empty,
            ]), EntitlementCommand.Output(entitlement))
        }
        try sink.finish(summaries: [])
        return sink.rows
    }
}

struct BudgetExport: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "budget", abstract: HelpText.pick("Dự toán và thực hiện kinh phí của một năm.", "The budget estimate (dự toán) and actual of a year."))
    @OptionGroup var options: GlobalOptions
    @OptionGroup var export: ExportOptions

    func run() throws {
        try ExportCommand.run(options, export, document: "budget") { console, database, texts, format in
            try Self.write(console: console, database: database, texts: texts, format: format, year: export.year, path: export.out)
        }
    }

    static func write(console: Console, database: UytinDatabase, texts: DocumentTexts, format: ExportSink.Format, year: Int,
                      path: String) throws -> Int {
        let header = DocumentHeader(
            governingBody: texts.governingBody, issuingBody: texts.issuingBody,
            title: console.say("DỰ TOÁN KINH PHÍ THỰC HIỆN CHÍNH SÁCH ĐỐI VỚI NGƯỜI CÓ UY TÍN NĂM \(year)",
                               "BUDGET ESTIMATE FOR THE BENEFITS OF REPUTABLE PERSONS, \(year)"),
            subtitle: console.say("(Theo Quyết định số 12/2018/QĐ-TTg; dự toán gồm các khoản đã lập và dự kiến theo danh sách hiện hành)",
                                  "(Under QĐ 12/2018/QĐ-TTg; the estimate covers entitlements made and those projected from the current list)"),
            placeAndDate: texts.placeAndDate,
            signatures: texts.signatures(accountant: true),
            groupTitles: [console.say("Nguồn kinh phí", "Funding")])
        let columns = [
            DocumentColumn(console.say("Nội dung chi", "Benefit"), width: 40),
            DocumentColumn(console.say("Số lượt", "Count"), kind: .integer, width: 10, total: true),
            DocumentColumn(console.say("Dự toán (đồng)", "Estimate (đ)"), kind: .money, width: 16, total: true),
            DocumentColumn(console.say("Trong đó dự kiến", "Of which projected"), kind: .integer, width: 12),
            DocumentColumn(console.say("Đã thực hiện (đồng)", "Actual (đ)"), kind: .money, width: 16, total: true),
        ]
        let sink = try ExportSink(format: format, path: path, header: header, columns: columns,
                                  style: texts.style(countNoun: nil, orientation: .portrait))
        let lines = try database.budget(year: year).sorted { ($0.funding.rawValue, $0.kind.rawValue) < ($1.funding.rawValue, $1.kind.rawValue) }
        for line in lines {
            try sink.emit(DocumentRow(groups: [console.say(line.funding.label)], cells: [
                .text(console.say(line.kind.label)), .integer(line.estimatedCount), .money(line.estimate), .integer(line.projectedCount),
                .money(line.actual),
            ]), line)
        }
        try sink.finish(summaries: [])
        return sink.rows
    }
}
