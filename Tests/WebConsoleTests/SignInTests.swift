import Demo
import Foundation
import Hummingbird
import Testing
@testable import WebConsole

@Suite("Signing in: sessions, form tokens, throttling, idle sessions")
struct SignInTests {
    @Test("every page but sign-in and the assets sends a browser to sign in, and back after")
    func signInRequired() async throws {
        try await DemoConsole.withBrowser { browser, _ in
            for path in ["/", "/persons", "/proposals", "/decisions", "/lists", "/benefits", "/calendar", "/audit", "/accounts"] {
                let page = try await browser.get(path)
                #expect(page.status == .seeOther, "\(path)")
                #expect(page.location?.hasPrefix("/login") == true, "\(path)")
            }
            #expect(try await browser.get("/assets/uytin.css").status == .ok)
            let signIn = try await browser.signIn("LanhDao")
            #expect(signIn.status == .seeOther)
            let overview = try await browser.get("/")
            #expect(overview.status == .ok)
            #expect(overview.contains("lanhdao · lãnh đạo"))
        }
    }

    @Test("the session cookie is HttpOnly and SameSite, Secure only behind TLS")
    func cookies() async throws {
        try await DemoConsole.withBrowser { browser, _ in
            try await browser.get("/login")
            let page = try await browser.post("/login", [("login", "canbo"), ("password", DemoAccounts.password)])
            let cookie = try #require(page.headers[values: .setCookie].first { $0.hasPrefix("uytin_session=") })
            #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax") && !cookie.contains("Secure"))
        }
        try await DemoConsole.withBrowser { browser, _ in
            let login = try await browser.get("/login", headers: [.init("X-Forwarded-Proto")!: "https"])
            var headers: HTTPFields = [.init("X-Forwarded-Proto")!: "https", .contentType: "application/x-www-form-urlencoded"]
            headers[.cookie] = browser.cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")
            let body = "login=canbo&password=\(DemoAccounts.password)&_csrf=\(login.csrfToken ?? "")"
            let response = try await browser.client.execute(uri: "/login", method: .post, headers: headers, body: ByteBuffer(string: body))
            let cookie = try #require(response.headers[values: .setCookie].first { $0.hasPrefix("uytin_session=") })
            #expect(cookie.contains("Secure") && cookie.contains("HttpOnly"))
        }
    }

    @Test("a form without the page's token is refused, signed in or not")
    func csrf() async throws {
        try await DemoConsole.withBrowser { browser, _ in
            try await browser.get("/login")
            let anonymous = try await browser.post("/login", [("login", "canbo"), ("password", DemoAccounts.password)], csrf: .some(nil))
            #expect(anonymous.status == .forbidden)
            let forged = try await browser.post("/login", [("login", "canbo"), ("password", DemoAccounts.password)], csrf: "00" + String(repeating: "1", count: 62))
            #expect(forged.status == .forbidden)
            try await browser.signIn("canbo")
            let logout = try await browser.post("/logout", [], csrf: .some(nil))
            #expect(logout.status == .forbidden)
            #expect(try await browser.get("/").status == .ok, "still signed in")
        }
    }

    @Test("five failed sign-ins lock the login for 15 minutes, even with the right password")
    func throttle() async throws {
        try await DemoConsole.withBrowser { browser, _ in
            try await browser.get("/login")
            for _ in 0..<5 {
                let page = try await browser.post("/login", [("login", "ketoan"), ("password", "wrong-password-1")])
                #expect(page.status == .unauthorized)
                #expect(page.contains("Sai tên đăng nhập hoặc mật khẩu."))
            }
            let locked = try await browser.post("/login", [("login", "ketoan"), ("password", DemoAccounts.password)])
            #expect(locked.status == .tooManyRequests)
            #expect(locked.headers[.retryAfter] != nil)
        }
    }

    @Test("an unknown login and a wrong password answer alike; a disabled account is out at its next click")
    func disabled() async throws {
        try await DemoConsole.withBrowser { browser, server in
            try await browser.get("/login")
            let unknown = try await browser.post("/login", [("login", "nobody"), ("password", DemoAccounts.password)])
            #expect(unknown.status == .unauthorized && unknown.contains("Sai tên đăng nhập hoặc mật khẩu."))
            try await browser.signIn("xem")
            #expect(try await browser.get("/").status == .ok)
            _ = try server.database.disableAccount(login: "xem")
            #expect(try await browser.get("/").status == .seeOther)
        }
    }

    @Test("a session idle for 30 minutes ends")
    func idle() async throws {
        let clock = TestClock()
        try await DemoConsole.withBrowser(now: { clock.now }) { browser, _ in
            try await browser.signIn("canbo")
            clock.advance(29 * 60)
            #expect(try await browser.get("/").status == .ok)
            clock.advance(31 * 60)
            let page = try await browser.get("/persons")
            #expect(page.status == .seeOther)
            #expect(page.location?.contains("expired=1") == true)
        }
    }

    @Test("no stack trace or SQL in an error page; unknown pages are 404 in the clerk's language")
    func errors() async throws {
        try await DemoConsole.withBrowser { browser, _ in
            try await browser.signIn("canbo")
            let missing = try await browser.get("/no-such-page")
            #expect(missing.status == .notFound)
            #expect(missing.contains("Không tìm thấy"))
            #expect(!missing.contains("SELECT") && !missing.contains("Error("))
        }
    }

    @Test("the language switch keeps English in a cookie")
    func language() async throws {
        try await DemoConsole.withBrowser { browser, _ in
            try await browser.signIn("canbo")
            let switched = try await browser.get("/lang?to=en&back=/")
            #expect(switched.status == .seeOther)
            #expect(try await browser.get("/").contains("Overview"))
            #expect(try await browser.get("/lang?to=vi&back=//evil.example").location == "/")
        }
    }
}

/// A clock the test moves by hand.
final class TestClock: @unchecked Sendable {
    private let lock = NSLock()
    private var current = Date()
    var now: Date { lock.withLock { current } }
    func advance(_ seconds: TimeInterval) { lock.withLock { current += seconds } }
}
