import ArgumentParser
import Foundation
import Registry
import Storage
import VietnameseCalendar

struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "The list of a year (approved, frozen) or of a day (default: today).",
        subcommands: [Diff.self])

    @OptionGroup var options: GlobalOptions
    @Option(help: "The approved list of this year.") var year: String?
    @Option(help: "Who was on the list on this day.") var on: String?
    @Option(help: "Only this district (code).") var district: String?
    @Option(help: "Only this commune (code).") var commune: String?

    func run() throws {
        try Console.run(options) { console in
            if year != nil, on != nil {
                throw RegistryError("year_or_day", .malformed, vi: "Chọn một trong hai: --year hoặc --on.",
                                    en: "Give either --year or --on, not both.")
            }
            let database = try console.database()
            let filter = UytinDatabase.ListFilter(districtCode: district, communeCode: commune)
            let setting = try database.setting()
            var heading: String
            var entries: [PersonEntry] = []
            if let year {
                let year = try Parse.year(year, option: "--year")
                guard setting.term.contains(year) else { throw RegistryError.outsideTerm(String(year), term: setting.term) }
                if let approved = try database.yearlyList(year) {
                    try database.forEachOnYearlyList(year, filter: filter) { entries.append($0) }
                    heading = console.say(
                        "Danh sách năm \(year), phê duyệt theo QĐ \(approved.decision.number) ngày \(approved.decision.decidedOn.vietnamese): \(entries.count) người",
                        "List of \(year), approved by decision \(approved.decision.number) of \(approved.decision.decidedOn.iso): \(entries.count) persons")
                } else {
                    let day = min(Day(year: year, month: 12, day: 31)!, Day.todayInVietnam())
                    console.warn(console.say(
                        "Danh sách năm \(year) chưa được phê duyệt bằng quyết định; dưới đây là danh sách đang có hiệu lực ngày \(day.vietnamese).",
                        "The list of \(year) is not approved by a decision yet; below is the list in force on \(day.iso)."))
                    try database.forEachListed(on: day, filter: filter) { entries.append($0) }
                    heading = console.say("Danh sách ngày \(day.vietnamese) (CHƯA PHÊ DUYỆT): \(entries.count) người",
                                          "List on \(day.iso) (NOT APPROVED): \(entries.count) persons")
                }
            } else {
                let day = try on.map(Parse.day) ?? Day.todayInVietnam()
                try database.forEachListed(on: day, filter: filter) { entries.append($0) }
                heading = console.say("Danh sách ngày \(day.vietnamese): \(entries.count) người",
                                      "List on \(day.iso): \(entries.count) persons")
            }
            if options.json { return try console.json(entries.map(\.withoutContactDetails)) }
            console.line(heading)
            console.personTable(entries)
            let communes = Set(entries.map(\.communeCode)).count
            console.line(console.say("Tổng: \(entries.count) người, \(communes) xã.", "Total: \(entries.count) persons, \(communes) communes."))
        }
    }

    struct Diff: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Who entered, left or changed village between two approved lists.")
        @OptionGroup var options: GlobalOptions
        @Option(help: "The earlier year.") var from: String
        @Option(help: "The later year.") var to: String

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
                for (title, persons) in [(console.say("Vào danh sách", "Entered"), diff.entered),
                                         (console.say("Ra khỏi danh sách", "Left"), diff.left),
                                         (console.say("Đổi thôn (sáp nhập)", "Changed village (merger)"), diff.moved)] {
                    console.line("\(title) \(diff.fromYear) → \(diff.toYear): \(persons.count)")
                    if !persons.isEmpty { console.personTable(persons) }
                    console.line("")
                }
            }
        }
    }
}
