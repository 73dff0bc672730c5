import Foundation
import Registry
import Scheduler
import Storage
import VietnameseCalendar

/// The benefits side of the demo: the 2021–2022 epidemic, a few plans and life events, and cron's daily runs.
extension DemoProvince {
    /// What the benefit runs made.
    public struct BenefitSummary: Sendable, Codable {
        public var runs: Int
        public var entitlements: Int
        public var contingencyId: Int64
        public var tet2022: [Tet2022Entry]
        /// Cron's runs after 2022 (about once a week, and on the eve of every step of the story); nil when the demo
        /// stops at the end of 2022.
        public var weeklyRuns: Int?
        /// The last day the runs reached.
        public var through: Day?
        /// Every sickness visit, with the level that set its amount (QĐ 12/2018's three tiers, then QĐ 28/2023's four).
        public var sickVisits: [SickVisit]?

        public struct Tet2022Entry: Sendable, Codable {
            public var method: String
            public var status: String
            public var count: Int
            public var amount: Int
        }

        public struct SickVisit: Sendable, Codable {
            public var personId: Int64
            public var date: Day
            public var level: String?
            public var amount: Int
        }
    }

    /// Declares the sample contingency period, plans and events, then runs every day of 2019–2022 one by one as cron
    /// would, and has a second person approve and deliver the Tết 2022 gifts.
    public func runBenefits(through last: Day = Day(year: 2022, month: 12, day: 31)!,
                            progress: (Day) -> Void = { _ in }) throws -> BenefitSummary {
        let covid = try database.declareContingency(
            from: Day(year: 2021, month: 5, day: 1)!, to: Day(year: 2022, month: 3, day: 31)!, areaCode: nil,
            reason: "Dịch Covid-19: hạn chế tập trung đông người (giai đoạn mẫu)", decision: "Kế hoạch ứng phó dịch Covid-19 (mẫu)")
        let listed2020 = try database.yearlyListEntries(2020).map(\.id)
        let listed2022 = try database.listed(on: Day(year: 2022, month: 7, day: 25)!).map(\.id)
        _ = try database.addPlan(kind: .commendation, date: Day(year: 2020, month: 12, day: 25)!,
                                 name: "Hội nghị biểu dương người có uy tín tiêu biểu 2020", persons: Array(listed2020.prefix(10)))
        _ = try database.addPlan(kind: .training, date: Day(year: 2021, month: 10, day: 15)!,
                                 name: "Hội nghị cung cấp thông tin cho người có uy tín năm 2021", persons: nil)
        _ = try database.addPlan(kind: .studyTour, date: Day(year: 2022, month: 7, day: 25)!,
                                 name: "Tham quan, học tập 25–28/7/2022", persons: Array(listed2022.prefix(40)))

        let sick = listed2022[5]
        let hardship = listed2022[11]
        var runs = 0
        var day = Day(year: 2019, month: 1, day: 1)!
        while day <= last {
            // The events are recorded on the day they happen, between cron's runs.
            if day == Day(year: 2021, month: 9, day: 6)! {
                _ = try database.recordEvent(person: sick, kind: .hospitalized, date: day, level: .province, note: "Điều trị tại bệnh viện tỉnh")
            }
            if day == Day(year: 2021, month: 9, day: 20)! {
                _ = try database.recordEvent(person: sick, kind: .hospitalized, date: day, level: .central,
                                             note: "Cùng đợt bệnh, chuyển tuyến trung ương")
            }
            if day == Day(year: 2022, month: 8, day: 10)! {
                _ = try database.recordEvent(person: hardship, kind: .hardship, date: day, level: nil, note: "Nhà bị lốc xoáy tốc mái")
            }
            let report = try database.run(until: day)
            if !report.upToDate { runs += 1 }
            progress(day)
            day = day.adding(days: 1)
        }

        // A second person approves the Tết 2022 gifts made by cron, and they are handed over on 20–21/01/2022.
        let accountant = try UytinDatabase.open(path: database.path, actor: "ke-toan")
        let tet = try accountant.entitlements(.init(year: 2022, kind: .lunarNewYearGift, status: .planned)).map(\.id)
        _ = try accountant.approveEntitlements(ids: tet, run: nil)
        let half = tet.count / 2
        _ = try accountant.deliverEntitlements(ids: Array(tet.prefix(half)), on: Day(year: 2022, month: 1, day: 20)!, receipt: "Sổ ký nhận 01/2022")
        _ = try accountant.deliverEntitlements(ids: Array(tet.dropFirst(half)), on: Day(year: 2022, month: 1, day: 21)!, receipt: "Sổ ký nhận 01/2022")

        var groups: [String: BenefitSummary.Tet2022Entry] = [:]
        for entitlement in try database.entitlements(.init(year: 2022, kind: .lunarNewYearGift)) {
            let key = entitlement.method.rawValue + "|" + entitlement.status.rawValue
            var entry = groups[key] ?? .init(method: entitlement.method.rawValue, status: entitlement.status.rawValue, count: 0, amount: 0)
            entry.count += 1
            entry.amount += entitlement.amount
            groups[key] = entry
        }
        return BenefitSummary(runs: runs, entitlements: try database.entitlements(.init()).count, contingencyId: covid,
                              tet2022: groups.values.sorted { $0.method < $1.method }, through: last)
    }
}
