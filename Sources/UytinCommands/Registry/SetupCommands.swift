import ArgumentParser
import Foundation
import Registry
import Storage
import VietnameseCalendar

struct Initialize: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init", abstract: HelpText.pick("Tạo cơ sở dữ liệu với dữ liệu dùng chung; chạy lại không thay đổi gì.", "Create the database with the reference data; running it again changes nothing."))

    @OptionGroup var options: GlobalOptions
    @Option(help: .vi("Mã tỉnh 2 số (26 = Vĩnh Phúc).", en: "The province's 2-digit code (26 = Vĩnh Phúc).")) var province = "26"
    @Option(help: .vi("Giai đoạn, ví dụ 2019-2023.", en: "The term, e.g. 2019-2023.")) var term = "2019-2023"

    func run() throws {
        try Console.run(options) { console in
            let term = try Parse.term(term)
            guard ReferenceData.provinces.contains(where: { $0.code == province }) else {
                throw RegistryError.unknownProvince(province)
            }
            let existed = FileManager.default.fileExists(atPath: options.databasePath)
            let database = try UytinDatabase.open(path: options.databasePath, actor: options.actorName, create: true,
                                                  busyTimeout: options.busyTimeout)
            console.announceUpgrade(database)
            let created = try database.initialize(provinceCode: province, term: term)
            let setting = try database.setting()
            if options.json {
                try console.json(InitResult(path: options.databasePath, province: setting.provinceName,
                                            term: "\(term.lowerBound)-\(term.upperBound)", created: created))
            } else if created {
                console.line(console.say(
                    "Đã khởi tạo \(options.databasePath): tỉnh \(setting.provinceName), giai đoạn \(term.lowerBound)–\(term.upperBound), 54 dân tộc, 63 tỉnh.",
                    "Initialised \(options.databasePath): \(setting.provinceName), term \(term.lowerBound)–\(term.upperBound), 54 ethnic groups, 63 provinces."))
            } else {
                console.line(console.say(
                    "\(options.databasePath) đã được khởi tạo (\(existed ? "" : "mới, ")tỉnh \(setting.provinceName), giai đoạn \(term.lowerBound)–\(term.upperBound)); không thay đổi gì.",
                    "\(options.databasePath) is already initialised (\(setting.provinceName), term \(term.lowerBound)–\(term.upperBound)); nothing changed."))
            }
        }
    }

    struct InitResult: Encodable {
        var path: String
        var province: String
        var term: String
        var created: Bool
    }
}

