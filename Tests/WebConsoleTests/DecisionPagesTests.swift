import Demo
import Foundation
import Hummingbird
import Registry
import Storage
import Testing
import VietnameseCalendar
@testable import WebConsole

@Suite("Quyết định: the register, the preview, recording with the signed PDF, four eyes by account")
struct DecisionPagesTests {
    /// The day the test decisions are signed: after the demo's last change to the list.
    static let signed = "2026-11-30"

    /// A tiny but well-formed PDF.
    static let pdf: [UInt8] = Array("""
        %PDF-1.4
        1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj
        2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj
        trailer << /Root 1 0 R >>
        %%EOF

        """.utf8)

    /// A replacement drafted by `login` in Xã Đạo Trù: a new person takes the place of one on the list. Returns the
    /// proposal's id and the names of who leaves and who enters.
    static func draftReplacement(_ server: ConsoleServer, by login: String) throws -> (id: Int64, leaving: String, entering: String) {
        let database = server.database.acting(asAccount: login, scope: .province)
        let listed = try database.listed(on: Day(year: 2026, month: 11, day: 30)!).filter { $0.communeCode == "09040" }
        let leaving = try #require(listed.first)
        let name = "Hà Văn Thử \(login.uppercased())"
        let entering = try database.addPerson(NewPerson(name: name, gender: .nam, birthYear: 1960, birthDate: nil,
                                                        ethnicCode: leaving.ethnicCode, villageId: leaving.villageId, idNumber: nil,
                                                        roles: [.villageElder], phone: nil)).id
        let id = try database.propose(.replace(person: leaving.id, by: entering, reason: "health"), note: nil)
        return (id, leaving.name, name)
    }

    /// The decision's fields as the form sends them.
    static func fields(number: String, approve: [Int64]) -> [(String, String)] {
        [("number", number), ("issuer", "UBND xã Đạo Trù"), ("issuerLevel", ""), ("issuerArea", ""), ("date", signed),
         ("effective", ""), ("listYear", "")] + approve.map { ("approve", String($0)) }
    }

    /// What the database holds that a refused form must not change.
    static func written(_ server: ConsoleServer) throws -> (decisions: Int, pending: Int) {
        (try server.database.decisions().count, try server.database.proposals(status: .pending).count)
    }

    @Test("the register lists decisions newest first, each with its page; a viewer reads it, a commune officer may not")
    func register() async throws {
        try await DemoConsole.withBrowser { browser, server in
            try await browser.signIn("xem")
            let page = try await browser.get("/decisions")
            #expect(page.status == .ok)
            let decisions = try server.database.decisions()
            let newest = try #require(decisions.max { ($0.decidedOn, $0.id) < ($1.decidedOn, $1.id) })
            let oldest = try #require(decisions.min { ($0.decidedOn, $0.id) < ($1.decidedOn, $1.id) })
            #expect(page.contains("/decisions/\(newest.id)\""))
            if decisions.count > DecisionPages.decisionsPerPage {
                #expect(!page.contains("/decisions/\(oldest.id)\""), "the oldest is on a later page")
            }
            #expect(!page.contains("/decisions/new"), "a viewer records nothing")
            let replacement = try #require(decisions.first { $0.number == "245/QĐ-UBND" })
            let one = try await browser.get("/decisions/\(replacement.id)")
            #expect(one.status == .ok)
            #expect(one.contains("UBND xã Đạo Trù"))
            #expect(one.contains(ProposalNumber.text(replacement.approved[0].id)))
            #expect(try await browser.get("/decisions/999999").status == .notFound)
            #expect(try await browser.get("/decisions/abc").status == .notFound)
            #expect(try await browser.get("/decisions/\(replacement.id)/file").status == .notFound, "the demo's decisions have no file")
        }
        try await DemoConsole.withBrowser { browser, _ in
            try await browser.signIn("canboxa")
            #expect(try await browser.get("/decisions").status == .forbidden)
        }
    }

