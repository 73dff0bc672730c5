import ArgumentParser
import Composition
import Foundation
import Registry
import Scheduler
import Storage
import VietnameseCalendar

/// `uytin run`: cron's entry point.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run", abstract: HelpText.pick("Chạy hằng ngày: xử lý mọi ngày từ lần chạy trước đến --date (mặc định hôm nay, giờ Việt Nam).", "The daily run: every day since the last run up to --date (default today in Vietnam)."))
    @OptionGroup var options: GlobalOptions
    @Option(help: .vi("Xử lý đến hết ngày này.", en: "Process up to this day.")) var date: String?
    @Flag(name: .customLong("dry-run"), help: .vi("Xem trước điều sẽ xảy ra; không ghi gì.", en: "Show what would happen; write nothing.")) var dryRun = false

    func run() throws {
        try Console.run(options) { console in
            let until = try Parse.optionalDay(date) ?? Day.todayInVietnam()
            let report = try console.database().run(until: until, dryRun: dryRun)
            let kinds = report.byKind.sorted { $0.key < $1.key }
                .map { "\(BenefitKind(rawValue: $0.key).map { console.say($0.shortLabel) } ?? $0.key) \($0.value)" }
                .joined(separator: ", ")
            // One line per run on stderr: what cron's and systemd's logs keep — with the audit chain's head, so that
            // those logs hold an anchor outside the database (`uytin audit verify --anchor ID:HASH`).
            console.warn("\(UytinDatabase.Timestamp.now()) uytin run actor=\(options.actorName) run=\(report.runId.map(String.init) ?? "-") from=\(report.from?.iso ?? "-") to=\(report.to.iso) created=\(report.created) updated=\(report.updated) cancelled=\(report.cancelled)\(dryRun ? " dry-run" : "")\(report.upToDate ? " up-to-date" : "")\(report.auditAnchor.map { " audit=" + $0 } ?? "")")
            if options.json { return try console.json(report) }
            if report.upToDate {
                console.line(console.say("Đã cập nhật đến ngày \(report.to.vietnamese); không có gì mới.",
                                         "Already up to date (through \(report.to.iso)); nothing new."))
            } else {
                console.line(console.say(
                    "\(dryRun ? "[Chạy thử — không ghi gì] " : "")Lần chạy #\(report.runId ?? 0): \(report.from!.vietnamese) → \(report.to.vietnamese): lập \(report.created) khoản, cập nhật \(report.updated), hủy \(report.cancelled)\(kinds.isEmpty ? "" : " (\(kinds))").",
                    "\(dryRun ? "[Dry run — nothing written] " : "")Run #\(report.runId ?? 0): \(report.from!.iso) → \(report.to.iso): created \(report.created), updated \(report.updated), cancelled \(report.cancelled)\(kinds.isEmpty ? "" : " (\(kinds))")."))
                for occasion in report.ahead {
                    console.line(console.say(
                        "  Lập trước \(occasion.advanceDays) ngày: \(occasion.kind.label.vi) ngày \(occasion.occasionDate.vietnamese), hạn trao \(occasion.dueDate.vietnamese): \(occasion.created) khoản, chờ duyệt.",
                        "  Created \(occasion.advanceDays) days ahead: \(occasion.kind.label.en) of \(occasion.occasionDate.iso), due \(occasion.dueDate.iso): \(occasion.created), awaiting approval."))
                }
            }
        }
    }
}

