import Foundation
import GRDB
import Registry
import Storage
import Testing
import VietnameseCalendar

/// The map over time: an official old→new table closes units and opens others, moves villages and re-binds the
/// persons on the list by law; every list of an earlier date keeps its units (issue 10, point 2).
@Suite("Reorganisations of the map")
struct ReorgTests {
    func lines(_ csv: String) throws -> [ReorgPlanner.Line] {
        let rows = csv.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        switch ReorgPlanner.lines(rows) {
        case .success(let lines): return lines
        case .failure(let errors): throw errors
        }
    }

    func apply(_ f: Fixture, _ csv: String, on date: String, dryRun: Bool = false) throws -> UytinDatabase.ReorgReport {
        try f.db.reorganize(try lines(csv), effectiveOn: day(date), basis: "Nghị quyết mẫu", fileName: "mau.csv",
                            fileSha256: nil, dryRun: dryRun)
    }

    static let header = "level,old_code,old_name,new_code,new_name"

    /// Đức (Đồng Mỏ, Xã Đạo Trù), Mai (Xạ Hương, Xã Bồ Lý) and Thắng (Lập Thành, Xã Quang Yên) on the 2019 list.
    func listed() throws -> Fixture {
        let f = try Fixture()
        try f.recognizeAll([f.duc, f.mai, f.thang], listYear: 2019)
        try f.db.addTerm(2024...2028, basis: nil)
        let carried = try f.db.carryOver(note: nil).drafted.compactMap(\.proposalId)
        try f.decide("1/QĐ-UBND", on: "2024-01-10", approve: carried, listYear: 2024)
        return f
    }

    @Test("communes merged into a new code: villages move, members are re-bound by law, old lists keep the old units")
    func communeMerger() throws {
        let f = try listed()
        let csv = """
            \(Self.header)
            commune,\(Fixture.communeA),Xã Đạo Trù,08870,Xã Đạo Trù
            commune,\(Fixture.communeB),Xã Bồ Lý,08870,Xã Đạo Trù
            """
        let before = try f.dump()
        let dry = try apply(f, csv, on: "2025-01-01", dryRun: true)
        #expect(try f.dump() == before)
        #expect(dry.dryRun && dry.opened.map(\.code) == ["08870"] && dry.closed.count == 2)
        #expect(dry.villages.count == 4)
        #expect(dry.persons.filter(\.listed).map(\.personId).sorted() == [f.duc, f.mai].sorted())

        let report = try apply(f, csv, on: "2025-01-01")
        #expect(report.reorgId != nil)
        let after = try f.db.listed(on: day("2025-01-02"))
        #expect(after.count == 3)
        #expect(after.first { $0.id == f.duc }?.communeCode == "08870")
        #expect(after.first { $0.id == f.duc }?.district == "Huyện Tam Đảo")
        // The 2019 list and the list of 2024 keep Xã Đạo Trù's old code.
        #expect(try f.db.yearlyListEntries(2019).first { $0.id == f.duc }?.communeCode == Fixture.communeA)
        #expect(try f.db.listed(on: day("2024-12-31")).first { $0.id == f.duc }?.communeCode == Fixture.communeA)
        // The map of each day.
        #expect(try f.db.areas(on: day("2024-12-31"), level: .commune).map(\.code).contains(Fixture.communeA))
        #expect(try !f.db.areas(on: day("2025-01-01"), level: .commune).map(\.code).contains(Fixture.communeA))
        // History says it, with the basis; the home village follows too.
        let events = try f.db.history(personId: f.duc)
        #expect(events.events.contains { $0.event == .rebound && $0.basis == "Nghị quyết mẫu" && $0.date == day("2025-01-01") })
        #expect(events.person.communeCode == "08870")
        #expect(try f.db.reorganizations().map(\.personsRebound) == [2])
        #expect(try f.db.check().ok)
        // Applying it again is refused: history is not rewritten.
        #expect(throws: RegistryError.reorgBeforeLastDecision) { _ = try apply(f, csv, on: "2025-01-01") }
    }

    @Test("the district level ends and the province becomes another: communes hang from the new province")
    func twoTiers() throws {
        let f = try listed()
        let districts = try f.db.areas(on: day("2025-06-30"), level: .district)
        let csv = ([Self.header, "province,26,Tỉnh Vĩnh Phúc,25,Tỉnh Phú Thọ"]
                   + districts.map { "district,\($0.code),\($0.name),," }
                   + ["commune,\(Fixture.communeA),Xã Đạo Trù,25001,Xã Tam Đảo",
                      "commune,\(Fixture.communeB),Xã Bồ Lý,25001,Xã Tam Đảo"]).joined(separator: "\n")
        _ = try apply(f, csv, on: "2025-07-01")
        let province = try #require(try f.db.province(on: day("2025-07-01")))
        #expect(province.code == "25" && province.name == "Tỉnh Phú Thọ")
        #expect(try f.db.areas(on: day("2025-07-01"), level: .district).isEmpty)
        let communes = try f.db.areas(on: day("2025-07-01"), level: .commune)
        // Xã Quang Yên was not in the table: it keeps its code, now under the province.
        #expect(communes.map(\.code).sorted() == ["08920", "25001"])
        #expect(communes.allSatisfy { $0.parentCode == "25" })
        let list = try f.db.listed(on: day("2025-07-01"))
        #expect(list.count == 3 && list.allSatisfy { $0.district.isEmpty })
        #expect(try f.db.yearlyListEntries(2019).allSatisfy { !$0.district.isEmpty })
        #expect(try f.db.agency(on: day("2025-07-01")).parent == "UBND tỉnh Phú Thọ")
        #expect(try f.db.agency(on: day("2021-04-15")).parent == "UBND tỉnh Vĩnh Phúc")
        #expect(try f.db.check().ok)
    }

