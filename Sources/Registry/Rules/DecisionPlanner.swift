import VietnameseCalendar

/// Turns the proposals a decision approves into the changes of the list, checking every rule of DOMAIN.md §3 first.
///
/// Pure: the storage layer loads the state of just the persons and villages involved, asks for a plan, and writes
/// it in the decision's transaction. Every violation is reported at once, so the clerk can fix the whole draft.
public enum DecisionPlanner {
    /// A stay on the list that is still open, or that ends with its term (`until`, the next term's first day).
    public struct Stay: Sendable, Equatable {
        public var membershipId: Int64
        public var villageId: Int64
        public var from: Day
        public var until: Day?
        public init(membershipId: Int64, villageId: Int64, from: Day, until: Day? = nil) {
            self.membershipId = membershipId
            self.villageId = villageId
            self.from = from
            self.until = until
        }

        /// True when the person is on the list through this stay on `day`.
        public func covers(_ day: Day) -> Bool { from <= day && until.map { day < $0 } ?? true }
    }

    public struct PersonState: Sendable, Equatable {
        public var id: Int64
        public var name: String
        public var openStay: Stay?
        public var deathDate: Day?
        public init(id: Int64, name: String, openStay: Stay?, deathDate: Day?) {
            self.id = id
            self.name = name
            self.openStay = openStay
            self.deathDate = deathDate
        }
    }

    public struct VillageState: Sendable, Equatable {
        public var id: Int64
        public var name: String
        public var quota: Int
        public var mergedOn: Day?
        /// The persons with an open stay in the village, by id.
        public var occupants: [Int64: String]
        public init(id: Int64, name: String, quota: Int, mergedOn: Day?, occupants: [Int64: String]) {
            self.id = id
            self.name = name
            self.quota = quota
            self.mergedOn = mergedOn
            self.occupants = occupants
        }
    }

    public struct ApprovedProposal: Sendable, Equatable {
        public var id: Int64
        public var kind: ProposalKind
        public var personId: Int64
        public var replacementId: Int64?
        public var villageId: Int64?
        public var reason: String?
        public var effectiveOn: Day?
        public init(id: Int64, kind: ProposalKind, personId: Int64, replacementId: Int64?, villageId: Int64?,
                    reason: String?, effectiveOn: Day?) {
            self.id = id
            self.kind = kind
            self.personId = personId
            self.replacementId = replacementId
            self.villageId = villageId
            self.reason = reason
            self.effectiveOn = effectiveOn
        }
    }

    /// One change to write, in order: every stay is closed before any is opened.
    public enum Step: Sendable, Equatable {
        case close(membershipId: Int64, personId: Int64, on: Day, reason: String, proposalId: Int64)
        case open(personId: Int64, villageId: Int64, from: Day, proposalId: Int64)
        case recordDeath(personId: Int64, on: Day)
        /// The person now lives in (is bound to) the village they were re-bound to.
        case bindHome(personId: Int64, villageId: Int64)
    }

