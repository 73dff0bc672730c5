import Demo
import Foundation
import Hummingbird
import Registry
import Storage
import Testing
import VietnameseCalendar
@testable import WebConsole

/// What the tests of the persons' and proposals' pages share: the demo's villages and persons of two communes.
enum RegistryPagesFixture {
    /// Xã Đạo Trù, the commune officer's (canboxa) commune, and Xã Tam Đảo, another.
    static let ownCommune = "09040"
    static let otherCommune = "09046"

    static func villageInForce(_ database: UytinDatabase, commune: String) throws -> Village {
        try #require(try database.villages(communeCode: commune).first { $0.mergedOn == nil })
    }

    static func listed(_ database: UytinDatabase, commune: String) throws -> [PersonEntry] {
        try database.listed(on: Day.todayInVietnam(), filter: .init(communeCode: commune))
    }

    /// Registers "Hà Văn Sáng" (male, 1960, Kinh) in the commune officer's commune through storage; returns the id.
    static func registerHaVanSang(_ database: UytinDatabase, idNumber: String? = nil) throws -> Int64 {
        let village = try villageInForce(database, commune: ownCommune)
        return try database.addPerson(NewPerson(name: "Hà Văn Sáng", gender: .nam, birthYear: 1960, birthDate: nil,
                                                ethnicCode: "01", villageId: village.id, idNumber: idNumber, roles: [],
                                                phone: nil)).id
    }

    static func personCount(_ database: UytinDatabase, _ text: String) throws -> Int {
        try database.searchPersons(text).count
    }
}

@Suite("Người có uy tín: search as you type, a person's page, registering a nominee")
struct PersonPagesTests {
    @Test("typing \"ha van\" or \"van sang\" finds Hà Văn Sáng, without accents or case; a CCCD finds its person")
    func searchAccentInsensitive() async throws {
        try await DemoConsole.withBrowser { browser, server in
            let cccd = "026060987321"
            #expect(try server.database.personId(idNumber: cccd) == nil)
            let id = try RegistryPagesFixture.registerHaVanSang(server.database, idNumber: cccd)
            try await browser.signIn("canboxa")
            for query in ["ha van", "HA VAN", "Hà Văn", "van sang", "sang"] {
                let page = try await browser.get("/persons?q=" + Browser.encode(query))
                #expect(page.status == .ok, "\(query)")
                #expect(page.contains("Hà Văn Sáng"), "\(query)")
                #expect(page.contains("href=\"/persons/\(id)\""), "\(query)")
            }
            let byNumber = try await browser.get("/persons?q=" + cccd)
            #expect(byNumber.contains("Hà Văn Sáng"))
            let byPrefix = try await browser.get("/persons?q=02606098")
            #expect(byPrefix.contains("Hà Văn Sáng"))
            let nobody = try await browser.get("/persons?q=" + Browser.encode("xyz qqq"))
            #expect(nobody.status == .ok && nobody.contains("Không tìm thấy ai."))
            // The search field keeps what was typed, escaped.
            let typed = try await browser.get("/persons?q=" + Browser.encode("<b>ha"))
            #expect(typed.contains("value=\"&lt;b&gt;ha\"") && !typed.contains("<b>ha"))
        }
    }

    @Test("partial=1 answers only the results fragment the script swaps in; the full page works without script")
    func partialFragment() async throws {
        try await DemoConsole.withBrowser { browser, server in
            _ = try RegistryPagesFixture.registerHaVanSang(server.database)
            try await browser.signIn("canbo")
            let full = try await browser.get("/persons?q=ha+van")
            #expect(full.contains("<html") && full.contains("data-live=\"results\"") && full.contains("id=\"results\""))
            #expect(full.contains("<form method=\"get\" action=\"/persons\""))
            let fragment = try await browser.get("/persons?q=ha+van&partial=1")
            #expect(fragment.status == .ok)
            #expect(fragment.contains("Hà Văn Sáng"))
            #expect(!fragment.contains("<html") && !fragment.contains("<form") && !fragment.contains("<header"))
            #expect(fragment.headers[.contentType]?.hasPrefix("text/html") == true)
            let empty = try await browser.get("/persons?q=&partial=1")
            #expect(empty.status == .ok && !empty.contains("<table"))
        }
    }

