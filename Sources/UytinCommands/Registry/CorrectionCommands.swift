import ArgumentParser
import Foundation
import Registry
import Scheduler
import Storage
import VietnameseCalendar

// Corrections, audited, never silent (issue 11, part 5): withdrawing a duplicate, renaming a village or an area from
// a date, taking back a delivery, correcting an unused rule version, moving or cancelling a plan, and the province's
// settings (the minimum age).

extension PersonCommand {
    struct Withdraw: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: HelpText.pick(
            "Rút hồ sơ trùng (chưa từng có tên trong danh sách): không xóa, chỉ ẩn khỏi tìm kiếm và danh sách người; vẫn còn trong nhật ký và lịch sử.",
            "Withdraw a duplicate entry never on a list: not a delete; it leaves searches and lists of persons, and stays in the audit log and history."))
        @OptionGroup var options: GlobalOptions
        @Argument(help: .vi("Hồ sơ trùng: số hiệu (hoặc số CCCD, họ tên nếu chỉ một người mang).",
                            en: "The duplicate: its id (or citizen ID, or name if only one person has it).")) var person: String
        @Option(help: .vi("Lý do, ví dụ \"Trùng với hồ sơ #12\".", en: "Why, e.g. \"Duplicate of #12\".")) var reason: String

        func run() throws {
            try Console.run(options) { console in
                let database = try console.database()
                let id = try Lookup.person(self.person, option: HelpText.pick("NGƯỜI", "PERSON"), in: database)
                let person = try database.withdrawPerson(id, reason: reason)
                if options.json { return try console.json(["id": id]) }
                console.line(console.say("Đã rút hồ sơ trùng #\(id): \(person.name). Hồ sơ vẫn còn trong nhật ký và lịch sử (`uytin history --person \(id)`).",
                                         "Withdrew duplicate #\(id): \(person.name). It stays in the audit log and history (`uytin history --person \(id)`)."))
            }
        }
    }
}

/// A new name from a day, with its basis: `village rename` and `area rename`.
struct RenameOptions: ParsableArguments {
    @Option(help: .vi("Tên mới.", en: "The new name.")) var name: String
    @Option(help: .vi("Tên mới dùng từ ngày này.", en: "The new name applies from this day.")) var from: String
    @Option(help: .vi("Căn cứ (nghị quyết, quyết định).", en: "The basis (resolution, decision).")) var basis: String?
}

extension VillageCommand {
    struct Rename: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: HelpText.pick(
            "Đổi tên thôn từ một ngày: danh sách, văn bản của ngày trước đó vẫn in tên cũ.",
            "Rename a village from a date on: lists and documents of earlier days keep the old name."))
        @OptionGroup var options: GlobalOptions
        @Argument(help: .vi("Thôn: số hiệu hoặc tên (\"Đồng Giếng, Đạo Trù\" kèm tên xã).",
                            en: "The village: id or name (\"Đồng Giếng, Đạo Trù\" with its commune).")) var village: String
        @OptionGroup var rename: RenameOptions

        func run() throws {
            try Console.run(options) { console in
                let (name, day) = (console.titleCased(rename.name), try Parse.day(rename.from))
                let database = try console.database()
                let id = try Lookup.village(village, option: HelpText.pick("THÔN", "VILLAGE"), in: database, on: day.adding(days: -1))
                let old = try database.renameVillage(id, to: name, from: day, basis: rename.basis)
                if options.json { return try console.json(["id": id]) }
                console.line(console.say("Đã đổi tên thôn #\(id): \(old) → \(name) từ ngày \(day.vietnamese).",
                                         "Renamed village #\(id): \(old) → \(name) from \(day.vietnamese)."))
            }
        }
    }
}

extension AreaCommand {
    struct Rename: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: HelpText.pick(
            "Đổi tên huyện hoặc xã từ một ngày (cùng mã): danh sách, văn bản của ngày trước đó vẫn in tên cũ.",
            "Rename a district or commune from a date on (same code): lists and documents of earlier days keep the old name."))
        @OptionGroup var options: GlobalOptions
        @Argument(help: .vi("Huyện hoặc xã: mã hoặc tên (\"Xã Đạo Trù\").", en: "The district or commune: code or name (\"Xã Đạo Trù\").")) var area: String
        @OptionGroup var rename: RenameOptions

        func run() throws {
            try Console.run(options) { console in
                let (name, day) = (console.titleCased(rename.name), try Parse.day(rename.from))
                let database = try console.database()
                let code = try Lookup.districtOrCommune(area, option: HelpText.pick("ĐỊA BÀN", "AREA"), in: database, on: day.adding(days: -1))
                let old = try database.renameArea(code: code, to: name, from: day, basis: rename.basis)
                if options.json { return try console.json(["code": code]) }
                console.line(console.say("Đã đổi tên \(old) (mã \(code)) thành \(name) từ ngày \(day.vietnamese).",
                                         "Renamed \(old) (code \(code)) to \(name) from \(day.vietnamese)."))
            }
        }
    }
}

