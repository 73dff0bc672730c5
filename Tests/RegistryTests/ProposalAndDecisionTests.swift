import Foundation
import Registry
import Storage
import Testing
import VietnameseCalendar

@Suite("Proposals and decisions")
struct ProposalAndDecisionTests {
    // MARK: recognition

    @Test("a recognised person is on the list from the decision's effective date")
    func recognise() throws {
        let f = try Fixture()
        let proposal = try f.recognize(f.duc)
        #expect(try f.db.proposals(status: .pending).map(\.id) == [proposal])
        #expect(try f.listedIds(on: "2019-03-01").isEmpty)

        let decision = try f.decide("574/QĐ-UBND", on: "2019-02-19", effective: "2019-03-01", approve: [proposal])
        #expect(decision.approved.map(\.id) == [proposal])
        #expect(decision.approved.map(\.status) == [.approved])
        #expect(decision.approved.first?.decisionNumber == "574/QĐ-UBND")
        #expect(try f.listedIds(on: "2019-02-28").isEmpty)
        let listed = try f.db.listed(on: day("2019-03-01"))
        #expect(listed.map(\.id) == [f.duc])
        #expect(listed.first?.villageId == f.dongMo)
        #expect(try f.listedIds(on: "2023-12-31") == [f.duc])
        #expect(try f.db.proposals(status: .pending).isEmpty)
    }

    @Test("a person on the list is not recognised a second time")
    func recogniseTwice() throws {
        let f = try Fixture()
        try f.recognizeAll([f.duc])
        try expectRefusal("already_listed", in: f) { _ = try f.recognize(f.duc) }
        try expectRefusal("already_listed", in: f) { _ = try f.recognize(f.duc, into: f.cauChang) }
        #expect(try f.listedIds(on: "2020-01-01") == [f.duc])
    }

    @Test("a person with a pending proposal gets no second proposal")
    func pendingTwice() throws {
        let f = try Fixture()
        let first = try f.recognize(f.hoa)
        try expectRefusal("pending_exists", in: f) { _ = try f.recognize(f.hoa, into: f.cauChang) }
        try f.db.withdrawProposal(first)
        _ = try f.recognize(f.hoa, into: f.cauChang)
    }

    // MARK: quota

    @Test("a quota-1 village already holding a person refuses a second one")
    func quotaOne() throws {
        let f = try Fixture()
        try f.recognizeAll([f.duc])                 // Đồng Mỏ, quota 1
        let second = try f.recognize(f.hung)        // drafting is allowed; the decision enforces the quota
        try expectRefusal("quota_full", in: f) {
            try f.decide("449/QĐ-UBND", on: "2020-03-04", approve: [second])
        }
        #expect(try f.db.proposals(status: .pending).map(\.id) == [second])
        #expect(try f.listedIds(on: "2020-03-04") == [f.duc])
    }

    @Test("two recognitions for one quota-1 village in the same decision are refused")
    func quotaOneSameDecision() throws {
        let f = try Fixture()
        let first = try f.recognize(f.duc)
        let second = try f.recognize(f.hung)
        try expectRefusal("quota_full", in: f) {
            try f.decide("574/QĐ-UBND", on: "2019-02-19", approve: [first, second])
        }
    }

    @Test("a quota-2 village takes two persons and refuses a third")
    func quotaTwo() throws {
        let f = try Fixture()
        try f.recognizeAll([f.sang, f.lam])         // Cầu Chang, quota 2
        #expect(try f.listedIds(on: "2019-02-19") == [f.sang, f.lam])
        #expect(try f.db.villages(communeCode: Fixture.communeA).first { $0.id == f.cauChang }?.listed == 2)
        let third = try f.recognize(f.hung, into: f.cauChang)
        try expectRefusal("quota_full", in: f) {
            try f.decide("449/QĐ-UBND", on: "2020-03-04", approve: [third])
        }
    }

