import Foundation
import GRDB
import Registry
import Storage
import Testing
import VietnameseCalendar

/// Terms, who decides by date, the issuing body by date, and re-binding only into the village that took one's in
/// (DOMAIN.md §10; issue 10, points 1, 3, 4 and 5).
@Suite("Terms, regimes and agencies")
struct FrameTests {
    /// The fixture's 2019–2023 term with Đức, Hoa and Mai on the list of 2019 and 2023, then the 2024–2028 term.
    func twoTerms() throws -> Fixture {
        let f = try Fixture()
        try f.recognizeAll([f.duc, f.hoa, f.mai, f.thang], listYear: 2019)
        try f.decide("12/QĐ-UBND", on: "2023-03-01", listYear: 2023)
        try f.db.addTerm(2024...2028, basis: "Kế hoạch bình chọn giai đoạn 2024–2028")
        return f
    }

    @discardableResult
    func districtDecision(_ f: Fixture, _ number: String, on date: String, area: String, approve: [Int64] = [],
                          listYear: Int? = nil, issuer: String = "UBND huyện Tam Đảo") throws -> Decision {
        try f.db.recordDecision(DecisionInput(number: number, issuer: issuer, issuerLevel: .district, issuerAreaCode: area,
                                              decidedOn: day(date), effectiveOn: day(date), approve: approve, reject: [],
                                              listYear: listYear, file: nil))
    }

    @Test("a term lasts at most 5 years and follows the last one")
    func termsInOrder() throws {
        let db = try UytinDatabase.inMemory()
        #expect(throws: RegistryError.termTooLong(2019, 2024)) { try db.initialize(provinceCode: "26", term: 2019...2024) }
        try db.initialize(provinceCode: "26", term: 2019...2023)
        #expect(throws: RegistryError.termNotNext(2025, expected: 2024)) { try db.addTerm(2025...2029, basis: nil) }
        #expect(throws: RegistryError.termTooLong(2024, 2029)) { try db.addTerm(2024...2029, basis: nil) }
        try db.addTerm(2024...2028, basis: nil)
        #expect(try db.setting().terms.all.map(\.years) == [2019...2023, 2024...2028])
        // init again with either term changes nothing.
        #expect(try db.initialize(provinceCode: "26", term: 2024...2028) == false)
    }

    @Test("after the last term's end, before the next term is added, no day has a list")
    func noTermNoList() throws {
        let f = try Fixture()
        try f.recognizeAll([f.duc], listYear: 2019)
        #expect(try f.db.listed(on: day("2023-12-31")).count == 1)
        #expect(try f.db.listed(on: day("2024-01-05")).isEmpty)
    }

    @Test("at a term's end its list ends; the next term's list starts with its first decision")
    func termEnd() throws {
        let f = try twoTerms()
        #expect(try f.db.listed(on: day("2023-12-31")).count == 4)
        #expect(try f.db.listed(on: day("2024-01-05")).isEmpty)
        #expect(try f.db.setting().terms.term(of: day("2024-01-05"))?.label == "2024–2028")
        // The 2019–2023 lists and history stay as they were.
        #expect(try f.db.yearlyListEntries(2023).count == 4)
        let summaries = try f.db.termSummaries()
        #expect(summaries.map(\.decisions) == [2, 0])
    }

    @Test("the next term added in December: a late decision of the old term still ends a stay before the term's end")
    func lateDecisionAfterTermAdd() throws {
        let f = try Fixture()
        try f.recognizeAll([f.duc, f.hoa], listYear: 2019)
        try f.db.addTerm(2024...2028, basis: nil)
        let removal = try f.db.propose(.remove(person: f.hoa, reason: "health", effectiveOn: nil), note: nil)
        // A recognition of someone still on the list until the term's end is refused.
        let again = try f.db.propose(.recognize(person: f.duc, village: nil), note: nil)
        #expect(throws: RegistryErrors.self) { try f.decide("80/QĐ-UBND", on: "2023-12-20", approve: [again]) }
        try f.decide("80/QĐ-UBND", on: "2023-12-20", approve: [removal])
        #expect(try f.db.listed(on: day("2023-12-25")).map(\.id) == [f.duc])
        #expect(try f.db.listed(on: day("2024-01-02")).isEmpty)
        let left = try f.db.history(personId: f.hoa).events.filter { $0.event == .left }
        #expect(left.map(\.reason) == ["health"] && left.map(\.date) == [day("2023-12-20")])
        #expect(try f.db.check().ok)
    }