    @Test("a commune officer finds only their commune's persons; the province's officer finds everyone")
    func searchScoped() async throws {
        try await DemoConsole.withBrowser { browser, server in
            let other = try #require(try RegistryPagesFixture.listed(server.database, commune: RegistryPagesFixture.otherCommune).first)
            try await browser.signIn("canboxa")
            let scoped = try await browser.get("/persons?q=" + Browser.encode(other.name) + "&partial=1")
            #expect(!scoped.contains("/persons/\(other.id)\""))
            try await browser.post("/logout", [])
            try await browser.signIn("canbo")
            let province = try await browser.get("/persons?q=" + Browser.encode(other.name) + "&partial=1")
            #expect(province.contains("/persons/\(other.id)\""))
            #expect(province.contains("Trong danh sách"))
        }
    }

    @Test("a person's page shows the record, the stays across terms, benefits, corrections and history")
    func personPage() async throws {
        try await DemoConsole.withBrowser { browser, server in
            let person = try #require(try RegistryPagesFixture.listed(server.database, commune: RegistryPagesFixture.ownCommune).first)
            _ = try server.database.correctPerson(person.id, UytinDatabase.PersonFix(name: person.name + " Anh"), reason: "Sai chính tả khi nhập")
            try await browser.signIn("canboxa")
            let page = try await browser.get("/persons/\(person.id)")
            #expect(page.status == .ok)
            #expect(page.contains(person.name + " Anh"))
            #expect(page.contains(person.village))
            #expect(page.contains("Các lần có tên trong danh sách"))
            #expect(page.contains("đang có tên"))
            #expect(!page.contains(">nil<"))
            #expect(page.contains("Sai chính tả khi nhập"))
            #expect(page.contains("Diễn biến") && page.contains("Có tên trong danh sách, "))
            let benefits = try server.database.entitlements(.init(person: person.id))
            if let latest = benefits.max(by: { ($0.occasionDate, $0.id) < ($1.occasionDate, $1.id) }) {
                #expect(page.contains(latest.occasionDate.vietnamese))
            }
            // A commune officer may propose for a listed person of their commune.
            #expect(page.contains("/proposals/new?kind=remove&amp;person=\(person.id)"))
        }
    }

    @Test("another commune's person by URL is 404 for the commune officer and 200 for the province's officer")
    func otherCommuneByURL() async throws {
        try await DemoConsole.withBrowser { browser, server in
            let other = try #require(try RegistryPagesFixture.listed(server.database, commune: RegistryPagesFixture.otherCommune).first)
            try await browser.signIn("canboxa")
            let hidden = try await browser.get("/persons/\(other.id)")
            #expect(hidden.status == .notFound)
            #expect(!hidden.contains(other.name))
            try await browser.post("/logout", [])
            try await browser.signIn("canbo")
            let shown = try await browser.get("/persons/\(other.id)")
            #expect(shown.status == .ok && shown.contains(other.name))
            try await browser.post("/logout", [])
            try await browser.signIn("xem")
            #expect(try await browser.get("/persons/\(other.id)").status == .ok)
        }
    }

    @Test("ids that are not numbers, or no one's, answer 404")
    func badIds() async throws {
        try await DemoConsole.withBrowser { browser, _ in
            try await browser.signIn("canbo")
            for path in ["/persons/abc", "/persons/-1", "/persons/0", "/persons/99999999", "/persons/1.5", "/persons/99999999999999999999"] {
                #expect(try await browser.get(path).status == .notFound, "\(path)")
            }
        }
    }

    @Test("registering through the form: the person is written, audited under the account, and shown")
    func register() async throws {
        try await DemoConsole.withBrowser { browser, server in
            let village = try RegistryPagesFixture.villageInForce(server.database, commune: RegistryPagesFixture.ownCommune)
            try await browser.signIn("canboxa")
            let form = try await browser.get("/persons/new")
            #expect(form.status == .ok)
            #expect(form.contains("value=\"Sán Dìu\""))
            #expect(form.contains("value=\"\(village.id)\""))
            // The select offers only the commune's villages.
            let outside = try RegistryPagesFixture.villageInForce(server.database, commune: RegistryPagesFixture.otherCommune)
            #expect(!form.contains("value=\"\(outside.id)\""))
            let page = try await browser.post("/persons", [
                ("name", "hà văn sáng"), ("gender", "nam"), ("birth", "02/03/1960"), ("ethnic", "Sán Dìu"),
                ("village", String(village.id)), ("idNumber", "026060987322"), ("phone", "0912 345 678"), ("roles", "village_elder"),
            ])
            #expect(page.status == .seeOther)
            let location = try #require(page.location)
            #expect(location.hasPrefix("/persons/") && location.contains("added=1"))
            let id = try #require(Int64(location.dropFirst("/persons/".count).prefix { $0.isNumber }))
            let person = try server.database.person(id)
            #expect(person.name == "Hà Văn Sáng" && person.ethnicCode == "18" && person.villageId == village.id)
            #expect(person.birthDate == Day(year: 1960, month: 3, day: 2) && person.idNumber == "026060987322")
            #expect(person.phone == "0912345678" && person.roles == [.villageElder])
            #expect(try server.database.auditLog(limit: 5).contains { $0.action == "person.add" && $0.actor == "canboxa" })
            let shown = try await browser.get(location)
            #expect(shown.status == .ok && shown.contains("Đã đăng ký người này.") && shown.contains("Hà Văn Sáng"))
        }
    }