    @Test("a removal in the same decision frees the place for a newcomer")
    func removalFreesQuota() throws {
        let f = try Fixture()
        try f.recognizeAll([f.duc])
        let removal = try f.db.propose(.remove(person: f.duc, reason: "health", effectiveOn: nil), note: nil)
        let newcomer = try f.recognize(f.hung)
        try f.decide("449/QĐ-UBND", on: "2020-03-04", approve: [removal, newcomer])
        #expect(try f.listedIds(on: "2020-03-04") == [f.hung])
    }

    // MARK: replacement, removal, return

    @Test("a replacement enters the village of the person replaced, under the same decision")
    func replacementKeepsVillage() throws {
        let f = try Fixture()
        try f.recognizeAll([f.duc])                 // Đồng Mỏ, quota 1: full
        // Lý Thị Hoa lives in Đồng Giếng, yet takes Trần Văn Đức's place in Đồng Mỏ.
        let proposal = try f.db.propose(.replace(person: f.duc, by: f.hoa, reason: "health"), note: "Ông Đức yếu")
        try f.decide("449/QĐ-UBND", on: "2020-03-04", approve: [proposal])

        #expect(try f.listedIds(on: "2020-03-03") == [f.duc])
        let listed = try f.db.listed(on: day("2020-03-04"))
        #expect(listed.map(\.id) == [f.hoa])
        #expect(listed.first?.villageId == f.dongMo)

        let entered = try f.db.history(personId: f.hoa).events.filter { $0.event == .entered }
        #expect(entered.map(\.village) == ["Thôn Đồng Mỏ"])
        #expect(entered.map(\.decisionNumber) == ["449/QĐ-UBND"])
        #expect(entered.map(\.date) == [day("2020-03-04")])
        let left = try f.db.history(personId: f.duc).events.filter { $0.event == .left }
        #expect(left.map(\.reason) == ["replaced"])
        #expect(left.map(\.decisionNumber) == ["449/QĐ-UBND"])
        #expect(left.map(\.date) == [day("2020-03-04")])
        #expect(try f.db.person(f.duc).deathDate == nil)
    }

    @Test("a replacement must replace someone listed, by someone not listed")
    func replacementRules() throws {
        let f = try Fixture()
        try f.recognizeAll([f.duc, f.mai])
        try expectRefusal("not_listed", in: f) {
            _ = try f.db.propose(.replace(person: f.hoa, by: f.hung, reason: nil), note: nil)
        }
        try expectRefusal("already_listed", in: f) {
            _ = try f.db.propose(.replace(person: f.duc, by: f.mai, reason: nil), note: nil)
        }
        try expectRefusal("unknown_reason", in: f) {
            _ = try f.db.propose(.replace(person: f.duc, by: f.hung, reason: "lười"), note: nil)
        }
    }

    @Test("removal for death records the death, and a dead person is not recognised again")
    func removalForDeath() throws {
        let f = try Fixture()
        try f.recognizeAll([f.duc, f.mai])
        let removal = try f.db.propose(.remove(person: f.duc, reason: "death", effectiveOn: day("2020-01-10")), note: nil)
        try f.decide("449/QĐ-UBND", on: "2020-03-04", approve: [removal])

        #expect(try f.db.person(f.duc).deathDate == day("2020-01-10"))
        #expect(try f.listedIds(on: "2020-01-09") == [f.duc, f.mai])
        #expect(try f.listedIds(on: "2020-01-10") == [f.mai])
        try expectRefusal("person_dead", in: f) { _ = try f.recognize(f.duc) }
        try expectRefusal("person_dead", in: f) {
            _ = try f.db.propose(.replace(person: f.mai, by: f.duc, reason: nil), note: nil)
        }
        let events = try f.db.history(personId: f.duc).events
        #expect(events.contains { $0.event == .died && $0.date == day("2020-01-10") })
        #expect(events.contains { $0.event == .left && $0.reason == "death" && $0.decisionNumber == "449/QĐ-UBND" })
    }

