import Foundation
import Registry
import Scheduler
@testable import Storage
import Testing
import VietnameseCalendar

@Suite("Contingency periods change how benefits are delivered")
struct ContingencyTests {
    let day = SchedulerFixture.day

    @Test("during a province-wide period the Tết gift is taken home, and says which period changed it")
    func homeDelivery() throws {
        let fixture = try SchedulerFixture(persons: 2)
        let period = try fixture.database.declareContingency(from: day("2021-05-01"), to: day("2022-03-31"), areaCode: nil,
                                                             reason: "Covid-19", decision: nil)
        _ = try fixture.database.run(until: day("2022-12-31"))
        let gifts = Dictionary(grouping: try fixture.entitlements(.lunarNewYearGift), by: \.period)
        #expect(gifts["2022"]?.allSatisfy { $0.method == .homeVisit && $0.contingencyId == period } == true)
        #expect(gifts["2021"]?.allSatisfy { $0.method == .ceremony && $0.contingencyId == nil } == true)
        #expect(try fixture.entitlements(.newspaper).allSatisfy { $0.contingencyId == nil }, "unchanged policy leaves no mark")
    }

    @Test("a period for one commune changes only that commune's benefits")
    func oneCommune() throws {
        let fixture = try SchedulerFixture(persons: 2)
        let period = try fixture.database.declareContingency(from: day("2022-01-01"), to: day("2022-02-28"), areaCode: "24801",
                                                             reason: "Phong tỏa xã", decision: nil)
        _ = try fixture.database.run(until: day("2022-12-31"))
        let gifts = try fixture.entitlements(.lunarNewYearGift, year: 2022)
        #expect(gifts.first { $0.personId == fixture.persons[0] }?.contingencyId == period)
        #expect(gifts.first { $0.personId == fixture.persons[1] }?.contingencyId == nil)
    }

    @Test("a postponed study tour is due the day after the period ends")
    func postponeThenRelease() throws {
        let fixture = try SchedulerFixture(persons: 1)
        let period = try fixture.database.declareContingency(from: day("2021-05-01"), to: nil, areaCode: nil, reason: "Covid-19", decision: nil)
        _ = try fixture.database.addPlan(kind: .studyTour, date: day("2021-07-25"), name: "Tham quan", persons: nil)
        _ = try fixture.database.run(until: day("2021-08-31"))
        let tour = try #require(try fixture.entitlements(.studyTour).first)
        #expect(tour.postponed && tour.contingencyId == period && tour.status == .planned)
        try fixture.database.endContingency(period, on: day("2021-09-30"))
        let released = try #require(try fixture.entitlements(.studyTour).first)
        #expect(!released.postponed && released.dueDate == day("2021-10-01") && released.contingencyId == period)
    }

    @Test("what is still postponed at the year's end is cancelled with the reason")
    func postponeThenCancel() throws {
        let fixture = try SchedulerFixture(persons: 1)
        _ = try fixture.database.declareContingency(from: day("2021-05-01"), to: nil, areaCode: nil, reason: "Covid-19", decision: nil)
        _ = try fixture.database.addPlan(kind: .studyTour, date: day("2021-07-25"), name: "Tham quan", persons: nil)
        _ = try fixture.database.run(until: day("2021-12-30"))
        #expect(try fixture.entitlements(.studyTour).first?.status == .planned)
        let report = try fixture.database.run(until: day("2021-12-31"))
        #expect(report.cancelled == 1)
        let tour = try #require(try fixture.entitlements(.studyTour).first)
        #expect(tour.status == .cancelled && tour.cancelReason?.contains("hết năm") == true)
    }

    @Test("a cancel policy cancels at once; online moves training online")
    func cancelAndOnline() throws {
        let fixture = try SchedulerFixture(persons: 1)
        _ = try fixture.database.setRule(.commendation, from: day("2019-01-01"), .init(amount: 500_000, contingencyPolicy: .cancel))
        _ = try fixture.database.declareContingency(from: day("2021-05-01"), to: day("2021-12-31"), areaCode: nil, reason: "Covid-19", decision: nil)
        _ = try fixture.database.addPlan(kind: .commendation, date: day("2021-06-01"), name: "Biểu dương", persons: nil)
        _ = try fixture.database.addPlan(kind: .training, date: day("2021-10-15"), name: "Tập huấn", persons: nil)
        _ = try fixture.database.run(until: day("2021-12-31"))
        #expect(try fixture.entitlements(.commendation).first?.status == .cancelled)
        #expect(try fixture.entitlements(.training).first?.method == .online)
    }
}

@Suite("An entitlement's lifecycle")
struct LifecycleTests {
    let day = SchedulerFixture.day

    @Test("approval needs a second person; planned → approved → delivered; cancelled is final")
    func fourEyes() throws {
        let fixture = try SchedulerFixture(persons: 2)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("uytin-life-\(UUID().uuidString).sqlite").path
        try fixture.database.backup(to: path)
        let cron = try UytinDatabase.open(path: path, actor: "cron")
        let report = try cron.run(until: day("2020-02-01"))
        #expect(throws: RegistryError.self) { try cron.approveEntitlements(ids: nil, run: report.runId) }
        let accountant = try UytinDatabase.open(path: path, actor: "ke-toan")
        let approved = try accountant.approveEntitlements(ids: nil, run: report.runId)
        #expect(approved == report.created)
        let gift = try #require(try accountant.entitlements(.init(kind: .lunarNewYearGift)).first)
        #expect(throws: RegistryError.self) { try accountant.cancelEntitlements(ids: [999_999], reason: "không có") }
        _ = try accountant.deliverEntitlements(ids: [gift.id], on: day("2020-01-20"), receipt: "Sổ 01")
        #expect(throws: RegistryError.self) { try accountant.cancelEntitlements(ids: [gift.id], reason: "đổi ý") }
        #expect(throws: (any Error).self) {
            try accountant.write { db in try db.execute(sql: "UPDATE entitlement SET status = 'planned' WHERE id = ?", arguments: [gift.id]) }
        }
        #expect(throws: (any Error).self) {
            try accountant.write { db in try db.execute(sql: "DELETE FROM entitlement WHERE id = ?", arguments: [gift.id]) }
        }
        #expect(try accountant.check().ok)
    }

    @Test("the budget's projection equals what the run then makes")
    func budgetProjection() throws {
        let fixture = try SchedulerFixture(persons: 3)
        _ = try fixture.database.addPlan(kind: .training, date: day("2022-10-10"), name: "Tập huấn", persons: nil)
        let projected = try fixture.database.budget(year: 2022)
        #expect(projected.allSatisfy { $0.projectedCount == $0.estimatedCount && $0.actual == 0 })
        _ = try fixture.database.run(until: day("2022-12-31"))
        let made = try fixture.database.budget(year: 2022)
        #expect(made.map(\.estimate) == projected.map(\.estimate))
        #expect(made.allSatisfy { $0.projectedCount == 0 })
    }
}
