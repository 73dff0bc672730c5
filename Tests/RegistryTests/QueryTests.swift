import Foundation
import Registry
import Storage
import Testing
import VietnameseCalendar

/// Four years of one province, shaped like Vĩnh Phúc's: the 2019 list, the 2020 review (one removed, one added),
/// a merger of Đồng Mỏ and Đồng Giếng with Đức re-bound in 2021, and Đức removed in 2022.
final class FourYears {
    let f: Fixture
    var dongTam: Int64 = 0

    init(through year: Int = 2022) throws {
        f = try Fixture()
        try f.recognizeAll([f.duc, f.hoa, f.sang, f.mai, f.thang], number: "574/QĐ-UBND", on: "2019-02-19", listYear: 2019)
        guard year >= 2020 else { return }
        try review2020()
        guard year >= 2021 else { return }
        try review2021()
        guard year >= 2022 else { return }
        try review2022()
    }

    func review2020() throws {
        let removal = try f.db.propose(.remove(person: f.hoa, reason: "health", effectiveOn: nil), note: nil)
        let addition = try f.recognize(f.lam)
        try f.decide("449/QĐ-UBND", on: "2020-03-04", approve: [removal, addition], listYear: 2020)
    }

    func review2021() throws {
        dongTam = try f.db.mergeVillages([f.dongMo, f.dongGieng], into: "Thôn Đồng Tâm", decision: "05/NQ-HĐND",
                                         on: day("2021-01-10"))
        let rebind = try f.db.propose(.rebind(person: f.duc, village: dongTam), note: nil)
        try f.decide("93/QĐ-UBND", on: "2021-04-15", approve: [rebind], listYear: 2021)
    }

    func review2022() throws {
        let removal = try f.db.propose(.remove(person: f.duc, reason: "health", effectiveOn: nil), note: nil)
        try f.decide("50/QĐ-UBND", on: "2022-03-01", approve: [removal], listYear: 2022)
    }
}

@Suite("Lists, differences and history")
struct QueryTests {
    @Test("the list on a day follows every decision, while an approved year's list stays frozen")
    func dayVersusYear() throws {
        let years = try FourYears(through: 2019)
        let f = years.f
        let list2019 = try f.db.yearlyListEntries(2019)
        #expect(Set(list2019.map(\.id)) == [f.duc, f.hoa, f.sang, f.mai, f.thang])
        #expect(try f.db.yearlyList(2019)?.personCount == 5)
        #expect(try f.db.yearlyList(2019)?.decision.number == "574/QĐ-UBND")

        try years.review2020()
        try years.review2021()
        try years.review2022()

        // The frozen list of 2019 is exactly what it was, whatever happened since.
        #expect(try f.db.yearlyListEntries(2019) == list2019)
        #expect(try f.listedIds(on: "2019-12-31") == [f.duc, f.hoa, f.sang, f.mai, f.thang])
        #expect(try f.listedIds(on: "2020-03-04") == [f.duc, f.sang, f.lam, f.mai, f.thang])
        #expect(try f.listedIds(on: "2022-03-01") == [f.sang, f.lam, f.mai, f.thang])
        #expect(Set(try f.db.yearlyListEntries(2021).map(\.id)) == [f.duc, f.sang, f.lam, f.mai, f.thang])
        #expect(Set(try f.db.yearlyListEntries(2022).map(\.id)) == [f.sang, f.lam, f.mai, f.thang])
        #expect(try f.db.yearlyList(2023) == nil)
        #expect(try f.db.yearlyListEntries(2023).isEmpty)
    }

    @Test("a yearly list keeps the village each person was listed for that year")
    func yearlyListVillage() throws {
        let years = try FourYears()
        let f = years.f
        #expect(try f.db.yearlyListEntries(2020).first { $0.id == f.duc }?.villageId == f.dongMo)
        #expect(try f.db.yearlyListEntries(2021).first { $0.id == f.duc }?.villageId == years.dongTam)
    }