    @Test("a replacement for death rests on the date of death of the person replaced (issue 11: never the decision's date)")
    func replacementForDeath() throws {
        let f = try Fixture()
        try f.recognizeAll([f.duc])
        try expectRefusal("death_date_needed", in: f) {
            _ = try f.db.propose(.replace(person: f.duc, by: f.hung, reason: "death"), note: nil)
        }
        let proposal = try f.db.propose(.replace(person: f.duc, by: f.hung, reason: "death"), note: nil, died: day("2020-01-10")).id
        try f.decide("449/QĐ-UBND", on: "2020-03-04", approve: [proposal])
        #expect(try f.db.person(f.duc).deathDate == day("2020-01-10"))
        #expect(try f.db.person(f.hung).deathDate == nil)
        #expect(try f.listedIds(on: "2020-03-04") == [f.hung])
    }

    @Test("a removed person who is alive returns to the list only by a new recognition")
    func returnByRecognition() throws {
        let f = try Fixture()
        try f.recognizeAll([f.duc])
        let removal = try f.db.propose(.remove(person: f.duc, reason: "health", effectiveOn: nil), note: nil)
        try f.decide("449/QĐ-UBND", on: "2020-03-04", approve: [removal])
        #expect(try f.listedIds(on: "2020-06-01").isEmpty)
        #expect(try f.db.person(f.duc).deathDate == nil)

        try expectRefusal("not_listed", in: f) {
            _ = try f.db.propose(.remove(person: f.duc, reason: "health", effectiveOn: nil), note: nil)
        }
        try expectRefusal("not_listed", in: f) {
            _ = try f.db.propose(.rebind(person: f.duc, village: f.cauChang), note: nil)
        }

        let back = try f.recognize(f.duc)
        try f.decide("93/QĐ-UBND", on: "2021-04-15", approve: [back])
        #expect(try f.listedIds(on: "2020-06-01").isEmpty)
        #expect(try f.listedIds(on: "2021-04-15") == [f.duc])
        let entered = try f.db.history(personId: f.duc).events.filter { $0.event == .entered }
        #expect(entered.map(\.decisionNumber) == ["574/QĐ-UBND", "93/QĐ-UBND"])
    }

    @Test("a removal effective before the person entered the list is refused")
    func removalBeforeEntry() throws {
        let f = try Fixture()
        try f.recognizeAll([f.duc], on: "2020-03-04")
        let removal = try f.db.propose(.remove(person: f.duc, reason: "moved", effectiveOn: day("2020-01-01")), note: nil)
        try expectRefusal("end_before_start", in: f) {
            try f.decide("93/QĐ-UBND", on: "2020-06-01", approve: [removal])
        }
    }

    @Test("a removal needs a known reason and an effective date inside the term")
    func removalInputs() throws {
        let f = try Fixture()
        try f.recognizeAll([f.duc])
        try expectRefusal("unknown_reason", in: f) {
            _ = try f.db.propose(.remove(person: f.duc, reason: "aliens", effectiveOn: nil), note: nil)
        }
        try expectRefusal("outside_term", in: f) {
            _ = try f.db.propose(.remove(person: f.duc, reason: "health", effectiveOn: day("2024-01-01")), note: nil)
        }
        #expect(try f.db.removalReasons().map(\.code) == RemovalReason.shipped.map(\.code))
    }

    // MARK: deciding

    enum Outcome: String, CaseIterable, Sendable { case approved, rejected, withdrawn }

