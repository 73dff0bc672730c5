import Demo
import Foundation
import Hummingbird
import Registry
import Scheduler
import Storage
import Testing
import VietnameseCalendar
@testable import WebConsole

@Suite("Chế độ: waiting entitlements in aggregates, approval and delivery in bulk, four-eyes, signature sheets, the budget")
struct BenefitPagesTests {
    /// The kind and year with the most planned entitlements.
    static func largestPlanned(_ database: UytinDatabase) throws -> (kind: BenefitKind, year: Int, count: Int) {
        let planned = try database.entitlements(.init(status: .planned))
        let groups = Dictionary(grouping: planned) { "\($0.kind.rawValue)|\($0.occasionDate.year)" }
        let largest = try #require(groups.max { $0.value.count < $1.value.count })
        let first = largest.value[0]
        return (first.kind, first.occasionDate.year, largest.value.count)
    }

    /// Cron's run through 31/12/2026 (as `uytin run --actor cron` makes it): the Tết gifts of 2027, created ahead.
    static func runAsCron(_ server: ConsoleServer) throws -> (run: Int64, kind: BenefitKind, year: Int, count: Int) {
        let cron = try UytinDatabase.open(path: server.database.path, actor: "cron")
        let run = try #require(try cron.run(until: Day(year: 2026, month: 12, day: 31)!).runId)
        let tet = try server.database.entitlements(.init(year: 2027, kind: .lunarNewYearGift, status: .planned))
        #expect(!tet.isEmpty && tet.allSatisfy { $0.createdBy == "cron" && $0.runId == run })
        return (run, .lunarNewYearGift, 2027, tet.count)
    }

    @Test("the page sums what waits by kind and occasion, and one kind and year by commune, as the storage counts them")
    func summary() async throws {
        try await DemoConsole.withBrowser { browser, server in
            try await browser.signIn("ketoan")
            let page = try await browser.get("/benefits")
            #expect(page.status == .ok)
            // This year's, by kind; the other years with something waiting are links.
            let thisYear = Day.todayInVietnam().year
            let planned = try server.database.entitlements(.init(year: thisYear, status: .planned))
            #expect(!planned.isEmpty)
            for (kind, entitlements) in Dictionary(grouping: planned, by: \.kind) {
                #expect(page.contains("<td>\(kind.shortLabel.vi)</td><td>\(thisYear)</td>"), "\(kind)")
                #expect(page.contains("<td class=\"number\">\(Money.format(entitlements.count))</td><td class=\"number\">\(Money.format(entitlements.reduce(0) { $0 + $1.amount })) đ</td>"), "\(kind)")
            }
            #expect(page.contains("<a href=\"/benefits?year=\(thisYear - 1)\">"))
            let (kind, year, count) = try Self.largestPlanned(server.database)
            let focused = try await browser.get("/benefits?kind=\(kind.rawValue)&year=\(year)")
            #expect(focused.status == .ok)
            let byCommune = Dictionary(grouping: try server.database.entitlements(.init(year: year, kind: kind, status: .planned)), by: \.commune)
            #expect(byCommune.values.reduce(0) { $0 + $1.count } == count)
            for (commune, entitlements) in byCommune {
                #expect(focused.contains("<td>\(commune) <span class=\"muted\">"), "\(commune)")
                _ = entitlements
            }
            #expect(focused.contains("<th class=\"number\">\(Money.format(count))</th>"), "the total planned")
            // A kind that is not one, or a year that is not a number, shows no commune table but the page.
            #expect(try await browser.get("/benefits?kind=nothing&year=x").status == .ok)
        }
    }

