import Foundation
import GRDB
import Registry
import Scheduler
@testable import Storage
import Testing
import VietnameseCalendar

@Suite("Who gets what, and when")
struct EligibilityTests {
    let day = SchedulerFixture.day

    @Test("the Tết gift goes to those on the list on Tết, 10 days before it, at 500,000 đ")
    func tetGift() throws {
        let fixture = try SchedulerFixture(persons: 3)
        _ = try fixture.database.run(until: day("2020-12-31"))
        let gifts = try fixture.entitlements(.lunarNewYearGift)
        // Recognised on 19/02/2019, after Tết 2019 (05/02): the first gift is Tết 2020 (25/01/2020).
        #expect(gifts.map(\.period) == ["2020", "2020", "2020"])
        #expect(gifts.allSatisfy { $0.occasionDate == day("2020-01-25") && $0.dueDate == day("2020-01-15") && $0.amount == 500_000 })
        #expect(gifts.allSatisfy { $0.method == .ceremony && $0.contingencyId == nil && $0.status == .planned })
    }

    @Test("the run uses the rule version that applied on the benefit's date")
    func versionedRules() throws {
        let fixture = try SchedulerFixture(persons: 2)
        _ = try fixture.database.setRule(.lunarNewYearGift, from: day("2021-06-01"), .init(amount: 400_000))
        _ = try fixture.database.run(until: day("2022-12-31"))
        let amounts = Dictionary(grouping: try fixture.entitlements(.lunarNewYearGift), by: \.period).mapValues { $0.map(\.amount) }
        #expect(amounts["2021"] == [500_000, 500_000])
        #expect(amounts["2022"] == [400_000, 400_000])
    }