    @Test("a refused field re-renders the form with 422 and the message beside it; nothing is written")
    func registerRefused() async throws {
        try await DemoConsole.withBrowser { browser, server in
            let village = try RegistryPagesFixture.villageInForce(server.database, commune: RegistryPagesFixture.ownCommune)
            try await browser.signIn("canboxa")
            try await browser.get("/persons/new")
            let before = try RegistryPagesFixture.personCount(server.database, "ha van sang")
            let badBirth = try await browser.post("/persons", [
                ("name", "Hà Văn Sáng"), ("gender", "nam"), ("birth", "30/02/1960"), ("ethnic", "Kinh"), ("village", String(village.id)),
            ])
            #expect(badBirth.status == .unprocessableContent)
            #expect(badBirth.contains("field-error") && badBirth.contains("value=\"Hà Văn Sáng\""))
            let badId = try await browser.post("/persons", [
                ("name", "Hà Văn Sáng"), ("gender", "nu"), ("birth", "1960"), ("ethnic", "Kinh"), ("village", String(village.id)),
                ("idNumber", "026060987321"),
            ])
            #expect(badId.status == .unprocessableContent)
            #expect(badId.contains("giới tính"))
            let unknownEthnic = try await browser.post("/persons", [
                ("name", "Hà Văn Sáng"), ("gender", "nam"), ("birth", "1960"), ("ethnic", "Không Có"), ("village", String(village.id)),
            ])
            #expect(unknownEthnic.status == .unprocessableContent)
            #expect(try RegistryPagesFixture.personCount(server.database, "ha van sang") == before)
        }
    }

    @Test("a village of another commune is refused by storage (404) even in a crafted POST; nothing is written")
    func registerOutOfScope() async throws {
        try await DemoConsole.withBrowser { browser, server in
            let outside = try RegistryPagesFixture.villageInForce(server.database, commune: RegistryPagesFixture.otherCommune)
            try await browser.signIn("canboxa")
            try await browser.get("/persons/new")
            let page = try await browser.post("/persons", [
                ("name", "Hà Văn Sáng"), ("gender", "nam"), ("birth", "1960"), ("ethnic", "Kinh"), ("village", String(outside.id)),
            ])
            #expect(page.status == .notFound)
            let notANumber = try await browser.post("/persons", [
                ("name", "Hà Văn Sáng"), ("gender", "nam"), ("birth", "1960"), ("ethnic", "Kinh"), ("village", "abc"),
            ])
            #expect(notANumber.status == .notFound)
            #expect(try RegistryPagesFixture.personCount(server.database, "ha van sang") == 0)
            // The storage refuses it whatever the page: the commune officer's handle, called directly.
            let officer = try #require(try server.database.credentials(login: "canboxa"))
            let handle = server.database.acting(asAccount: "canboxa", scope: officer.scope)
            #expect(throws: RegistryError.self) {
                _ = try handle.addPerson(NewPerson(name: "Hà Văn Sáng", gender: .nam, birthYear: 1960, birthDate: nil, ethnicCode: "01",
                                                   villageId: outside.id, idNumber: nil, roles: [], phone: nil))
            }
        }
    }

    @Test("a viewer's POST is 403, a POST without the form token is 403; nothing is written")
    func registerForbidden() async throws {
        try await DemoConsole.withBrowser { browser, server in
            let village = try RegistryPagesFixture.villageInForce(server.database, commune: RegistryPagesFixture.ownCommune)
            let fields = [("name", "Hà Văn Sáng"), ("gender", "nam"), ("birth", "1960"), ("ethnic", "Kinh"), ("village", String(village.id))]
            try await browser.signIn("xem")
            #expect(try await browser.get("/persons/new").status == .forbidden)
            #expect(try await browser.post("/persons", fields).status == .forbidden)
            #expect(!(try await browser.get("/persons")).contains("/persons/new"))
            try await browser.post("/logout", [])
            try await browser.signIn("canbo")
            #expect(try await browser.post("/persons", fields, csrf: .some(nil)).status == .forbidden)
            #expect(try await browser.post("/persons", fields, csrf: String(repeating: "0", count: 64)).status == .forbidden)
            #expect(try RegistryPagesFixture.personCount(server.database, "ha van sang") == 0)
        }
    }
}

