import ArgumentParser
import Composition
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
    @Option(help: .vi("Dấu phân cách của CSV: \",\" (mặc định) hoặc \";\" (chấm phẩy, cho bảng tính dùng dấu phẩy thập phân).",
                      en: "The CSV separator: \",\" (default) or \";\" (semicolon, for spreadsheet locales that expect it)."))
    var separator: String?

    func sinkFormat() throws -> ExportSink.Format {
        try BenefitParse.choice(format, ExportSink.Format.self, option: "--format")
    }

    /// The CSV's options: the separator asked for (a value outside the list is refused, exit 64, whatever the format).
    func csvOptions() throws -> CSVDocumentWriter.Options {
        let separator = try separator.map { try BenefitParse.choice($0, CSVDocumentWriter.Options.Separator.self, option: "--separator") }
        return CSVDocumentWriter.Options(separator: separator ?? .comma)
    }
}


struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: HelpText.pick("Văn bản để in, ký và gửi: csv, xlsx, html để in, json.", "Documents to print, sign and send: csv, xlsx, printable html, json."),
        subcommands: [ListExport.self, ChangesExport.self, EntitlementsExport.self, BudgetExport.self])

    /// Composes a document, writes it in the chosen format and records it in the audit log: who, which document,
    /// how many rows, which citizen IDs it carries (none, masked, full) and why.
    static func run(_ options: GlobalOptions, _ export: ExportOptions, citizenIds: UytinDatabase.ExportedCitizenIDs = .none,
                    reason: String? = nil,
                    _ compose: @escaping (Wording, UytinDatabase) throws -> any ComposedDocument) throws {
        try Console.run(options) { console in
            let format = try export.sinkFormat()
            let csv = try export.csvOptions()
            try OutputPath.check(export.out, database: options.databasePath)
            let database = try console.database()
            _ = try database.setting().term(ofYear: export.year)
            let document = try compose(Wording(console.language), database)
            // No document leaves without its audit row: if the row cannot be written (busy), the file goes too.
            let rows = try DocumentExport.write(document, format: format, path: export.out, csv: csv, database: database,
                                                citizenIds: citizenIds, reason: reason)
            if options.json {
                try console.json(ExportResult(document: document.auditName, path: export.out, format: format.rawValue, rows: rows,
                                              masked: citizenIds == .masked, citizenIds: citizenIds))
            } else {
                let ids = switch citizenIds {
                case .none: ""
                case .masked: console.say(", số CCCD đã che", ", citizen IDs masked")
                case .full: console.say(", số CCCD đầy đủ, đã ghi lý do vào nhật ký", ", citizen IDs in full, the reason audited")
                }
                console.line(console.say("Đã ghi \(export.out) (\(rows) dòng\(ids)).", "Wrote \(export.out) (\(rows) rows\(ids))."))
            }
        }
    }

    struct ExportResult: Encodable {
        var document: String
        var path: String
        var format: String
        var rows: Int
        var masked: Bool
        var citizenIds: UytinDatabase.ExportedCitizenIDs
    }
}

