import Demo
import Foundation
import Registry
import Scheduler
@testable import Storage
import Testing
import VietnameseCalendar

@Suite("The demo province's whole term, entitlement by entitlement")
struct WholeTermTests {
    @Test("2019–2022 run day by day: every Tết gift, the epidemic's home deliveries, the study tour, the sickness visit")
    func wholeTerm() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("uytin-term-\(UUID().uuidString).sqlite").path
        let database = try UytinDatabase.open(path: path, actor: "demo", create: true)
        var demo = DemoProvince(database: database)
        _ = try demo.build()
        let summary = try demo.runBenefits()
        #expect(summary.runs == 1461)

        let gifts = Dictionary(grouping: try database.entitlements(.init(kind: .lunarNewYearGift)), by: \.period)
        // Tết 2019 (05/02) came before the 19/02/2019 decision; Tết 2020 (25/01): 74 less the death of 20/11/2019;
        // Tết 2021 (12/02): 70 less the death of 08/01/2021; Tết 2022 (01/02): the 69 of the 2021 list.
        #expect(gifts["2019"] == nil)
        #expect(gifts["2020"]?.count == 73)
        #expect(gifts["2021"]?.count == 69)
        #expect(gifts["2022"]?.count == 69)
        let list2021 = Set(try database.yearlyListEntries(2021).map(\.id))
        #expect(Set(gifts["2022"]!.map(\.personId)) == list2021)
        for gift in gifts["2022"]! {
            #expect(gift.method == .homeVisit && gift.contingencyId == summary.contingencyId)
            #expect(gift.dueDate == Day(year: 2022, month: 1, day: 22)! && gift.amount == 500_000 && gift.status == .delivered)
        }
        for gift in gifts["2020"]! + gifts["2021"]! {
            #expect(gift.method == .ceremony && gift.contingencyId == nil && gift.status == .planned)
        }
        let training = try database.entitlements(.init(year: 2021, kind: .training))
        #expect(training.count == 69 && training.allSatisfy { $0.method == .online })
        let tour = try database.entitlements(.init(year: 2022, kind: .studyTour))
        #expect(tour.count == 40 && tour.allSatisfy { $0.method == .ceremony && $0.contingencyId == nil })
        let visits = try database.entitlements(.init(kind: .sickVisit))
        #expect(visits.map(\.amount) == [3_000_000])
        #expect(try database.entitlements(.init(kind: .hardshipSupport)).map(\.amount) == [2_000_000])
        let newspapers = try database.entitlements(.init(year: 2022, kind: .newspaper))
        #expect(newspapers.count == 69 * 12)
        #expect(try database.check().ok)
    }
}
