import ArgumentParser
import Foundation
import Registry
import Scheduler
import Storage
import VietnameseCalendar

/// Parsing the benefit codes of CLI.md.
enum BenefitParse {
    /// A fixed choice: its code or the clerk's words for it (the type's `init?(parsing:)`); anything else is malformed
    /// (exit 64) and the refusal lists the choices in the clerk's language.
    static func choice<T: ClerkChoice>(_ text: String, _ type: T.Type, option: String) throws -> T {
        try T.parse(text, option: option)
    }

    static func money(_ text: String, option: String) throws -> Int {
        let digits = text.filter { $0 != "." && $0 != "," && $0 != "_" && $0 != " " }
        if digits.count > 15, digits.allSatisfy({ $0.isASCII && $0.isNumber }) {
            throw RegistryError("invalid_amount", vi: "Số tiền \(option) quá lớn: mỗi người mỗi lần chỉ được tối đa 1.000.000.000 đồng.",
                                en: "\(option) is too large: at most 1,000,000,000 đ per person and occasion.")
        }
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }), let value = Int(digits) else {
            throw RegistryError("malformed_amount", .malformed, vi: "\(option) cần số tiền nguyên (đồng), ví dụ 500000 (nhận được \"\(Inputs.shown(text))\").",
                                en: "\(option) needs whole đồng, e.g. 500000 (got \"\(Inputs.shown(text))\").")
        }
        return value
    }

    /// "15/01" (day/month, as `festival list` prints it) or "01-15" (MM-DD) → (month, day).
    static func monthDay(_ text: String, option: String) throws -> (Int, Int) {
        try Parse.monthDay(text, option: option)
    }
}

struct RuleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rule", abstract: HelpText.pick("Quy định chế độ, theo từng phiên bản có ngày hiệu lực.", "Benefit rules, versioned by date."), subcommands: [List.self, SetVersion.self, Correct.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: HelpText.pick("Mọi phiên bản, hoặc với --on chỉ phiên bản có hiệu lực ngày đó.", "Every version, or with --on the one in force that day."))
        @OptionGroup var options: GlobalOptions
        @Option(help: .vi("Chỉ các phiên bản có hiệu lực vào ngày này.", en: "Only the versions in force on this day.")) var on: String?

        func run() throws {
            try Console.run(options) { console in
                let rules = try console.database().rules(on: try Parse.optionalDay(on))
                if options.json { return try console.json(rules) }
                console.table([console.say("Chế độ", "Benefit"), console.say("Từ ngày", "From"), console.say("Mức (đ)", "Amount"),
                               console.say("Tối đa", "Cap"), console.say("Theo cấp", "Tiers"), console.say("Lần/năm", "Per year"),
                               console.say("Trước (ngày)", "Lead"), console.say("Lập trước", "Created ahead"),
                               console.say("Nguồn", "Funding"), console.say("Cách trao", "Method"),
                               console.say("Khi có dịch", "Contingency"), console.say("Căn cứ", "Source")],
                              rules.map { rule in
                                  [console.say(rule.kind.shortLabel), rule.validFrom.vietnamese, Money.format(rule.amount),
                                   rule.cap.map(Money.format) ?? "", console.tiersText(rule), rule.perYear.map(String.init) ?? "",
                                   String(rule.leadDays),
                                   String(rule.advanceDays) + (rule.advanceIsSample ? console.say(" (MẪU)", " (SAMPLE)") : ""),
                                   console.say(rule.funding.shortLabel),
                                   console.say(rule.normalMethod.label), console.say(rule.contingencyPolicy.label),
                                   console.say(rule.source == .confirmed ? "đã xác nhận" : rule.source == .sample ? "MẪU" : "tỉnh quy định",
                                               rule.source == .confirmed ? "confirmed" : rule.source == .sample ? "SAMPLE" : "province")]
                              }, dropping: [4, 3, 6])
            }
        }
    }

    struct SetVersion: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "set", abstract: HelpText.pick("Thêm một phiên bản quy định của một chế độ từ một ngày; không sửa lịch sử.", "Add a version of a benefit's rule from a date on; history is never edited."))
        @OptionGroup var options: GlobalOptions
        @Argument(help: .vi("Loại chế độ, ví dụ quà Tết (lunar_new_year_gift).", en: "The benefit kind, e.g. lunar_new_year_gift.")) var kind: String
        @Option(help: .vi("Số tiền (đồng) cho mỗi người mỗi lần.", en: "Whole đồng per person and occasion.")) var amount: String
        @OptionGroup var terms: RuleTermsOptions
        @Option(help: .vi("Từ ngày này (mặc định hôm nay).", en: "From this day on (default today).")) var from: String?

        func run() throws {
            try Console.run(options) { console in
                let kind = try BenefitParse.choice(kind, BenefitKind.self, option: "KIND")
                let change = try terms.change(amount: try BenefitParse.money(amount, option: "--amount"))
                let result = try console.database().setRuleReporting(kind, from: try Parse.optionalDay(from) ?? Day.todayInVietnam(), change)
                let rule = result.rule
                try console.created(rule.id ?? 0,
                                    "Đã thêm phiên bản quy định #\(rule.id ?? 0): \(console.say(kind.shortLabel)) \(Money.format(rule.amount)) đ từ ngày \(rule.validFrom.vietnamese).",
                                    "Added rule version #\(rule.id ?? 0): \(kind.rawValue) \(Money.format(rule.amount)) đ from \(rule.validFrom.iso).")
                if !result.repriced.isEmpty, !options.json {
                    console.line(console.say(
                        "\(result.repriced.count) khoản đã lập trước (dự kiến, chưa duyệt) cho các dịp từ ngày \(rule.validFrom.vietnamese) được tính lại theo phiên bản này.",
                        "\(result.repriced.count) entitlements created ahead (planned, not approved) for occasions from \(rule.validFrom.iso) now follow this version."))
                }
            }
        }
    }
}

