import Demo
import Documents
import Foundation
import Hummingbird
import Registry
import Storage
import Testing
import VietnameseCalendar
@testable import WebConsole

@Suite("Danh sách: a year's list a page at a time, its parts, its documents, and downloads that never leave their folder")
struct ListPagesTests {
    @Test("the 2021 list is the approved list of 69 persons, citizen IDs masked for a viewer and full for an officer")
    func approvedList() async throws {
        try await DemoConsole.withBrowser { browser, server in
            let entries = try server.database.yearlyListEntries(2021)
            #expect(entries.count == 69)
            try await browser.signIn("xem")
            let page = try await browser.get("/lists?year=2021")
            #expect(page.status == .ok)
            #expect(page.contains("<strong id=\"total\">69</strong>"))
            for entry in entries { #expect(page.contains(entry.name), "\(entry.name)") }
            let decision = try #require(try server.database.yearlyList(2021)).decision
            #expect(page.contains("/decisions/\(decision.id)\""))
            #expect(page.contains("/lists/2021/download?format=xlsx"))
            #expect(!page.contains("rel=\"next\""), "69 persons fit on one page")
            let withId = try #require(entries.first { $0.idNumber != nil })
            let number = try #require(withId.idNumber)
            #expect(page.contains(CitizenID.masked(number)))
            #expect(!page.contains(number))
        }
        try await DemoConsole.withBrowser { browser, server in
            let withId = try #require(try server.database.yearlyListEntries(2021).first { $0.idNumber != nil })
            try await browser.signIn("canbo")
            #expect(try await browser.get("/lists?year=2021").contains(withId.idNumber!))
        }
    }

    @Test("a year approved commune by commune shows its parts; the default year is the latest approved; bad years are 404")
    func parts() async throws {
        try await DemoConsole.withBrowser { browser, server in
            try await browser.signIn("lanhdao")
            let approved = try #require(try server.database.yearlyList(2026))
            let page = try await browser.get("/lists")
            #expect(page.status == .ok)
            #expect(page.contains("<option value=\"2026\" selected>"))
            for part in approved.parts { #expect(page.contains(part.decision.number) && page.contains(part.area), "\(part.area)") }
            #expect(page.contains("<strong id=\"total\">\(approved.personCount)</strong>"))
            #expect(try await browser.get("/lists?year=2099").status == .notFound)
            #expect(try await browser.get("/lists?year=20x1").status == .notFound)
            #expect(try await browser.get("/lists?year=2021&page=999").status == .ok)
        }
        try await DemoConsole.withBrowser { browser, _ in
            try await browser.signIn("canboxa")
            #expect(try await browser.get("/lists?year=2021").status == .forbidden)
            #expect(try await browser.get("/lists/2021/download?format=csv").status == .forbidden)
        }
    }

    @Test("a page across the parts of a year holds exactly the rows of the whole list at its place")
    func pagingAcrossParts() throws {
        let server = try DemoConsole.server()
        let all = try server.database.yearlyListEntries(2026)
        #expect(try server.database.yearlyList(2026)?.parts.count ?? 0 > 1)
        for (offset, limit) in [(0, 7), (5, 20), (all.count - 3, 10), (all.count, 10), (3, all.count)] {
            let page = try server.database.listPage(year: 2026, offset: offset, limit: limit)
            #expect(page.entries.map(\.id) == all.dropFirst(offset).prefix(limit).map(\.id), "\(offset) \(limit)")
            #expect(page.total == all.count)
        }
        // A year with no approved part: the list in force, paged in list order.
        let day = Day(year: 2026, month: 11, day: 30)!
        let listed = try server.database.listed(on: day)
        for (offset, limit) in [(0, 7), (4, 9), (10, 30), (listed.count - 2, 10), (listed.count, 5), (0, listed.count), (7, 0)] {
            let inForce = try server.database.listPage(year: 2027, offset: offset, limit: limit, today: day)
            #expect(inForce.inForceOn == day)
            #expect(inForce.total == listed.count)
            #expect(inForce.entries.map(\.id) == listed.dropFirst(offset).prefix(limit).map(\.id), "\(offset) \(limit)")
        }
    }

    @Test("the XLSX download is a real workbook holding the list; CSV and HTML too; IDs masked for a viewer; nothing left behind")
    func downloads() async throws {
        try await DemoConsole.withBrowser { browser, server in
            let entries = try server.database.yearlyListEntries(2021)
            let known = try #require(entries.first)
            try await browser.signIn("xem")
            let xlsx = try await browser.get("/lists/2021/download?format=xlsx")
            #expect(xlsx.status == .ok)
            #expect(xlsx.headers[.contentType] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
            #expect(xlsx.headers[.contentDisposition] == "attachment; filename=\"danh-sach-2021.xlsx\"")
            #expect(xlsx.bytes.starts(with: Array("PK".utf8)))
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("uytin-test-\(UUID().uuidString).xlsx")
            try Data(xlsx.bytes).write(to: file)
            defer { try? FileManager.default.removeItem(at: file) }
            let rows = try SpreadsheetReader.rows(ofFileAt: file)
            #expect(rows.contains { $0.contains(known.name) })

            let csv = try await browser.get("/lists/2021/download?format=csv")
            #expect(csv.status == .ok)
            #expect(csv.headers[.contentType] == "text/csv; charset=utf-8")
            #expect(csv.headers[.contentDisposition] == "attachment; filename=\"danh-sach-2021.csv\"")
            #expect(csv.contains(known.name))
            if let withId = entries.first(where: { $0.idNumber != nil }), let number = withId.idNumber {
                #expect(csv.contains(CitizenID.masked(number)))
                #expect(!csv.contains(number))
            }
            let html = try await browser.get("/lists/2021/download?format=html")
            #expect(html.status == .ok)
            #expect(html.headers[.contentDisposition] == "attachment; filename=\"danh-sach-2021.html\"")
            #expect(html.contains("<html") && html.contains(known.name))

            let changes = try await browser.get("/lists/2021/changes?format=csv")
            #expect(changes.status == .ok)
            #expect(changes.headers[.contentDisposition] == "attachment; filename=\"bien-dong-2021.csv\"")
            #expect(changes.contains("2021"))

            let downloads = (server.configuration.filesFolder as NSString).appendingPathComponent("downloads")
            #expect(try FileManager.default.contentsOfDirectory(atPath: downloads).isEmpty, "every download is removed")
            var info = stat()
            #expect(lstat(downloads, &info) == 0 && info.st_mode & 0o777 == 0o700)
        }
    }

    @Test("downloads never leave their folder: traversal attempts answer 404 or 422, never a file")
    func traversal() async throws {
        try await DemoConsole.withBrowser { browser, _ in
            try await browser.signIn("canbo")
            for path in ["/lists/2021/download?format=../../etc/passwd", "/lists/..%2F..%2Fetc/download",
                         "/lists/..%2F..%2Fetc/download?format=csv", "/lists/2021/download?format=%2e%2e%2fPackage.swift",
                         "/lists/2021/../../../etc/passwd", "/lists/2021/download/../../../../etc/passwd",
                         "/decisions/1/file/../../x", "/decisions/..%2F..%2Fx/file", "/assets/..%2F..%2FPackage.swift",
                         "/assets/../../Package.swift", "/lists/2021/download?format=json"] {
                let page = try await browser.get(path)
                #expect([.notFound, .unprocessableContent].contains(page.status), "\(path): \(page.status)")
                #expect(page.headers[.contentDisposition] == nil, "\(path)")
                #expect(!page.contains("root:") && !page.contains("PackageDescription"), "\(path)")
            }
        }
    }

    /// A large database named by `UYTIN_WEB_BENCH_DB` (e.g. `uytin demo --persons 4600`, or scripts/bench's national
    /// one): pages of its lists, first, middle and last, approved and in force, each answered well under 100 ms.
    @Test("a page of a large list answers well under 100 ms", .enabled(if: ProcessInfo.processInfo.environment["UYTIN_WEB_BENCH_DB"] != nil))
    func largeList() async throws {
        let source = try #require(ProcessInfo.processInfo.environment["UYTIN_WEB_BENCH_DB"])
        Passwords.cost = 4
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("uytin-web-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("bench.sqlite").path
        try FileManager.default.copyItem(atPath: source, toPath: path)
        let database = try UytinDatabase.open(path: path, actor: "console", concurrentReaders: true)
        _ = try database.addAccount(login: "xem", role: .viewer, communeCode: nil, passwordHash: try Passwords.hash(DemoAccounts.password))
        let server = try ConsoleServer(database: database, configuration: ConsoleConfiguration(databasePath: path))
        let years = try database.listYears()
        let approved = try #require(years.first { $0.approvedPersons != nil })
        let inForce = years.first { $0.approvedPersons == nil }
        let app = Application(router: server.router())
        try await app.test(.router) { client in
            var browser = Browser(client: client)
            try await browser.signIn("xem")
            var paths: [String] = []
            for year in [approved] + (inForce.map { [$0] } ?? []) {
                let total = try year.approvedPersons ?? (database.listPage(year: year.year, offset: 0, limit: 0).total)
                let last = max(1, (total + ListPages.personsPerPage - 1) / ListPages.personsPerPage)
                paths += [1, last / 2, last].map { "/lists?year=\(year.year)&page=\($0)" }
            }
            for path in paths {
                var times: [Double] = []
                for _ in 0..<5 {
                    let start = ContinuousClock.now
                    let page = try await browser.get(path)
                    times.append(Double((ContinuousClock.now - start).components.attoseconds) / 1e15)
                    #expect(page.status == .ok)
                }
                let median = times.sorted()[times.count / 2]
                print("bench \(path): median \(String(format: "%.1f", median)) ms")
                #expect(median < 100, "\(path)")
            }
        }
    }
}
