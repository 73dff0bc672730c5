import Demo
import Foundation
import Hummingbird
import Registry
import Scheduler
import Storage
import Testing
import VietnameseCalendar
@testable import WebConsole

@Suite("Lịch: a month with its lunar days, Tết, the festivals and the plans")
struct CalendarPageTests {
    @Test("February 2026 shows Tết: 17/02/2026 is 1/1 Bính Ngọ")
    func tet() async throws {
        try await DemoConsole.withBrowser { browser, _ in
            try await browser.signIn("canboxa")
            let page = try await browser.get("/calendar?month=2026-02")
            #expect(page.status == .ok)
            let cell = try #require(page.body.range(of: "<strong>17</strong>"))
            let after = String(page.body[cell.upperBound...].prefix(200))
            #expect(after.contains("<span class=\"lunar\">1/1</span>"), "\(after)")
            #expect(after.contains("Tết Nguyên đán Bính Ngọ"), "\(after)")
            #expect(page.contains("title=\"1/1 Bính Ngọ"))
            // The week starts on Monday: 1/2/2026 is a Sunday, the seventh cell of the first week.
            let firstWeek = try #require(page.body.range(of: "<tbody>")).upperBound
            let firstDay = try #require(page.body.range(of: "<strong>1</strong>"))
            #expect(page.body[firstWeek..<firstDay.lowerBound].components(separatedBy: "class=\"other-month\"").count - 1 == 6)
            #expect(page.contains("/calendar?month=2026-01") && page.contains("/calendar?month=2026-03"))
        }
    }

    @Test("the festivals of the festival table and the plans show on their days")
    func festivalsAndPlans() async throws {
        try await DemoConsole.withBrowser { browser, server in
            try await browser.signIn("xem")
            // The demo's festival table has none; one is added as `uytin festival set --lunar 15/01` adds it.
            _ = try server.database.setFestival(name: "Lễ hội Cầu mùa", ethnicCodes: ["06"], rule: .lunar(month: 1, day: 15))
            let festival = try #require(try server.database.festivals().first { $0.name == "Lễ hội Cầu mùa" })
            let name = festival.name
            let day = try #require(festival.day(inYear: 2026))
            #expect(day == Day(year: 2026, month: 3, day: 3))
            let page = try await browser.get(String(format: "/calendar?month=%04d-%02d", day.year, day.month))
            let cell = try #require(page.body.range(of: "<strong>\(day.day)</strong>"))
            #expect(page.body[cell.upperBound...].prefix(400).contains(name), "\(name) on \(day.iso)")
            let plan = try #require(try server.database.plans(from: Day(year: 2019, month: 1, day: 1)!, through: Day(year: 2026, month: 12, day: 31)!).first)
            let month = try await browser.get(String(format: "/calendar?month=%04d-%02d", plan.date.year, plan.date.month))
            #expect(month.contains(plan.name))
        }
    }

    @Test("a month that is not one is no page; December and January link across the year")
    func months() async throws {
        try await DemoConsole.withBrowser { browser, _ in
            try await browser.signIn("canbo")
            for bad in ["2026-13", "2026-00", "26-02", "abcd-ef", "2026-2-1", "9999-01", "2026-02%00"] {
                #expect(try await browser.get("/calendar?month=\(bad)").status == .notFound, "\(bad)")
            }
            let december = try await browser.get("/calendar?month=2026-12")
            #expect(december.contains("/calendar?month=2027-01") && december.contains("/calendar?month=2026-11"))
            let january = try await browser.get("/calendar?month=2026-1")
            #expect(january.status == .ok && january.contains("/calendar?month=2025-12"))
            #expect(try await browser.get("/calendar").status == .ok)
        }
    }
}