    @Test("lists come in district, commune, village and name order")
    func listOrder() throws {
        let years = try FourYears(through: 2020)
        let f = years.f
        // 248: commune 08866 (Cầu Chang: Đặng Văn Lâm, Hoàng Văn Sáng; Đồng Mỏ: Trần Văn Đức), 08869 (Xạ Hương);
        // then 253 (Lập Thành).
        #expect(try f.db.listed(on: day("2020-03-04")).map(\.id) == [f.lam, f.sang, f.duc, f.mai, f.thang])
        #expect(try f.db.yearlyListEntries(2020).map(\.id) == [f.lam, f.sang, f.duc, f.mai, f.thang])
    }

    @Test("the difference between two approved years names who entered, left and moved")
    func listDiff() throws {
        let years = try FourYears()
        let f = years.f
        let first = try f.db.listDiff(from: 2019, to: 2020)
        #expect(first.entered.map(\.id) == [f.lam])
        #expect(first.left.map(\.id) == [f.hoa])
        #expect(first.moved.isEmpty)

        let second = try f.db.listDiff(from: 2020, to: 2021)
        #expect(second.entered.isEmpty)
        #expect(second.left.isEmpty)
        #expect(second.moved.map(\.id) == [f.duc])
        #expect(second.moved.first?.villageId == years.dongTam)

        let third = try f.db.listDiff(from: 2021, to: 2022)
        #expect(third.left.map(\.id) == [f.duc])
        #expect(third.entered.isEmpty && third.moved.isEmpty)

        let across = try f.db.listDiff(from: 2019, to: 2022)
        #expect(Set(across.left.map(\.id)) == [f.duc, f.hoa])
        #expect(across.entered.map(\.id) == [f.lam])
    }

    @Test("the difference needs both years approved")
    func listDiffNeedsApprovedYears() throws {
        let years = try FourYears(through: 2020)
        try expectRefusal("year_not_approved", in: years.f) { _ = try years.f.db.listDiff(from: 2020, to: 2021) }
        try expectRefusal("year_not_approved", in: years.f) { _ = try years.f.db.listDiff(from: 2018, to: 2019) }
    }

