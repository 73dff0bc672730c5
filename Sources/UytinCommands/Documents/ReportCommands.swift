import ArgumentParser
import Composition
import Documents
import Foundation
import Registry
import Storage
import VietnameseCalendar

/// The options of a report: its years, format and file.
struct ReportOptions: ParsableArguments {
    @Option(help: .vi("Năm (năm đầu khi có --to-year).", en: "The year (the first one with --to-year).")) var year: Int
    @Option(name: .customLong("to-year"), help: .vi("Năm cuối: báo cáo từng năm từ --year đến năm này, qua các giai đoạn.",
                                                   en: "The last year: one column or row per year from --year, across terms."))
    var toYear: Int?
    @Option(help: .vi("Định dạng: xlsx, html (để in, có biểu đồ), json hoặc csv.", en: "xlsx, html (printable, with charts), json or csv."))
    var format: String
    @Option(help: .vi("Tệp sẽ ghi.", en: "The file to write.")) var out: String

    /// The years, refused (65) when the last is before the first or the span is longer than two terms.
    func years() throws -> ClosedRange<Int> {
        let last = toYear ?? year
        guard (2000...2100).contains(year), (2000...2100).contains(last) else {
            throw RegistryError("invalid_year", vi: "Năm phải từ 2000 đến 2100 (nhận được \(year)\(toYear.map { "–\($0)" } ?? "")).",
                                en: "Years run from 2000 to 2100 (got \(year)\(toYear.map { "–\($0)" } ?? "")).")
        }
        guard last >= year, last - year < 20 else {
            throw RegistryError("invalid_year_range",
                                vi: "--to-year \(last) phải từ \(year) đến \(year + 19) (không trước --year, tối đa 20 năm).",
                                en: "--to-year \(last) must be from \(year) to \(year + 19) (not before --year, at most 20 years).")
        }
        return year...last
    }

    func sinkFormat() throws -> ExportSink.Format {
        try BenefitParse.choice(format, ExportSink.Format.self, option: "--format")
    }
}

/// `uytin report`: the report a province sends upward, for one year or several.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: HelpText.pick("Báo cáo gửi cấp trên: cơ cấu danh sách, biến động theo lý do, chế độ theo nội dung, hình thức, nguồn kinh phí.",
                                "The report sent upward: the list's composition, changes by reason, benefits by kind, method and funding."))
    @OptionGroup var options: GlobalOptions
    @OptionGroup var report: ReportOptions

    func run() throws {
        try Console.run(options) { console in
            let years = try report.years()
            let format = try report.sinkFormat()
            try OutputPath.check(report.out, database: options.databasePath)
            let database = try console.database()
            let setting = try database.setting()
            for year in [years.lowerBound, years.upperBound] where setting.terms.term(ofYear: year) == nil {
                throw RegistryError("year_outside_terms",
                                    vi: "Năm \(year) không thuộc giai đoạn nào của cơ sở dữ liệu (\(setting.terms.label)).",
                                    en: "The year \(year) is in no term of this database (\(setting.terms.label)).")
            }
            let document = try ReportDocument(database: database, words: Wording(console.language),
                                              year: years.lowerBound, toYear: years.upperBound)
            try ReportWriting.refuseEmpty(document)
            let rows = try ReportWriting.write(document, format: format, path: report.out)
            do {
                try database.recordExport(document: document.auditName, year: years.lowerBound, format: format.rawValue, rows: rows,
                                          path: report.out)
            } catch {
                unlink(report.out)
                throw error
            }
            try ReportWriting.tell(console, document: document, path: report.out, format: format, rows: rows)
        }
    }
}