struct EntitlementCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "entitlement", abstract: HelpText.pick("Chế độ mỗi người được hưởng: xem, duyệt, ghi đã nhận, hủy.", "What each person is owed: list, approve, deliver, cancel."),
        subcommands: [List.self, Approve.self, Deliver.self, Cancel.self, Undeliver.self])

    /// One entitlement in JSON, as `entitlement list --json` and `export entitlements --format json` print it.
    typealias Output = EntitlementJSON

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: HelpText.pick("Danh sách các khoản được hưởng.", "List entitlements."))
        @OptionGroup var options: GlobalOptions
        @Option(help: .vi("Năm.", en: "The year.")) var year: Int?
        @Option(help: .vi("Loại chế độ.", en: "The benefit kind.")) var kind: String?
        @Option(help: .vi("Trạng thái: dự kiến, đã duyệt, đã nhận hoặc đã hủy.", en: "planned, approved, delivered or cancelled.")) var status: String?
        @Option(help: .vi("Chỉ của một người: số hiệu, số CCCD hoặc họ tên.", en: "One person's: id, citizen ID or name.")) var person: String?

        func run() throws {
            try Console.run(options) { console in
                let database = try console.database()
                let person = try self.person.map { try Lookup.person($0, in: database) }
                let filter = UytinDatabase.EntitlementFilter(
                    year: year, kind: try kind.map { try BenefitParse.choice($0, BenefitKind.self, option: "--kind") },
                    status: try status.map { try BenefitParse.choice($0, EntitlementStatus.self, option: "--status") }, person: person)
                if let person { _ = try database.person(person) }
                if options.json {
                    // Streamed: one object at a time, however many there are.
                    let encoder = JSONEncoder()
                    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
                    var first = true
                    print("[")
                    try database.forEachEntitlement(filter) { entitlement in
                        let text = String(decoding: try encoder.encode(Output(entitlement)), as: UTF8.self)
                        print((first ? "  " : ", ") + text)
                        first = false
                    }
                    print("]")
                    return
                }
                var rows: [[String]] = []
                var total = 0
                let names = try database.occasionNames()
                try database.forEachEntitlement(filter) { e in
                    total = total.addingReportingOverflow(e.status == .cancelled ? 0 : e.amount).partialValue
                    let period = PeriodLabel.label(kind: e.kind, period: e.period, occasion: e.occasionDate,
                                                   festivals: names.festivals, plans: names.plans)
                    rows.append([String(e.id), e.person, e.village, console.say(e.kind.shortLabel), console.say(period),
                                 e.dueDate.vietnamese, Money.format(e.amount), console.say(e.method.label),
                                 e.contingencyId.map { "#\($0)\(e.postponed ? console.say(" hoãn", " postponed") : "")" } ?? "",
                                 console.say(e.status.label)])
                }
                console.table(["ID", console.say("Họ và tên", "Name"), console.say("Thôn", "Village"), console.say("Chế độ", "Benefit"),
                               console.say("Kỳ", "Period"), console.say("Ngày trao", "Due"), console.say("Số tiền", "Amount"),
                               console.say("Cách trao", "Method"), console.say("Ứng phó", "Contingency"), console.say("Trạng thái", "Status")],
                              rows, dropping: [2, 7, 3, 8], unbroken: [1: 24])
                console.line(console.say("\(rows.count) khoản, tổng \(Money.format(total)) đ (không tính khoản đã hủy).",
                                         "\(rows.count) entitlements, total \(Money.format(total)) đ (cancelled excluded)."))
            }
        }
    }

    struct Approve: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: HelpText.pick("Duyệt các khoản dự kiến; người duyệt không được là người đã lập.", "Approve planned entitlements; the approver cannot be who created them."))
        @OptionGroup var options: GlobalOptions
        @OptionGroup var select: EntitlementSelectionOptions

        func run() throws {
            try Console.run(options) { console in
                let database = try console.database()
                let selection = try select.selection(in: database)
                let count = try database.approveEntitlements(selection)
                if options.json { return try console.json(["approved": count]) }
                let what = select.described(selection, console)
                console.line(count == 0 ? console.say("Không có khoản dự kiến nào\(what) chờ duyệt; không thay đổi gì.",
                                                      "No planned entitlement\(what) awaits approval; nothing changed.")
                                        : console.say("Đã duyệt \(count) khoản\(what).", "Approved \(count) entitlements\(what)."))
            }
        }
    }

    struct Deliver: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: HelpText.pick("Ghi nhận các khoản đã duyệt đã được trao.", "Record that approved entitlements were delivered."))
        @OptionGroup var options: GlobalOptions
        @OptionGroup var select: EntitlementSelectionOptions
        @Option(help: .vi("Ngày trao.", en: "The day they were delivered.")) var on: String
        @Option(help: .vi("Số biên nhận.", en: "The receipt (số biên nhận).")) var receipt: String?

        func run() throws {
            try Console.run(options) { console in
                let day = try Parse.day(on)
                let database = try console.database()
                let selection = try select.selection(in: database)
                let count = try database.deliverEntitlements(selection, on: day, receipt: receipt)
                if options.json { return try console.json(["delivered": count]) }
                let what = select.described(selection, console)
                console.line(count == 0 ? console.say("Không có khoản đã duyệt nào\(what) chờ trao; không thay đổi gì.",
                                                      "No approved entitlement\(what) awaits delivery; nothing changed.")
                                        : console.say("Đã ghi nhận trao \(count) khoản\(what).", "Recorded \(count) deliveries\(what)."))
            }
        }
    }

    struct Cancel: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: HelpText.pick("Hủy các khoản dự kiến hoặc đã duyệt, có lý do.", "Cancel planned or approved entitlements, with the reason."))
        @OptionGroup var options: GlobalOptions
        @Option(help: .vi("Số hiệu các khoản.", en: "Entitlement ids.")) var ids: String
        @Option(help: .vi("Lý do.", en: "Why.")) var reason: String

        func run() throws {
            try Console.run(options) { console in
                let count = try console.database().cancelEntitlements(ids: try Parse.ids(ids, option: "--ids"), reason: reason)
                if options.json { return try console.json(["cancelled": count]) }
                console.line(console.say("Đã hủy \(count) khoản.", "Cancelled \(count) entitlements."))
            }
        }
    }
}

struct BudgetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "budget", abstract: HelpText.pick("Dự toán và thực hiện của năm, theo loại chế độ và nguồn kinh phí.", "The year's estimate (dự toán) and actual, by kind and funding."))
    @OptionGroup var options: GlobalOptions
    @Option(help: .vi("Năm.", en: "The year.")) var year: Int

    func run() throws {
        try Console.run(options) { console in
            let lines = try console.database().budget(year: year)
            if options.json { return try console.json(lines) }
            console.line(console.say("Dự toán và thực hiện năm \(year)", "Budget estimate and actual, \(year)"))
            console.table([console.say("Chế độ", "Benefit"), console.say("Nguồn", "Funding"), console.say("Số khoản", "Count"),
                           console.say("Dự toán (đ)", "Estimate (đ)"), console.say("Dự kiến (chưa lập)", "Projected (not yet made)"),
                           console.say("Đã trao", "Delivered"), console.say("Thực hiện (đ)", "Actual (đ)")],
                          lines.map { [console.say($0.kind.shortLabel), console.say($0.funding.shortLabel), String($0.estimatedCount),
                                       Money.format($0.estimate), String($0.projectedCount), String($0.deliveredCount), Money.format($0.actual)] })
            let estimate = lines.reduce(0) { $0 + $1.estimate }
            let actual = lines.reduce(0) { $0 + $1.actual }
            console.line(console.say("Tổng dự toán: \(Money.format(estimate)) đ; đã thực hiện: \(Money.format(actual)) đ.",
                                     "Total estimate: \(Money.format(estimate)) đ; actual: \(Money.format(actual)) đ."))
        }
    }
}