/// Timing of the persons' pages on a large registry, run only when asked: `UYTIN_BENCH_DB=/path/big.sqlite` (a copy is
/// used; `UYTIN_BENCH_COMMUNE` names the commune officer's commune code, default 24801).
@Suite("Người có uy tín on a large registry (opt-in timing)")
struct PersonPagesTimingTests {
    static let source = ProcessInfo.processInfo.environment["UYTIN_BENCH_DB"]

    @Test("search, fragment and a person's page answer in a few milliseconds", .enabled(if: source != nil))
    func timing() async throws {
        let source = try #require(Self.source)
        Passwords.cost = 4
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("uytin-web-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("big.sqlite").path
        try FileManager.default.copyItem(atPath: source, toPath: path)
        let database = try UytinDatabase.open(path: path, actor: "bench", concurrentReaders: true)
        let hash = try Passwords.hash(DemoAccounts.password)
        let commune = ProcessInfo.processInfo.environment["UYTIN_BENCH_COMMUNE"] ?? "24801"
        _ = try database.addAccount(login: "canbo", role: .officer, communeCode: nil, passwordHash: hash)
        _ = try database.addAccount(login: "canboxa", role: .communeOfficer, communeCode: commune, passwordHash: hash)
        // The storage calls alone, as each account's handle makes them.
        for login in ["canbo", "canboxa"] {
            let found = try #require(try database.credentials(login: login))
            let handle = database.acting(asAccount: login, scope: found.scope)
            for query in ["ha van", "van sang", "thi", "xyz qqq", "0260", "nguyen"] {
                var times: [Double] = []
                for _ in 0..<20 {
                    let start = Date()
                    _ = try handle.searchPersonsInScope(query)
                    times.append(Date().timeIntervalSince(start) * 1000)
                }
                times.sort()
                print(String(format: "bench storage %@ search \"%@\": median %.2f ms, max %.2f ms", login, query, times[10], times[19]))
            }
            var times: [Double] = []
            for _ in 0..<20 {
                let start = Date()
                _ = try handle.proposalOverview()
                times.append(Date().timeIntervalSince(start) * 1000)
            }
            times.sort()
            print(String(format: "bench storage %@ proposalOverview: median %.2f ms, max %.2f ms", login, times[10], times[19]))
        }
        let someone = try #require(try database.listed(on: Day.todayInVietnam()).first ?? database.persons().first)
        let record = Date()
        _ = try database.personRecord(someone.id)
        print(String(format: "bench storage personRecord: %.2f ms", Date().timeIntervalSince(record) * 1000))
        let server = try ConsoleServer(database: database, configuration: ConsoleConfiguration(databasePath: path))
        let app = Application(router: server.router())
        try await app.test(.router) { client in
            for login in ["canbo", "canboxa"] {
                var browser = Browser(client: client)
                try await browser.signIn(login)
                let paths = ["/persons?q=ha+van", "/persons?q=van+sang&partial=1", "/persons?q=thi&partial=1",
                             "/persons?q=xyz+qqq&partial=1", "/persons?q=0260&partial=1", "/persons?q=nguyen&partial=1",
                             "/persons/\(someone.id)", "/proposals"]
                for path in paths {
                    var times: [Double] = []
                    var status = HTTPResponse.Status.ok
                    for _ in 0..<20 {
                        let start = Date()
                        status = try await browser.get(path).status
                        times.append(Date().timeIntervalSince(start) * 1000)
                    }
                    times.sort()
                    print(String(format: "bench page %@ %@: status %d, median %.1f ms, max %.1f ms",
                                 login, path, status.code, times[times.count / 2], times.last!))
                    #expect(times[times.count / 2] < 100, "\(login) \(path)")
                }
            }
        }
    }
}