    @Test("a person's history lists recognition, re-binding and removal in order, with decision numbers")
    func history() throws {
        let years = try FourYears()
        let f = years.f
        let (person, events) = try f.db.history(personId: f.duc)
        #expect(person.name == "Trần Văn Đức")
        #expect(person.villageId == years.dongTam)

        struct Step: Equatable {
            var event: HistoryEvent.Event
            var date: String
            var village: String?
            var decision: String?
            var reason: String?
            var year: Int?
        }
        let legalKinds: [HistoryEvent.Event] = [.entered, .left, .listed, .died]
        let legal = events.filter { legalKinds.contains($0.event) }.map {
            Step(event: $0.event, date: $0.date.iso, village: $0.village, decision: $0.decisionNumber, reason: $0.reason,
                 year: $0.listYear)
        }
        #expect(legal == [
            Step(event: .entered, date: "2019-02-19", village: "Thôn Đồng Mỏ", decision: "574/QĐ-UBND"),
            Step(event: .listed, date: "2019-02-19", decision: "574/QĐ-UBND", year: 2019),
            Step(event: .listed, date: "2020-03-04", decision: "449/QĐ-UBND", year: 2020),
            Step(event: .left, date: "2021-04-15", village: "Thôn Đồng Mỏ", decision: "93/QĐ-UBND", reason: "rebound"),
            Step(event: .entered, date: "2021-04-15", village: "Thôn Đồng Tâm", decision: "93/QĐ-UBND"),
            Step(event: .listed, date: "2021-04-15", decision: "93/QĐ-UBND", year: 2021),
            Step(event: .left, date: "2022-03-01", village: "Thôn Đồng Tâm", decision: "50/QĐ-UBND", reason: "health"),
        ])
        // Every event, recorded ones included, comes in date order.
        #expect(zip(events, events.dropFirst()).allSatisfy { $0.date <= $1.date })
        #expect(events.filter { $0.event == .proposed }.map(\.proposalKind) == [.recognize, .rebind, .remove])
        #expect(events.first { $0.event == .registered }?.village == "Thôn Đồng Mỏ")
    }

    @Test("the history of an unknown person is refused")
    func historyUnknownPerson() throws {
        let f = try Fixture()
        try expectRefusal("unknown_person", in: f) { _ = try f.db.history(personId: 999) }
    }

    @Test("lists are narrowed to a district or a commune", arguments: [
        (Fixture.district as String?, nil as String?, ["lam", "sang", "duc", "mai"]),
        (Fixture.otherDistrict, nil, ["thang"]),
        (nil, Fixture.communeA, ["lam", "sang", "duc"]),
        (nil, Fixture.communeB, ["mai"]),
        (Fixture.district, Fixture.communeB, ["mai"]),
        (Fixture.otherDistrict, Fixture.communeA, []),
        (nil, nil, ["lam", "sang", "duc", "mai", "thang"]),
    ])
    func filters(district: String?, commune: String?, expected: [String]) throws {
        let years = try FourYears(through: 2020)
        let f = years.f
        let names: [Int64: String] = [f.lam: "lam", f.sang: "sang", f.duc: "duc", f.mai: "mai", f.thang: "thang",
                                      f.hoa: "hoa", f.hung: "hung"]
        let filter = UytinDatabase.ListFilter(districtCode: district, communeCode: commune)
        #expect(try f.db.listed(on: day("2020-03-04"), filter: filter).map { names[$0.id]! } == expected)
        #expect(try f.db.yearlyListEntries(2020, filter: filter).map { names[$0.id]! } == expected)
    }

    @Test("a filter naming an unknown area or the wrong level is refused")
    func badFilters() throws {
        let f = try Fixture()
        try expectRefusal("unknown_area", in: f) {
            _ = try f.db.listed(on: day("2020-01-01"), filter: .init(districtCode: "999"))
        }
        try expectRefusal("area_level", in: f) {
            _ = try f.db.listed(on: day("2020-01-01"), filter: .init(districtCode: Fixture.communeA))
        }
        try expectRefusal("area_level", in: f) {
            _ = try f.db.yearlyListEntries(2019, filter: .init(communeCode: Fixture.district))
        }
    }

    @Test("areas list districts, each followed by its communes")
    func areas() throws {
        let f = try Fixture()
        let areas = try f.db.areas()
        #expect(areas.filter { $0.level == .district }.map(\.code) == ["243", "244", "246", "247", "248", "249", "251", "252", "253"])
        let tamDao = try #require(areas.firstIndex { $0.code == Fixture.district })
        #expect(areas[tamDao + 1].code == Fixture.communeA)
        #expect(areas[tamDao + 2].code == Fixture.communeB)
        try expectRefusal("area_exists", in: f) {
            try f.db.addArea(Area(code: Fixture.communeA, level: .commune, name: "Xã Trùng", parentCode: Fixture.district))
        }
        try expectRefusal("area_level", in: f) {
            try f.db.addArea(Area(code: "08999", level: .commune, name: "Xã Lạc", parentCode: Fixture.communeA))
        }
        try expectRefusal("village_exists", in: f) {
            _ = try f.db.addVillage(communeCode: Fixture.communeA, name: "thon dong mo", quota: 1)
        }
        try expectRefusal("invalid_quota", in: f) {
            _ = try f.db.addVillage(communeCode: Fixture.communeA, name: "Thôn Mới", quota: 0)
        }
        try expectRefusal("invalid_quota", in: f) {
            _ = try f.db.addVillage(communeCode: Fixture.communeA, name: "Thôn Mới", quota: 21)
        }
        try expectRefusal("area_level", in: f) {
            _ = try f.db.addVillage(communeCode: Fixture.district, name: "Thôn Mới", quota: 1)
        }
    }
}
