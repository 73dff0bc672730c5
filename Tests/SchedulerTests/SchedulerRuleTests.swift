import Scheduler
import Testing
import VietnameseCalendar

/// The scheduler's rules on their own, without a database: what a contingency period does to a benefit, the
/// periods that make an entitlement unique, and "same nature, highest only".
@Suite("Contingency outcomes, decided by the scheduler")
struct ContingencyOutcomeTests {
    let day = SchedulerFixture.day

    func period(to: String? = nil) -> Contingency {
        Contingency(id: 7, from: day("2021-05-01"), to: to.map(day), reason: "Dịch Covid-19")
    }

    @Test("no period: the normal method, on the due date, planned")
    func normal() {
        let outcome = ContingencyOutcome.normal(method: .ceremony, due: day("2022-01-22"))
        #expect(outcome == ContingencyOutcome(contingencyId: nil, method: .ceremony, due: day("2022-01-22"), postponed: false,
                                              status: .planned, cancelReason: nil))
    }

    @Test("a policy that changes the method keeps the date and names the period",
          arguments: [(ContingencyPolicy.homeDelivery, DeliveryMethod.homeVisit), (.transfer, .transfer), (.online, .online)])
    func changesMethod(policy: ContingencyPolicy, method: DeliveryMethod) throws {
        let outcome = try #require(ContingencyOutcome.during(period(), policy: policy, normal: .ceremony, due: day("2021-07-11"), year: 2021))
        #expect(outcome == ContingencyOutcome(contingencyId: 7, method: method, due: day("2021-07-11"), postponed: false,
                                              status: .planned, cancelReason: nil))
    }

    @Test("an unchanged policy takes no period: the benefit carries no mark")
    func unchanged() {
        #expect(ContingencyOutcome.during(period(), policy: .unchanged, normal: .mail, due: day("2021-07-01"), year: 2021) == nil)
    }

    @Test("a cancel policy cancels at once, with the period and its reason")
    func cancel() throws {
        let outcome = try #require(ContingencyOutcome.during(period(to: "2021-12-31"), policy: .cancel, normal: .ceremony,
                                                             due: day("2021-12-20"), year: 2021))
        #expect(outcome.method == .ceremony && outcome.due == day("2021-12-20") && !outcome.postponed)
        #expect(outcome.status == .cancelled)
        #expect(outcome.cancelReason == "Hủy do giai đoạn ứng phó #7: Dịch Covid-19")
    }

    @Test("postponed by an open period: waits, planned, on its own date")
    func postponeOpen() throws {
        let outcome = try #require(ContingencyOutcome.during(period(), policy: .postpone, normal: .ceremony, due: day("2021-07-11"), year: 2021))
        #expect(outcome == ContingencyOutcome(contingencyId: 7, method: .ceremony, due: day("2021-07-11"), postponed: true,
                                              status: .planned, cancelReason: nil))
    }

    @Test("postponed by a period with an end: due the day after it")
    func postponeUntilEnd() throws {
        let outcome = try #require(ContingencyOutcome.during(period(to: "2021-08-31"), policy: .postpone, normal: .ceremony,
                                                             due: day("2021-07-11"), year: 2021))
        #expect(outcome == ContingencyOutcome(contingencyId: 7, method: .ceremony, due: day("2021-09-01"), postponed: false,
                                              status: .planned, cancelReason: nil))
    }

    @Test("postponed past the occasion's year: cancelled, with the reason", arguments: ["2021-12-31", "2022-02-15"])
    func postponePastYearEnd(end: String) throws {
        let outcome = try #require(ContingencyOutcome.during(period(to: end), policy: .postpone, normal: .ceremony,
                                                             due: day("2021-11-06"), year: 2021))
        #expect(outcome.status == .cancelled && !outcome.postponed && outcome.due == day(end).adding(days: 1))
        #expect(outcome.cancelReason == "Hoãn do dịch đến hết năm vẫn chưa thực hiện được (giai đoạn ứng phó #7)")
    }

    @Test("a period that ends releases what it postponed, or cancels it when the next day is in a later year")
    func release() {
        #expect(ContingencyOutcome.release(period: 7, endedOn: day("2021-09-30"), year: 2021) == .due(day("2021-10-01")))
        #expect(ContingencyOutcome.release(period: 7, endedOn: day("2021-12-30"), year: 2021) == .due(day("2021-12-31")))
        #expect(ContingencyOutcome.release(period: 7, endedOn: day("2021-12-31"), year: 2021)
                == .cancelled(reason: "Hoãn do dịch đến hết năm vẫn chưa thực hiện được (giai đoạn ứng phó #7)"))
        #expect(ContingencyOutcome.release(period: 7, endedOn: day("2022-01-20"), year: 2022) == .due(day("2022-01-21")))
    }

    @Test("the year-end reason names the year when a run cancels at a year's end")
    func yearEndReason() {
        #expect(ContingencyOutcome.stillPostponedReason(period: 3, year: 2021)
                == "Hoãn do dịch đến hết năm 2021 vẫn chưa thực hiện được (giai đoạn ứng phó #3)")
    }

    @Test("a period covers the days from its start to its end, both included; an open one every day after its start")
    func covers() {
        let closed = period(to: "2021-08-31")
        #expect(!closed.covers(day("2021-04-30")) && closed.covers(day("2021-05-01")))
        #expect(closed.covers(day("2021-08-31")) && !closed.covers(day("2021-09-01")))
        #expect(period().covers(day("2030-01-01")) && !period().covers(day("2021-04-30")))
    }
}

