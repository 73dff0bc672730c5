import ArgumentParser
import Composition
import Demo
import Foundation
import WebConsole
import Registry
import Scheduler
import Storage
import VietnameseCalendar

struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: HelpText.pick("Dựng một tỉnh mẫu giống Vĩnh Phúc (tên giả), kể lại câu chuyện từ 2019 đến 2026 và in ra.", "Build a sample province shaped like Vĩnh Phúc (synthetic names), tell its story from 2019 to 2026 and print it."))

    @OptionGroup var options: GlobalOptions
    @Option(help: .vi("Số người được công nhận trong quyết định năm 2019 (ít nhất 74).", en: "How many persons the 2019 decision recognises (at least 74).")) var persons = DemoProvince.standardPersons
    @Option(help: .vi("Dừng câu chuyện vào ngày này (từ 2022-12-31, bản 2019–2022, đến 2026-11-30, mặc định).", en: "Stop the story on this day (from 2022-12-31, the 2019–2022 demo, to 2026-11-30, the default)."))
    var until: String?
    @Option(help: .vi("Ghi thêm vào thư mục này danh sách 2021 và 2026, biến động 2021, bảng ký nhận quà Tết 2022 và dự toán 2022, đủ mọi định dạng.", en: "Also write the 2021 and 2026 lists, the 2021 changes, the Tết 2022 signature sheet and the 2022 budget here, in every format."))
    var out: String?

    func run() throws {
        try Console.run(options) { console in
            guard persons >= DemoProvince.standardPersons, persons <= 200_000 else {
                throw RegistryError("invalid_persons", vi: "--persons phải từ 74 đến 200000.", en: "--persons must be 74 to 200,000.")
            }
            // The sample reorganisation tables name the standard province's villages by their ids: a larger province's
            // story stops at the end of 2022.
            let standard = persons == DemoProvince.standardPersons
            let last = try until.map(Parse.day) ?? (standard ? DemoProvince.storyEnd : DemoProvince.dailyRunsEnd)
            guard last >= DemoProvince.dailyRunsEnd, last <= DemoProvince.storyEnd else {
                throw RegistryError("invalid_until",
                                    vi: "--until phải từ 31/12/2022 đến 30/11/2026 (nhận được \(last.vietnamese)).",
                                    en: "--until must be from 2022-12-31 to 2026-11-30 (got \(last.iso)).")
            }
            if !standard, last > DemoProvince.dailyRunsEnd {
                throw RegistryError("demo_persons_story",
                                    vi: "Câu chuyện sau năm 2022 (bảng sắp xếp mẫu ghi số hiệu thôn của tỉnh mẫu) chỉ có với 74 người; với --persons \(persons) câu chuyện dừng ở 31/12/2022.",
                                    en: "The story after 2022 (sample reorganisation tables naming the sample province's villages by id) needs the standard 74 persons; with --persons \(persons) it stops on 2022-12-31.")
            }
            if !standard, until == nil, !options.json {
                console.warn(console.say("Với --persons \(persons), câu chuyện dừng ở 31/12/2022 (bảng sắp xếp mẫu ghi số hiệu thôn của tỉnh 74 người).",
                                         "With --persons \(persons) the story stops on 2022-12-31 (the sample reorganisation tables name the 74-person province's villages)."))
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
            var summary: DemoProvince.Summary
            do {
                let database = try UytinDatabase.open(path: temporary, actor: "demo", create: true, busyTimeout: options.busyTimeout)
                var demo = DemoProvince(database: database, language: console.language)
                if !options.json {
                    let weekly = last > DemoProvince.dailyRunsEnd
                    console.warn(console.say("Đang dựng tỉnh mẫu và kể câu chuyện 2019–\(last.year); chế độ chính sách chạy từng ngày 2019–2022 như cron\(weekly ? ", sau đó hằng tuần" : "")...",
                                             "Building the sample province and telling its story 2019–\(last.year); benefits run day by day through 2022 as cron would\(weekly ? ", then weekly" : "")..."))
                }
                summary = try demo.tellStory(persons: persons, through: last)
                if last == DemoProvince.storyEnd {
                    // One account per role for the console, under the published demo password (README).
                    let hash = try Passwords.hash(DemoAccounts.password)
                    for entry in DemoAccounts.all {
                        _ = try database.addAccount(login: entry.login, role: entry.role, communeCode: entry.communeCode, passwordHash: hash)
                    }
                }
                try database.checkpoint()
            }
            summary.path = path
            for suffix in ["-wal", "-shm"] { unlink(path + suffix) }
            guard rename(temporary, path) == 0 else { throw RegistryError.cannotCreate(path, errno: errno) }

            let written = try out.map { try writeDocuments(console: console, path: path, folder: $0, through: last) } ?? []
            if options.json { return try console.json(Output(demo: summary, documents: written)) }
            let province = summary.finalProvince.map { $0 == "Tỉnh Vĩnh Phúc" ? "" : console.say(", từ 01/07/2025 thuộc \($0) (mã 25)", ", from 2025-07-01 part of \($0) (code 25)") } ?? ""
            console.line(console.say("Cơ sở dữ liệu mẫu: \(path) — tỉnh Vĩnh Phúc (mã 26)\(province); giai đoạn \(summary.terms.joined(separator: ", "))",
                                     "Demo database: \(path) — Vĩnh Phúc (code 26)\(province); terms \(summary.terms.joined(separator: ", "))"))
            console.line(console.say("\(summary.communes) xã, \(summary.villages) thôn năm 2019; \(summary.persons) người đã đăng ký (tên và số CCCD là giả định).",
                                     "\(summary.communes) communes, \(summary.villages) villages in 2019; \(summary.persons) persons registered (names and IDs are synthetic)."))
            if let communes = summary.finalCommunes, let villages = summary.finalVillages, let through = summary.through {
                console.line(console.say("Ngày \(through.vietnamese): \(communes) xã, \(villages) thôn đang có hiệu lực.",
                                         "On \(through.iso): \(communes) communes and \(villages) villages in force."))
            }
            for chapter in summary.story {
                console.line("")
                console.line(console.say("Năm \(chapter.year)", "\(chapter.year)"))
                for event in chapter.events {
                    console.line("  " + (event.date.map { console.say($0.vietnamese, $0.iso) + " — " } ?? "") + event.text)
                }
            }
            console.line("")
            let years = summary.lists.keys.sorted().map { console.say("\($0): \(summary.lists[$0]!) người", "\($0): \(summary.lists[$0]!) persons") }
            console.line(console.say("Danh sách năm đã phê duyệt — \(years.joined(separator: "; ")).",
                                     "Approved yearly lists — \(years.joined(separator: "; "))."))
            if let benefits = summary.benefits {
                let weekly = benefits.weeklyRuns.map { console.say(", rồi \($0) lần chạy khoảng hằng tuần đến \(last.vietnamese) (mỗi lần chạy bù mọi ngày kể từ lần trước, nên kết quả như chạy hằng ngày)",
                                                                  ", then \($0) runs about once a week through \(last.iso) (each catches up every day since the last, so the result is that of daily runs)") } ?? ""
                console.line(console.say("Chế độ chính sách: \(benefits.runs) lần chạy hằng ngày 01/01/2019–31/12/2022\(weekly); \(benefits.entitlements) khoản.",
                                         "Benefits: \(benefits.runs) daily runs 2019-01-01 to 2022-12-31\(weekly); \(benefits.entitlements) entitlements."))
            }
            if !written.isEmpty {
                console.line(console.say("Đã ghi \(written.count) văn bản vào \(out ?? ""): \(written.map { URL(fileURLWithPath: $0).lastPathComponent }.joined(separator: ", "))",
                                         "Wrote \(written.count) documents to \(out ?? ""): \(written.map { URL(fileURLWithPath: $0).lastPathComponent }.joined(separator: ", "))"))
            }
            let tries = last > DemoProvince.dailyRunsEnd
                ? "uytin list --year 2021 --db \(path); uytin list --year 2026 --db \(path); uytin reorg list --db \(path); uytin history --person 33 --db \(path); uytin check --db \(path)"
                : "uytin list --year 2021 --db \(path); uytin list diff --from 2019 --to 2020 --db \(path); uytin check --db \(path)"
            console.line(console.say("Thử: ", "Try: ") + tries)
            if last == DemoProvince.storyEnd {
                let accounts = DemoAccounts.all.map { "\($0.login) (\(console.say($0.role.name)))" }.joined(separator: ", ")
                console.line(console.say("Trang quản lý: uytin serve --db \(path), rồi mở http://127.0.0.1:8080/ — tài khoản mẫu: \(accounts); mật khẩu: \(DemoAccounts.password)",
                                         "Web console: uytin serve --db \(path), then open http://127.0.0.1:8080/ — demo accounts: \(accounts); password: \(DemoAccounts.password)"))
            }
        }
    }

    struct Output: Encodable {
        var demo: DemoProvince.Summary
        var documents: [String]
    }

    /// The documents a clerk would print from the demo, in every format; returns their paths.
    private func writeDocuments(console: Console, path: String, folder: String, through last: Day) throws -> [String] {
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            // The system's reason is in English: the clerk reads it in words of their language.
            if let underlying = (error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
                throw RegistryError.cannotCreate(folder, errno: Int32(underlying.code))
            }
            throw RegistryError.cannotCreate(folder, Message(vi: "không tạo được thư mục", en: error.localizedDescription))
        }
        let database = try UytinDatabase.open(path: path, actor: options.actorName)
        let words = Wording(console.language)
        var written: [String] = []
        for format in ExportSink.Format.allCases {
            let documents: [(String, Int, () throws -> any ComposedDocument)] = [
                ("list", 2021, { try YearlyListDocument(database: database, words: words, year: 2021) }),
                ("list", 2026, { try YearlyListDocument(database: database, words: words, year: 2026) }),
                ("changes", 2021, { try ChangeListDocument(database: database, words: words, year: 2021) }),
                ("entitlements", 2022, { try SignatureSheetDocument(database: database, words: words, year: 2022, kind: .lunarNewYearGift) }),
                ("budget", 2022, { try BudgetDocument(database: database, words: words, year: 2022) }),
            ]
            for (document, year, write) in documents where year <= last.year {
                let name = document == "entitlements" ? "ky-nhan-qua-tet-\(year)" : ["list": "danh-sach", "changes": "bien-dong", "budget": "du-toan"][document]! + "-\(year)"
                let file = URL(fileURLWithPath: folder).appendingPathComponent("\(name).\(format.rawValue)").path
                try OutputPath.check(file, database: path)
                let rows = try ExportSink.write(try write(), format: format, path: file)
                try database.recordExport(document: document, year: year, format: format.rawValue, rows: rows, path: file)
                written.append(file)
            }
            // The report sent upward, every year of the story.
            let report = try ReportDocument(database: database, words: words, year: 2019, toYear: last.year)
            let file = URL(fileURLWithPath: folder).appendingPathComponent("bao-cao-2019-\(last.year).\(format.rawValue)").path
            try OutputPath.check(file, database: path)
            let rows = try ReportWriting.write(report, format: format, path: file)
            try database.recordExport(document: report.auditName, year: 2019, format: format.rawValue, rows: rows, path: file)
            written.append(file)
        }
        return written
    }
}
