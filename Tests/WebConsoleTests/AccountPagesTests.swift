import Demo
import Foundation
import Hummingbird
import Registry
import Storage
import Testing
@testable import WebConsole

@Suite("Tài khoản: the administrator adds, disables and sets passwords; never a hash on the page")
struct AccountPagesTests {
    @Test("the list of accounts, with no password hash; only the administrator opens it")
    func list() async throws {
        try await DemoConsole.withBrowser { browser, server in
            try await browser.signIn("quantri")
            let page = try await browser.get("/accounts")
            #expect(page.status == .ok)
            for account in try server.database.accounts() { #expect(page.contains("<td>\(account.login)</td>")) }
            #expect(page.contains("cán bộ xã") && page.contains("Xã Đạo Trù"))
            #expect(!page.contains("$2"), "no bcrypt hash")
            for login in ["canbo", "lanhdao", "ketoan", "canboxa", "xem"] {
                var other = Browser(client: browser.client)
                try await other.signIn(login)
                #expect(try await other.get("/accounts").status == .forbidden, "\(login)")
                #expect(try await other.post("/accounts/xem/disable", []).status == .forbidden, "\(login)")
            }
            #expect(try server.database.account(login: "xem")?.isDisabled == false)
        }
    }

    @Test("adding an account: a role chosen by its Vietnamese name, a commune for a commune officer, the password twice")
    func add() async throws {
        try await DemoConsole.withBrowser { browser, server in
            try await browser.signIn("quantri")
            let form = try await browser.get("/accounts")
            #expect(form.contains("<option value=\"commune-officer\">cán bộ xã</option>"))
            let added = try await browser.post("/accounts", [("login", "canboxa2"), ("role", "commune-officer"), ("commune", "09040"),
                                                             ("password", "mat-khau-moi-2026"), ("password2", "mat-khau-moi-2026")])
            #expect(added.status == .seeOther)
            let account = try #require(try server.database.account(login: "canboxa2"))
            #expect(account.role == .communeOfficer && account.communeCode == "09040")
            let row = try #require(try server.database.auditLog(limit: 1).first)
            #expect(row.actor == "quantri" && row.action == "account.add")
            // A province role leaves the commune aside.
            let leader = try await browser.post("/accounts", [("login", "lanhdao2"), ("role", "leader"), ("commune", "09040"),
                                                              ("password", "mat-khau-moi-2026"), ("password2", "mat-khau-moi-2026")])
            #expect(leader.status == .seeOther)
            #expect(try server.database.account(login: "lanhdao2")?.communeCode == nil)
            var newcomer = Browser(client: browser.client)
            #expect(try await newcomer.signIn("canboxa2", password: "mat-khau-moi-2026").status == .seeOther)

            let before = try server.database.auditLog(limit: 1).first?.id
            let cases: [([(String, String)], String)] = [
                ([("login", "x1"), ("role", "viewer"), ("password", "mat-khau-moi-2026"), ("password2", "mat-khau-khac-2026")], "không giống nhau"),
                ([("login", "x2"), ("role", "viewer"), ("password", "ngan"), ("password2", "ngan")], "ít nhất 10 ký tự"),
                ([("login", "x3"), ("role", "boss"), ("password", "mat-khau-moi-2026"), ("password2", "mat-khau-moi-2026")], "Hãy chọn vai trò"),
                ([("login", "CANBO"), ("role", "viewer"), ("password", "mat-khau-moi-2026"), ("password2", "mat-khau-moi-2026")], "Đã có tài khoản"),
                ([("login", "cron"), ("role", "viewer"), ("password", "mat-khau-moi-2026"), ("password2", "mat-khau-moi-2026")], "dành cho chương trình"),
                ([("login", "x4"), ("role", "commune-officer"), ("password", "mat-khau-moi-2026"), ("password2", "mat-khau-moi-2026")], "cần"),
            ]
            for (fields, message) in cases {
                let refused = try await browser.post("/accounts", fields)
                #expect(refused.status == .unprocessableContent, "\(fields)")
                #expect(refused.contains(message), "\(fields): \(message)")
                #expect(!refused.contains("mat-khau"), "a password is never written back into the page")
            }
            #expect(try server.database.auditLog(limit: 1).first?.id == before, "nothing written")
        }
    }

    @Test("a disabled account cannot sign in, and its open session ends; a new password replaces the old")
    func disableAndPassword() async throws {
        try await DemoConsole.withBrowser { browser, server in
            var viewer = Browser(client: browser.client)
            try await viewer.signIn("xem")
            #expect(try await viewer.get("/").status == .ok)

            try await browser.signIn("quantri")
            try await browser.get("/accounts")
            let disabled = try await browser.post("/accounts/xem/disable", [])
            #expect(disabled.status == .seeOther)
            #expect(try server.database.account(login: "xem")?.isDisabled == true)
            #expect(try await viewer.get("/").status == .seeOther, "out at the next click")
            var again = Browser(client: browser.client)
            #expect(try await again.signIn("xem").status == .unauthorized)
            let list = try await browser.get("/accounts")
            #expect(list.contains("Đã khóa"))

            let changed = try await browser.post("/accounts/canbo/password", [("password", "mat-khau-moi-2026"), ("password2", "mat-khau-moi-2026")])
            #expect(changed.status == .seeOther)
            var officer = Browser(client: browser.client)
            #expect(try await officer.signIn("canbo").status == .unauthorized, "the old password no longer opens it")
            var renewed = Browser(client: browser.client)
            #expect(try await renewed.signIn("canbo", password: "mat-khau-moi-2026").status == .seeOther)
            #expect(try server.database.auditLog(limit: 1).first?.action == "account.password")

            let mismatch = try await browser.post("/accounts/canbo/password", [("password", "mat-khau-moi-2027"), ("password2", "khac")])
            #expect(mismatch.status == .unprocessableContent && mismatch.contains("không giống nhau"))
            #expect(try await browser.post("/accounts/nobody/disable", []).status == .notFound)
            #expect(try await browser.post("/accounts/xem/password", [("password", "mat-khau-moi-2026"), ("password2", "mat-khau-moi-2026")]).status
                    == .unprocessableContent, "a disabled account keeps its password")
        }
    }

    @Test("a form without its token is refused (403) and writes nothing")
    func csrf() async throws {
        try await DemoConsole.withBrowser { browser, server in
            try await browser.signIn("quantri")
            try await browser.get("/accounts")
            let before = try server.database.auditLog(limit: 1).first?.id
            #expect(try await browser.post("/accounts", [("login", "x5"), ("role", "viewer"), ("password", "mat-khau-moi-2026"),
                                                         ("password2", "mat-khau-moi-2026")], csrf: .some(nil)).status == .forbidden)
            #expect(try await browser.post("/accounts/xem/disable", [], csrf: .some(nil)).status == .forbidden)
            #expect(try await browser.post("/accounts/canbo/password", [("password", "mat-khau-moi-2026"), ("password2", "mat-khau-moi-2026")],
                                           csrf: .some(nil)).status == .forbidden)
            #expect(try server.database.auditLog(limit: 1).first?.id == before)
            #expect(try server.database.account(login: "x5") == nil)
        }
    }
}