    @Test("a proposal is decided once", arguments: Outcome.allCases)
    func decidedOnce(outcome: Outcome) throws {
        let f = try Fixture()
        let proposal = try f.recognize(f.duc)
        switch outcome {
        case .approved: try f.decide("574/QĐ-UBND", on: "2019-02-19", approve: [proposal])
        case .rejected: try f.decide("574/QĐ-UBND", on: "2019-02-19", reject: [proposal])
        case .withdrawn: try f.db.withdrawProposal(proposal)
        }
        try expectRefusal("proposal_decided", in: f) { try f.decide("449/QĐ-UBND", on: "2020-03-04", approve: [proposal]) }
        try expectRefusal("proposal_decided", in: f) { try f.decide("449/QĐ-UBND", on: "2020-03-04", reject: [proposal]) }
        try expectRefusal("proposal_decided", in: f) { try f.db.withdrawProposal(proposal) }
        #expect(try f.db.proposals().map(\.status.rawValue) == [outcome.rawValue])
        #expect(try f.listedIds(on: "2020-03-04") == Set(outcome == .approved ? [f.duc] : []))
    }

    @Test("approving and rejecting the same proposal is refused")
    func approveAndReject() throws {
        let f = try Fixture()
        let first = try f.recognize(f.duc)
        let second = try f.recognize(f.mai)
        try expectRefusal("proposal_twice", in: f) {
            try f.decide("574/QĐ-UBND", on: "2019-02-19", approve: [first, second], reject: [second])
        }
        #expect(try f.db.proposals(status: .pending).map(\.id) == [first, second])
    }

    @Test("a decision that approves, rejects and lists nothing, or names an unknown proposal, is refused")
    func emptyOrUnknown() throws {
        let f = try Fixture()
        try expectRefusal("empty_decision", in: f) { try f.decide("574/QĐ-UBND", on: "2019-02-19") }
        try expectRefusal("unknown_proposal", in: f) { try f.decide("574/QĐ-UBND", on: "2019-02-19", approve: [42]) }
    }

    @Test("a rejection leaves the list alone, and the person may be proposed again")
    func rejection() throws {
        let f = try Fixture()
        let proposal = try f.recognize(f.duc)
        let decision = try f.decide("574/QĐ-UBND", on: "2019-02-19", reject: [proposal])
        #expect(decision.rejected.map(\.id) == [proposal])
        #expect(decision.approved.isEmpty)
        #expect(try f.listedIds(on: "2019-02-19").isEmpty)
        let events = try f.db.history(personId: f.duc).events
        #expect(events.contains { $0.event == .rejected && $0.decisionNumber == "574/QĐ-UBND" })
        _ = try f.recognize(f.duc)
    }

    @Test("a decision number is recorded once per issuer; another issuer may use it")
    func decisionNumberOncePerIssuer() throws {
        let f = try Fixture()
        let first = try f.recognize(f.duc)
        let second = try f.recognize(f.mai)
        try f.decide("449/QĐ-UBND", on: "2020-03-04", approve: [first])
        try expectRefusal("decision_exists", in: f) {
            try f.decide("449/QĐ-UBND", on: "2020-03-05", approve: [second])
        }
        try expectRefusal("decision_exists", in: f) {
            try f.decide("449/qđ-ubnd", on: "2020-03-05", approve: [second], issuer: "ubnd tinh vinh phuc")
        }
        // Another issuer of the level the regime allows (in 2020, the province) may use the same number.
        try f.decide("449/QĐ-UBND", on: "2020-03-05", approve: [second], issuer: "Sở Nội vụ tỉnh Vĩnh Phúc")
        #expect(try f.db.decisions(number: "449/qd-ubnd").map(\.issuer) == [Fixture.issuer, "Sở Nội vụ tỉnh Vĩnh Phúc"])
        #expect(try f.listedIds(on: "2020-03-05") == [f.duc, f.mai])
    }

