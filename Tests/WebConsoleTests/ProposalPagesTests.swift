import Demo
import Foundation
import Hummingbird
import Registry
import Storage
import Testing
import VietnameseCalendar
@testable import WebConsole

@Suite("Đề nghị: the proposals and the four proposal forms, scoped to the account's commune")
struct ProposalPagesTests {
    @Test("a commune officer finds Hà Văn Sáng by typing \"ha van\" and proposes to recognise him; storage has it")
    func recognize() async throws {
        try await DemoConsole.withBrowser { browser, server in
            let id = try RegistryPagesFixture.registerHaVanSang(server.database)
            try await browser.signIn("canboxa")
            let found = try await browser.get("/persons?q=ha+van")
            #expect(found.contains("href=\"/persons/\(id)\""))
            let person = try await browser.get("/persons/\(id)")
            #expect(person.contains("/proposals/new?kind=recognize&amp;person=\(id)"))
            let form = try await browser.get("/proposals/new?kind=recognize&person=\(id)")
            #expect(form.status == .ok && form.contains("Hà Văn Sáng") && form.contains("name=\"_csrf\""))
            let created = try await browser.post("/proposals", [("kind", "recognize"), ("person", String(id)), ("village", ""),
                                                                ("note", "Đề nghị của thôn")])
            #expect(created.status == .seeOther)
            let location = try #require(created.location)
            #expect(location.hasPrefix("/proposals?created="))
            let proposal = try #require(try server.database.proposals(status: .pending).last)
            #expect(proposal.kind == .recognize && proposal.personId == id && proposal.createdBy == "canboxa")
            #expect(proposal.note == "Đề nghị của thôn")
            #expect(proposal.villageId == (try server.database.person(id)).villageId)
            let list = try await browser.get(location)
            #expect(list.status == .ok && list.contains(ProposalNumber.text(proposal.id)) && list.contains("Hà Văn Sáng"))
        }
    }

    @Test("removal needs a reason and an effective date; made, it is read back through storage")
    func remove() async throws {
        try await DemoConsole.withBrowser { browser, server in
            let listed = try RegistryPagesFixture.listed(server.database, commune: RegistryPagesFixture.ownCommune)
            let pendingIds = Set(try server.database.proposals(status: .pending).flatMap { [$0.personId, $0.replacementId ?? 0] })
            let person = try #require(listed.first { !pendingIds.contains($0.id) && $0.deathDate == nil })
            try await browser.signIn("canboxa")
            let form = try await browser.get("/proposals/new?kind=remove&person=\(person.id)")
            #expect(form.status == .ok && form.contains("name=\"reason\"") && form.contains("name=\"effective\""))
            let missing = try await browser.post("/proposals", [("kind", "remove"), ("person", String(person.id)), ("reason", "health")])
            #expect(missing.status == .unprocessableContent)
            #expect(missing.contains("field-error") && missing.contains("Cần điền mục này."))
            let badDate = try await browser.post("/proposals", [("kind", "remove"), ("person", String(person.id)), ("reason", "health"),
                                                                ("effective", "31/02/2026")])
            #expect(badDate.status == .unprocessableContent)
            #expect(try server.database.proposals(status: .pending).allSatisfy { $0.personId != person.id })
            let made = try await browser.post("/proposals", [("kind", "remove"), ("person", String(person.id)), ("reason", "health"),
                                                             ("effective", "15/12/2026")])
            #expect(made.status == .seeOther)
            let proposal = try #require(try server.database.proposals(status: .pending).first { $0.personId == person.id })
            #expect(proposal.kind == .remove && proposal.reason == "health" && proposal.effectiveOn == Day(year: 2026, month: 12, day: 15))
            #expect(proposal.createdBy == "canboxa")
        }
    }