@Suite("Periods and same-nature benefits")
struct PeriodAndTierTests {
    let day = SchedulerFixture.day

    @Test("every period key has the shape stored since 2019")
    func periodKeys() {
        #expect(PeriodKey.lunarNewYear(2022) == "2022")
        #expect(PeriodKey.festival(3, year: 2022) == "festival-3-2022")
        #expect(PeriodKey.month(year: 2022, month: 3) == "2022-03")
        #expect(PeriodKey.month(year: 2022, month: 11) == "2022-11")
        #expect(PeriodKey.plan(7) == "plan-7")
        #expect(PeriodKey.event(.hospitalized, id: 12, on: day("2022-03-02")) == "2022")
        #expect(PeriodKey.event(.death, id: 12, on: day("2022-03-02")) == "death")
        #expect(PeriodKey.event(.hardship, id: 12, on: day("2022-03-02")) == "event-12")
        #expect(PeriodKey.event(.relativeDeath, id: 13, on: day("2022-03-02")) == "event-13")
    }

    @Test("the occasion calendar makes its periods with the same keys")
    func occasionsUseKeys() {
        let rules = RuleBook(ShippedRules.all())
        let festival = Festival(id: 3, name: "Hội mùa", ethnicCodes: ["18"], rule: .solar(month: 9, day: 2))
        let plan = Plan(id: 7, kind: .training, date: day("2022-10-10"), name: "Tập huấn", everyone: true, persons: [])
        let occasions = OccasionCalendar.occasions(until: day("2022-12-31"), term: day("2022-01-01")...day("2022-12-31"),
                                                   rules: rules, festivals: [festival], plans: [plan])
        let periods = Set(occasions.map(\.period))
        #expect(periods.isSuperset(of: ["2022", "festival-3-2022", "2022-01", "2022-12", "plan-7"]))
    }

    @Test("only sickness reports are one benefit per period")
    func appliesToSickness() {
        #expect(HighestTierOnly.applies(to: .hospitalized))
        #expect(EventKind.allCases.filter(HighestTierOnly.applies(to:)) == [.hospitalized])
    }

    @Test("a higher tier raises the visit while it is planned or approved", arguments: [EntitlementStatus.planned, .approved])
    func raises(status: EntitlementStatus) {
        #expect(HighestTierOnly.raisedAmount(current: 800_000, status: status, reported: 1_500_000) == 1_500_000)
    }

    @Test("the same or a lower tier leaves the visit as it is")
    func lowerStays() {
        #expect(HighestTierOnly.raisedAmount(current: 1_500_000, status: .planned, reported: 1_500_000) == nil)
        #expect(HighestTierOnly.raisedAmount(current: 1_500_000, status: .planned, reported: 500_000) == nil)
    }

    @Test("a delivered or cancelled visit is history: never raised", arguments: [EntitlementStatus.delivered, .cancelled])
    func historyStays(status: EntitlementStatus) {
        #expect(HighestTierOnly.raisedAmount(current: 800_000, status: status, reported: 3_000_000) == nil)
    }
}