    @Test("an amount above the legal cap is refused, and history is never edited")
    func cap() throws {
        let fixture = try SchedulerFixture(persons: 1)
        #expect(throws: RegistryError.self) {
            try fixture.database.setRule(.lunarNewYearGift, from: day("2021-01-01"), .init(amount: 600_000))
        }
        #expect(throws: RegistryError.self) {
            try fixture.database.setRule(.sickVisit, from: day("2021-01-01"), .init(amount: 500_000, tiers: [.central: 3_500_000]))
        }
        #expect(throws: RegistryError.self) {
            try fixture.database.setRule(.lunarNewYearGift, from: day("2018-04-24"), .init(amount: 300_000))
        }
        // A version a run has used is never edited (one no entitlement uses yet may be corrected: rule correct).
        _ = try fixture.database.run(until: day("2021-03-31"))
        #expect(throws: (any Error).self) {
            try fixture.database.write { db in try db.execute(sql: "UPDATE benefit_rule SET amount = 1 WHERE kind = 'newspaper'") }
        }
    }

    @Test("at most 2 gift occasions a year: Tết and festivals together")
    func giftLimit() throws {
        let fixture = try SchedulerFixture(persons: 2, ethnic: ["15", "18"])
        _ = try fixture.database.setFestival(name: "Hội A", ethnicCodes: ["15"], rule: .solar(month: 4, day: 10))
        _ = try fixture.database.setFestival(name: "Hội B", ethnicCodes: ["15"], rule: .solar(month: 9, day: 2))
        _ = try fixture.database.run(until: day("2021-12-31"))
        let gifts2021 = try fixture.database.entitlements(.init(year: 2021, person: fixture.persons[0]))
            .filter { $0.kind == .lunarNewYearGift || $0.kind == .festivalGift }
        #expect(gifts2021.count == 2)
        #expect(gifts2021.map(\.occasionDate).sorted() == [day("2021-02-12"), day("2021-04-10")])
        let other = try fixture.database.entitlements(.init(year: 2021, person: fixture.persons[1]))
        #expect(other.filter { $0.kind == .festivalGift }.isEmpty, "festivals go only to their ethnic groups")
    }

    @Test("a lunar festival falls on its lunar day each year")
    func lunarFestival() throws {
        let fixture = try SchedulerFixture(persons: 1, ethnic: ["15"])
        _ = try fixture.database.setFestival(name: "Rằm tháng Giêng", ethnicCodes: ["Cao Lan"], rule: .lunar(month: 1, day: 15))
        _ = try fixture.database.setRule(.lunarNewYearGift, from: day("2019-01-01"), .init(amount: 500_000, perYear: .some(3)))
        _ = try fixture.database.setRule(.festivalGift, from: day("2019-01-01"), .init(amount: 300_000, perYear: .some(3)))
        _ = try fixture.database.run(until: day("2022-12-31"))
        let festivals = try fixture.entitlements(.festivalGift).map(\.occasionDate)
        // Rằm tháng Giêng 2019 is 19/02/2019, the very day of the recognition: on the list that day, so it counts.
        #expect(festivals == [day("2019-02-19"), day("2020-02-08"), day("2021-02-26"), day("2022-02-15")])
    }

    @Test("a person recognised later gets nothing before; a removed person's undelivered benefits are cancelled")
    func recognitionAndRemoval() throws {
        let fixture = try SchedulerFixture(persons: 2)
        _ = try fixture.database.run(until: day("2021-12-31"))
        // Remove person 1 from 01/03/2021: their undelivered benefits from then on are cancelled.
        let proposal = try fixture.database.propose(.remove(person: fixture.persons[0], reason: "health", effectiveOn: nil), note: nil)
        _ = try fixture.database.recordDecision(DecisionInput(number: "2/QĐ", issuer: "UBND tỉnh", decidedOn: day("2021-03-01"),
                                                              effectiveOn: day("2021-03-01"), approve: [proposal], reject: [],
                                                              listYear: nil, file: nil))
        let mine = try fixture.database.entitlements(.init(person: fixture.persons[0]))
        #expect(mine.filter { $0.occasionDate >= day("2021-03-01") }.allSatisfy { $0.status == .cancelled && $0.cancelReason != nil })
        #expect(mine.filter { $0.occasionDate < day("2021-03-01") }.allSatisfy { $0.status == .planned })
        _ = try fixture.database.run(until: day("2022-12-31"))
        // Nothing owed in 2022: the Tết 2022 gift, created a month ahead by the run through 2021, was cancelled with the rest.
        #expect(try fixture.database.entitlements(.init(year: 2022, person: fixture.persons[0])).allSatisfy { $0.status == .cancelled })
        #expect(try fixture.database.entitlements(.init(year: 2022, person: fixture.persons[1])).count == 13)
    }

    @Test("a death stops benefits after it and brings the condolence, once")
    func death() throws {
        let fixture = try SchedulerFixture(persons: 2)
        _ = try fixture.database.run(until: day("2020-12-31"))
        _ = try fixture.database.recordEvent(person: fixture.persons[0], kind: .death, date: day("2020-06-15"), level: nil, note: nil)
        let after = try fixture.database.entitlements(.init(person: fixture.persons[0])).filter { $0.occasionDate > day("2020-06-15") }
        #expect(!after.isEmpty && after.allSatisfy { $0.status == .cancelled })
        _ = try fixture.database.run(until: day("2021-12-31"))
        let condolences = try fixture.entitlements(.condolence)
        #expect(condolences.count == 1)
        #expect(condolences.first?.personId == fixture.persons[0])
        #expect(try fixture.database.entitlements(.init(year: 2021, person: fixture.persons[0])).filter { $0.kind != .condolence }.isEmpty)
        #expect(throws: RegistryError.self) {
            try fixture.database.recordEvent(person: fixture.persons[0], kind: .death, date: day("2020-06-15"), level: nil, note: nil)
        }
    }

    @Test("a sickness visit is paid once a year, at the highest tier reported")
    func sickVisit() throws {
        let fixture = try SchedulerFixture(persons: 1)
        let person = fixture.persons[0]
        _ = try fixture.database.recordEvent(person: person, kind: .hospitalized, date: day("2021-03-02"), level: .district, note: nil)
        _ = try fixture.database.run(until: day("2021-03-10"))
        #expect(try fixture.entitlements(.sickVisit).map(\.amount) == [800_000])
        _ = try fixture.database.recordEvent(person: person, kind: .hospitalized, date: day("2021-03-12"), level: .central, note: nil)
        _ = try fixture.database.recordEvent(person: person, kind: .hospitalized, date: day("2021-08-01"), level: .province, note: nil)
        let report = try fixture.database.run(until: day("2021-12-31"))
        #expect(report.updated == 1)
        let visits = try fixture.entitlements(.sickVisit)
        #expect(visits.count == 1)
        #expect(visits.first?.amount == 3_000_000 && visits.first?.level == .central)
        _ = try fixture.database.recordEvent(person: person, kind: .hospitalized, date: day("2022-01-05"), level: .province, note: nil)
        _ = try fixture.database.run(until: day("2022-01-31"))
        #expect(try fixture.entitlements(.sickVisit).map(\.amount) == [3_000_000, 1_500_000])
    }

    @Test("an event of someone not on the list that day is refused")
    func eventOffList() throws {
        let fixture = try SchedulerFixture(persons: 1)
        #expect(throws: RegistryError.self) {
            try fixture.database.recordEvent(person: fixture.persons[0], kind: .hardship, date: day("2019-01-10"), level: nil, note: nil)
        }
    }

    @Test("a plan reaches its participants, or everybody on the list that day")
    func plans() throws {
        let fixture = try SchedulerFixture(persons: 4)
        _ = try fixture.database.addPlan(kind: .studyTour, date: day("2020-07-25"), name: "Tham quan", persons: [fixture.persons[1], fixture.persons[2]])
        _ = try fixture.database.addPlan(kind: .commendation, date: day("2020-12-25"), name: "Biểu dương", persons: nil)
        _ = try fixture.database.run(until: day("2020-12-31"))
        #expect(Set(try fixture.entitlements(.studyTour).map(\.personId)) == [fixture.persons[1], fixture.persons[2]])
        #expect(try fixture.entitlements(.studyTour).allSatisfy { $0.dueDate == day("2020-07-11") })
        #expect(try fixture.entitlements(.commendation).count == 4)
    }
}