struct AreaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "area", abstract: HelpText.pick("Huyện và xã.", "Districts and communes."), subcommands: [Add.self, List.self, Rename.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: HelpText.pick("Thêm một huyện hoặc xã với mã chính thức.", "Add a district or a commune with its official code."))
        @OptionGroup var options: GlobalOptions
        @Option(help: .vi("Cấp: huyện hoặc xã.", en: "district or commune (huyện, xã)")) var level: String
        @Option(help: .vi("Mã chính thức: 3 số với huyện, 5 số với xã.", en: "The official code: 3 digits for a district, 5 for a commune.")) var code: String
        @Option(help: .vi("Tên, ví dụ \"Xã Đạo Trù\".", en: "The name, e.g. \"Xã Đạo Trù\".")) var name: String
        @Option(help: .vi("Với xã: mã huyện, hoặc mã tỉnh khi không còn cấp huyện.", en: "For a commune: its district's code, or the province's once there are no districts.")) var parent: String?
        @Option(help: .vi("Ngày có hiệu lực (mặc định: từ trước khi có hồ sơ).", en: "The day it takes effect (default: since before the records).")) var from: String?

        func run() throws {
            try Console.run(options) { console in
                let level = try Parse.level(level, option: "--level")
                guard level != .province else {
                    throw RegistryError("malformed_level", .malformed, vi: "--level phải là district hoặc commune (huyện, xã).",
                                        en: "--level must be district or commune.")
                }
                let digits = level.codeLength
                guard code.count == digits, code.allSatisfy({ $0.isASCII && $0.isNumber }) else {
                    throw RegistryError("invalid_area_code", vi: "Mã \(level.label.vi) phải gồm \(digits) chữ số (nhận được \"\(Inputs.shown(code))\").",
                                        en: "A \(level.label.en) code has \(digits) digits (got \"\(Inputs.shown(code))\").")
                }
                if level == .commune, parent == nil {
                    throw RegistryError("missing_parent", .malformed, vi: "Xã cần --parent MÃ_HUYỆN (hoặc mã tỉnh khi không còn cấp huyện).",
                                        en: "A commune needs --parent DISTRICT_CODE (or the province's code once districts are gone).")
                }
                let database = try console.database()
                let validFrom = try Parse.optionalDay(from)
                let parent = try parent.map { try Lookup.parent($0, in: database, on: validFrom ?? Day.todayInVietnam()) }
                try database.addArea(Area(code: code, level: level, name: console.titleCased(name), parentCode: parent, validFrom: validFrom))
                if options.json {
                    try console.json(["code": code])
                } else {
                    let kind = console.unitKind(level, name: name)
                    console.line(console.say("Đã thêm \(kind) \(code): \(name).", "Added \(kind) \(code): \(name)."))
                }
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: HelpText.pick("Bản đồ hành chính của một ngày: tỉnh, các huyện và xã có hiệu lực (mặc định hôm nay).", "The map of a day: the province, its districts and communes in force (default today)."))
        @OptionGroup var options: GlobalOptions
        @Option(help: .vi("Ngày (mặc định: hôm nay).", en: "The day (default: today).")) var on: String?
        @Option(help: .vi("Chỉ một cấp: tỉnh, huyện hoặc xã.", en: "Only one level: province, district or commune (tỉnh, huyện, xã).")) var level: String?

        func run() throws {
            try Console.run(options) { console in
                let day = try Parse.optionalDay(on) ?? Day.todayInVietnam()
                let areas = try console.database().areas(on: day, level: try level.map { try Parse.level($0, option: "--level") })
                if options.json { return try console.json(areas) }
                console.line(console.say("Đơn vị hành chính có hiệu lực ngày \(day.vietnamese): \(areas.count)",
                                         "Units in force on \(day.iso): \(areas.count)"))
                console.table([console.say("Mã", "Code"), console.say("Cấp", "Level"), console.say("Tên", "Name"),
                               console.say("Thuộc", "Parent"), console.say("Từ ngày", "From"), console.say("Đến ngày", "Until")],
                              areas.map { [$0.code, console.unitKind($0.level, name: $0.name), $0.name, $0.parentName ?? "",
                                           $0.validFrom?.vietnamese ?? "", $0.validTo.map { $0.adding(days: -1).vietnamese } ?? ""] })
            }
        }
    }
}