/// `uytin rollup`: the same report over several provinces' databases, each opened read-only and its audit chain
/// verified first; national totals, one section per province, and each file's audit head as provenance.
struct RollupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rollup",
        abstract: HelpText.pick("Tổng hợp báo cáo của nhiều tỉnh (mỗi tệp chỉ đọc, kiểm tra chuỗi nhật ký trước): tổng cả nước, từng tỉnh, nguồn số liệu.",
                                "Roll up several provinces' reports (each file read-only, audit chain verified first): totals, each province, provenance."))
    @OptionGroup var options: GlobalOptions
    @Option(name: .customLong("from"), parsing: .upToNextOption,
            help: .vi("Các tệp cơ sở dữ liệu của các tỉnh (mỗi tỉnh một tệp).", en: "The provinces' database files (one per province)."))
    var sources: [String] = []
    @OptionGroup var report: ReportOptions

    func run() throws {
        try Console.run(options) { console in
            let years = try report.years()
            let format = try report.sinkFormat()
            guard !sources.isEmpty else {
                throw RegistryError("no_sources", .malformed, vi: "Cần ít nhất một tệp sau --from.", en: "Give at least one file after --from.")
            }
            // Every file first: missing or unreadable (66), then the same file twice (65), then the output.
            var seen: [String: String] = [:]
            for path in sources {
                var info = stat()
                guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
                    throw RegistryError("rollup_source_missing", .missingInput,
                                        vi: "Không tìm thấy tệp cơ sở dữ liệu \(path) (sau --from); chưa ghi gì.",
                                        en: "The database file \(path) (after --from) was not found; nothing was written.")
                }
                guard access(path, R_OK) == 0 else { throw RegistryError.databaseUnreadable(path, "permission denied") }
                let identity = "\(info.st_dev):\(info.st_ino)"
                if let earlier = seen[identity] {
                    throw RegistryError("rollup_same_file", vi: "\(path) và \(earlier) là cùng một tệp; mỗi tỉnh chỉ tổng hợp một lần.",
                                        en: "\(path) and \(earlier) are the same file; each province is rolled up once.")
                }
                seen[identity] = path
                try OutputPath.check(report.out, database: path)
            }
            // Each file on its own connection, as many at once as there are cores; the first failure in the order of
            // --from is the one reported.
            let results = ReadResults(count: sources.count)
            let paths = sources
            DispatchQueue.concurrentPerform(iterations: paths.count) { index in
                results.set(index, Result {
                    let database = try UytinDatabase.openReadOnly(path: paths[index])
                    defer { database.closeFile() }
                    return try database.reportFigures(from: years.lowerBound, to: years.upperBound, name: paths[index], verifyingAudit: true)
                })
            }
            var figures: [UytinDatabase.ReportFigures] = []
            for (path, result) in zip(sources, results.all) {
                let source = try result.get()
                if let twin = figures.first(where: { $0.source.provinceCode == source.source.provinceCode }) {
                    throw RegistryError("rollup_same_province",
                                        vi: "\(path) và \(twin.source.file) cùng là của \(source.source.provinceName) (mã \(source.source.provinceCode)); mỗi tỉnh chỉ một tệp.",
                                        en: "\(path) and \(twin.source.file) both hold \(source.source.provinceName) (code \(source.source.provinceCode)); one file per province.")
                }
                // The same chain twice is the same province's data under another label (a copy given another
                // province): counted once it would be counted twice.
                if let twin = figures.first(where: { $0.source.auditHeadId == source.source.auditHeadId && $0.source.auditHeadHash == source.source.auditHeadHash }) {
                    throw RegistryError("rollup_same_data",
                                        vi: "\(path) và \(twin.source.file) có cùng nhật ký (đến dòng #\(source.source.auditHeadId) \(source.source.auditHeadHash.prefix(12))…): đó là hai bản của cùng một cơ sở dữ liệu, không thể cộng hai lần.",
                                        en: "\(path) and \(twin.source.file) share one audit log (to row \(source.source.auditHeadId) \(source.source.auditHeadHash.prefix(12))…): two copies of one database cannot be added up.")
                }
                var named = source
                named.source.file = path
                figures.append(named)
            }
            let document = ReportDocument(rollup: figures, words: Wording(console.language), year: years.lowerBound, toYear: years.upperBound)
            try ReportWriting.refuseEmpty(document)
            let rows = try ReportWriting.write(document, format: format, path: report.out)
            try ReportWriting.tell(console, document: document, path: report.out, format: format, rows: rows)
        }
    }
}

/// The figures of a roll-up's files, read at once by several threads.
final class ReadResults: @unchecked Sendable {
    private let lock = NSLock()
    private var results: [Result<UytinDatabase.ReportFigures, any Error>]

    init(count: Int) {
        results = Array(repeating: .failure(RegistryError.internalFault("not read")), count: count)
    }

    func set(_ index: Int, _ result: Result<UytinDatabase.ReportFigures, any Error>) {
        lock.lock()
        results[index] = result
        lock.unlock()
    }

    var all: [Result<UytinDatabase.ReportFigures, any Error>] {
        lock.lock()
        defer { lock.unlock() }
        return results
    }
}

/// Writing a report: the documents through `ExportSink`, JSON as one document with its sections.
enum ReportWriting {
    /// A report with no list, no change and no benefit in its years is refused (65), not printed as zeros.
    static func refuseEmpty(_ document: ReportDocument) throws {
        let empty = document.sources.allSatisfy { $0.lists.isEmpty && $0.changes.isEmpty && $0.byKind.isEmpty }
        if empty {
            let years = document.year == document.toYear ? "\(document.year)" : "\(document.year)–\(document.toYear)"
            throw RegistryError("report_empty",
                                vi: "Năm \(years) chưa có danh sách được duyệt, biến động hay chế độ nào: không có gì để báo cáo.",
                                en: "\(years) has no approved list, change or benefit: there is nothing to report.")
        }
    }