    @Test("the accountant approves cron's entitlements of a kind and year in bulk, then records their delivery with a receipt")
    func approveAndDeliver() async throws {
        try await DemoConsole.withBrowser { browser, server in
            let (_, kind, year, count) = try Self.runAsCron(server)
            try await browser.signIn("ketoan")
            try await browser.get("/benefits")
            let approved = try await browser.post("/benefits/approve", [("kind", kind.rawValue), ("year", String(year))])
            #expect(approved.status == .seeOther)
            #expect(approved.location == "/benefits?approved=\(count)&kind=\(kind.rawValue)&year=\(year)")
            let now = try server.database.entitlements(.init(year: year, kind: kind)).filter { $0.status != .cancelled }
            #expect(now.filter { $0.status == .planned }.isEmpty)
            let taken = now.filter { $0.approvedBy == "ketoan" }
            #expect(taken.count == count)
            let row = try #require(try server.database.auditLog(limit: 1).first)
            #expect(row.actor == "ketoan" && row.action == "entitlement.approve", "the console's rows carry the account's login")
            let notice = try await browser.get(approved.location ?? "/")
            #expect(notice.contains("Đã duyệt số khoản: \(count)."))

            // Delivery of one commune's, with a day and a receipt: this year's newspapers, approved first.
            let papers = try await browser.post("/benefits/approve", [("kind", "newspaper"), ("year", "2026")])
            #expect(papers.status == .seeOther)
            var found: (code: String, entitlements: [UytinDatabase.Entitlement])?
            for area in try server.database.areas(level: .commune) where found == nil {
                let approved = try server.database.entitlements(.init(year: 2026, kind: .newspaper, status: .approved, communeCode: area.code))
                if !approved.isEmpty { found = (area.code, approved) }
            }
            let (code, inCommune) = try #require(found)
            let day = Day.todayInVietnam()
            let delivered = try await browser.post("/benefits/deliver", [("kind", "newspaper"), ("year", "2026"), ("commune", code),
                                                                         ("on", day.iso), ("receipt", "Sổ ký nhận 12/2026")])
            #expect(delivered.status == .seeOther, "\(delivered.body)")
            #expect(delivered.location?.hasPrefix("/benefits?delivered=\(inCommune.count)") == true)
            #expect(try server.database.entitlements(.init(year: 2026, kind: .newspaper, status: .approved, communeCode: code)).isEmpty)
            for entitlement in inCommune {
                let entitlement = try #require(try server.database.entitlements(.init(person: entitlement.personId)).first { $0.id == entitlement.id })
                #expect(entitlement.status == .delivered && entitlement.receipt == "Sổ ký nhận 12/2026" && entitlement.deliveredOn == day)
            }
            // A day that is not a day is refused beside the form, nothing written.
            let before = try server.database.auditLog(limit: 1).first?.id
            let bad = try await browser.post("/benefits/deliver", [("kind", "newspaper"), ("year", "2026"), ("on", "31/02/2026")])
            #expect(bad.status == .unprocessableContent)
            #expect(bad.contains("Ngày trao cần dạng ngày"))
            #expect(try server.database.auditLog(limit: 1).first?.id == before)
        }
    }

    @Test("four eyes across two accounts: a run made by ketoan is refused to ketoan (422, nothing written) and approved by another accountant")
    func fourEyes() async throws {
        try await DemoConsole.withBrowser { browser, server in
            let ketoan = server.database.acting(asAccount: "ketoan", scope: .province)
            let report = try ketoan.run(until: Day(year: 2026, month: 12, day: 31)!)
            let run = try #require(report.runId)
            let made = try server.database.entitlements(.init(status: .planned, run: run))
            #expect(!made.isEmpty, "the run made entitlements: \(report)")
            #expect(made.allSatisfy { $0.createdBy == "ketoan" })
            let before = try #require(try server.database.auditLog(limit: 1).first?.id)

            try await browser.signIn("KeToan")
            try await browser.get("/benefits")
            let refused = try await browser.post("/benefits/approve", [("run", String(run))])
            #expect(refused.status == .unprocessableContent)
            #expect(refused.contains("không thể tự duyệt"), "the message beside the form")
            #expect(try server.database.entitlements(.init(status: .approved, run: run)).isEmpty)
            #expect(try server.database.auditLog(limit: 1).first?.id == before, "nothing written")

            let hash = try Passwords.hash(DemoAccounts.password)
            _ = try server.database.addAccount(login: "ketoan2", role: .accountant, communeCode: nil, passwordHash: hash)
            var second = Browser(client: browser.client)
            try await second.signIn("ketoan2")
            try await second.get("/benefits")
            let approved = try await second.post("/benefits/approve", [("run", String(run))])
            #expect(approved.status == .seeOther)
            #expect(try server.database.entitlements(.init(status: .approved, run: run)).count == made.count)
            #expect(try server.database.auditLog(limit: 1).first?.actor == "ketoan2")
        }
    }

    @Test("roles: an officer may not approve (403), a commune officer may not open the page (403); a selection must be one way")
    func roles() async throws {
        try await DemoConsole.withBrowser { browser, server in
            let (kind, year, _) = try Self.largestPlanned(server.database)
            try await browser.signIn("canbo")
            #expect(try await browser.get("/benefits").status == .ok)
            let before = try server.database.auditLog(limit: 1).first?.id
            let refused = try await browser.post("/benefits/approve", [("kind", kind.rawValue), ("year", String(year))])
            #expect(refused.status == .forbidden)
            #expect(try await browser.post("/benefits/deliver", [("kind", kind.rawValue), ("year", String(year)), ("on", "2026-12-01")]).status == .forbidden)
            #expect(try server.database.auditLog(limit: 1).first?.id == before)

            var commune = Browser(client: browser.client)
            try await commune.signIn("canboxa")
            #expect(try await commune.get("/benefits").status == .forbidden)
            #expect(try await commune.get("/benefits/budget?year=2026").status == .forbidden)

            var accountant = Browser(client: browser.client)
            try await accountant.signIn("ketoan")
            try await accountant.get("/benefits")
            let both = try await accountant.post("/benefits/approve", [("kind", kind.rawValue), ("year", String(year)), ("run", "1")])
            #expect(both.status == .unprocessableContent && both.contains("Chỉ chọn một cách"))
            let none = try await accountant.post("/benefits/approve", [])
            #expect(none.status == .unprocessableContent && none.contains("Hãy chọn các khoản"))
            #expect(try server.database.auditLog(limit: 1).first?.id == before)
        }
    }

