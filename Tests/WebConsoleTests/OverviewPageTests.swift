import Demo
import Foundation
import Hummingbird
import Registry
import Scheduler
import Storage
import Testing
import VietnameseCalendar
@testable import WebConsole

@Suite("Tổng quan: the list's size and composition, what is due and waiting, the last run, contingencies")
struct OverviewPageTests {
    @Test("the figures are the storage's own: the list of today, pending proposals, waiting entitlements, the last run and the audit head")
    func figures() async throws {
        try await DemoConsole.withBrowser { browser, server in
            try await browser.signIn("canbo")
            let page = try await browser.get("/")
            #expect(page.status == .ok)
            let today = Day.todayInVietnam()
            let listed = try server.database.listed(on: today)
            #expect(listed.count > 0)
            #expect(page.contains("<p class=\"figure\">\(Money.format(listed.count))</p>"), "the list's size")
            // The composition: every ethnic group and both genders drawn, with their counts.
            #expect(page.contains("<svg class=\"bars\""))
            let byEthnic = Dictionary(grouping: listed, by: \.ethnicGroup)
            for (name, persons) in byEthnic.sorted(by: { $0.value.count > $1.value.count }).prefix(5) {
                #expect(page.contains("\(name): \(persons.count)</title>"), "\(name)")
            }
            let women = listed.filter { $0.gender == .nu }.count
            #expect(page.contains("Nữ: \(women)</title>"))
            let pending = try server.database.proposals(status: .pending).count
            #expect(page.contains("<p class=\"figure\">\(Money.format(pending))</p>"), "pending proposals")
            // Waiting: the planned and approved entitlements of the year before, this year and the next.
            let years = (today.year - 1)...(today.year + 1)
            let planned = try server.database.entitlements(.init(status: .planned)).filter { years.contains($0.occasionDate.year) }
            let approved = try server.database.entitlements(.init(status: .approved)).filter { years.contains($0.occasionDate.year) }
            #expect(!planned.isEmpty)
            #expect(page.contains("<td class=\"number\">\(Money.format(planned.count))</td><td class=\"number\">\(Money.format(planned.reduce(0) { $0 + $1.amount })) đ</td>"))
            #expect(page.contains("<td class=\"number\">\(Money.format(approved.count))</td>"))
            // Due in the next 30 days, by kind.
            let through = today.adding(days: 30)
            let due = (planned + approved).filter { $0.dueDate >= today && $0.dueDate <= through }
            for (kind, entitlements) in Dictionary(grouping: due, by: \.kind) {
                #expect(page.contains("<td>\(kind.shortLabel.vi)</td><td class=\"number\">\(Money.format(entitlements.count))</td>"), "\(kind)")
            }
            let run = try #require(try server.database.runs(limit: 1).first)
            #expect(page.contains("#\(run.runId ?? 0) ·"))
            let head = try #require(try server.database.auditLog(limit: 1).first)
            #expect(page.contains("\(head.id):\(head.hash.prefix(16))"), "the audit head, an anchor to note down")
            let contingencies = try server.database.contingencies().filter { $0.from <= today && ($0.to.map { today <= $0 } ?? true) }
            for period in contingencies { #expect(page.contains(period.reason)) }
        }
    }

    @Test("a commune officer sees their commune's list and proposals, no benefits and no audit head")
    func communeScope() async throws {
        try await DemoConsole.withBrowser { browser, server in
            try await browser.signIn("canboxa")
            let page = try await browser.get("/")
            #expect(page.status == .ok)
            let today = Day.todayInVietnam()
            let commune = try server.database.listed(on: today, filter: .init(communeCode: "09040")).count
            let province = try server.database.listed(on: today).count
            #expect(commune > 0 && commune < province)
            #expect(page.contains("<p class=\"figure\">\(Money.format(commune))</p>"))
            #expect(!page.contains("/benefits"), "no benefits for a commune officer")
            let head = try #require(try server.database.auditLog(limit: 1).first)
            #expect(!page.contains("\(head.id):\(head.hash.prefix(16))"), "the audit log is not theirs to read")
        }
    }

    @Test("the overview answers fast: a few aggregate queries, whatever the list's size")
    func fast() async throws {
        try await DemoConsole.withBrowser { browser, _ in
            try await browser.signIn("lanhdao")
            let start = Date()
            for _ in 0..<5 { #expect(try await browser.get("/").status == .ok) }
            #expect(Date().timeIntervalSince(start) < 5, "five overviews of the demo province")
        }
    }
}