    @Test("a decision dated in no term is refused, naming the terms")
    func decisionOutsideTerms() throws {
        let f = try Fixture()
        try f.recognizeAll([f.duc], listYear: 2019)
        let proposal = try f.recognize(f.hoa)
        #expect(throws: RegistryError.outsideTerms("QĐ 5/QĐ-UBND: 10/03/2024", terms: Terms([Term(firstYear: 2019, lastYear: 2023, basis: "")]))) {
            try f.decide("5/QĐ-UBND", on: "2024-03-10", approve: [proposal])
        }
    }

    @Test("carry-over drafts a recognition for everyone on the last list, in today's village, skipping the dead")
    func carryOver() throws {
        let f = try Fixture()
        try f.recognizeAll([f.duc, f.hoa, f.mai], listYear: 2019)
        let merged = try f.db.mergeVillages([f.dongMo, f.cauChang], into: "Thôn Đồng Mỏ Cầu Chang", quota: 2,
                                            decision: "40/NQ-HĐND", on: day("2022-06-01"))
        let death = try f.db.propose(.remove(person: f.mai, reason: "death", effectiveOn: day("2023-05-02")), note: nil)
        try f.decide("30/QĐ-UBND", on: "2023-06-01", approve: [death], listYear: 2023)
        #expect(throws: RegistryError.carryOverNeedsNewTerm) { _ = try f.db.carryOver(note: nil) }
        try f.db.addTerm(2024...2028, basis: nil)
        let drafted = try f.db.carryOver(note: nil)
        #expect(drafted.fromYear == 2023)
        #expect(drafted.drafted.map(\.personId).sorted() == [f.duc, f.hoa].sorted())
        // Đức's village merged: he is proposed in the village that took his in.
        #expect(drafted.drafted.first { $0.personId == f.duc }?.villageId == merged)
        #expect(drafted.skipped.isEmpty)   // Mai left by the 2023 decision; she is not on the 2023 list.
        // Run again: nobody twice (their proposals are pending).
        #expect(try f.db.carryOver(note: nil).drafted.isEmpty)
        // A province decision in 2024 is refused under QĐ 28; the district decides.
        let proposals = drafted.drafted.compactMap(\.proposalId)
        #expect(throws: RegistryError.self) {
            try f.decide("3/QĐ-UBND", on: "2024-02-01", approve: proposals)
        }
        let decision = try districtDecision(f, "3/QĐ-UBND", on: "2024-02-01", area: Fixture.district, approve: proposals, listYear: 2024)
        #expect(decision.issuerLevel == .district && decision.issuerAreaCode == Fixture.district)
        #expect(try f.db.listed(on: day("2024-03-01")).map(\.id).sorted() == [f.duc, f.hoa].sorted())
        // History spans both terms.
        let events = try f.db.history(personId: f.duc).events
        #expect(events.filter { $0.event == .entered }.map(\.date) == [day("2019-02-19"), day("2024-02-01")])
        #expect(events.contains { $0.event == .left && $0.reason == "term_end" && $0.date == day("2024-01-01") })
    }

    @Test("benefits follow the list of the benefit's own date, in any term")
    func benefitsAcrossTerms() throws {
        let f = try twoTerms()
        let duc = try f.recognize(f.duc)
        try districtDecision(f, "2/QĐ-UBND", on: "2024-01-20", area: Fixture.district, approve: [duc])
        _ = try f.db.run(until: day("2024-03-01"))
        let tet2023 = try f.db.entitlements(.init(year: 2023, kind: .lunarNewYearGift)).map(\.personId).sorted()
        let tet2024 = try f.db.entitlements(.init(year: 2024, kind: .lunarNewYearGift)).map(\.personId)
        #expect(tet2023 == [f.duc, f.hoa, f.mai, f.thang].sorted())
        // Tết 2024 (10/02/2024): only who the 2024–2028 term has recognised by then.
        #expect(tet2024 == [f.duc])
        // January 2024's newspapers: nobody (the old term ended, the new list started on 20/01).
        #expect(try f.db.entitlements(.init(year: 2024, kind: .newspaper)).map(\.period).sorted() == ["2024-02", "2024-03"])
    }

    @Test("under QĐ 28 a province decision is refused, naming the regime")
    func regimeLevel() throws {
        let f = try twoTerms()
        let proposal = try f.recognize(f.sang)
        do {
            try f.decide("4/QĐ-UBND", on: "2024-02-01", approve: [proposal])
            Issue.record("expected a refusal")
        } catch let error as RegistryError {
            #expect(error.code == "issuer_level")
            #expect(error.message.vi.contains("28/2023/QĐ-TTg"))
        }
        // Before 15/01/2024 the province still decides (QĐ 12/2018).
        try f.decide("1/QĐ-UBND", on: "2024-01-10", approve: [proposal])
    }

    @Test("a district decision cannot touch persons outside its district")
    func issuerArea() throws {
        let f = try twoTerms()
        let inside = try f.recognize(f.duc)
        let outside = try f.recognize(f.thang)
        do {
            _ = try districtDecision(f, "7/QĐ-UBND", on: "2024-02-01", area: Fixture.district, approve: [inside, outside])
            Issue.record("expected a refusal")
        } catch let error as RegistryError {
            #expect(error.code == "outside_issuer_area")
            #expect(error.message.vi.contains("Lưu Văn Thắng"))
        }
        #expect(try f.db.listed(on: day("2024-03-01")).isEmpty)
        // Without --issuer-area, the one district that holds everyone is the issuer's area.
        let decision = try f.db.recordDecision(DecisionInput(number: "7/QĐ-UBND", issuer: "Chủ tịch UBND huyện", decidedOn: day("2024-02-01"),
                                                             effectiveOn: day("2024-02-01"), approve: [inside], reject: [],
                                                             listYear: nil, file: nil))
        #expect(decision.issuerAreaCode == Fixture.district && decision.issuerLevel == .district)
        // The issuer's name says its level: "UBND tỉnh" in 2024 is a province decision, refused under QĐ 28.
        #expect(AreaLevel(issuer: "UBND tỉnh Vĩnh Phúc") == .province)
        #expect(AreaLevel(issuer: "Chủ tịch UBND xã Đạo Trù") == .commune)
        #expect(AreaLevel(issuer: "UBND thành phố Phúc Yên") == nil)
    }

    @Test("under a district regime the year's list is approved in parts; the province's list is their union")
    func listInParts() throws {
        let f = try twoTerms()
        let tamDao = try [f.duc, f.hoa].map { try f.recognize($0) }
        let songLo = try f.recognize(f.thang)
        try districtDecision(f, "15/QĐ-UBND", on: "2024-02-01", area: Fixture.district, approve: tamDao, listYear: 2024)
        #expect(try f.db.yearlyList(2024)?.parts.count == 1)
        #expect(try f.db.yearlyListEntries(2024).count == 2)
        #expect(try f.db.pendingListParts(2024, on: day("2024-02-01")).isEmpty)   // nobody listed in Sông Lô yet
        // The same number, the same year, another district: a different decision.
        try districtDecision(f, "15/QĐ-UBND", on: "2024-02-05", area: Fixture.otherDistrict, approve: [songLo],
                             issuer: "UBND huyện Sông Lô")
        #expect(try f.db.pendingListParts(2024, on: day("2024-03-01")).map(\.code) == [Fixture.otherDistrict])
        try districtDecision(f, "16/QĐ-UBND", on: "2024-03-01", area: Fixture.otherDistrict, listYear: 2024, issuer: "UBND huyện Sông Lô")
        let list = try #require(try f.db.yearlyList(2024))
        #expect(list.parts.map(\.areaCode).sorted() == [Fixture.district, Fixture.otherDistrict])
        #expect(list.personCount == 3)
        #expect(try f.db.yearlyListEntries(2024).count == 3)
        #expect(try f.db.decisions(number: "15/QĐ-UBND", year: 2024).count == 2)
        #expect(try f.db.decisions(number: "15/QĐ-UBND", year: 2024, issuerAreaCode: Fixture.otherDistrict).count == 1)
        // A part is frozen: Tam Đảo cannot approve its 2024 part again.
        #expect(throws: RegistryError.listPartFrozen("2024 (Huyện Tam Đảo)")) {
            try districtDecision(f, "17/QĐ-UBND", on: "2024-04-01", area: Fixture.district, listYear: 2024)
        }
        // The same number, issuer and year twice is refused.
        #expect(throws: RegistryError.decisionExistsInYear("15/QĐ-UBND", issuer: "UBND huyện Tam Đảo", year: 2024)) {
            try districtDecision(f, "15/QĐ-UBND", on: "2024-05-01", area: Fixture.district, listYear: 2025)
        }
    }

    @Test("a decision number restarts every January: 574/QĐ-UBND again in 2022 by the same issuer")
    func numbersRestart() throws {
        let f = try Fixture()
        try f.recognizeAll([f.duc], number: "574/QĐ-UBND", on: "2019-02-19", listYear: 2019)
        let again = try f.decide("574/QĐ-UBND", on: "2022-03-01", listYear: 2022)
        #expect(again.year == 2022)
        #expect(try f.db.decisions(number: "574/QĐ-UBND").count == 2)
        #expect(throws: RegistryError.decisionExistsInYear("574/QĐ-UBND", issuer: Fixture.issuer, year: 2022)) {
            try f.decide("574/QĐ-UBND", on: "2022-09-01", listYear: 2023)
        }
    }

    @Test("a regime is added from a later date; history is never edited")
    func regimeSet() throws {
        let f = try twoTerms()
        #expect(try f.db.regimes().map(\.decides) == [.province, .district, .commune])
        #expect(try f.db.regimes(on: day("2025-08-01")).first?.confirmed == false)
        #expect(throws: RegistryError.self) {
            try f.db.setRegime(from: day("2025-01-01"), decides: .province, approvesList: .province, basis: "Thử", confirmed: false)
        }
        try f.db.setRegime(from: day("2026-07-01"), decides: .commune, approvesList: .province, basis: "Nghị định mới (dự thảo 03/2026)",
                           confirmed: false)
        #expect(try f.db.regimes(on: day("2026-08-01")).first?.approvesList == .province)
    }

    @Test("documents print the issuing body in force on their date")
    func agencyByDate() throws {
        let f = try Fixture()
        #expect(try f.db.agency(on: day("2021-04-15")) == Agency(validFrom: nil, name: "Ban Dân tộc", parent: "UBND tỉnh Vĩnh Phúc"))
        try f.db.setAgency(name: "Sở Dân tộc và Tôn giáo", parent: "UBND tỉnh Vĩnh Phúc", from: day("2025-03-01"))
        #expect(try f.db.agency(on: day("2025-03-01")).name == "Sở Dân tộc và Tôn giáo")
        #expect(try f.db.agency(on: day("2025-02-28")).name == "Ban Dân tộc")
        #expect(throws: RegistryError.self) {
            try f.db.setAgency(name: "Ban Dân tộc", parent: "UBND tỉnh Vĩnh Phúc", from: day("2025-01-01"))
        }
    }

    @Test("re-binding goes only to the village that took the person's village in; anything else is a move")
    func rebindOnlyToMerger() throws {
        let f = try Fixture()
        try f.recognizeAll([f.duc], listYear: 2019)
        #expect(throws: RegistryError.rebindNotMerger("Trần Văn Đức (#\(f.duc))", village: "Thôn Xạ Hương (#\(f.xaHuong))")) {
            _ = try f.db.propose(.rebind(person: f.duc, village: f.xaHuong), note: nil)
        }
        let merged = try f.db.mergeVillages([f.dongMo, f.dongGieng], into: "Thôn Đồng Mỏ Giếng", decision: "40/NQ-HĐND", on: day("2019-12-01"))
        _ = try f.db.propose(.rebind(person: f.duc, village: merged), note: nil)
    }
}
