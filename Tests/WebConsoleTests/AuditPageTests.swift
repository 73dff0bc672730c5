import Demo
import Foundation
import Hummingbird
import Registry
import Storage
import Testing
import VietnameseCalendar
@testable import WebConsole

@Suite("Nhật ký: the audit log paged by id, filtered, and its chain verified with an anchor")
struct AuditPageTests {
    @Test("newest first, paged by id: the older page starts where the first ended, and comes back")
    func paging() async throws {
        try await DemoConsole.withBrowser { browser, server in
            try await browser.signIn("xem")
            let newest = try server.database.auditLog(limit: 120)
            let page = try await browser.get("/audit")
            #expect(page.status == .ok)
            let ids = Self.ids(page)
            #expect(ids == newest.prefix(AuditPages.pageSize).map(\.id))
            let older = try #require(Self.link(page, "Cũ hơn"))
            #expect(older == "/audit?before=\(ids.last!)")
            let second = try await browser.get(older)
            #expect(Self.ids(second) == newest.dropFirst(AuditPages.pageSize).prefix(AuditPages.pageSize).map(\.id))
            let newer = try #require(Self.link(second, "Mới hơn"))
            #expect(Self.ids(try await browser.get(newer)) == ids)
            #expect(try await browser.get("/audit?before=abc").status == .notFound)
            #expect(try await browser.get("/audit?after=-3").status == .notFound)
        }
    }

    @Test("the rows written through the console carry the account's login; filters by actor and action")
    func filters() async throws {
        try await DemoConsole.withBrowser { browser, server in
            try await browser.signIn("quantri")
            try await browser.get("/accounts")
            let added = try await browser.post("/accounts", [("login", "thukho"), ("role", "viewer"), ("password", "mat-khau-dai-1"),
                                                             ("password2", "mat-khau-dai-1")])
            #expect(added.status == .seeOther)
            let byActor = try await browser.get("/audit?actor=QuanTri")
            #expect(byActor.contains("<td>quantri</td><td>Thêm tài khoản</td>"))
            #expect(Self.ids(byActor).count == 1)
            let byAction = try await browser.get("/audit?action=entitlement.approve")
            let approvals = try server.database.auditLog(limit: 100_000).filter { $0.action == "entitlement.approve" }
            #expect(Self.ids(byAction) == approvals.prefix(AuditPages.pageSize).map(\.id))
            #expect(!byAction.contains("<td>Thêm tài khoản</td>"))
            #expect(!byActor.contains("password_hash") && !byActor.contains("$2"), "no hash is shown")
        }
    }

    @Test("verify: the chain holds with the right anchor, not with a wrong one; a malformed anchor is refused beside the field")
    func verify() async throws {
        try await DemoConsole.withBrowser { browser, server in
            try await browser.signIn("lanhdao")
            try await browser.get("/audit")
            let head = try #require(try server.database.auditLog(limit: 1).first)
            let plain = try await browser.post("/audit/verify", [])
            #expect(plain.status == .ok)
            #expect(plain.contains("Nhật ký nguyên vẹn: chuỗi mã băm khớp qua \(head.id) dòng"))
            #expect(plain.contains("\(head.id):\(head.hash.prefix(16))"))
            let right = try await browser.post("/audit/verify", [("anchor", "\(head.id):\(head.hash.prefix(16))")])
            #expect(right.contains("Nhật ký nguyên vẹn") && right.contains("có dòng như đã ghi lại: #\(head.id)"))
            let wrong = try await browser.post("/audit/verify", [("anchor", "\(head.id - 5):0123456789abcdef")])
            #expect(wrong.contains("Nhật ký bị sửa: dòng không khớp #\(head.id - 5)"))
            #expect(wrong.contains("Chuỗi chỉ còn đúng đến dòng #\(head.id - 6)"))
            let ahead = try await browser.post("/audit/verify", [("anchor", "\(head.id + 10):0123456789abcdef")])
            #expect(ahead.contains("Nhật ký bị sửa"))
            let malformed = try await browser.post("/audit/verify", [("anchor", "abc")])
            #expect(malformed.status == .unprocessableContent && malformed.contains("Mốc không đúng dạng"))
            #expect(try server.database.auditLog(limit: 1).first?.id == head.id, "verifying writes nothing")
        }
    }

    @Test("a commune officer may not read the log (403); a form without its token is refused (403)")
    func refusals() async throws {
        try await DemoConsole.withBrowser { browser, _ in
            try await browser.signIn("canboxa")
            #expect(try await browser.get("/audit").status == .forbidden)
            #expect(try await browser.post("/audit/verify", []).status == .forbidden)
            var viewer = Browser(client: browser.client)
            try await viewer.signIn("xem")
            try await viewer.get("/audit")
            #expect(try await viewer.post("/audit/verify", [], csrf: .some(nil)).status == .forbidden)
        }
    }

    /// The row ids of an audit page, in order.
    static func ids(_ page: Page) -> [Int64] {
        page.body.components(separatedBy: "<tr><td>").dropFirst().compactMap { Int64($0.prefix { $0 != "<" }) }
    }

    /// The address of the link whose text contains `text`.
    static func link(_ page: Page, _ text: String) -> String? {
        let parts = page.body.components(separatedBy: "<a href=\"")
        for part in parts.dropFirst() {
            let href = String(part.prefix { $0 != "\"" })
            if part.dropFirst(href.count).prefix(40).contains(text) { return href.replacingOccurrences(of: "&amp;", with: "&") }
        }
        return nil
    }
}