struct ListExport: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: HelpText.pick("Danh sách đã duyệt của một năm, theo huyện và xã; không in số CCCD trừ khi yêu cầu.", "The approved list of a year, grouped by district and commune; citizen IDs only when asked."))
    @OptionGroup var options: GlobalOptions
    @OptionGroup var export: ExportOptions
    @Flag(name: .customLong("with-ids"), help: .vi("Thêm cột số CCCD, đã che (chỉ để lại 3 số cuối).", en: "Add a citizen ID column, masked (last 3 digits).")) var withIds = false
    @Flag(name: .customLong("mask-ids"), help: .vi("Như --with-ids (tên cũ).", en: "Same as --with-ids (the older name).")) var maskIds = false
    @Flag(name: .customLong("unmasked-ids"), help: .vi("Thêm cột số CCCD đầy đủ; cần --reason, được ghi vào nhật ký.", en: "Add citizen IDs in full; needs --reason, kept in the audit log.")) var unmaskedIds = false
    @Option(help: .vi("Lý do cần số CCCD đầy đủ (với --unmasked-ids).", en: "Why full citizen IDs are needed (with --unmasked-ids).")) var reason: String?

    /// Citizen IDs are personal data (Nghị định 13/2023/NĐ-CP, Luật 91/2025/QH15): none unless asked; in full only
    /// with a reason, which the audit log keeps. A contradictory or incomplete request is a malformed command (64).
    static func ids(withIds: Bool, unmasked: Bool, reason: String?) throws -> (YearlyListDocument.IDs, reason: String?) {
        let reason = reason?.trimmingCharacters(in: .whitespacesAndNewlines)
        if unmasked {
            if withIds {
                throw RegistryError("ids_conflict", .malformed,
                                    vi: "Chọn một: --with-ids (số CCCD đã che) hoặc --unmasked-ids (số CCCD đầy đủ), không cả hai.",
                                    en: "Choose one: --with-ids (masked IDs) or --unmasked-ids (full IDs), not both.")
            }
            guard let reason, !reason.isEmpty else {
                throw RegistryError("ids_reason_missing", .malformed,
                                    vi: "--unmasked-ids cần --reason \"lý do\": số CCCD là dữ liệu cá nhân (Nghị định 13/2023/NĐ-CP), việc xuất số đầy đủ được ghi vào nhật ký cùng lý do.",
                                    en: "--unmasked-ids needs --reason TEXT: citizen IDs are personal data; a full export is audited with its reason.")
            }
            return (.full, reason)
        }
        if reason != nil {
            throw RegistryError("reason_without_unmasked", .malformed, vi: "--reason chỉ dùng với --unmasked-ids.",
                                en: "--reason goes only with --unmasked-ids.")
        }
        return (withIds ? .masked : .none, nil)
    }

    func run() throws {
        let (withIds, unmasked, reasonText) = (self.withIds || maskIds, unmaskedIds, reason)
        let request = try? Self.ids(withIds: withIds, unmasked: unmasked, reason: reasonText)
        // A refused request is refused again inside run, where its message is printed with the right exit code.
        try ExportCommand.run(options, export, citizenIds: request?.0 ?? .none, reason: request?.reason) { words, database in
            let (ids, _) = try Self.ids(withIds: withIds, unmasked: unmasked, reason: reasonText)
            return try YearlyListDocument(database: database, words: words, year: export.year, ids: ids)
        }
    }
}

struct ChangesExport: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "changes", abstract: HelpText.pick("Những người vào và ra khỏi danh sách trong năm, kèm quyết định và lý do.", "Who entered and left the list in a year, with decision and reason."))
    @OptionGroup var options: GlobalOptions
    @OptionGroup var export: ExportOptions

    func run() throws {
        try ExportCommand.run(options, export) { words, database in
            try ChangeListDocument(database: database, words: words, year: export.year)
        }
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
        try ExportCommand.run(options, export) { words, database in
            let kind = try kindText.map { try BenefitParse.choice($0, BenefitKind.self, option: "--kind") }
            let commune = try communeText.map { text in
                let code = try Lookup.commune(text, in: database, on: DocumentTexts.day(ofYear: export.year))
                return (code: code, name: try database.communeName(code: code, year: export.year))
            }
            return try SignatureSheetDocument(database: database, words: words, year: export.year, kind: kind, commune: commune)
        }
    }
}

struct BudgetExport: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "budget", abstract: HelpText.pick("Dự toán và thực hiện kinh phí của một năm.", "The budget estimate (dự toán) and actual of a year."))
    @OptionGroup var options: GlobalOptions
    @OptionGroup var export: ExportOptions

    func run() throws {
        try ExportCommand.run(options, export) { words, database in
            try BudgetDocument(database: database, words: words, year: export.year)
        }
    }
}