    /// Writes the document; returns the rows of its main table.
    static func write(_ document: ReportDocument, format: ExportSink.Format, path: String) throws -> Int {
        switch format {
        case .xlsx, .html:
            return try ExportSink.write(document, format: format, path: path)
        case .csv:
            // The paper form in cells: every table one after the other under its title, the sections too, which
            // the one-table CSV for programs would drop.
            return try ExportSink.write(document, format: .csv, path: path, csv: .init(layout: .document))
        case .json:
            break
        }
        let table = document.overview(document.sources)
        let json = ReportJSON(
            document: document.auditName, fromYear: document.year, toYear: document.toYear,
            header: .init(document.header),
            table: .init(title: document.header.title, columns: document.columns, rows: table),
            sections: document.summaries.map { .init(title: $0.title, columns: $0.columns, rows: $0.rows) },
            sources: document.sources.map(\.source))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        try place(try encoder.encode(json), path: path)
        return table.count
    }

    /// Writes `data` beside `path` and renames it into place: no half file.
    static func place(_ data: Data, path: String) throws {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent()
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder), isFolder.boolValue else {
            throw RegistryError.cannotCreate(path, Message(vi: "thư mục không tồn tại", en: "no such folder"))
        }
        let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).part")
        do {
            try data.write(to: temporary)
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw RegistryError.cannotCreate(path, Message(vi: "không ghi được tệp tạm bên cạnh", en: "\(error)"))
        }
        // rename(2) replaces an older file in one step: it is never deleted before the new one is in place.
        guard rename(temporary.path, url.path) == 0 else {
            let code = errno
            try? FileManager.default.removeItem(at: temporary)
            throw RegistryError.cannotCreate(path, errno: code)
        }
    }

    static func tell(_ console: Console, document: ReportDocument, path: String, format: ExportSink.Format, rows: Int) throws {
        if console.options.json {
            try console.json(Result(document: document.auditName, path: path, format: format.rawValue, rows: rows,
                                    sources: document.sources.map(\.source)))
        } else {
            console.line(console.say("Đã ghi \(path) (\(rows) năm, \(document.sources.count) nguồn số liệu).",
                                     "Wrote \(path) (\(rows) years, \(document.sources.count) sources)."))
            if document.auditName == "rollup" {
                for figures in document.sources {
                    let source = figures.source
                    console.line(console.say(
                        "  \(source.file): \(source.provinceName) (mã \(source.provinceCode)), nhật ký đến dòng #\(source.auditHeadId) \(source.auditHeadHash)",
                        "  \(source.file): \(source.provinceName) (code \(source.provinceCode)), audit head row \(source.auditHeadId) \(source.auditHeadHash)"))
                }
            }
        }
    }

    struct Result: Encodable {
        var document: String
        var path: String
        var format: String
        var rows: Int
        var sources: [UytinDatabase.ReportSource]
    }
}

/// The report as one JSON document: its texts, its table and its sections, each with column titles and rows.
struct ReportJSON: Encodable {
    struct Header: Encodable {
        var governingBody: String
        var issuingBody: String
        var title: String
        var subtitle: String?
        var signatures: [String]

        init(_ header: DocumentHeader) {
            governingBody = header.governingBody
            issuingBody = header.issuingBody
            title = header.title
            subtitle = header.subtitle
            signatures = header.signatures.map(\.role)
        }
    }

    struct Table: Encodable {
        var title: String
        var columns: [String]
        var rows: [[Cell]]

        init(title: String, columns: [DocumentColumn], rows: [[DocumentCell]]) {
            self.title = title
            self.columns = columns.map(\.title)
            self.rows = rows.map { $0.map(Cell.init) }
        }
    }

    /// A cell: text, a number, an ISO date, or null.
    struct Cell: Encodable {
        var cell: DocumentCell

        init(_ cell: DocumentCell) { self.cell = cell }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            switch cell {
            case .text(let text): try container.encode(text)
            case .integer(let value), .money(let value): try container.encode(value)
            case .date(let year, let month, let day):
                try container.encode(String(format: "%04d-%02d-%02d", year, month, day))
            case .empty: try container.encodeNil()
            }
        }
    }

    var document: String
    var fromYear: Int
    var toYear: Int
    var header: Header
    var table: Table
    var sections: [Table]
    var sources: [UytinDatabase.ReportSource]
}