struct FestivalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "festival", abstract: HelpText.pick("Các lễ hội của đồng bào dân tộc trong tỉnh.", "The festivals of the province's ethnic groups."), subcommands: [SetFestival.self, List.self])

    struct SetFestival: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "set", abstract: HelpText.pick("Đặt một lễ hội: ngày tháng âm lịch hoặc dương lịch, hoặc ngày của một năm.", "Set a festival: a lunar or solar month-day, or the date of one year."))
        @OptionGroup var options: GlobalOptions
        @Option(help: .vi("Tên lễ hội.", en: "The festival's name.")) var name: String
        @Option(help: .vi("Các dân tộc tổ chức lễ hội (mã hoặc tên, cách nhau bằng dấu phẩy).", en: "The ethnic groups that celebrate it (codes or names, comma-separated).")) var ethnic: String
        @Option(help: .vi("Ngày/tháng âm lịch như `festival list` in (15/01), hoặc tháng-ngày (01-15).", en: "Lunar day/month as `festival list` prints it (15/01), or month-day (01-15).")) var lunar: String?
        @Option(help: .vi("Ngày/tháng dương lịch (14/04), hoặc tháng-ngày (04-14).", en: "Solar day/month (14/04), or month-day (04-14).")) var solar: String?
        @Option(help: .vi("Dùng với --date: năm của lễ hội theo lịch riêng.", en: "With --date: the year of a festival that follows another calendar.")) var year: Int?
        @Option(help: .vi("Dùng với --year: ngày tổ chức năm đó.", en: "With --year: its date that year.")) var date: String?
        @Option(help: .vi("Lập quà cho các ngày lễ từ ngày này trở đi, không cho các năm trước (mặc định: hôm nay).",
                          en: "Gifts for its days from this day on, never for past years (default: today)."))
        var from: String?

        func run() throws {
            try Console.run(options) { console in
                let rule: Festival.Rule
                switch (lunar, solar, year, date) {
                case let (lunar?, nil, nil, nil):
                    let (month, day) = try BenefitParse.monthDay(lunar, option: "--lunar")
                    rule = .lunar(month: month, day: day)
                case let (nil, solar?, nil, nil):
                    let (month, day) = try BenefitParse.monthDay(solar, option: "--solar")
                    rule = .solar(month: month, day: day)
                case let (nil, nil, year?, date?):
                    let day = try Parse.day(date)
                    guard day.year == year else {
                        throw RegistryError("year_mismatch", vi: "Ngày \(day.vietnamese) không thuộc năm \(year).", en: "\(day.iso) is not in \(year).")
                    }
                    rule = .dated(day)
                default:
                    throw RegistryError("festival_rule", .malformed, vi: "Hãy cho một trong: --lunar NGÀY/THÁNG (15/01), --solar NGÀY/THÁNG, hoặc --year NĂM --date NGÀY.",
                                        en: "Give one of: --lunar DAY/MONTH (15/01), --solar DAY/MONTH, or --year YEAR --date DATE.")
                }
                let codes = ethnic.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
                let name = console.titleCased(name)
                let database = try console.database()
                let id = try database.setFestival(name: name, ethnicCodes: codes, rule: rule, from: try Parse.optionalDay(from),
                                                  fromDefault: Day.todayInVietnam())
                let since = try database.festivals().first { $0.id == id }?.since
                try console.created(id, "Đã lưu lễ hội #\(id): \(name)" + (since.map { "; quà lễ hội lập cho các ngày lễ từ \($0.vietnamese) trở đi." } ?? "."),
                                    "Saved festival #\(id): \(name)" + (since.map { "; gifts for its days from \($0.vietnamese) on." } ?? "."))
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: HelpText.pick("Các lễ hội, với ngày tổ chức trong một năm.", "The festivals, with their dates in a year."))
        @OptionGroup var options: GlobalOptions
        @Option(help: .vi("Ngày tổ chức của mỗi lễ hội trong năm này (mặc định năm nay).", en: "Show each festival's date in this year (default this year).")) var year: Int?

        struct Entry: Encodable {
            var id: Int64
            var name: String
            var ethnicCodes: [String]
            var rule: String
            var date: Day?
            /// The day it gives gifts from; null for a festival set before `--from` existed (the whole term).
            var from: Day?
        }

        func run() throws {
            try Console.run(options) { console in
                let year = year ?? Day.todayInVietnam().year
                let entries = try console.database().festivals().map { festival -> Entry in
                    let rule = switch festival.rule {
                    case let .lunar(month, day): console.say("âm lịch \(day)/\(month)", "lunar \(day)/\(month)")
                    case let .solar(month, day): console.say("dương lịch \(day)/\(month)", "solar \(day)/\(month)")
                    case let .dated(day): console.say("ngày \(day.vietnamese)", "on \(day.iso)")
                    }
                    let since = festival.since.map { console.say(", từ \($0.vietnamese)", ", from \($0.iso)") } ?? ""
                    return Entry(id: festival.id, name: festival.name, ethnicCodes: festival.ethnicCodes, rule: rule + since,
                                 date: festival.day(inYear: year), from: festival.since)
                }
                if options.json { return try console.json(entries) }
                console.table(["ID", console.say("Lễ hội", "Festival"), console.say("Dân tộc", "Ethnic groups"), console.say("Quy tắc", "Rule"),
                               console.say("Ngày năm \(year)", "Date in \(year)")],
                              entries.map { [String($0.id), $0.name, $0.ethnicCodes.joined(separator: ","), $0.rule, $0.date?.vietnamese ?? "—"] })
            }
        }
    }
}

struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan", abstract: HelpText.pick("Các đợt tập trung theo kế hoạch: tập huấn, tham quan học tập, khen thưởng.", "Planned gatherings: training, study tours, commendations."),
        subcommands: [Add.self, List.self, Reschedule.self, Cancel.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: HelpText.pick("Lập kế hoạch một đợt cho mọi người trong danh sách hoặc một số người; in ra số hiệu.", "Plan a gathering for everybody on the list or chosen persons; prints its id."))
        @OptionGroup var options: GlobalOptions
        @Option(help: .vi("Loại: tập huấn, tham quan học tập hoặc khen thưởng.", en: "training, study_tour or commendation.")) var kind: String
        @Option(help: .vi("Ngày diễn ra.", en: "The day it takes place.")) var date: String
        @Option(help: .vi("Tên đợt.", en: "Its name.")) var name: String
        @Flag(help: .vi("Mọi người có trong danh sách vào ngày đó.", en: "Everybody on the list that day.")) var all = false
        @Option(help: .vi("Người tham dự: số hiệu (3,5,7 hoặc 1-16,20), số CCCD hoặc họ tên, cách nhau bởi dấu phẩy.", en: "The participants: ids (3,5,7 or 1-16,20), citizen IDs or names, separated by commas.")) var persons: String?

        func run() throws {
            try Console.run(options) { console in
                guard all != (persons != nil) else {
                    throw RegistryError("plan_participants", .malformed, vi: "Hãy cho --all hoặc --persons ID,ID (một trong hai).",
                                        en: "Give either --all or --persons ID,ID.")
                }
                let database = try console.database()
                let planKind = try BenefitParse.choice(kind, PlanKind.self, option: "--kind")
                let day = try Parse.day(date)
                let id = try database.addPlan(kind: planKind, date: day, name: name,
                                              persons: try persons.map { try Lookup.persons($0, option: "--persons", in: database) })
                let what = planKind.benefit.shortLabel
                try console.created(id, "Đã lập kế hoạch #\(id): \(what.vi.lowercased()) \"\(name)\" ngày \(day.vietnamese).",
                                    "Plan #\(id) added: \(what.en.lowercased()) \"\(name)\" on \(day.iso).")
            }
        }
    }
}