    @Test("replacement names the person entering; storage records both")
    func replace() async throws {
        try await DemoConsole.withBrowser { browser, server in
            let listed = try RegistryPagesFixture.listed(server.database, commune: RegistryPagesFixture.ownCommune)
            let pendingIds = Set(try server.database.proposals(status: .pending).flatMap { [$0.personId, $0.replacementId ?? 0] })
            let leaving = try #require(listed.first { !pendingIds.contains($0.id) && $0.deathDate == nil })
            let entering = try RegistryPagesFixture.registerHaVanSang(server.database)
            try await browser.signIn("canboxa")
            let form = try await browser.get("/proposals/new?kind=replace&person=\(leaving.id)")
            #expect(form.status == .ok && form.contains("value=\"\(entering)\""))
            let made = try await browser.post("/proposals", [("kind", "replace"), ("person", String(leaving.id)), ("by", String(entering)),
                                                             ("reason", "health")])
            #expect(made.status == .seeOther)
            let proposal = try #require(try server.database.proposals(status: .pending).first { $0.personId == leaving.id })
            #expect(proposal.kind == .replace && proposal.replacementId == entering && proposal.reason == "health")
        }
    }

    @Test("a refused rule answers 422 with the storage's message on the form, and writes nothing")
    func refusedRule() async throws {
        try await DemoConsole.withBrowser { browser, server in
            let listed = try RegistryPagesFixture.listed(server.database, commune: RegistryPagesFixture.ownCommune)
            let pendingIds = Set(try server.database.proposals(status: .pending).flatMap { [$0.personId, $0.replacementId ?? 0] })
            let person = try #require(listed.first { !pendingIds.contains($0.id) && $0.deathDate == nil })
            let before = try server.database.proposals().count
            try await browser.signIn("canboxa")
            try await browser.get("/proposals/new?kind=recognize&person=\(person.id)")
            // Already on the list: recognising again is refused by the rule, not by the page.
            let again = try await browser.post("/proposals", [("kind", "recognize"), ("person", String(person.id))])
            #expect(again.status == .unprocessableContent)
            #expect(again.contains("role=\"alert\"") && again.contains("<form method=\"post\" action=\"/proposals\""))
            #expect(again.contains(person.name))
            // Re-binding only to a village that took the person's village in: another village of the commune is refused.
            let stayVillage = person.villageId
            let other = try #require(try server.database.villages(communeCode: RegistryPagesFixture.ownCommune)
                .first { $0.mergedOn == nil && $0.id != stayVillage })
            let rebind = try await browser.post("/proposals", [("kind", "rebind"), ("person", String(person.id)), ("village", String(other.id))])
            #expect(rebind.status == .unprocessableContent)
            #expect(rebind.contains("field-error"))
            #expect(try server.database.proposals().count == before)
        }
    }

    @Test("a proposal for another commune's person is 404 for the commune officer, by the form or a crafted POST; nothing written")
    func otherCommune() async throws {
        try await DemoConsole.withBrowser { browser, server in
            let other = try #require(try RegistryPagesFixture.listed(server.database, commune: RegistryPagesFixture.otherCommune).first)
            let own = try RegistryPagesFixture.registerHaVanSang(server.database)
            let before = try server.database.proposals().count
            try await browser.signIn("canboxa")
            #expect(try await browser.get("/proposals/new?kind=remove&person=\(other.id)").status == .notFound)
            try await browser.get("/proposals")
            let crafted = try await browser.post("/proposals", [("kind", "remove"), ("person", String(other.id)), ("reason", "health"),
                                                                ("effective", "15/12/2026")])
            #expect(crafted.status == .notFound)
            #expect(!crafted.contains(other.name))
            // Naming another commune's person as the one entering, or recognising for another commune's village.
            let leaving = try #require(try RegistryPagesFixture.listed(server.database, commune: RegistryPagesFixture.ownCommune).first)
            let asReplacement = try await browser.post("/proposals", [("kind", "replace"), ("person", String(leaving.id)), ("by", String(other.id))])
            #expect(asReplacement.status == .notFound)
            let outside = try RegistryPagesFixture.villageInForce(server.database, commune: RegistryPagesFixture.otherCommune)
            let otherVillage = try await browser.post("/proposals", [("kind", "recognize"), ("person", String(own)), ("village", String(outside.id))])
            #expect(otherVillage.status == .notFound)
            #expect(try server.database.proposals().count == before)
            // The storage refuses it whatever the page: the commune officer's handle, called directly.
            let officer = try #require(try server.database.credentials(login: "canboxa"))
            let handle = server.database.acting(asAccount: "canboxa", scope: officer.scope)
            do {
                _ = try handle.propose(.remove(person: other.id, reason: "health", effectiveOn: nil), note: nil)
                Issue.record("a commune officer's handle proposed for another commune's person")
            } catch let error as RegistryError {
                #expect(error.kind == .notFound)
            }
            #expect(try server.database.proposals().count == before)
            // The province's officer may.
            try await browser.post("/logout", [])
            try await browser.signIn("canbo")
            #expect(try await browser.get("/proposals/new?kind=remove&person=\(other.id)").status == .ok)
        }
    }

    @Test("the proposals page lists the commune's proposals only for a commune officer")
    func listScoped() async throws {
        try await DemoConsole.withBrowser { browser, server in
            let other = try #require(try RegistryPagesFixture.listed(server.database, commune: RegistryPagesFixture.otherCommune).first)
            let proposal = try server.database.propose(.remove(person: other.id, reason: "health", effectiveOn: Day(year: 2026, month: 12, day: 20)),
                                                       note: nil)
            try await browser.signIn("canbo")
            let all = try await browser.get("/proposals")
            #expect(all.status == .ok && all.contains(ProposalNumber.text(proposal) + "<"))
            try await browser.post("/logout", [])
            try await browser.signIn("canboxa")
            let scoped = try await browser.get("/proposals")
            #expect(scoped.status == .ok && !scoped.contains(ProposalNumber.text(proposal) + "<"))
            try await browser.post("/logout", [])
            try await browser.signIn("xem")
            #expect(try await browser.get("/proposals").status == .ok)
        }
    }

    @Test("a viewer's POST is 403, a POST without the form token is 403; nothing is written")
    func forbidden() async throws {
        try await DemoConsole.withBrowser { browser, server in
            let id = try RegistryPagesFixture.registerHaVanSang(server.database)
            let before = try server.database.proposals().count
            try await browser.signIn("xem")
            #expect(try await browser.get("/proposals/new?kind=recognize&person=\(id)").status == .forbidden)
            #expect(try await browser.post("/proposals", [("kind", "recognize"), ("person", String(id))]).status == .forbidden)
            try await browser.post("/logout", [])
            try await browser.signIn("canboxa")
            try await browser.get("/proposals/new?kind=recognize&person=\(id)")
            #expect(try await browser.post("/proposals", [("kind", "recognize"), ("person", String(id))], csrf: .some(nil)).status == .forbidden)
            #expect(try await browser.post("/proposals", [("kind", "recognize"), ("person", String(id))], csrf: "x").status == .forbidden)
            #expect(try server.database.proposals().count == before)
            try await browser.post("/logout", [])
            try await browser.signIn("ketoan")
            #expect(try await browser.get("/proposals/new?kind=recognize&person=\(id)").status == .forbidden)
        }
    }

    @Test("ids and kinds that name nothing answer 404")
    func badIds() async throws {
        try await DemoConsole.withBrowser { browser, server in
            let id = try RegistryPagesFixture.registerHaVanSang(server.database)
            let before = try server.database.proposals().count
            try await browser.signIn("canbo")
            for path in ["/proposals/new?kind=recognize&person=abc", "/proposals/new?kind=recognize", "/proposals/new?kind=bogus&person=\(id)",
                         "/proposals/new?kind=recognize&person=99999999", "/proposals/new?kind=recognize&person=-3"] {
                #expect(try await browser.get(path).status == .notFound, "\(path)")
            }
            try await browser.get("/proposals")
            for fields in [[("kind", "recognize"), ("person", "abc")], [("kind", "bogus"), ("person", String(id))],
                           [("kind", "recognize"), ("person", "99999999")], [("kind", "recognize"), ("person", String(id)), ("village", "x")]] {
                #expect(try await browser.post("/proposals", fields).status == .notFound, "\(fields)")
            }
            #expect(try server.database.proposals().count == before)
        }
    }
}
