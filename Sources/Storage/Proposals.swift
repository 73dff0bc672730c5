import Foundation
import GRDB
import Registry
import VietnameseCalendar

/// Proposals drafted by the clerk from the commune's and district's papers, waiting for a decision.
extension UytinDatabase {
    /// What a clerk proposes.
    public enum ProposalDraft: Sendable {
        case recognize(person: Int64, village: Int64?)
        case remove(person: Int64, reason: String, effectiveOn: Day?)
        case replace(person: Int64, by: Int64, reason: String?)
        case rebind(person: Int64, village: Int64)
    }

    /// Records a proposal after checking it against the list as it stands; returns its id.
    public func propose(_ draft: ProposalDraft, note: String?) throws -> Int64 {
        try propose(draft, note: note, died: nil).id
    }

    /// A drafted proposal; for a removal for death, the day of death it rests on and, when the proposal recorded the
    /// death, what that cancelled.
    public struct ProposalResult: Sendable, Codable, Equatable {
        public var id: Int64
        public var diedOn: Day?
        /// True when this proposal recorded the death (`--died`); false when it was recorded before.
        public var deathRecorded: Bool
        public var cancelled: [CancelledEntitlement]
    }

    /// Records a proposal; a removal for death rests on the day of death: the one recorded (`event record --kind death`),
    /// or `died`, which this records as the event would (benefits stop from that day). A removal with only its effective
    /// date (the older form) takes that day as the day of death when the decision applies it.
    public func propose(_ draft: ProposalDraft, note: String?, died: Day?) throws -> ProposalResult {
        let note = try Inputs.note(note)
        return try write { db in try addProposal(db, draft, note: note, died: died, setting: try Self.requireSetting(db)) }
    }

