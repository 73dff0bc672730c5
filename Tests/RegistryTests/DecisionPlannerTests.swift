import Registry
import Testing
import VietnameseCalendar

/// The planner alone, on hand-made states: the rules a decision applies, without a database.
@Suite("Decision planner")
struct DecisionPlannerTests {
    typealias Planner = DecisionPlanner

    let start = day("2019-02-19")
    let effective = day("2020-03-04")

    /// An (10) is listed in village 1 (quota 1); Dũng (13) in village 2 (quota 1); Bình (11) died in 2019;
    /// Cường (12) and Hạnh (14) are not listed. Village 3 merged on 2020-01-01; village 4 (quota 3) is empty.
    var persons: [Int64: Planner.PersonState] {
        [
            10: .init(id: 10, name: "An", openStay: .init(membershipId: 100, villageId: 1, from: start), deathDate: nil),
            11: .init(id: 11, name: "Bình", openStay: nil, deathDate: day("2019-12-01")),
            12: .init(id: 12, name: "Cường", openStay: nil, deathDate: nil),
            13: .init(id: 13, name: "Dũng", openStay: .init(membershipId: 130, villageId: 2, from: start), deathDate: nil),
            14: .init(id: 14, name: "Hạnh", openStay: nil, deathDate: nil),
        ]
    }

    var villages: [Int64: Planner.VillageState] {
        [
            1: .init(id: 1, name: "Thôn Một", quota: 1, mergedOn: nil, occupants: [10: "An"]),
            2: .init(id: 2, name: "Thôn Hai", quota: 1, mergedOn: nil, occupants: [13: "Dũng"]),
            3: .init(id: 3, name: "Thôn Ba", quota: 1, mergedOn: day("2020-01-01"), occupants: [:]),
            4: .init(id: 4, name: "Thôn Bốn", quota: 3, mergedOn: nil, occupants: [:]),
        ]
    }

    func proposal(_ id: Int64, _ kind: ProposalKind, person: Int64, replacement: Int64? = nil, village: Int64? = nil,
                  reason: String? = nil, effectiveOn: Day? = nil) -> Planner.ApprovedProposal {
        .init(id: id, kind: kind, personId: person, replacementId: replacement, villageId: village, reason: reason,
              effectiveOn: effectiveOn)
    }

    func plan(_ proposals: [Planner.ApprovedProposal]) -> Result<[Planner.Step], RegistryErrors> {
        Planner.plan(effectiveOn: effective, proposals: proposals, persons: persons, villages: villages)
    }

    @Test("every broken rule of a draft is reported at once")
    func everyViolation() {
        let result = plan([
            proposal(1, .recognize, person: 12, village: 1),                 // village 1 is full
            proposal(2, .recognize, person: 11, village: 4),                 // dead
            proposal(3, .recognize, person: 13, village: 4),                 // already listed
            proposal(4, .recognize, person: 14, village: 3),                 // merged village
            proposal(5, .remove, person: 12, reason: "health"),              // Cường again, and not listed
        ])
        guard case .failure(let errors) = result else {
            Issue.record("expected a refusal, got \(result)")
            return
        }
        #expect(errors.codes == ["person_twice", "person_dead", "already_listed", "village_merged", "not_listed", "quota_full"])
        #expect(errors.message.en.split(separator: "\n").count == 6)
    }

    @Test("a replacement closes the old stay and opens the new one in the same village")
    func replacement() {
        let result = plan([proposal(1, .replace, person: 10, replacement: 12, reason: "health")])
        #expect(result == .success([
            .close(membershipId: 100, personId: 10, on: effective, reason: "replaced", proposalId: 1),
            .open(personId: 12, villageId: 1, from: effective, proposalId: 1),
        ]))
    }

    @Test("a removal for death also records the death, on the proposal's own date")
    func removalForDeath() {
        let died = day("2020-01-10")
        let result = plan([proposal(1, .remove, person: 10, reason: "death", effectiveOn: died)])
        #expect(result == .success([
            .close(membershipId: 100, personId: 10, on: died, reason: "death", proposalId: 1),
            .recordDeath(personId: 10, on: died),
        ]))
    }

    @Test("re-binding closes the old stay, binds the home village and opens the new stay")
    func rebind() {
        let result = plan([proposal(1, .rebind, person: 10, village: 4)])
        #expect(result == .success([
            .close(membershipId: 100, personId: 10, on: effective, reason: "rebound", proposalId: 1),
            .bindHome(personId: 10, villageId: 4),
            .open(personId: 10, villageId: 4, from: effective, proposalId: 1),
        ]))
    }

    @Test("a person leaving a full village makes room for a newcomer in the same decision")
    func leavingMakesRoom() {
        let result = plan([
            proposal(1, .rebind, person: 10, village: 4),
            proposal(2, .recognize, person: 12, village: 1),
        ])
        guard case .success(let steps) = result else {
            Issue.record("expected a plan, got \(result)")
            return
        }
        #expect(steps.contains(.open(personId: 12, villageId: 1, from: effective, proposalId: 2)))
        // Every close comes before every open, so the schema's quota trigger never sees both at once.
        let firstOpen = steps.firstIndex { if case .open = $0 { true } else { false } }!
        let lastClose = steps.lastIndex { if case .close = $0 { true } else { false } }!
        #expect(lastClose < firstOpen)
    }

    @Test("quota counts newcomers together", arguments: [(3, true), (4, false)])
    func quotaCountsNewcomers(count: Int, fits: Bool) {
        let newcomers: [Int64] = [12, 14, 20, 21].prefix(count).map { $0 }
        var persons = self.persons
        for id in newcomers where persons[id] == nil {
            persons[id] = .init(id: id, name: "Người \(id)", openStay: nil, deathDate: nil)
        }
        let proposals = newcomers.enumerated().map { proposal(Int64($0.offset + 1), .recognize, person: $0.element, village: 4) }
        let result = Planner.plan(effectiveOn: effective, proposals: proposals, persons: persons, villages: villages)
        switch result {
        case .success: #expect(fits)
        case .failure(let errors): #expect(!fits && errors.codes == ["quota_full"])
        }
    }

    @Test("a removal dated on or before the person's entry is refused", arguments: ["2019-02-19", "2019-01-01"])
    func endBeforeStart(date: String) {
        let result = plan([proposal(1, .remove, person: 10, reason: "health", effectiveOn: day(date))])
        #expect(result == .failure(RegistryErrors([.endBeforeStart("An (#10)", day: date)])))
    }

    @Test("re-binding to the village the person is listed for is refused")
    func rebindSameVillage() {
        guard case .failure(let errors) = plan([proposal(1, .rebind, person: 10, village: 1)]) else {
            Issue.record("expected a refusal")
            return
        }
        #expect(errors.codes == ["same_village"])
    }
}