    @Test("the leader previews who enters and leaves, confirms with the PDF, and the decision's page shows its SHA-256")
    func previewAndRecord() async throws {
        try await DemoConsole.withBrowser { browser, server in
            let drafted = try Self.draftReplacement(server, by: "canbo")
            try await browser.signIn("lanhdao")
            let form = try await browser.get("/decisions/new")
            #expect(form.status == .ok)
            #expect(form.contains("name=\"approve\" value=\"\(drafted.id)\""))
            #expect(form.contains(drafted.entering))

            let preview = try await browser.post("/decisions/preview", Self.fields(number: "301/QĐ-UBND", approve: [drafted.id]))
            #expect(preview.status == .ok)
            let entering = try #require(preview.body.range(of: "id=\"entering\"")).upperBound
            let leaving = try #require(preview.body.range(of: "id=\"leaving\"")).upperBound
            #expect(preview.body[entering..<leaving].contains(drafted.entering))
            #expect(preview.body[leaving...].contains(drafted.leaving))
            #expect(preview.contains("enctype=\"multipart/form-data\""))
            #expect(preview.contains("name=\"approve\" value=\"\(drafted.id)\""))
            #expect(try Self.written(server).decisions == server.database.decisions().count)
            let before = try Self.written(server)

            let recorded = try await browser.postMultipart("/decisions", Self.fields(number: "301/QĐ-UBND", approve: [drafted.id]),
                                                           file: ("pdf", "QĐ 301 đã ký.pdf", "application/pdf", Self.pdf))
            #expect(recorded.status == .seeOther)
            let location = try #require(recorded.location)
            #expect(location.hasPrefix("/decisions/"))
            #expect(try Self.written(server).decisions == before.decisions + 1)
            #expect(try Self.written(server).pending == before.pending - 1)

            let sha256 = SHA256.hex(Self.pdf)
            let shown = try await browser.get(location)
            #expect(shown.status == .ok)
            #expect(shown.contains(sha256))
            #expect(shown.contains("301/QĐ-UBND"))
            let id = try #require(location.dropFirst("/decisions/".count).split(separator: "?").first.flatMap { Int64($0) })
            let stored = try #require(try server.database.decision(id: id))
            #expect(stored.fileSha256 == sha256)
            #expect(stored.recordedBy == "lanhdao")

            let file = try await browser.get("/decisions/\(id)/file")
            #expect(file.status == .ok)
            #expect(file.bytes == Self.pdf)
            #expect(file.headers[.contentType] == "application/pdf")
            #expect(file.headers[.contentDisposition] == "attachment; filename=\"QD-301-da-ky.pdf\"")
            #expect(try await browser.get("/decisions").contains(sha256))
        }
    }

    @Test("an upload that is not a PDF is 422 beside the field, a file over 10 MiB is 413, and nothing is written")
    func uploads() async throws {
        try await DemoConsole.withBrowser { browser, server in
            let drafted = try Self.draftReplacement(server, by: "canbo")
            try await browser.signIn("lanhdao")
            try await browser.post("/decisions/preview", Self.fields(number: "302/QĐ-UBND", approve: [drafted.id]))
            let before = try Self.written(server)
            let fields = Self.fields(number: "302/QĐ-UBND", approve: [drafted.id])
            let refused: [(name: String, type: String, content: [UInt8])] = [
                ("qd.exe", "application/pdf", Self.pdf),
                ("qd.pdf", "text/html", Self.pdf),
                ("qd.pdf", "application/pdf", Array("<html><script>alert(1)</script></html>".utf8)),
            ]
            for file in refused {
                let page = try await browser.postMultipart("/decisions", fields, file: ("pdf", file.name, file.type, file.content))
                #expect(page.status == .unprocessableContent, "\(file.name) \(file.type)")
                #expect(page.contains("Chỉ nhận tệp PDF"))
                #expect(page.contains("class=\"field-error\""))
            }
            let missing = try await browser.postMultipart("/decisions", fields, file: nil)
            #expect(missing.status == .unprocessableContent)
            #expect(missing.contains("Hãy chọn tệp PDF"))

            let large = Self.pdf + [UInt8](repeating: 0x20, count: DecisionPages.largestPDF + 1 - Self.pdf.count)
            let tooLarge = try await browser.postMultipart("/decisions", fields, file: ("pdf", "qd.pdf", "application/pdf", large))
            #expect(tooLarge.status == .contentTooLarge)
            #expect(tooLarge.contains("tối đa 10 MiB"))
            let huge = [UInt8](repeating: 0x20, count: FormMiddleware.largestUpload + 1)
            let hugePage = try await browser.postMultipart("/decisions", fields, file: ("pdf", "qd.pdf", "application/pdf", huge))
            #expect(hugePage.status == .contentTooLarge)

            let after = try Self.written(server)
            #expect(after.decisions == before.decisions && after.pending == before.pending)
        }
    }