    @Test("a year's list is approved once; a later decision cannot approve it again")
    func listYearFrozen() throws {
        let f = try Fixture()
        try f.recognizeAll([f.duc, f.mai], listYear: 2019)
        #expect(try f.db.yearlyList(2019)?.personCount == 2)
        let proposal = try f.recognize(f.thang)
        try expectRefusal("list_frozen", in: f) {
            try f.decide("93/QĐ-UBND", on: "2019-12-20", approve: [proposal], listYear: 2019)
        }
        try expectRefusal("list_frozen", in: f) { try f.decide("94/QĐ-UBND", on: "2019-12-20", listYear: 2019) }
        try f.decide("93/QĐ-UBND", on: "2019-12-20", approve: [proposal])
        #expect(Set(try f.db.yearlyListEntries(2019).map(\.id)) == [f.duc, f.mai])
    }

    @Test("a decision dated outside the term is refused", arguments: [
        ("2018-12-31", "2019-01-05", nil as Int?),
        ("2019-01-05", "2018-12-31", nil),
        ("2024-01-02", "2024-01-02", nil),
        ("2023-12-20", "2024-01-01", nil),
        ("2019-02-19", "2019-02-19", 2024),
        ("2019-02-19", "2019-02-19", 2018),
    ])
    func outsideTerm(decided: String, effective: String, listYear: Int?) throws {
        let f = try Fixture()
        let proposal = try f.recognize(f.duc)
        try expectRefusal("outside_term", in: f) {
            try f.decide("1/QĐ-UBND", on: decided, effective: effective, approve: [proposal], listYear: listYear)
        }
    }

    @Test("the first and last days of the term are inside it")
    func termEdges() throws {
        let f = try Fixture()
        try f.recognizeAll([f.duc], number: "1/QĐ-UBND", on: "2019-01-01")
        let removal = try f.db.propose(.remove(person: f.duc, reason: "health", effectiveOn: nil), note: nil)
        try f.decide("2/QĐ-UBND", on: "2023-12-31", approve: [removal], listYear: 2023)
        #expect(try f.listedIds(on: "2023-12-30") == [f.duc])
        #expect(try f.listedIds(on: "2023-12-31").isEmpty)
    }

    @Test("a decision effective before the latest entry on the list is refused")
    func decisionOutOfOrder() throws {
        let f = try Fixture()
        try f.recognizeAll([f.duc], on: "2020-03-04")
        let late = try f.recognize(f.mai)
        try expectRefusal("decision_out_of_order", in: f) {
            try f.decide("93/QĐ-UBND", on: "2020-01-15", approve: [late])
        }
    }

    @Test("a decision's scanned file is kept with its SHA-256")
    func decisionFile() throws {
        let f = try Fixture()
        let proposal = try f.recognize(f.duc)
        let content = Array("QUYẾT ĐỊNH 574/QĐ-UBND".utf8)
        let decision = try f.db.recordDecision(DecisionInput(
            number: "574/QĐ-UBND", issuer: Fixture.issuer, decidedOn: day("2019-02-19"), effectiveOn: day("2019-02-19"),
            approve: [proposal], reject: [], listYear: nil, file: (name: "qd-574.pdf", content: content)))
        #expect(decision.fileName == "qd-574.pdf")
        #expect(decision.fileSha256 == SHA256.hex(content))
    }

    // MARK: mergers

    @Test("re-binding after a merger moves the person to the merged village")
    func rebindAfterMerger() throws {
        let f = try Fixture()
        try f.recognizeAll([f.duc, f.hoa])          // Đồng Mỏ and Đồng Giếng
        let merged = try f.db.mergeVillages([f.dongMo, f.dongGieng], into: "Thôn Đồng Tâm", quota: 2,
                                            decision: "12/NQ-HĐND", on: day("2020-01-01"))
        // Until a decision re-binds them, they stay listed for their old villages.
        #expect(Set(try f.db.listed(on: day("2020-02-01")).map(\.villageId)) == [f.dongMo, f.dongGieng])

        let first = try f.db.propose(.rebind(person: f.duc, village: merged), note: nil)
        let second = try f.db.propose(.rebind(person: f.hoa, village: merged), note: nil)
        try f.decide("449/QĐ-UBND", on: "2020-03-04", approve: [first, second])

        let listed = try f.db.listed(on: day("2020-03-04"))
        #expect(Set(listed.map(\.id)) == [f.duc, f.hoa])
        #expect(listed.map(\.villageId) == [merged, merged])
        #expect(try f.db.person(f.duc).villageId == merged)
        #expect(try f.db.person(f.hoa).villageId == merged)
        #expect(Set(try f.db.listed(on: day("2020-03-03")).map(\.villageId)) == [f.dongMo, f.dongGieng])
        let old = try f.db.villages(communeCode: Fixture.communeA).first { $0.id == f.dongMo }
        #expect(old?.mergedInto == merged)
        #expect(old?.mergedOn == day("2020-01-01"))
    }

