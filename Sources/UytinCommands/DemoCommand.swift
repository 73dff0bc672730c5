import ArgumentParser
import Demo
import Foundation
import Registry
import Scheduler
import Storage

struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo", abstract: "Build a sample province shaped like Vĩnh Phúc (synthetic names) and print what happened.")

    @OptionGroup var options: GlobalOptions
    @Option(help: "How many persons the 2019 decision recognises (at least 74).") var persons = DemoProvince.standardPersons
    @Option(help: "Also write the 2021 list and changes, the Tết 2022 signature sheet and the 2022 budget here, in every format.")
    var out: String?

    func run() throws {
        try Console.run(options) { console in
            guard persons >= DemoProvince.standardPersons, persons <= 200_000 else {
                throw RegistryError("invalid_persons", vi: "--persons phải từ 74 đến 200000.", en: "--persons must be 74 to 200,000.")
            }
            // Without --db or UYTIN_DB the demo never touches uytin.sqlite, which may hold real data.
            let path = options.db ?? GlobalOptions.environment["UYTIN_DB"] ?? "uytin-demo.sqlite"
            if FileManager.default.fileExists(atPath: path) {
                let existing = try? UytinDatabase.open(path: path, actor: options.actorName)
                guard (try? existing?.isDemo()) == true else {
                    throw RegistryError.cannotCreate(path, console.say(
                        "tệp đã có và không phải cơ sở dữ liệu mẫu; hãy chọn tệp khác bằng --db",
                        "the file exists and is not a demo database; choose another with --db"))
                }
            }
            // Built beside the target and renamed into place: an interrupted demo leaves the old file as it was.
            let temporary = path + ".building-\(getpid())"
            defer { for suffix in ["", "-wal", "-shm"] { unlink(temporary + suffix) } }
            let summary: DemoProvince.Summary
            do {
                let database = try UytinDatabase.open(path: temporary, actor: "demo", create: true, busyTimeout: options.busyTimeout)
                var demo = DemoProvince(database: database)
                var built = try demo.build(persons: persons)
                if !options.json {
                    console.warn(console.say("Đang chạy chế độ chính sách từng ngày 2019–2022 như cron...",
                                             "Running the benefits day by day through 2019–2022, as cron would..."))
                }
                built.benefits = try demo.runBenefits()
                summary = built
                try database.checkpoint()
            }
            for suffix in ["-wal", "-shm"] { unlink(path + suffix) }
            guard rename(temporary, path) == 0 else { throw RegistryError.cannotCreate(path, errno: errno) }

            let written = try out.map { try writeDocuments(console: console, path: path, folder: $0) } ?? []
            if options.json { return try console.json(Output(demo: summary, documents: written)) }
            console.line(console.say("Cơ sở dữ liệu mẫu: \(path) — tỉnh Vĩnh Phúc (mã 26), giai đoạn 2019–2023",
                                     "Demo database: \(path) — Vĩnh Phúc (code 26), term 2019–2023"))
            console.line(console.say("\(summary.communes) xã, \(summary.villages) thôn, \(summary.persons) người (tên và số CCCD là giả định).",
                                     "\(summary.communes) communes, \(summary.villages) villages, \(summary.persons) persons (names and IDs are synthetic)."))
            console.line(console.say("10/12/2019: sáp nhập 5 cặp thôn (Nghị quyết 44/NQ-HĐND).", "2019-12-10: five village mergers (resolution 44/NQ-HĐND)."))
            for step in summary.decisions {
                var parts: [String] = []
                if step.recognized > 0 { parts.append(console.say("công nhận \(step.recognized)", "recognised \(step.recognized)")) }
                let removed = step.removed.values.reduce(0, +)
                if removed > 0 {
                    let detail = step.removed.sorted { $0.key < $1.key }.map { "\(console.reasonLabel($0.key).lowercased()) \($0.value)" }
                    parts.append(console.say("đưa ra \(removed) (\(detail.joined(separator: ", ")))",
                                             "removed \(removed) (\(detail.joined(separator: ", ")))"))
                }
                if step.replaced > 0 { parts.append(console.say("thay thế \(step.replaced)", "replaced \(step.replaced)")) }
                if step.rebound > 0 { parts.append(console.say("gắn lại thôn \(step.rebound)", "re-bound \(step.rebound)")) }
                console.line(console.say("QĐ \(step.number) ngày \(step.date.vietnamese): ", "Decision \(step.number) of \(step.date.iso): ")
                             + parts.joined(separator: ", ")
                             + console.say(" → danh sách năm \(step.listYear ?? 0): \(step.listCount ?? 0) người",
                                           " → list of \(step.listYear ?? 0): \(step.listCount ?? 0) persons"))
            }
            if let benefits = summary.benefits {
                console.line(console.say(
                    "Chế độ chính sách: \(benefits.runs) lần chạy hằng ngày (01/01/2019–31/12/2022), \(benefits.entitlements) khoản; giai đoạn ứng phó dịch Covid-19 mẫu #\(benefits.contingencyId) từ 01/05/2021 đến 31/03/2022.",
                    "Benefits: \(benefits.runs) daily runs (2019-01-01 to 2022-12-31), \(benefits.entitlements) entitlements; sample Covid-19 contingency period #\(benefits.contingencyId) from 2021-05-01 to 2022-03-31."))
                for entry in benefits.tet2022 {
                    let method = DeliveryMethod(rawValue: entry.method).map { console.say($0.label) } ?? entry.method
                    let status = EntitlementStatus(rawValue: entry.status).map { console.say($0.label) } ?? entry.status
                    console.line(console.say("  Quà Tết Nhâm Dần 2022: \(entry.count) người × 500.000 đ = \(Money.format(entry.amount)) đ — \(method.lowercased()), \(status)",
                                             "  Tết 2022 gifts: \(entry.count) persons × 500,000 đ = \(Money.format(entry.amount)) đ — \(method), \(status)"))
                }
            }
            if !written.isEmpty {
                console.line(console.say("Đã ghi \(written.count) văn bản vào \(out ?? ""): \(written.map { URL(fileURLWithPath: $0).lastPathComponent }.joined(separator: ", "))",
                                         "Wrote \(written.count) documents to \(out ?? ""): \(written.map { URL(fileURLWithPath: $0).lastPathComponent }.joined(separator: ", "))"))
            }
            console.line(console.say("Thử: uytin list --year 2021 --db \(path); uytin list diff --from 2019 --to 2020 --db \(path); uytin check --db \(path)",
                                     "Try: uytin list --year 2021 --db \(path); uytin list diff --from 2019 --to 2020 --db \(path); uytin check --db \(path)"))
        }
    }

    struct Output: Encodable {
        var demo: DemoProvince.Summary
        var documents: [String]
    }

    /// The documents a clerk would print from the demo, in every format; returns their paths.
    private func writeDocuments(console: Console, path: String, folder: String) throws -> [String] {
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw RegistryError.cannotCreate(folder, "\(error.localizedDescription)")
        }
        let database = try UytinDatabase.open(path: path, actor: options.actorName)
        func texts(_ year: Int) throws -> DocumentTexts {
            try DocumentTexts(console: console, database: database,
                              on: try database.yearlyList(year)?.asOf ?? DocumentTexts.day(ofYear: year))
        }
        var written: [String] = []
        for format in ExportSink.Format.allCases {
            let documents: [(String, Int, (String) throws -> Int)] = [
                ("list", 2021, { try ListExport.write(console: console, database: database, texts: try texts(2021), format: format, year: 2021, path: $0, masked: false) }),
                ("list", 2026, { try ListExport.write(console: console, database: database, texts: try texts(2026), format: format, year: 2026, path: $0, masked: false) }),
                ("changes", 2021, { try ChangesExport.write(console: console, database: database, texts: try texts(2021), format: format, year: 2021, path: $0) }),
                ("entitlements", 2022, { try EntitlementsExport.write(console: console, database: database, texts: try texts(2022), format: format, year: 2022,
                                                                      kind: .lunarNewYearGift, path: $0) }),
                ("budget", 2022, { try BudgetExport.write(console: console, database: database, texts: try texts(2022), format: format, year: 2022, path: $0) }),
            ]
            for (document, year, write) in documents {
                let name = document == "entitlements" ? "ky-nhan-qua-tet-\(year)" : ["list": "danh-sach", "changes": "bien-dong", "budget": "du-toan"][document]! + "-\(year)"
                let file = URL(fileURLWithPath: folder).appendingPathComponent("\(name).\(format.rawValue)").path
                try OutputPath.check(file, database: path)
                let rows = try write(file)
                try database.recordExport(document: document, year: year, format: format.rawValue, rows: rows, masked: false, path: file)
                written.append(file)
            }
        }
        return written
    }
}