    /// Checks a proposal against the list as it stands (the refusals of `propose`) and inserts it, with its audit
    /// row, in the caller's transaction.
    func addProposal(_ db: Database, _ draft: ProposalDraft, note: String?, died: Day? = nil, setting: Setting) throws -> ProposalResult {
        try refuseOutOfScope(db, draft)
        var death: (day: Day, event: EventResult?)?
        var kind: ProposalKind
        var personId: Int64
        var replacementId: Int64?
        var villageId: Int64?
        var reason: String?
        var effectiveOn: Day?
        switch draft {
        case let .recognize(person, village):
            let entry = try Self.requirePerson(db, person)
            try Self.refuseListed(db, entry)
            try Self.refuseDead(entry)
            try Self.refuseWithdrawn(db, entry)
            try Self.refuseUnderAge(db, entry, on: Self.lastProposableDay(setting), what: Message(vi: "được đề nghị công nhận", en: "be proposed"))
            let target = try Self.requireVillage(db, village ?? entry.villageId)
            if let merged = target.mergedOn { throw RegistryError.villageMerged(target.name, on: merged.iso) }
            (kind, personId, villageId) = (.recognize, person, target.id)
        case let .remove(person, why, effective):
            let entry = try Self.requirePerson(db, person)
            _ = try Self.requireStay(db, entry)
            let why = try Self.requireReason(db, why)
            if let effective { _ = try setting.term(of: effective) }
            death = try deathDay(db, entry, reason: why, died: died, effective: effective)
            (kind, personId, reason, effectiveOn) = (.remove, person, why, effective)
        case let .replace(person, successor, why):
            let leaving = try Self.requirePerson(db, person)
            _ = try Self.requireStay(db, leaving)
            let entering = try Self.requirePerson(db, successor)
            guard successor != person else { throw RegistryError.sameVillage(Self.label(leaving)) }
            try Self.refuseListed(db, entering)
            try Self.refuseDead(entering)
            try Self.refuseWithdrawn(db, entering)
            try Self.refuseUnderAge(db, entering, on: Self.lastProposableDay(setting), what: Message(vi: "được đề nghị thay thế", en: "be proposed"))
            let why = try why.map { try Self.requireReason(db, $0) }
            try Self.refusePending(db, entering)
            death = try deathDay(db, leaving, reason: why, died: died, effective: nil)
            (kind, personId, replacementId, reason) = (.replace, person, successor, why)
        case let .rebind(person, village):
            let entry = try Self.requirePerson(db, person)
            let stay = try Self.requireStay(db, entry)
            let target = try Self.requireVillage(db, village)
            if let merged = target.mergedOn { throw RegistryError.villageMerged(target.name, on: merged.iso) }
            guard stay.villageId != village else { throw RegistryError.sameVillage(Self.label(entry)) }
            guard try Self.successors(db, of: stay.villageId).contains(village) else {
                throw RegistryError.rebindNotMerger(Self.label(entry), village: "\(target.name) (#\(target.id))")
            }
            (kind, personId, villageId) = (.rebind, person, village)
        }
        try Self.refusePending(db, try Self.requirePerson(db, personId))
        try db.execute(sql: """
            INSERT INTO proposal (kind, person_id, replacement_id, village_id, reason, effective_on, note, created_by, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [kind.rawValue, personId, replacementId, villageId, reason, effectiveOn?.iso, note, actor,
                             Self.timestamp()])
        let id = db.lastInsertedRowID
        var detail = ["kind": kind.rawValue, "person": String(personId)]
        detail["replacement"] = replacementId.map(String.init)
        detail["village"] = villageId.map(String.init)
        detail["reason"] = reason
        detail["effective"] = effectiveOn?.iso
        detail["died"] = death?.day.iso
        try audit(db, "proposal.add", entity: "proposal", id: id, detail)
        return ProposalResult(id: id, diedOn: death?.day, deathRecorded: death?.event != nil,
                              cancelled: death?.event?.cancelled ?? [])
    }

    /// The minimum age is the law's on the recognition date, which `decision record` checks; a proposal is refused
    /// early only for someone still under it on the last day of today's term (never recognisable in it).
    static func lastProposableDay(_ setting: Setting) -> Day {
        setting.terms.term(of: today())?.lastDay ?? today()
    }

    /// The day of death a removal or replacement for death rests on: the one recorded, or `died`, recorded now as
    /// `event record --kind death` would (benefits stop from that day). Without either, a removal that gives its
    /// effective day (the older form) takes that day when the decision applies it; anything else is refused.
    private func deathDay(_ db: Database, _ person: PersonEntry, reason: String?, died: Day?,
                          effective: Day?) throws -> (day: Day, event: EventResult?)? {
        guard reason == RemovalReason.death else {
            guard died == nil else {
                throw RegistryError("died_without_death",
                                    vi: "--died chỉ dùng khi lý do là từ trần (--reason death); lý do đang ghi: \(reason ?? "không có").",
                                    en: "--died goes only with --reason death (the reason given is \(reason ?? "none")).")
            }
            return nil
        }
        if let recorded = person.deathDate {
            if let died, died != recorded {
                throw RegistryError("death_date_differs",
                                    vi: "Đã ghi nhận \(Self.label(person)) mất ngày \(recorded.vietnamese), khác --died \(died.vietnamese); ngày mất đã ghi không sửa được.",
                                    en: "\(Self.label(person)) is recorded as having died on \(recorded.iso), not \(died.iso); a recorded death is not changed.")
            }
            return (recorded, nil)
        }
        guard let died else {
            if effective != nil { return nil }
            throw RegistryError("death_date_needed",
                                vi: "Đưa \(Self.label(person)) ra khỏi danh sách vì từ trần cần ngày mất: thêm --died NGÀY (ví dụ --died 20/11/2019; trong tệp đề nghị: cột \"Ngày mất\"), hoặc ghi nhận trước bằng `uytin event record --person \(person.id) --kind death --date NGÀY`.",
                                en: "Removing \(Self.label(person)) for death needs the date of death: add --died DATE (in a proposals file: the \"Ngày mất\" column), or record it first with `uytin event record --person \(person.id) --kind death --date DATE`.")
        }
        return (died, try insertEvent(db, person: person, kind: .death, date: died, level: nil,
                                      note: "Ghi nhận khi lập đề nghị đưa ra khỏi danh sách"))
    }

    static func label(_ person: PersonEntry) -> String { "\(person.name) (#\(person.id))" }

    /// The villages that took `villageId` in, one after the other (by village mergers and reorganisations).
    static func successors(_ db: Database, of villageId: Int64) throws -> [Int64] {
        var result: [Int64] = []
        var id = villageId
        let mergedInto = try db.cachedStatement(sql: "SELECT merged_into FROM village WHERE id = ?")
        while result.count < 64, let next = try Int64.fetchOne(mergedInto, arguments: [id]) {
            result.append(next)
            id = next
        }
        return result
    }

    /// The person's stay on the list that is still open; with `untilTermEnd`, also the one that ends with its term
    /// (written when the next term was added) and that a decision of that term may still end earlier.
    static func openStay(_ db: Database, personId: Int64, untilTermEnd: Bool = false) throws -> DecisionPlanner.Stay? {
        try Row.fetchOne(db.cachedStatement(sql: """
            SELECT id, village_id, from_date, to_date FROM membership
            WHERE person_id = ? AND (to_date IS NULL OR (? AND end_reason = 'term_end')) ORDER BY from_date DESC LIMIT 1
            """), arguments: [personId, untilTermEnd]).map {
            DecisionPlanner.Stay(membershipId: $0[0], villageId: $0[1], from: try $0.decode(atIndex: 2), until: try $0.decode(atIndex: 3))
        }
    }

    static func requireStay(_ db: Database, _ person: PersonEntry) throws -> DecisionPlanner.Stay {
        guard let stay = try openStay(db, personId: person.id, untilTermEnd: true) else { throw RegistryError.notListed(label(person)) }
        return stay
    }

    static func refuseListed(_ db: Database, _ person: PersonEntry) throws {
        if let stay = try openStay(db, personId: person.id) {
            let village = try String.fetchOne(db, sql: "SELECT name FROM village WHERE id = ?", arguments: [stay.villageId])
            throw RegistryError.alreadyListed(label(person), village: village ?? "")
        }
    }

    /// A duplicate withdrawn with `person withdraw` takes no proposal (the schema refuses it too).
    static func refuseWithdrawn(_ db: Database, _ person: PersonEntry) throws {
        if let day = try Day.fetchOne(db, sql: "SELECT withdrawn_on FROM person WHERE id = ?", arguments: [person.id]) {
            throw RegistryError("person_withdrawn",
                                vi: "\(label(person)) là hồ sơ trùng đã rút ngày \(day.vietnamese); hãy đề nghị cho hồ sơ còn dùng.",
                                en: "\(label(person)) is a duplicate withdrawn on \(day.vietnamese); propose the record still in use.")
        }
    }

    static func refuseDead(_ person: PersonEntry) throws {
        if let died = person.deathDate { throw RegistryError.personDead(label(person), on: died.iso) }
    }

    static func refusePending(_ db: Database, _ person: PersonEntry) throws {
        if let pending = try Int64.fetchOne(db, sql: """
            SELECT id FROM proposal WHERE status = 'pending' AND (person_id = ?1 OR replacement_id = ?1) ORDER BY id LIMIT 1
            """, arguments: [person.id]) {
            throw RegistryError.pendingProposalExists(pending, person: label(person))
        }
    }

    /// The code of the removal reason a clerk's text names (its code, its names, or the clerk's words for it).
    static func requireReason(_ db: Database, _ text: String) throws -> String {
        let known = try removalReasons(db)
        guard let code = RemovalReason.code(parsing: text, among: known) else {
            throw RegistryError.unknownReason(text, known: RemovalReason.choiceList(known))
        }
        return code
    }

    static let proposalSelect = """
        SELECT pr.*, p.full_name AS person_name, r.full_name AS replacement_name, v.name AS village_name,
               d.number AS decision_number
        FROM proposal pr
        JOIN person p ON p.id = pr.person_id
        LEFT JOIN person r ON r.id = pr.replacement_id
        LEFT JOIN village v ON v.id = pr.village_id
        LEFT JOIN decision d ON d.id = pr.decision_id
        """

    static func proposal(_ row: Row) throws -> Proposal {
        Proposal(id: row["id"], kind: try row.decode(forColumn: "kind"), personId: row["person_id"],
                 person: row["person_name"], replacementId: row["replacement_id"], replacement: row["replacement_name"],
                 villageId: row["village_id"], village: row["village_name"], reason: row["reason"],
                 effectiveOn: try row.decode(forColumn: "effective_on"), note: row["note"],
                 status: try row.decode(forColumn: "status"), decisionId: row["decision_id"],
                 decisionNumber: row["decision_number"], createdBy: row["created_by"], createdAt: row["created_at"])
    }

    /// Proposals, optionally of one status, oldest first.
    public func proposals(status: ProposalStatus? = nil) throws -> [Proposal] {
        try read { db in
            try Row.fetchAll(db, sql: Self.proposalSelect + " WHERE ?1 IS NULL OR pr.status = ?1 ORDER BY pr.id",
                             arguments: [status?.rawValue]).map(Self.proposal)
        }
    }

    static func requireProposal(_ db: Database, _ id: Int64) throws -> Proposal {
        guard let row = try Row.fetchOne(db.cachedStatement(sql: Self.proposalSelect + " WHERE pr.id = ?"), arguments: [id]) else {
            throw RegistryError.unknownProposal(id)
        }
        return try proposal(row)
    }

    /// Withdraws a pending proposal; a decided one stays as decided.
    public func withdrawProposal(_ id: Int64) throws {
        try write { db in
            let proposal = try Self.requireProposal(db, id)
            guard proposal.status == .pending else {
                throw RegistryError.proposalNotPending(id, status: proposal.status)
            }
            try db.execute(sql: "UPDATE proposal SET status = 'withdrawn' WHERE id = ?", arguments: [id])
            try audit(db, "proposal.withdraw", entity: "proposal", id: id, ["person": String(proposal.personId)])
        }
    }
}