    @Test("re-binding two persons into a merged village of quota 1 is refused")
    func rebindQuota() throws {
        let f = try Fixture()
        try f.recognizeAll([f.duc, f.hoa])
        let merged = try f.db.mergeVillages([f.dongMo, f.dongGieng], into: "Thôn Đồng Tâm",
                                            decision: "12/NQ-HĐND", on: day("2020-01-01"))
        let first = try f.db.propose(.rebind(person: f.duc, village: merged), note: nil)
        let second = try f.db.propose(.rebind(person: f.hoa, village: merged), note: nil)
        try expectRefusal("quota_full", in: f) {
            try f.decide("449/QĐ-UBND", on: "2020-03-04", approve: [first, second])
        }
        // One re-bound, the other removed for the merger: the 2020 decision of Vĩnh Phúc.
        try f.db.withdrawProposal(second)
        let removal = try f.db.propose(.remove(person: f.hoa, reason: "merger", effectiveOn: nil), note: nil)
        try f.decide("449/QĐ-UBND", on: "2020-03-04", approve: [first, removal])
        #expect(try f.db.listed(on: day("2020-03-04")).map(\.villageId) == [merged])
    }

    @Test("re-binding to the village a person is already listed for is refused")
    func rebindSameVillage() throws {
        let f = try Fixture()
        try f.recognizeAll([f.sang])
        try expectRefusal("same_village", in: f) {
            _ = try f.db.propose(.rebind(person: f.sang, village: f.cauChang), note: nil)
        }
    }

    @Test("a merged village takes no new person")
    func mergedVillageTakesNoOne() throws {
        let f = try Fixture()
        let early = try f.recognize(f.hung)        // drafted for Đồng Mỏ before the merger
        let merged = try f.db.mergeVillages([f.dongMo, f.dongGieng], into: "Thôn Đồng Tâm",
                                            decision: "12/NQ-HĐND", on: day("2020-01-01"))
        try expectRefusal("village_merged", in: f) {
            try f.decide("449/QĐ-UBND", on: "2020-03-04", approve: [early])
        }
        try expectRefusal("village_merged", in: f) { _ = try f.recognize(f.hoa) }   // home village Đồng Giếng
        try expectRefusal("village_merged", in: f) { _ = try f.recognize(f.mai, into: f.dongGieng) }
        try expectRefusal("village_merged", in: f) {
            _ = try f.db.addPerson(NewPerson(name: "Trương Văn Mới", gender: .nam, birthYear: 1970, birthDate: nil,
                                             ethnicCode: "18", villageId: f.dongMo, idNumber: nil, roles: [], phone: nil))
        }
        try expectRefusal("village_merged", in: f) {
            _ = try f.db.mergeVillages([f.dongMo, f.cauChang], into: "Thôn Khác", decision: "13/NQ-HĐND", on: day("2020-02-01"))
        }
        // Before the merger's date the old village was still open.
        try f.decide("400/QĐ-UBND", on: "2019-12-01", approve: [early])
        #expect(try f.db.listed(on: day("2019-12-01")).map(\.villageId) == [f.dongMo])
        // The merged village takes newcomers.
        let newcomer = try f.recognize(f.hoa, into: merged)
        try f.decide("449/QĐ-UBND", on: "2020-03-04", approve: [newcomer])
        #expect(try f.db.listed(on: day("2020-03-04")).first { $0.id == f.hoa }?.villageId == merged)
    }