extension EntitlementCommand {
    struct Undeliver: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: HelpText.pick(
            "Hủy ghi nhận đã trao do ghi nhầm: khoản trở về \"đã duyệt\", có ghi lý do vào nhật ký.",
            "Take back a delivery recorded by mistake: the entitlement is approved again; the reason is audited."))
        @OptionGroup var options: GlobalOptions
        @Argument(help: .vi("Mã số khoản chế độ.", en: "The entitlement's id.")) var id: Int64
        @Option(help: .vi("Lý do.", en: "Why.")) var reason: String

        func run() throws {
            try Console.run(options) { console in
                let undone = try console.database().undeliverEntitlement(id, reason: reason)
                if options.json { return try console.json(["id": id]) }
                console.line(console.say("Khoản #\(id) trở về \"đã duyệt\" (trước đó ghi đã trao ngày \(undone.deliveredOn.vietnamese)).",
                                         "Entitlement #\(id) is approved again (it was recorded delivered on \(undone.deliveredOn.vietnamese))."))
            }
        }
    }
}

extension RuleCommand {
    struct Correct: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: HelpText.pick(
            "Sửa tại chỗ một phiên bản quy định chưa lần chạy nào dùng (chưa có khoản chế độ nào); phiên bản đã dùng thì thêm phiên bản mới bằng rule set.",
            "Correct in place a rule version no run has used yet (no entitlement uses it); for a used one add a new version with rule set."))
        @OptionGroup var options: GlobalOptions
        @Argument(help: .vi("Loại chế độ, ví dụ lunar_new_year_gift.", en: "The benefit kind, e.g. lunar_new_year_gift.")) var kind: String
        @Option(help: .vi("Mã phiên bản (cột ID của rule list --json).", en: "The version's id (rule list --json).")) var version: Int64
        @Option(help: .vi("Mức (đồng).", en: "Whole đồng.")) var amount: String?
        @OptionGroup var terms: RuleTermsOptions
        @Option(help: .vi("Sửa ngày áp dụng.", en: "Correct the first day it applies.")) var from: String?

        func run() throws {
            try Console.run(options) { console in
                let kind = try BenefitParse.choice(kind, BenefitKind.self, option: "KIND")
                let change = try terms.change(amount: 0)
                let result = try console.database().correctRule(kind, version: version, from: try Parse.optionalDay(from), change,
                                                                amount: try amount.map { try BenefitParse.money($0, option: "--amount") })
                if options.json { return try console.json(result.after) }
                if result.before == result.after {
                    return console.line(console.say("Phiên bản #\(version) đã đúng như vậy; không có gì thay đổi.",
                                                    "Version #\(version) already says so; nothing changed."))
                }
                console.line(console.say("Đã sửa phiên bản quy định #\(version) (\(console.say(kind.label))):",
                                         "Corrected rule version #\(version) (\(console.say(kind.label))):"))
                func described(_ rule: BenefitRule) -> String {
                    [console.say("từ \(rule.validFrom.vietnamese)", "from \(rule.validFrom.vietnamese)"), "\(Money.format(rule.amount)) đ",
                     rule.cap.map { console.say("tối đa \(Money.format($0)) đ", "cap \(Money.format($0))") },
                     rule.tiers.isEmpty ? nil : console.tiersText(rule),
                     rule.perYear.map { console.say("\($0) lần/năm", "\($0) a year") },
                     console.say("trao trước \(rule.leadDays) ngày", "delivered \(rule.leadDays) days ahead"),
                     console.say("lập trước \(rule.advanceDays) ngày", "created \(rule.advanceDays) days ahead"),
                     console.say(rule.normalMethod.label), console.say(rule.contingencyPolicy.label),
                     console.say("nguồn \(rule.funding.shortLabel.vi)", "funding \(rule.funding.shortLabel.en)")]
                        .compactMap { $0 }.joined(separator: "; ")
                }
                console.line("  " + console.say("trước: ", "before: ") + described(result.before))
                console.line("  " + console.say("sau:   ", "after:  ") + described(result.after))
            }
        }
    }
}