struct VillageCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "village", abstract: HelpText.pick("Thôn và việc sáp nhập thôn.", "Villages (thôn) and their mergers."), subcommands: [Add.self, List.self, Merge.self, Rename.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: HelpText.pick("Thêm một thôn vào xã; in ra số hiệu.", "Add a village to a commune; prints its id."))
        @OptionGroup var options: GlobalOptions
        @Option(help: .vi("Xã: mã hoặc tên xã.", en: "The commune: code or name.")) var commune: String
        @Option(help: .vi("Tên thôn.", en: "The village's name.")) var name: String
        @Option(help: .vi("Số người có uy tín tối đa của thôn (mặc định 1).", en: "How many reputable persons it may have (default 1).")) var quota = 1

        func run() throws {
            try Console.run(options) { console in
                let database = try console.database()
                let id = try database.addVillage(communeCode: try Lookup.commune(commune, in: database), name: console.titleCased(name),
                                                 quota: quota)
                try console.created(id, "Đã thêm thôn #\(id).", "Added village #\(id).")
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: HelpText.pick("Danh sách thôn, kèm số người có tên trong danh sách của mỗi thôn.", "List villages, with how many persons each has on the list."))
        @OptionGroup var options: GlobalOptions
        @Option(help: .vi("Chỉ thôn của xã này (mã hoặc tên xã).", en: "Only this commune's villages (code or name).")) var commune: String?

        func run() throws {
            try Console.run(options) { console in
                let database = try console.database()
                let villages = try database.villages(communeCode: try commune.map { try Lookup.commune($0, in: database) })
                if options.json { return try console.json(villages) }
                console.table(
                    ["ID", console.say("Thôn", "Village"), console.say("Xã", "Commune"), console.say("Huyện", "District"),
                     console.say("Định mức", "Quota"), console.say("Trong DS", "Listed"), console.say("Sáp nhập", "Merged")],
                    villages.map { village -> [String] in
                        var merged = ""
                        if let day = village.mergedOn {
                            merged = day.vietnamese + (village.mergedInto.map { " → #\($0)" } ?? "")
                        }
                        return [String(village.id), village.name, village.commune, village.district, String(village.quota),
                                String(village.listed), merged]
                    })
            }
        }
    }

    struct Merge: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: HelpText.pick("Sáp nhập các thôn thành thôn mới, theo quyết định; in ra số hiệu thôn mới.", "Merge villages into a new one, by decision; prints the new id."))
        @OptionGroup var options: GlobalOptions
        @Option(help: .vi("Các thôn sáp nhập: số hiệu (12,13 hoặc 12-14) hoặc tên, cách nhau bởi dấu phẩy.",
                          en: "The villages merged: ids (12,13 or 12-14) or names, separated by commas.")) var from: String
        @Option(help: .vi("Tên thôn mới.", en: "The new village's name.")) var name: String
        @Option(help: .vi("Số quyết định sáp nhập.", en: "The merger decision's number.")) var decision: String
        @Option(help: .vi("Ngày sáp nhập.", en: "The merger's date.")) var date: String
        @Option(help: .vi("Số người tối đa của thôn mới (mặc định 1).", en: "The new village's quota (default 1).")) var quota = 1

        func run() throws {
            try Console.run(options) { console in
                let day = try Parse.day(date)
                let database = try console.database()
                // The villages merged are those in force the day before the merger.
                let ids = try Lookup.villages(from, option: "--from", in: database, on: day.adding(days: -1))
                let id = try database.mergeVillages(ids, into: console.titleCased(name), quota: quota, decision: decision, on: day)
                try console.created(id, "Đã sáp nhập các thôn \(ids.map { "#\($0)" }.joined(separator: ", ")) thành thôn #\(id). Những người có uy tín của các thôn cũ cần được gắn lại (propose rebind) hoặc đưa ra khỏi danh sách (lý do merger).",
                                    "Merged villages \(ids.map { "#\($0)" }.joined(separator: ", ")) into village #\(id). Their reputable persons need a rebind or a removal (reason merger).")
            }
        }
    }
}

struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit", abstract: HelpText.pick("Nhật ký thao tác.", "The audit log."), subcommands: [Verify.self, Log.self])

    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: HelpText.pick("Tính lại chuỗi mã băm; chỉ ra dòng đầu tiên bị sai.", "Recompute the hash chain; name the first broken row."))
        @OptionGroup var options: GlobalOptions
        @Option(help: .vi("Một dòng và mã băm được giữ ngoài cơ sở dữ liệu (ID:HASH, như `uytin run` ghi và lệnh này in ra): dòng đó phải còn nguyên.", en: "A row and its hash kept outside the database (ID:HASH, as `uytin run` logs and this command prints): it must still be there, unchanged."))
        var anchor: String?

        func run() throws {
            try Console.run(options) { console in
                let anchor = try self.anchor.map { text in
                    guard let anchor = UytinDatabase.AuditAnchor(parsing: text) else {
                        throw RegistryError("malformed_anchor", .malformed,
                                            vi: "--anchor \"\(Inputs.shown(text))\" không đúng dạng SỐ-DÒNG:MÃ-BĂM (ít nhất 16 chữ số hệ 16), ví dụ 1938:1fa1c5e8394c6ee5.",
                                            en: "--anchor \"\(Inputs.shown(text))\" is not ROW:HASH (at least 16 hexadecimal digits), e.g. 1938:1fa1c5e8394c6ee5.")
                    }
                    return anchor
                }
                let result = try console.database().verifyAudit(anchor: anchor)
                if options.json {
                    try console.json(result)
                } else if let bad = result.firstBadRow {
                    console.line(console.say("Nhật ký bị sửa: dòng #\(bad) không khớp (\(result.problem?.vi ?? "")).",
                                             "The audit log was tampered with: row #\(bad) does not hold (\(result.problem?.en ?? ""))."))
                } else {
                    let head = result.lastHash.map { "\(result.rows):\($0.prefix(16))" } ?? "-"
                    console.line(console.say(
                        "Nhật ký nguyên vẹn: \(result.rows) dòng, chuỗi băm khớp\(anchor.map { ", có dòng #\($0.id) như đã ghi lại" } ?? ""). Đầu chuỗi: \(head) (ghi lại ở nơi khác để đối chiếu sau bằng --anchor).",
                        "Audit log intact: \(result.rows) rows, hash chain holds\(anchor.map { ", row \($0.id) as recorded" } ?? ""). Head: \(head) (keep it elsewhere to compare later with --anchor)."))
                }
                if !result.ok { throw ExitCode(65) }
            }
        }
    }

    struct Log: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: HelpText.pick("Những thay đổi gần nhất, mới nhất trước.", "The most recent changes, newest first."))
        @OptionGroup var options: GlobalOptions
        @Option(help: .vi("Số dòng (mặc định 50).", en: "How many rows (default 50).")) var limit = 50

        func run() throws {
            try Console.run(options) { console in
                let rows = try console.database().auditLog(limit: max(1, min(limit, 1_000_000)))
                if options.json { return try console.json(rows) }
                // Vietnam time and the actions' names; --json keeps the stored UTC stamps and the codes.
                console.table(["#", console.say("Lúc (giờ VN)", "At (UTC+7)"), console.say("Người", "Actor"),
                               console.say("Việc", "Action"), console.say("Đối tượng", "Entity"), "QĐ", console.say("Chi tiết", "Detail")],
                              rows.map { [String($0.id), Console.vietnamTime($0.at), $0.actor, console.auditAction($0.action),
                                          console.auditEntity($0.entity, $0.entityId),
                                          $0.decisionId.map { "#\($0)" } ?? "", console.auditDetail($0.detail)] },
                              dropping: [5, 4, 2], unbroken: [1: 19])
            }
        }
    }
}

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check", abstract: HelpText.pick("Kiểm tra toàn vẹn, khóa ngoại, cấu trúc và chuỗi nhật ký; chỉ trả về 0 khi mọi thứ đều đúng.", "Integrity, foreign keys, schema and audit chain; exit 0 only when all hold."))
    @OptionGroup var options: GlobalOptions

    func run() throws {
        try Console.run(options) { console in
            let report = try console.database().check()
            if options.json {
                try console.json(report)
            } else {
                let ok = console.say("đạt", "ok")
                console.line(console.say("Toàn vẹn SQLite: ", "SQLite integrity: ") + (report.integrity == ["ok"] ? ok : report.integrity.joined(separator: "; ")))
                console.line(console.say("Khóa ngoại: ", "Foreign keys: ") + (report.foreignKeyViolations == 0 ? ok : console.say("\(report.foreignKeyViolations) vi phạm", "\(report.foreignKeyViolations) violations")))
                console.line(console.say("Lược đồ (bảng, chỉ mục, trigger): ", "Schema (tables, indexes, triggers): ") + (report.missingSchemaObjects.isEmpty ? ok : console.say("thiếu hoặc bị sửa: ", "missing or changed: ") + report.missingSchemaObjects.joined(separator: ", ")))
                console.line(console.say("Nhật ký: ", "Audit log: ") + (report.audit.ok ? console.say("\(report.audit.rows) dòng, chuỗi băm khớp", "\(report.audit.rows) rows, chain holds") : console.say("dòng #\(report.audit.firstBadRow!) không khớp", "row #\(report.audit.firstBadRow!) does not hold")))
            }
            if !report.ok {
                console.warn(console.say("Kiểm tra KHÔNG đạt. Hãy khôi phục từ bản sao lưu gần nhất và báo cho người quản trị.",
                                         "Check FAILED. Restore the latest backup and tell the administrator."))
                throw ExitCode(65)
            }
        }
    }
}

struct BackupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup", abstract: HelpText.pick("Ghi một bản sao nhất quán của cơ sở dữ liệu trong khi người khác vẫn làm việc.", "Write a consistent copy of the database while others keep working."))
    @OptionGroup var options: GlobalOptions
    @Option(help: .vi("Nơi ghi bản sao.", en: "Where to write the copy.")) var to: String
    @Flag(help: .vi("Ghi đè lên tệp đã có ở --to (mặc định không ghi đè).",
                    en: "Replace the file already at --to (by default an existing file is kept)."))
    var force = false

    func run() throws {
        try Console.run(options) { console in
            let database = try console.database()
            try OutputPath.check(to, database: options.databasePath)
            try database.backup(to: to, overwrite: force)
            if options.json {
                try console.json(["path": to])
            } else {
                console.line(console.say("Đã sao lưu vào \(to).", "Backed up to \(to)."))
            }
        }
    }
}