    @Test("a merger needs two villages of one commune")
    func mergerRules() throws {
        let f = try Fixture()
        try expectRefusal("merge_needs_two", in: f) {
            _ = try f.db.mergeVillages([f.dongMo, f.dongMo], into: "Thôn Một", decision: "12/NQ-HĐND", on: day("2020-01-01"))
        }
        try expectRefusal("merge_across_communes", in: f) {
            _ = try f.db.mergeVillages([f.dongMo, f.xaHuong], into: "Thôn Hai", decision: "12/NQ-HĐND", on: day("2020-01-01"))
        }
        try expectRefusal("outside_term", in: f) {
            _ = try f.db.mergeVillages([f.dongMo, f.dongGieng], into: "Thôn Ba", decision: "12/NQ-HĐND", on: day("2024-01-01"))
        }
    }

    @Test("a merger into the name of another open village is refused whole; the old names may be reused")
    func mergerName() throws {
        let f = try Fixture()
        try expectRefusal("village_exists", in: f) {
            _ = try f.db.mergeVillages([f.dongMo, f.dongGieng], into: "Thôn Cầu Chang", decision: "12/NQ-HĐND",
                                       on: day("2020-01-01"))
        }
        #expect(try f.db.villages(communeCode: Fixture.communeA).allSatisfy { $0.mergedOn == nil })
        let merged = try f.db.mergeVillages([f.dongMo, f.dongGieng], into: "Thôn Đồng Mỏ", decision: "12/NQ-HĐND",
                                            on: day("2020-01-01"))
        #expect(merged != f.dongMo)
        #expect(try f.db.villages(communeCode: Fixture.communeA).filter { $0.mergedOn == nil }.map(\.name)
                == ["Thôn Cầu Chang", "Thôn Đồng Mỏ"])
    }

    // MARK: all or nothing

    @Test("a decision is applied whole or not at all: one broken rule leaves every proposal pending")
    func wholeDecisionRollsBack() throws {
        let f = try Fixture()
        try f.recognizeAll([f.duc])                 // Đồng Mỏ is full
        let good = [try f.recognize(f.sang), try f.recognize(f.lam), try f.recognize(f.mai)]
        let bad = try f.recognize(f.hung)          // Đồng Mỏ again
        try expectRefusal("quota_full", in: f) {
            try f.decide("449/QĐ-UBND", on: "2020-03-04", approve: good + [bad], listYear: 2020)
        }
        #expect(Set(try f.db.proposals(status: .pending).map(\.id)) == Set(good + [bad]))
        #expect(try f.listedIds(on: "2020-03-04") == [f.duc])
        #expect(try f.db.yearlyList(2020) == nil)
        #expect(try f.db.decisions().map(\.number) == ["574/QĐ-UBND"])

        try f.decide("449/QĐ-UBND", on: "2020-03-04", approve: good, reject: [bad], listYear: 2020)
        #expect(try f.listedIds(on: "2020-03-04") == [f.duc, f.sang, f.lam, f.mai])
        #expect(try f.db.yearlyList(2020)?.personCount == 4)
    }

    @Test("a decision breaking several rules reports each of them and applies nothing")
    func severalViolations() throws {
        let f = try Fixture()
        try f.recognizeAll([f.duc, f.hoa])
        let intoFull = try f.recognize(f.hung)                               // Đồng Mỏ is full
        let removeEarly = try f.db.propose(.remove(person: f.hoa, reason: "health", effectiveOn: day("2019-01-01")),
                                           note: nil)                        // before Hoa entered
        try expectRefusal("end_before_start", "quota_full", in: f) {
            try f.decide("449/QĐ-UBND", on: "2020-03-04", approve: [intoFull, removeEarly])
        }
    }
}