    @Test("a split commune needs a line for each village; two villages of one name need their new names")
    func splitNeedsEveryVillage() throws {
        let f = try listed()
        let second = try f.db.addVillage(communeCode: Fixture.communeC, name: "Thôn Đồng Mỏ", quota: 1)
        let split = """
            \(Self.header)
            commune,\(Fixture.communeC),Xã Quang Yên,25002,Xã Quang Yên
            commune,\(Fixture.communeC),Xã Quang Yên,25003,Xã Lãng Công
            village,\(f.lapThanh),Thôn Lập Thành,25003,Thôn Lập Thành
            """
        do {
            _ = try apply(f, split, on: "2025-07-01")
            Issue.record("expected a refusal")
        } catch let errors as RegistryErrors {
            #expect(errors.codes == ["reorg_split_unassigned"])
            #expect(errors.message.vi.contains("Thôn Đồng Mỏ (#\(second))"))
        }
        // Merging Xã Bồ Lý into Xã Đạo Trù would put two "Thôn Đồng Mỏ" in one commune.
        let third = try f.db.addVillage(communeCode: Fixture.communeB, name: "Thôn Đồng Mỏ", quota: 1)
        let clash = """
            \(Self.header)
            commune,\(Fixture.communeA),Xã Đạo Trù,25001,Xã Đạo Trù
            commune,\(Fixture.communeB),Xã Bồ Lý,25001,Xã Đạo Trù
            """
        do {
            _ = try apply(f, clash, on: "2025-07-01")
            Issue.record("expected a refusal")
        } catch let errors as RegistryErrors {
            #expect(errors.codes == ["reorg_village_clash"])
        }
        // Communes of two districts that stay cannot merge: the new commune would have two parents.
        let parents = "\(Self.header)\ncommune,\(Fixture.communeA),Xã Đạo Trù,25001,Xã Đạo Trù\ncommune,\(Fixture.communeC),Xã Quang Yên,25001,Xã Đạo Trù"
        #expect(throws: RegistryErrors.self) { _ = try apply(f, parents, on: "2025-07-01") }
        // A village line stating the merger makes it one village.
        let stated = clash + "\nvillage,\(third),Thôn Đồng Mỏ,25001,Thôn Đồng Mỏ"
        let report = try apply(f, stated, on: "2025-07-01")
        #expect(report.villages.filter { $0.toVillage == "Thôn Đồng Mỏ" }.count == 2)
        #expect(try f.db.check().ok)
    }

    @Test("every problem of a table is reported at once, with its line, and nothing is written")
    func badLines() throws {
        let f = try listed()
        let before = try f.dump()
        let csv = """
            \(Self.header)
            commune,\(Fixture.communeA),Xã Sai Tên,25001,Xã Tam Đảo
            commune,99999,Xã Không Có,25002,Xã Mới
            district,248,Huyện Tam Đảo,253,Huyện Sông Lô
            hamlet,1,Thôn,25001,Thôn
            """
        do {
            _ = try apply(f, csv, on: "2025-07-01")
            Issue.record("expected a refusal")
        } catch let errors as RegistryErrors {
            #expect(errors.errors.count == 1)   // the malformed level stops the table before it meets the map
            #expect(errors.message.vi.contains("Dòng 5"))
        }
        do {
            _ = try apply(f, csv.split(separator: "\n").dropLast().joined(separator: "\n"), on: "2025-07-01")
            Issue.record("expected a refusal")
        } catch let errors as RegistryErrors {
            #expect(errors.message.vi.contains("Dòng 2") && errors.message.vi.contains("Dòng 3"))
        }
        // 253 is Huyện Sông Lô, in force and not closed by the table: its code is taken.
        do {
            _ = try apply(f, "\(Self.header)\ndistrict,248,Huyện Tam Đảo,253,Huyện Sông Lô", on: "2025-07-01")
            Issue.record("expected a refusal")
        } catch let errors as RegistryErrors {
            #expect(errors.codes == ["area_code_taken"])
        }
        #expect(throws: RegistryErrors.self) { _ = try self.lines("level,code\ncommune,1,2,3,4") }
        #expect(try f.dump() == before)
    }
}