struct EventCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "event", abstract: HelpText.pick("Các sự việc trong đời sống được hưởng chế độ.", "Life events that bring a benefit."), subcommands: [Record.self])

    struct Record: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: HelpText.pick("Ghi nhận việc điều trị tại bệnh viện, khó khăn, từ trần hoặc thân nhân từ trần; in ra số hiệu.", "Record a hospital treatment, a hardship, a death or a relative's death; prints its id."))
        @OptionGroup var options: GlobalOptions
        @Option(help: .vi("Người: số hiệu, số CCCD hoặc họ tên.", en: "The person: id, citizen ID or name.")) var person: String
        @Option(help: .vi("Loại: ốm đau, khó khăn, từ trần hoặc thân nhân từ trần.", en: "hospitalized, hardship, death or relative_death.")) var kind: String
        @Option(help: .vi("Ngày xảy ra.", en: "When it happened.")) var date: String
        @Option(help: .vi("Cấp quyết định mức hưởng: trung ương, tỉnh, huyện hoặc xã.", en: "central, province, district or commune: the level that sets the tier.")) var level: String?
        @Option(help: .vi("Ghi chú.", en: "A note.")) var note: String?

        func run() throws {
            try Console.run(options) { console in
                let database = try console.database()
                let eventKind = try BenefitParse.choice(kind, EventKind.self, option: "--kind")
                let day = try Parse.day(date)
                let personId = try Lookup.person(person, in: database)
                let result = try database.recordEventReporting(
                    person: personId, kind: eventKind, date: day,
                    level: try level.map { try BenefitParse.choice($0, Level.self, option: "--level") }, note: note)
                if options.json { return try console.json(result) }
                try console.created(result.id, "Đã ghi nhận sự việc #\(result.id) (\(eventKind.label.vi.lowercased()), ngày \(day.vietnamese)) của người #\(personId); lần chạy tới (`uytin run`) sẽ lập khoản \(eventKind.benefit.shortLabel.vi.lowercased()).",
                                    "Event #\(result.id) recorded (\(eventKind.label.en.lowercased()), \(day.vietnamese)) for person #\(personId); the next run (`uytin run`) makes its entitlement.")
                console.cancelledReport(result.cancelled)
            }
        }
    }
}

