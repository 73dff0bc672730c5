import ArgumentParser
import Foundation
import Registry
import Storage
import VietnameseCalendar

struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: HelpText.pick("Danh sách của một năm (đã duyệt, đã chốt) hoặc của một ngày (mặc định: hôm nay).", "The list of a year (approved, frozen) or of a day (default: today)."),
        subcommands: [Diff.self])

    @OptionGroup var options: GlobalOptions
    @Option(help: .vi("Danh sách đã duyệt của năm này.", en: "The approved list of this year.")) var year: String?
    @Option(help: .vi("Những người có trong danh sách vào ngày này.", en: "Who was on the list on this day.")) var on: String?
    @Option(help: .vi("Chỉ huyện này (mã hoặc tên huyện).", en: "Only this district (code or name).")) var district: String?
    @Option(help: .vi("Chỉ xã này (mã hoặc tên xã).", en: "Only this commune (code or name).")) var commune: String?

    func run() throws {
        try Console.run(options) { console in
            if year != nil, on != nil {
                throw RegistryError("year_or_day", .malformed, vi: "Chọn một trong hai: --year hoặc --on.",
                                    en: "Give either --year or --on, not both.")
            }
            let database = try console.database()
            // Names are read on the map of the day the list is about.
            var mapDay = Day.todayInVietnam()
            if district != nil || commune != nil {
                if let on { mapDay = try Parse.day(on) }
                if let year, let end = Day(year: try Parse.year(year, option: "--year"), month: 12, day: 31) { mapDay = min(end, mapDay) }
            }
            let filter = UytinDatabase.ListFilter(districtCode: try district.map { try Lookup.district($0, in: database, on: mapDay) },
                                                  communeCode: try commune.map { try Lookup.commune($0, in: database, on: mapDay) })
            let setting = try database.setting()
            // The list streams from the database to the terminal, aligned by its shape (read in the same snapshot);
            // only --json holds it, to print one document.
            var entries: [PersonEntry] = []
            // Persons still on the list of a day after their recorded death: the decision removing them is to come.
            var deathPending: [PersonEntry] = []
            var listDay: Day?
            var printer: TablePrinter?
            var total: UytinDatabase.ListShape?
            func start(_ heading: @escaping (Int) -> String) -> (UytinDatabase.ListShape) -> Void {
                { shape in
                    total = shape
                    if !options.json {
                        console.line(heading(shape.persons))
                        printer = console.personTablePrinter(shape)
                    }
                }
            }
            var notes: [String] = []
            func take(_ entry: PersonEntry) {
                if let died = entry.deathDate, let listDay, died <= listDay { deathPending.append(entry) }
                if options.json { entries.append(entry) } else { printer?.row(console.personCells(entry)) }
                // Corrections made after the list's day: the list prints the corrected record and notes them below.
                for correction in entry.corrections ?? [] where !options.json {
                    notes.append("#\(entry.id) \(entry.name): " + console.say(correction.note))
                }
            }
            if let year {
                let year = try Parse.year(year, option: "--year")
                _ = try setting.term(ofYear: year)
                if let approved = try database.yearlyList(year) {
                    let parts = approved.parts.map { "QĐ \($0.decision.number) ngày \($0.decision.decidedOn.vietnamese)" + ($0.level == .province ? "" : " (\($0.area))") }
                    let partsEn = approved.parts.map { "decision \($0.decision.number) of \($0.decision.decidedOn.iso)" + ($0.level == .province ? "" : " (\($0.area))") }
                    let pending = try database.pendingListParts(year, on: approved.asOf)
                    if !pending.isEmpty {
                        console.warn(console.say(
                            "Danh sách năm \(year) được phê duyệt theo từng phần; còn chờ phê duyệt: \(pending.map { "\($0.name) (\($0.code))" }.joined(separator: ", ")).",
                            "The list of \(year) is approved in parts; still pending: \(pending.map { "\($0.name) (\($0.code))" }.joined(separator: ", "))."))
                    }
                    try database.forEachOnYearlyList(year, filter: filter, shape: start { count in console.say(
                        "Danh sách năm \(year), phê duyệt theo \(parts.joined(separator: "; ")): \(count) người",
                        "List of \(year), approved by \(partsEn.joined(separator: "; ")): \(count) persons") },
                        take)
                } else {
                    let day = min(Day(year: year, month: 12, day: 31)!, Day.todayInVietnam())
                    listDay = day
                    console.warn(console.say(
                        "Danh sách năm \(year) chưa được phê duyệt bằng quyết định; dưới đây là danh sách đang có hiệu lực ngày \(day.vietnamese).",
                        "The list of \(year) is not approved by a decision yet; below is the list in force on \(day.iso)."))
                    try database.forEachListed(on: day, filter: filter, shape: start { count in console.say(
                        "Danh sách ngày \(day.vietnamese) (CHƯA PHÊ DUYỆT): \(count) người",
                        "List on \(day.iso) (NOT APPROVED): \(count) persons") }, take)
                }
            } else {
                let day = try on.map(Parse.day) ?? Day.todayInVietnam()
                listDay = day
                if let term = setting.terms.term(of: day) {
                    if try !database.termHasStays(term, on: day) {
                        console.warn(console.say(
                            "Ngày \(day.vietnamese) thuộc giai đoạn \(term.label), nhưng chưa có quyết định công nhận nào của giai đoạn này có hiệu lực: danh sách trống (danh sách giai đoạn trước đã hết hiệu lực khi hết giai đoạn).",
                            "\(day.iso) falls in the term \(term.label), but no recognition of this term is in force yet: the list is empty (the previous term's list ended with its term)."))
                    }
                } else {
                    console.warn(console.say(
                        "Ngày \(day.vietnamese) không thuộc giai đoạn nào (\(setting.terms.label)): danh sách trống. Thêm giai đoạn mới bằng `uytin term add`.",
                        "\(day.iso) falls in no term (\(setting.terms.label)): the list is empty. Add the next term with `uytin term add`."))
                }
                try database.forEachListed(on: day, filter: filter, shape: start { count in console.say(
                    "Danh sách ngày \(day.vietnamese): \(count) người", "List on \(day.iso): \(count) persons") }, take)
            }
            if options.json {
                return try console.json(entries.map {
                    ListedPerson(person: $0.withoutContactDetails, awaitingDecision: deathPending.contains($0) ? console.deathPendingNote($0) : nil)
                })
            }
            printer?.finish()
            if !deathPending.isEmpty {
                console.line(console.say("Ghi chú: \(deathPending.count) người đã mất, chờ quyết định đưa ra khỏi danh sách:",
                                         "Note: \(deathPending.count) persons died and await the decision removing them:"))
                for entry in deathPending { console.line("  #\(entry.id) \(entry.name): \(console.deathPendingNote(entry))") }
            }
            let persons = total?.persons ?? 0
            let communes = total?.communes ?? 0
            console.line(console.say("Tổng: \(persons) người, \(communes) xã.", "Total: \(persons) persons, \(communes) communes."))
            if !notes.isEmpty {
                console.line(console.say("Ghi chú (sửa hồ sơ sau ngày của danh sách):", "Notes (records corrected after the list's day):"))
                for note in notes { console.line("  " + note) }
            }
        }
    }

    struct Diff: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: HelpText.pick("Những người vào, ra hoặc chuyển thôn giữa hai danh sách đã duyệt.", "Who entered, left or changed village between two approved lists."))
        @OptionGroup var options: GlobalOptions
        @Option(help: .vi("Năm trước.", en: "The earlier year.")) var from: String
        @Option(help: .vi("Năm sau.", en: "The later year.")) var to: String

        func run() throws {
            try Console.run(options) { console in
                let diff = try console.database().listDiff(from: try Parse.year(from, option: "--from"),
                                                           to: try Parse.year(to, option: "--to"))
                if options.json {
                    return try console.json(ListDiff(fromYear: diff.fromYear, toYear: diff.toYear,
                                                     entered: diff.entered.map(\.withoutContactDetails),
                                                     left: diff.left.map(\.withoutContactDetails),
                                                     moved: diff.moved.map(\.withoutContactDetails)))
                }
                for (title, persons, leaving) in [(console.say("Vào danh sách", "Entered"), diff.entered, false),
                                                  (console.say("Ra khỏi danh sách", "Left"), diff.left, true),
                                                  (console.say("Đổi thôn (sáp nhập)", "Changed village (merger)"), diff.moved, false)] {
                    console.line("\(title) \(diff.fromYear) → \(diff.toYear): \(persons.count)")
                    if !persons.isEmpty { console.personTable(persons) }
                    // Those who left and have died: the day of death (`export changes` gives each removal's reason).
                    for person in persons where leaving {
                        if let died = person.deathDate {
                            console.line(console.say("  #\(person.id) \(person.name): đã mất ngày \(died.vietnamese)",
                                                     "  #\(person.id) \(person.name): died on \(died.iso)"))
                        }
                    }
                    console.line("")
                }
            }
        }
    }
}

/// A person of a day's list in `list --json`: the person's fields, and for one who died before that day and is still on
/// the list, `awaitingDecision` ("đã mất ngày 20/11/2019, chờ quyết định") and `diedAwaitingDecision: true`.
struct ListedPerson: Encodable {
    var person: PersonEntry
    var awaitingDecision: String?

    func encode(to encoder: Encoder) throws {
        try person.encode(to: encoder)
        var container = encoder.container(keyedBy: Key.self)
        try container.encodeIfPresent(awaitingDecision, forKey: .awaitingDecision)
        if awaitingDecision != nil { try container.encode(true, forKey: .diedAwaitingDecision) }
    }

    enum Key: String, CodingKey { case awaitingDecision, diedAwaitingDecision }
}

extension Console {
    /// "đã mất ngày 20/11/2019, chờ quyết định": a person who died and is on the list until the decision removes them.
    func deathPendingNote(_ person: PersonEntry) -> String {
        guard let died = person.deathDate else { return "" }
        return say("đã mất ngày \(died.vietnamese), chờ quyết định", "died on \(died.iso), awaiting the decision")
    }
}
