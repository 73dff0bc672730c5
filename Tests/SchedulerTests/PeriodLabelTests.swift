import Registry
import Scheduler
import Testing
import VietnameseCalendar

/// Issue 11: people read a period's label, never its key.
@Suite("Period labels: what people read instead of period keys")
struct PeriodLabelTests {
    let day = Day(year: 2022, month: 3, day: 10)!
    let festivals: [Int64: String] = [1: "Lễ hội Đình Làng", 2: "Sắc bùa"]
    let plans: [Int64: String] = [7: "Hội nghị cung cấp thông tin 2022"]

    func label(_ kind: BenefitKind, _ period: String) -> Message {
        PeriodLabel.label(kind: kind, period: period, occasion: day, festivals: festivals, plans: plans)
    }

    @Test("Tết, newspapers, festivals, plans and life events")
    func labels() {
        #expect(label(.lunarNewYearGift, PeriodKey.lunarNewYear(2022)).vi == "Tết Nguyên đán 2022")
        #expect(label(.lunarNewYearGift, "2022").en == "Lunar New Year 2022")
        #expect(label(.newspaper, PeriodKey.month(year: 2022, month: 3)).vi == "Báo tháng 3/2022")
        #expect(label(.festivalGift, PeriodKey.festival(1, year: 2021)).vi == "Lễ hội Đình Làng 2021")
        #expect(label(.festivalGift, PeriodKey.festival(2, year: 2021)).vi == "Lễ hội Sắc bùa 2021")
        #expect(label(.festivalGift, PeriodKey.festival(9, year: 2021)).vi == "Lễ hội #9 năm 2021")
        #expect(label(.training, PeriodKey.plan(7)).vi == "Hội nghị cung cấp thông tin 2022 (10/03/2022)")
        #expect(label(.hardshipSupport, PeriodKey.event(.hardship, id: 6, on: day)).vi == "Khó khăn đột xuất ngày 10/03/2022")
        #expect(label(.condolence, PeriodKey.event(.death, id: 6, on: day)).vi == "Từ trần ngày 10/03/2022")
        #expect(label(.sickVisit, PeriodKey.event(.hospitalized, id: 6, on: day)).vi == "Ốm đau ngày 10/03/2022")
        // A key this release does not know is shown as it is rather than dropped.
        #expect(label(.newspaper, "odd").vi == "odd")
    }
}
