import ArgumentParser
import Foundation
import Registry
import VietnameseCalendar

/// `uytin calendar`: the Vietnamese lunar calendar, without any database.
struct CalendarCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calendar", abstract: HelpText.pick("Lịch âm Việt Nam (UTC+7); không cần cơ sở dữ liệu.", "The Vietnamese lunar calendar (UTC+7); needs no database."),
        subcommands: [Tet.self, Lunar.self, Solar.self, Month.self])

    static func checkYear(_ year: Int) throws {
        guard LunarCalendar.supportedLunarYears.contains(year) else {
            throw LunarCalendarError.yearOutOfRange(year: year)
        }
    }

    struct Tet: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: HelpText.pick("Ngày dương lịch của Tết Nguyên đán.", "The Gregorian date of Tết Nguyên đán."))
        @OptionGroup var options: GlobalOptions
        @Option(help: .vi("Năm.", en: "The year.")) var year: Int

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
        static let configuration = CommandConfiguration(abstract: HelpText.pick("Ngày âm lịch của một ngày, ví dụ \"1/1 Nhâm Dần (2022)\".", "The lunar date of a day, e.g. \"1/1 Nhâm Dần (2022)\"."))
        @OptionGroup var options: GlobalOptions
        @Argument(help: .vi("Ngày: 01/02/2022 hoặc 2022-02-01.", en: "The day: 2022-02-01 or 01/02/2022.")) var date: String

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
        static let configuration = CommandConfiguration(abstract: HelpText.pick("Ngày dương lịch của một ngày âm lịch.", "The Gregorian date of a lunar date."))
        @OptionGroup var options: GlobalOptions
        @Option(help: .vi("Ngày âm lịch (1–30).", en: "Lunar day (1–30).")) var day: Int
        @Option(help: .vi("Tháng âm lịch (1–12).", en: "Lunar month (1–12).")) var month: Int
        @Option(help: .vi("Năm âm lịch.", en: "Lunar year.")) var year: Int
        @Flag(help: .vi("Tháng nhuận.", en: "The leap (nhuận) month.")) var leap = false

        func run() throws {
            try Console.run(options) { console in
                let result = try LunarCalendar.vietnam.solarDay(of: LunarDate(day: day, month: month, year: year, isLeap: leap))
                if options.json { return try console.json(["date": result.iso]) }
                console.line(result.iso)
            }
        }
    }

    struct Month: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: HelpText.pick("Lịch một tháng, dưới mỗi ngày là ngày âm lịch.", "A month grid with the lunar day under each day."))
        @OptionGroup var options: GlobalOptions
        @Argument(help: .vi("Tháng, dạng YYYY-MM.", en: "The month, YYYY-MM.")) var month: String

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