    @Test("an officer may not open the form nor post it (403); a form without its token is refused (403), nothing written")
    func refusals() async throws {
        try await DemoConsole.withBrowser { browser, server in
            let drafted = try Self.draftReplacement(server, by: "canbo")
            let before = try Self.written(server)
            try await browser.signIn("canbo")
            #expect(try await browser.get("/decisions/new").status == .forbidden)
            #expect(try await browser.post("/decisions/preview", Self.fields(number: "303/QĐ-UBND", approve: [drafted.id])).status == .forbidden)
            let officer = try await browser.postMultipart("/decisions", Self.fields(number: "303/QĐ-UBND", approve: [drafted.id]),
                                                          file: ("pdf", "qd.pdf", "application/pdf", Self.pdf))
            #expect(officer.status == .forbidden)
            #expect(try Self.written(server) == before)
        }
        try await DemoConsole.withBrowser { browser, server in
            let drafted = try Self.draftReplacement(server, by: "canbo")
            let before = try Self.written(server)
            try await browser.signIn("lanhdao")
            browser.csrfToken = nil
            let page = try await browser.postMultipart("/decisions", Self.fields(number: "304/QĐ-UBND", approve: [drafted.id]),
                                                       file: ("pdf", "qd.pdf", "application/pdf", Self.pdf))
            #expect(page.status == .forbidden)
            #expect(try await browser.post("/decisions/preview", Self.fields(number: "304/QĐ-UBND", approve: [drafted.id]),
                                            csrf: .some(nil)).status == .forbidden)
            #expect(try Self.written(server) == before)
        }
    }

    @Test("four eyes by account: the leader never approves a proposal the leader's own account drafted; another's, yes")
    func fourEyes() async throws {
        try await DemoConsole.withBrowser { browser, server in
            let own = try Self.draftReplacement(server, by: "lanhdao")
            try await browser.signIn("lanhdao")
            try await browser.get("/decisions/new")
            let before = try Self.written(server)
            let refused = try await browser.postMultipart("/decisions", Self.fields(number: "305/QĐ-UBND", approve: [own.id]),
                                                          file: ("pdf", "qd.pdf", "application/pdf", Self.pdf))
            #expect(refused.status == .unprocessableContent)
            #expect(refused.contains("lanhdao đã lập đề nghị được phê duyệt"))
            #expect(refused.contains("cần một người khác duyệt"))
            #expect(try Self.written(server) == before)
            #expect(try server.database.proposals(status: .pending).contains { $0.id == own.id })

            try server.database.withdrawProposal(own.id)
            let other = try Self.draftReplacement(server, by: "canbo")
            let approved = try await browser.postMultipart("/decisions", Self.fields(number: "306/QĐ-UBND", approve: [other.id]),
                                                           file: ("pdf", "qd.pdf", "application/pdf", Self.pdf))
            #expect(approved.status == .seeOther)
            #expect(try server.database.proposals(status: .approved).contains { $0.id == other.id && $0.decisionNumber == "306/QĐ-UBND" })
        }
    }

    @Test("a refused rule shows the form again with its message beside the field, 422")
    func refusedRule() async throws {
        try await DemoConsole.withBrowser { browser, server in
            let drafted = try Self.draftReplacement(server, by: "canbo")
            try await browser.signIn("lanhdao")
            try await browser.get("/decisions/new")
            var fields = Self.fields(number: "307/QĐ-UBND", approve: [drafted.id])
            fields[4] = ("date", "31/02/2026")
            let badDate = try await browser.post("/decisions/preview", fields)
            #expect(badDate.status == .unprocessableContent)
            #expect(badDate.contains("class=\"field-error\""))
            let nothing = try await browser.post("/decisions/preview", Self.fields(number: "307/QĐ-UBND", approve: []))
            #expect(nothing.status == .unprocessableContent)
            let bogus = try await browser.post("/decisions/preview", Self.fields(number: "307/QĐ-UBND", approve: []) + [("approve", "1 OR 1=1")])
            #expect(bogus.status == .unprocessableContent)
        }
    }

    @Test("safe download names and upload names")
    func names() {
        #expect(DocumentDownload.safeFileName("../../etc/passwd", defaultStem: "x", suffix: ".pdf") == "passwd.pdf")
        #expect(DocumentDownload.safeFileName("C:\\fakepath\\Quyết định số 5.PDF", defaultStem: "x", suffix: ".pdf") == "Quyet-dinh-so-5.pdf")
        #expect(DocumentDownload.safeFileName("\"\r\n.pdf", defaultStem: "quyet-dinh-7", suffix: ".pdf") == "quyet-dinh-7.pdf")
        #expect(DocumentDownload.baseName("a/b\\c.pdf") == "c.pdf")
    }
}