struct ContingencyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "contingency", abstract: HelpText.pick("Thời gian có tình huống đặc biệt (Covid-19): cách cấp phát chế độ trong thời gian đó.", "Contingency periods (Covid-19): how benefits are delivered meanwhile."),
        subcommands: [Declare.self, End.self, Extend.self, List.self])

    /// Prints what a declared or extended period changed, one line per entitlement.
    static func report(_ result: UytinDatabase.ContingencyResult, console: Console) {
        guard !result.changed.isEmpty else {
            return console.line(console.say("Không có khoản chế độ dự kiến nào trong thời gian này phải đổi cách trao.",
                                            "No planned entitlement in these dates changes."))
        }
        console.line(console.say("Đã xét lại \(result.changed.count) khoản chế độ chưa trao theo phương án ứng phó (khoản đã trao giữ nguyên):",
                                 "Re-evaluated \(result.changed.count) undelivered entitlements under the contingency policy (delivered ones never change):"))
        // A province-wide period over Tết changes thousands: the first lines, then how many more (all with --wide).
        let shown = console.options.wide ? result.changed.count : min(result.changed.count, 30)
        defer {
            if shown < result.changed.count {
                console.line(console.say("  … và \(result.changed.count - shown) khoản nữa (xem đủ: --wide hoặc --json).",
                                         "  … and \(result.changed.count - shown) more (all of them: --wide or --json)."))
            }
        }
        for change in result.changed.prefix(shown) {
            let what: String
            if change.status == .cancelled {
                what = console.say("hủy (\(change.cancelReason ?? ""))", "cancelled (\(change.cancelReason ?? ""))")
            } else if change.postponed {
                what = console.say("hoãn đến khi hết dịch", "postponed until the period ends")
            } else {
                what = console.say("\(change.oldMethod.label.vi) → \(change.method.label.vi)", "\(change.oldMethod.label.en) → \(change.method.label.en)")
                    + (change.dueDate == change.oldDueDate ? "" : console.say(", hạn trao \(change.oldDueDate.vietnamese) → \(change.dueDate.vietnamese)",
                                                                             ", due \(change.oldDueDate.vietnamese) → \(change.dueDate.vietnamese)"))
            }
            console.line("  #\(change.entitlementId) \(change.person) (#\(change.personId)), \(console.say(change.kind.label)) \(change.occasionDate.vietnamese): \(what)")
        }
    }

    struct Declare: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: HelpText.pick("Công bố một thời gian đặc biệt cho toàn tỉnh, một huyện hoặc một xã; in ra số hiệu.", "Declare a period for the province, or one district or commune; prints its id."))
        @OptionGroup var options: GlobalOptions
        @Option(help: .vi("Từ ngày này.", en: "From this day.")) var from: String
        @Option(help: .vi("Đến hết ngày này, nếu đã biết.", en: "Until this day (included), if known.")) var to: String?
        @Option(help: .vi("Chỉ huyện hoặc xã này (mã).", en: "Only this district or commune (code).")) var area: String?
        @Option(help: .vi("Lý do.", en: "Why.")) var reason: String
        @Option(help: .vi("Quyết định công bố.", en: "The decision declaring it.")) var decision: String?

        func run() throws {
            try Console.run(options) { console in
                let database = try console.database()
                let from = try Parse.day(from)
                let result = try database.declareContingencyReporting(
                    from: from, to: try Parse.optionalDay(to),
                    areaCode: try area.map { try Lookup.districtOrCommune($0, option: "--area", in: database, on: from) },
                    reason: reason, decision: decision)
                if options.json { return try console.json(result) }
                try console.created(result.id, "Đã công bố giai đoạn ứng phó #\(result.id).", "Contingency period #\(result.id) declared.")
                ContingencyCommand.report(result, console: console)
            }
        }
    }

    struct End: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: HelpText.pick("Kết thúc một thời gian đặc biệt; những gì bị hoãn sẽ đến hạn vào ngày hôm sau.", "End a period; what it postponed is due the next day."))
        @OptionGroup var options: GlobalOptions
        @Argument(help: .vi("Số hiệu thời gian đặc biệt.", en: "The period's id.")) var id: Int64
        @Option(help: .vi("Ngày cuối cùng của thời gian đặc biệt.", en: "The last day of the period.")) var on: String

        func run() throws {
            try Console.run(options) { console in
                try console.database().endContingency(id, on: try Parse.day(on))
                if options.json { return try console.json(["id": id]) }
                console.line(console.say("Đã kết thúc giai đoạn ứng phó #\(id) ngày \(try Parse.day(on).vietnamese).",
                                         "Contingency period #\(id) ended on \(try Parse.day(on).iso)."))
            }
        }
    }

    struct Extend: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: HelpText.pick("Gia hạn một giai đoạn ứng phó đến ngày mới; xét lại các khoản chế độ chưa trao trong những ngày thêm vào.",
                                    "Extend a period to a later day; re-evaluates the undelivered entitlements due in the days added."))
        @OptionGroup var options: GlobalOptions
        @Argument(help: .vi("Số của giai đoạn ứng phó.", en: "The period's id.")) var id: Int64
        @Option(help: .vi("Ngày kết thúc mới (tính cả ngày đó).", en: "The new last day (included).")) var to: String

        func run() throws {
            try Console.run(options) { console in
                let result = try console.database().extendContingency(id, to: try Parse.day(to))
                if options.json { return try console.json(result) }
                console.line(console.say("Đã gia hạn giai đoạn ứng phó #\(id) đến hết ngày \(result.to?.vietnamese ?? "").",
                                         "Contingency period #\(id) extended to \(result.to?.iso ?? "")."))
                ContingencyCommand.report(result, console: console)
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: HelpText.pick("Mọi thời gian đặc biệt.", "Every contingency period."))
        @OptionGroup var options: GlobalOptions

        func run() throws {
            try Console.run(options) { console in
                let periods = try console.database().contingencies()
                if options.json { return try console.json(periods) }
                console.table(["ID", console.say("Từ ngày", "From"), console.say("Đến ngày", "To"), console.say("Địa bàn", "Area"),
                               console.say("Lý do", "Reason"), "QĐ"],
                              periods.map { [String($0.id), $0.from.vietnamese, $0.to?.vietnamese ?? console.say("(chưa kết thúc)", "(open)"),
                                             $0.area ?? console.say("Toàn tỉnh", "Whole province"), $0.reason, $0.decision ?? ""] })
            }
        }
    }
}