    @Test("a form without its token is refused (403) and writes nothing")
    func csrf() async throws {
        try await DemoConsole.withBrowser { browser, server in
            let (kind, year, _) = try Self.largestPlanned(server.database)
            try await browser.signIn("ketoan")
            try await browser.get("/benefits")
            let before = try server.database.auditLog(limit: 1).first?.id
            #expect(try await browser.post("/benefits/approve", [("kind", kind.rawValue), ("year", String(year))], csrf: .some(nil)).status == .forbidden)
            #expect(try await browser.post("/benefits/deliver", [("kind", kind.rawValue), ("year", String(year)), ("on", "2026-12-01")],
                                           csrf: .some(nil)).status == .forbidden)
            #expect(try server.database.auditLog(limit: 1).first?.id == before, "nothing written")
        }
    }

    @Test("signature sheets and the budget download as real files (XLSX is a zip), audited under the account and removed after")
    func downloads() async throws {
        try await DemoConsole.withBrowser { browser, server in
            let (_, kind, year, _) = try Self.runAsCron(server)
            var found: (code: String, entitlement: UytinDatabase.Entitlement)?
            for area in try server.database.areas(level: .commune) where found == nil {
                if let first = try server.database.entitlements(.init(year: year, kind: kind, status: .planned, communeCode: area.code)).first {
                    found = (area.code, first)
                }
            }
            let (code, entitlement) = try #require(found)
            try await browser.signIn("ketoan")
            let sheet = try await browser.get("/benefits/signature-sheet?kind=\(kind.rawValue)&year=\(year)&commune=\(code)&format=xlsx")
            #expect(sheet.status == .ok)
            #expect(sheet.bytes.starts(with: Array("PK".utf8)))
            #expect(sheet.headers[.contentDisposition]?.contains("attachment") == true)
            let row = try #require(try server.database.auditLog(limit: 1).first)
            #expect(row.actor == "ketoan" && row.action == "export" && row.detail.contains("\"document\":\"entitlements\""))
            let html = try await browser.get("/benefits/signature-sheet?kind=\(kind.rawValue)&year=\(year)&commune=\(code)&format=html")
            #expect(html.status == .ok && html.body.contains(entitlement.person))

            let budget = try await browser.get("/benefits/budget?year=\(year)")
            #expect(budget.status == .ok)
            let figures = try server.database.budgetWithPersons(year: year)
            #expect(budget.contains("\(Money.format(figures.estimate)) đ"))
            let file = try await browser.get("/benefits/budget?year=\(year)&format=xlsx")
            #expect(file.status == .ok && file.bytes.starts(with: Array("PK".utf8)))
            let left = try FileManager.default.contentsOfDirectory(atPath: server.configuration.filesFolder + "/downloads")
            #expect(left.isEmpty, "downloads are removed once sent: \(left)")
            var info = stat()
            #expect(stat(server.configuration.filesFolder + "/downloads", &info) == 0 && info.st_mode & 0o777 == 0o700)

            // No format but those offered; no kind that is not one; the viewer may see the budget but not take the document.
            #expect(try await browser.get("/benefits/signature-sheet?kind=\(kind.rawValue)&year=\(year)&format=../../etc").status == .notFound)
            #expect(try await browser.get("/benefits/signature-sheet?kind=x&year=\(year)").status == .notFound)
            #expect(try await browser.get("/benefits/signature-sheet?kind=\(kind.rawValue)&year=\(year)&commune=../x").status == .notFound)
            var viewer = Browser(client: browser.client)
            try await viewer.signIn("xem")
            #expect(try await viewer.get("/benefits/budget?year=\(year)").status == .ok)
            #expect(try await viewer.get("/benefits/budget?year=\(year)&format=xlsx").status == .forbidden)
            #expect(try await viewer.get("/benefits/signature-sheet?kind=\(kind.rawValue)&year=\(year)").status == .forbidden)
        }
    }
}
