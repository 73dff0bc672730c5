import ArgumentParser
import Foundation
import Registry
import VietnameseCalendar

/// `uytin calendar`: the Vietnamese lunar calendar, without any database.
struct CalendarCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calendar", abstract: "The Vietnamese lunar calendar (UTC+7); needs no database.",
        subcommands: [Tet.self, Lunar.self, Solar.self, Month.self])

    static func checkYear(_ year: Int) throws {
        guard LunarCalendar.supportedLunarYears.contains(year) else {
            throw LunarCalendarError.yearOutOfRange(year: year)
        }
    }

    struct Tet: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The Gregorian date of Tết Nguyên đán.")
        @OptionGroup var options: GlobalOptions
        @Option(help: "The year.") var year: Int

        func run() throws {
            try Console.run(options) { console in
                try CalendarCommand.checkYear(year)
                let day = LunarCalendar.vietnam.tet(year: year)
                if options.json { return try console.json(["date": day.iso]) }
                console.line(day.iso)
            }
        }
    }

    struct Lunar: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The lunar date of a day, e.g. \"1/1 Nhâm Dần (2022)\".")
        @OptionGroup var options: GlobalOptions
        @Argument(help: "The day: 2022-02-01 or 01/02/2022.") var date: String

        struct Output: Encodable {
            var day: Int
            var month: Int
            var year: Int
            var leap: Bool
            var yearName: String
        }

        func run() throws {
            try Console.run(options) { console in
                let day = try Parse.day(date)
                try CalendarCommand.checkYear(day.year)
                let lunar = LunarCalendar.vietnam.lunarDate(of: day)
                if options.json {
                    return try console.json(Output(day: lunar.day, month: lunar.month, year: lunar.year, leap: lunar.isLeap,
                                                   yearName: lunar.yearName))
                }
                console.line(LunarCalendar.vietnam.describe(day))
            }
        }
    }

    struct Solar: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The Gregorian date of a lunar date.")
        @OptionGroup var options: GlobalOptions
        @Option(help: "Lunar day (1–30).") var day: Int
        @Option(help: "Lunar month (1–12).") var month: Int
        @Option(help: "Lunar year.") var year: Int
        @Flag(help: "The leap (nhuận) month.") var leap = false

        func run() throws {
            try Console.run(options) { console in
                let result = try LunarCalendar.vietnam.solarDay(of: LunarDate(day: day, month: month, year: year, isLeap: leap))
                if options.json { return try console.json(["date": result.iso]) }
                console.line(result.iso)
            }
        }
    }

    struct Month: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "A month grid with the lunar day under each day.")
        @OptionGroup var options: GlobalOptions
        @Argument(help: "The month, YYYY-MM.") var month: String

        func run() throws {
            try Console.run(options) { console in
                let parts = month.split(separator: "-", omittingEmptySubsequences: false)
                guard parts.count == 2, parts[0].count == 4, (1...2).contains(parts[1].count),
                      parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
                      let year = Int(parts[0]), let number = Int(parts[1]) else {
                    throw RegistryError("malformed_month", .malformed, vi: "Tháng cần dạng YYYY-MM, ví dụ 2022-02 (nhận được \"\(Inputs.shown(month))\").",
                                        en: "The month needs the form YYYY-MM, e.g. 2022-02 (got \"\(Inputs.shown(month))\").")
                }
                guard (1...12).contains(number) else { throw LunarCalendarError.monthOutOfRange(month: number) }
                try CalendarCommand.checkYear(year)
                if options.json {
                    let first = Day(year: year, month: number, day: 1)!
                    let days = (0..<Day.daysInMonth(year: year, month: number)).map { offset -> [String: String] in
                        let day = first.adding(days: offset)
                        let lunar = LunarCalendar.vietnam.lunarDate(of: day)
                        return ["date": day.iso, "lunar": "\(lunar.day)/\(lunar.month)\(lunar.isLeap ? "n" : "")"]
                    }
                    return try console.json(days)
                }
                print(LunarCalendar.vietnam.monthGrid(year: year, month: number), terminator: "")
            }
        }
    }
}
