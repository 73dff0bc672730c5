import Foundation
import Hummingbird
import Registry
import Scheduler
import Storage
import VietnameseCalendar

/// Lịch: a month from Monday to Sunday, each day with its lunar date (the first of a lunar month with its month, Tết
/// with the year's can chi name), the festivals of the festival table and the planned gatherings.
struct CalendarPage {
    let server: ConsoleServer

    func add(to router: Router<ConsoleContext>) {
        router.get("/calendar") { request, context -> Response in
            let signedIn = try context.require(.read)
            let today = Day.todayInVietnam(now: server.now())
            let (year, month) = try Self.month(request.uri.queryParameters.get("month"), default: today)
            return try page(context, signedIn, year: year, month: month, today: today)
        }
    }

    /// The month a query names (YYYY-MM), or today's; a month that is not one, or outside the lunar calendar's
    /// years, is no page (404).
    static func month(_ text: String?, default today: Day) throws -> (year: Int, month: Int) {
        guard let text else { return (today.year, today.month) }
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 4, (1...2).contains(parts[1].count),
              parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              let year = Int(parts[0]), let month = Int(parts[1]), (1...12).contains(month),
              LunarCalendar.supportedLunarYears.contains(year - 1), LunarCalendar.supportedLunarYears.contains(year + 1) else {
            throw ConsoleError.notFound
        }
        return (year, month)
    }

    private func page(_ context: ConsoleContext, _ signedIn: SignedIn, year: Int, month: Int, today: Day) throws -> Response {
        let language = context.language
        let words = Words.table(language)
        let calendar = LunarCalendar.vietnam
        let first = Day(year: year, month: month, day: 1)!
        let length = Day.daysInMonth(year: year, month: month)
        let last = first.adding(days: length - 1)
        // The festival table's festivals on their day of this year (a lunar one late in its year may fall in January).
        var festivals: [Day: [String]] = [:]
        for festival in try signedIn.database.festivals() {
            guard let day = festival.day(inYear: year), day >= first, day <= last else { continue }
            festivals[day, default: []].append(festival.name)
        }
        var plans: [Day: [[String: Any]]] = [:]
        for plan in try signedIn.database.plans(from: first, through: last) {
            plans[plan.date, default: []].append(["name": plan.name, "cancelled": plan.cancelledOn != nil])
        }
        let lead = (first.weekday + 6) % 7
        var cells: [[String: Any]] = Array(repeating: ["blank": true], count: lead)
        for offset in 0..<length {
            let day = first.adding(days: offset)
            let lunar = calendar.lunarDate(of: day)
            let lunarText = lunar.day == 1 ? "1/\(lunar.month)\(lunar.isLeap ? "n" : "")" : String(lunar.day)
            var marks: [String] = []
            if lunar.day == 1, lunar.month == 1, !lunar.isLeap {
                marks.append("\(words["calendarTet"] ?? "") \(lunar.yearName)")
            }
            cells.append([
                "blank": false, "day": day.day, "iso": day.iso, "lunar": lunarText, "lunarFull": lunar.description,
                "today": day == today, "holidays": marks, "festivals": festivals[day] ?? [], "plans": plans[day] ?? [],
                "weekend": day.weekday == 0 || day.weekday == 6,
            ])
        }
        cells += Array(repeating: ["blank": true], count: (7 - cells.count % 7) % 7)
        let weeks = stride(from: 0, to: cells.count, by: 7).map { ["days": Array(cells[$0..<($0 + 7)])] }
        let previous = month == 1 ? (year - 1, 12) : (year, month - 1)
        let next = month == 12 ? (year + 1, 1) : (year, month + 1)
        let model: [String: Any] = [
            "weeks": weeks,
            "weekdays": (words["calendarWeekdays"] ?? "").split(separator: ",").map(String.init),
            "lunarRange": "\(calendar.describe(first)) – \(calendar.describe(last))",
            "previous": String(format: "%04d-%02d", previous.0, previous.1),
            "next": String(format: "%04d-%02d", next.0, next.1),
            "current": String(format: "%04d-%02d", today.year, today.month),
        ]
        let title = "\(words["menu.calendar"] ?? "") \(month)/\(year)"
        return server.views.page("calendar", title: title, context: context, model)
    }
}