extension PlanCommand {
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: HelpText.pick(
            "Các kế hoạch (tập huấn, tham quan, khen thưởng) và số khoản chế độ theo trạng thái.",
            "The plans (training, study tours, commendations) with their entitlements by status."))
        @OptionGroup var options: GlobalOptions

        func run() throws {
            try Console.run(options) { console in
                let plans = try console.database().planEntries()
                if options.json { return try console.json(plans) }
                if plans.isEmpty { return console.line(console.say("Chưa có kế hoạch nào.", "No plans yet.")) }
                console.table(["ID", console.say("Ngày", "Date"), console.say("Loại", "Kind"), console.say("Tên", "Name"),
                               console.say("Người", "Persons"), console.say("Dự kiến/duyệt/trao", "Planned/approved/delivered"),
                               console.say("Tình trạng", "State")],
                              plans.map { plan in
                                  [String(plan.id), plan.date.vietnamese, console.say(plan.kind.benefit.label), plan.name,
                                   plan.everyone ? console.say("tất cả", "all") : String(plan.participants),
                                   "\(plan.planned)/\(plan.approved)/\(plan.delivered)",
                                   plan.cancelledOn.map { console.say("đã hủy \($0.vietnamese): \(plan.cancelReason ?? "")",
                                                                      "cancelled \($0.iso): \(plan.cancelReason ?? "")") } ?? ""]
                              })
            }
        }
    }

    struct Reschedule: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: HelpText.pick(
            "Dời cả kế hoạch sang ngày khác (trong cùng năm); các khoản chưa trao dời theo. Đã trao khoản nào thì không dời được.",
            "Move the whole plan to another day of its year; its entitlements not yet delivered move with it. Refused once any is delivered."))
        @OptionGroup var options: GlobalOptions
        @Argument(help: .vi("Mã số kế hoạch.", en: "The plan's id.")) var id: Int64
        @Option(help: .vi("Ngày mới.", en: "The new day.")) var date: String

        func run() throws {
            try Console.run(options) { console in
                let day = try Parse.day(date)
                let result = try console.database().reschedulePlan(id, to: day)
                if options.json { return try console.json(["id": id, "moved": Int64(result.moved)]) }
                if result.from == day {
                    return console.line(console.say("Kế hoạch #\(id) đã ở ngày \(day.vietnamese); không có gì thay đổi.",
                                                    "Plan #\(id) is already on \(day.iso); nothing changed."))
                }
                console.line(console.say("Đã dời kế hoạch #\(id) từ \(result.from.vietnamese) sang \(day.vietnamese); \(result.moved) khoản dời theo.",
                                         "Moved plan #\(id) from \(result.from.iso) to \(day.iso); \(result.moved) entitlements moved with it."))
            }
        }
    }

    struct Cancel: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: HelpText.pick(
            "Hủy kế hoạch, có lý do: các khoản dự kiến, đã duyệt bị hủy theo. Đã trao khoản nào thì không hủy được.",
            "Cancel a plan with a reason: its planned and approved entitlements are cancelled. Refused once any is delivered."))
        @OptionGroup var options: GlobalOptions
        @Argument(help: .vi("Mã số kế hoạch.", en: "The plan's id.")) var id: Int64
        @Option(help: .vi("Lý do.", en: "Why.")) var reason: String

        func run() throws {
            try Console.run(options) { console in
                let cancelled = try console.database().cancelPlan(id, reason: reason)
                if options.json { return try console.json(["id": id, "cancelled": Int64(cancelled)]) }
                console.line(console.say("Đã hủy kế hoạch #\(id); \(cancelled) khoản chế độ bị hủy theo.",
                                         "Cancelled plan #\(id); \(cancelled) entitlements cancelled with it."))
            }
        }
    }
}

/// The province's settings: values the law leaves to the province (the minimum age).
struct SettingCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "setting", abstract: HelpText.pick("Các cài đặt của tỉnh (tuổi tối thiểu).", "The province's settings (the minimum age)."),
        subcommands: [List.self, Set.self])

    static let names = ["minimum-age": "minimum_age"]

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: HelpText.pick("Các cài đặt, giá trị và căn cứ.", "The settings, values and basis."))
        @OptionGroup var options: GlobalOptions

        func run() throws {
            try Console.run(options) { console in
                let settings = try console.database().settings()
                if options.json { return try console.json(settings) }
                console.table([console.say("Cài đặt", "Setting"), console.say("Giá trị", "Value"), console.say("Nguồn", "Source"),
                               console.say("Căn cứ", "Basis")],
                              settings.map { setting in
                                  [setting.name.replacingOccurrences(of: "_", with: "-"), String(setting.value),
                                   setting.source == "sample" ? console.say("MẪU", "SAMPLE")
                                       : setting.source == "confirmed" ? console.say("đã xác nhận", "confirmed") : console.say("tỉnh quy định", "province"),
                                   setting.basis]
                              })
            }
        }
    }

    struct Set: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: HelpText.pick(
            "Đặt giá trị một cài đặt, kèm căn cứ (ghi nhật ký giá trị cũ và mới).",
            "Set a setting with its basis (the old and new value are audited)."))
        @OptionGroup var options: GlobalOptions
        @Argument(help: .vi("Tên cài đặt: minimum-age (tuổi tối thiểu khi công nhận).", en: "The setting: minimum-age (age at recognition).")) var name: String
        @Argument(help: .vi("Giá trị.", en: "The value.")) var value: Int
        @Option(help: .vi("Căn cứ (văn bản của tỉnh).", en: "The basis (the province's document).")) var basis: String

        func run() throws {
            try Console.run(options) { console in
                let key = SettingCommand.names[name.lowercased()] ?? SettingCommand.names.first { $0.value == name.lowercased() }?.value ?? name
                let old = try console.database().setSetting(key, value: value, basis: basis)
                if options.json { return try console.json(["old": old, "new": value]) }
                console.line(console.say("Đã đặt \(name) = \(value) (trước đó \(old)).", "Set \(name) = \(value) (was \(old))."))
            }
        }
    }
}
