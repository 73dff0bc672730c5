import Foundation
import Registry
import Scheduler
@testable import Storage
import Testing
import VietnameseCalendar

/// Issue 11, point 6: entitlements created ahead of their due date, festivals from a day on, a death's day, and
/// contingency periods that do not overlap and re-evaluate what is already planned.
@Suite("Dates: lead days, festivals from a day, deaths, contingency re-evaluation")
struct LeadDaysTests {
    let day = SchedulerFixture.day

    @Test("the shipped Tết gift is created 30 days (a labelled sample) before it is due, and a run creates what is due by then")
    func tetAhead() throws {
        let fixture = try SchedulerFixture()
        let tet = try #require(try fixture.database.rules(on: day("2020-01-01")).first { $0.kind == .lunarNewYearGift })
        #expect(tet.advanceDays == ShippedRules.sampleAdvance && tet.advanceIsSample)
        // Tết 2020 is 25/01; delivered 10 days before (15/01), created 30 days before that (16/12/2019).
        _ = try fixture.database.run(until: day("2019-12-15"))
        #expect(try fixture.entitlements(.lunarNewYearGift, year: 2020).isEmpty)
        let report = try fixture.database.run(until: day("2019-12-16"))
        let gifts = try fixture.entitlements(.lunarNewYearGift, year: 2020)
        #expect(gifts.count == 4 && gifts.allSatisfy { $0.dueDate == day("2020-01-15") && $0.status == .planned })
        #expect(report.ahead.map(\.kind) == [.lunarNewYearGift] && report.ahead.first?.advanceDays == 30)
        // Idempotent: running the same days again changes nothing.
        let before = try fixture.entitlementRows()
        #expect(try fixture.database.run(until: day("2019-12-16")).upToDate)
        _ = try fixture.database.run(until: day("2019-12-20"))
        #expect(try fixture.entitlementRows() == before)
    }