    /// The steps that apply `proposals` on `effectiveOn`, or every rule they break.
    public static func plan(effectiveOn: Day, proposals: [ApprovedProposal], persons: [Int64: PersonState],
                            villages: [Int64: VillageState]) -> Result<[Step], RegistryErrors> {
        var errors: [RegistryError] = []
        var closes: [Step] = []
        var opens: [Step] = []
        var others: [Step] = []
        var leaving: [Int64: Set<Int64>] = [:]   // village → persons leaving it
        var entering: [Int64: [Int64]] = [:]     // village → persons entering it
        var seen: Set<Int64> = []

        func person(_ id: Int64) -> PersonState {
            persons[id] ?? PersonState(id: id, name: "#\(id)", openStay: nil, deathDate: nil)
        }
        func label(_ p: PersonState) -> String { "\(p.name) (#\(p.id))" }

        for proposal in proposals.sorted(by: { $0.id < $1.id }) {
            for id in [proposal.personId, proposal.replacementId].compactMap({ $0 }) {
                if !seen.insert(id).inserted { errors.append(.personInTwoProposals(label(person(id)))) }
            }
        }

        func close(_ p: PersonState, on day: Day, reason: String, proposal: ApprovedProposal) -> Stay? {
            guard let stay = p.openStay, stay.until.map({ day < $0 }) ?? true else {
                errors.append(.notListed(label(p)))
                return nil
            }
            guard day > stay.from else {
                errors.append(.endBeforeStart(label(p), day: day.iso))
                return nil
            }
            closes.append(.close(membershipId: stay.membershipId, personId: p.id, on: day, reason: reason, proposalId: proposal.id))
            leaving[stay.villageId, default: []].insert(p.id)
            return stay
        }

        func open(_ p: PersonState, village villageId: Int64, on day: Day, proposal: ApprovedProposal) {
            if let stay = p.openStay, stay.covers(day), proposal.kind != .rebind {
                errors.append(.alreadyListed(label(p), village: villages[stay.villageId]?.name ?? "#\(stay.villageId)"))
                return
            }
            if let died = p.deathDate, died <= day {
                errors.append(.personDead(label(p), on: died.iso))
                return
            }
            guard let village = villages[villageId] else {
                errors.append(.unknownVillage(villageId))
                return
            }
            if let merged = village.mergedOn, merged <= day {
                errors.append(.villageMerged(village.name, on: merged.iso))
                return
            }
            opens.append(.open(personId: p.id, villageId: villageId, from: day, proposalId: proposal.id))
            entering[villageId, default: []].append(p.id)
        }

        for proposal in proposals.sorted(by: { $0.id < $1.id }) {
            let subject = person(proposal.personId)
            let day = proposal.effectiveOn ?? effectiveOn
            switch proposal.kind {
            case .recognize:
                open(subject, village: proposal.villageId ?? 0, on: day, proposal: proposal)
            case .remove:
                let reason = proposal.reason ?? "criteria"
                if close(subject, on: day, reason: reason, proposal: proposal) != nil, reason == RemovalReason.death,
                   subject.deathDate == nil {
                    others.append(.recordDeath(personId: subject.id, on: day))
                }
            case .replace:
                let successor = person(proposal.replacementId ?? 0)
                if let stay = close(subject, on: day, reason: "replaced", proposal: proposal) {
                    open(successor, village: stay.villageId, on: day, proposal: proposal)
                    if proposal.reason == RemovalReason.death, subject.deathDate == nil {
                        others.append(.recordDeath(personId: subject.id, on: day))
                    }
                }
            case .rebind:
                let target = proposal.villageId ?? 0
                if let stay = subject.openStay, stay.villageId == target {
                    errors.append(.sameVillage(label(subject)))
                } else if close(subject, on: day, reason: "rebound", proposal: proposal) != nil {
                    open(subject, village: target, on: day, proposal: proposal)
                    others.append(.bindHome(personId: subject.id, villageId: target))
                }
            }
        }

        for (villageId, newcomers) in entering.sorted(by: { $0.key < $1.key }) {
            guard let village = villages[villageId] else { continue }
            let staying = village.occupants.filter { !(leaving[villageId] ?? []).contains($0.key) }
            if staying.count + newcomers.count > village.quota {
                let names = staying.sorted { $0.key < $1.key }.map { "\($0.value) (#\($0.key))" }
                    + newcomers.dropLast().map { label(person($0)) }
                errors.append(.quotaFull(village: village.name, quota: village.quota, occupants: names))
            }
        }

        if !errors.isEmpty { return .failure(RegistryErrors(errors)) }
        return .success(closes + others + opens)
    }
}

/// Several rule violations found together; the clerk reads them all.
public struct RegistryErrors: ClerkFacingError, Equatable {
    public let errors: [RegistryError]
    public init(_ errors: [RegistryError]) { self.errors = errors }
    public var kind: FailureKind { errors.first?.kind ?? .refused }
    public var message: Message { Message.lines(errors.map(\.message)) }
    public var codes: [String] { errors.map(\.code) }
}