    @Test("the days ahead are versioned like amounts: a version from a date changes them from that date on")
    func advanceVersioned() throws {
        let fixture = try SchedulerFixture()
        let rule = try fixture.database.setRule(.lunarNewYearGift, from: day("2021-01-01"), .init(amount: 500_000, advanceDays: 0))
        #expect(rule.advanceDays == 0 && !rule.advanceIsSample)
        #expect(throws: RegistryError.self) {
            _ = try fixture.database.setRule(.lunarNewYearGift, from: day("2021-06-01"), .init(amount: 500_000, advanceDays: 91))
        }
        // Tết 2021 is 12/02, due 02/02: created that day, not before.
        _ = try fixture.database.run(until: day("2021-02-01"))
        #expect(try fixture.entitlements(.lunarNewYearGift, year: 2021).isEmpty)
        _ = try fixture.database.run(until: day("2021-02-02"))
        #expect(try fixture.entitlements(.lunarNewYearGift, year: 2021).count == 4)
    }

    @Test("someone recognised after the gifts were created ahead, before Tết, gets theirs at the next run")
    func newcomerBeforeTet() throws {
        var fixture = try SchedulerFixture(persons: 2)
        _ = try fixture.database.run(until: day("2020-01-01"))
        #expect(try fixture.entitlements(.lunarNewYearGift, year: 2020).count == 2)
        let village = try fixture.database.addVillage(communeCode: "24801", name: "Thôn Mới", quota: 1)
        let person = try fixture.database.addPerson(NewPerson(name: "Người Mới", gender: .nu, birthYear: 1960, birthDate: nil,
                                                              ethnicCode: "18", villageId: village, idNumber: nil, roles: [.villageElder],
                                                              phone: nil)).id
        fixture.persons.append(person)
        let proposal = try fixture.database.propose(.recognize(person: person, village: nil), note: nil)
        _ = try fixture.database.recordDecision(DecisionInput(number: "2/QĐ-UBND", issuer: "UBND tỉnh", decidedOn: day("2020-01-10"),
                                                              effectiveOn: day("2020-01-10"), approve: [proposal], reject: [],
                                                              listYear: nil, file: nil))
        _ = try fixture.database.run(until: day("2020-01-11"))
        let gifts = try fixture.entitlements(.lunarNewYearGift, year: 2020)
        #expect(gifts.count == 3 && gifts.contains { $0.personId == person })
        // After Tết has passed, the occasion is not looked at again.
        _ = try fixture.database.run(until: day("2020-02-10"))
        #expect(try fixture.entitlements(.lunarNewYearGift, year: 2020).count == 3)
    }

    @Test("a festival gives gifts from its --from day on, never for the years before")
    func festivalFrom() throws {
        let fixture = try SchedulerFixture()
        _ = try fixture.database.setFestival(name: "Hội Xuân", ethnicCodes: ["18"], rule: .solar(month: 4, day: 10),
                                             from: day("2021-01-01"))
        _ = try fixture.database.run(until: day("2021-12-31"))
        let gifts = try fixture.entitlements(.festivalGift)
        #expect(!gifts.isEmpty && gifts.allSatisfy { $0.period.hasSuffix("-2021") })
        // Set again without a day: it keeps the one it had.
        _ = try fixture.database.setFestival(name: "Hội Xuân", ethnicCodes: ["18"], rule: .solar(month: 4, day: 12))
        #expect(try fixture.database.festivals().first?.since == day("2021-01-01"))
    }

    @Test("a death stops benefits from its day: what was created ahead for later occasions is cancelled and said")
    func deathCancelsAhead() throws {
        let fixture = try SchedulerFixture()
        _ = try fixture.database.run(until: day("2020-01-01"))
        let result = try fixture.database.propose(.remove(person: fixture.persons[0], reason: "death", effectiveOn: nil), note: nil,
                                                  died: day("2020-01-05"))
        #expect(result.deathRecorded && result.diedOn == day("2020-01-05"))
        #expect(result.cancelled.contains { $0.kind == .lunarNewYearGift && $0.occasionDate == day("2020-01-25") })
        #expect(try fixture.database.person(fixture.persons[0]).deathDate == day("2020-01-05"))
        #expect(throws: RegistryError.self) {
            _ = try fixture.database.propose(.remove(person: fixture.persons[1], reason: "death", effectiveOn: nil), note: nil, died: nil)
        }
        // The next run gives the condolence, and nothing else from the day of death.
        _ = try fixture.database.run(until: day("2020-03-31"))
        let after = try fixture.database.entitlements(.init(person: fixture.persons[0]))
            .filter { $0.occasionDate >= day("2020-01-05") && $0.status != .cancelled }
        #expect(after.map(\.kind) == [.condolence])
    }

    @Test("two periods for overlapping areas and dates are refused; extending one re-evaluates what is planned in the added days")
    func contingencyExtend() throws {
        let fixture = try SchedulerFixture()
        _ = try fixture.database.run(until: day("2022-01-01"))
        let period = try fixture.database.declareContingencyReporting(from: day("2022-01-01"), to: day("2022-01-10"), areaCode: nil,
                                                                      reason: "Covid-19", decision: nil)
        #expect(period.changed.isEmpty)
        #expect(throws: RegistryError.self) {
            _ = try fixture.database.declareContingency(from: day("2022-01-05"), to: nil, areaCode: "24801", reason: "Dịch", decision: nil)
        }
        #expect(throws: RegistryError.self) { _ = try fixture.database.extendContingency(period.id, to: day("2022-01-09")) }
        // One Tết 2022 gift (due 22/01) already delivered: it never changes.
        let gifts = try fixture.entitlements(.lunarNewYearGift, year: 2022)
        #expect(gifts.count == 4 && gifts.allSatisfy { $0.method == .ceremony })
        try fixture.database.write { db in
            try db.execute(sql: "UPDATE entitlement SET status = 'approved', approved_by = 'ke-toan' WHERE id = ?", arguments: [gifts[0].id])
            try db.execute(sql: "UPDATE entitlement SET status = 'delivered', delivered_on = '2022-01-20' WHERE id = ?",
                           arguments: [gifts[0].id])
        }
        let extended = try fixture.database.extendContingency(period.id, to: day("2022-01-31"))
        #expect(extended.changed.count == 3)
        #expect(extended.changed.allSatisfy { $0.oldMethod == .ceremony && $0.method == .homeVisit && $0.kind == .lunarNewYearGift })
        let after = try fixture.entitlements(.lunarNewYearGift, year: 2022)
        #expect(after.first { $0.id == gifts[0].id }?.method == .ceremony)
        #expect(after.filter { $0.contingencyId == period.id }.count == 3)
        // Declared over days with planned entitlements: re-evaluated at once (the 2022 newspapers' policy leaves them be).
        let commune = try fixture.database.declareContingencyReporting(from: day("2022-02-01"), to: nil, areaCode: "24901",
                                                                       reason: "Lũ", decision: nil)
        #expect(commune.changed.isEmpty)
    }
}
