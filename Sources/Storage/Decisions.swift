import Foundation
import GRDB
import Registry
import VietnameseCalendar

/// Decisions: recorded once, applied as one transaction, never changed.
extension UytinDatabase {
    /// Records a decision: applies the proposals it approves, marks those it rejects, and with a list year freezes
    /// that year's list, all in one transaction. Returns the decision as recorded.
    public func recordDecision(_ input: DecisionInput) throws -> Decision {
        let number = try Inputs.name(input.number, field: Message(vi: "Số quyết định", en: "Decision number"), maxLength: 60)
        let issuer = try Inputs.name(input.issuer, field: Message(vi: "Cơ quan ban hành", en: "Issuer"), maxLength: 200)
        let approve = Array(Set(input.approve)).sorted()
        let reject = Array(Set(input.reject)).sorted()
        let approving = Set(approve)
        if let both = Set(approve).intersection(reject).min() { throw RegistryError.proposalTwice(both) }
        guard !approve.isEmpty || !reject.isEmpty || input.listYear != nil else { throw RegistryError.emptyDecision }

        let id: Int64 = try write { db in
            let setting = try Self.requireSetting(db)
            for (what, day) in [("QĐ \(number): \(input.decidedOn.iso)", input.decidedOn),
                                ("QĐ \(number): \(input.effectiveOn.iso)", input.effectiveOn)] where !setting.contains(day) {
                throw RegistryError.outsideTerm(what, term: setting.term)
            }
            if let year = input.listYear {
                guard setting.term.contains(year) else { throw RegistryError.outsideTerm(String(year), term: setting.term) }
                if try Bool.fetchOne(db, sql: "SELECT 1 FROM yearly_list WHERE year = ?", arguments: [year]) == true {
                    throw RegistryError.listFrozen(year)
                }
            }
            if try Bool.fetchOne(db, sql: "SELECT 1 FROM decision WHERE number_key = ? AND issuer_key = ?",
                                 arguments: [Inputs.key(number), Inputs.key(issuer)]) == true {
                throw RegistryError.decisionExists(number, issuer: issuer)
            }
            let proposals = try (approve + reject).map { try Self.requireProposal(db, $0) }
            for proposal in proposals where proposal.status != .pending {
                throw RegistryError.proposalNotPending(proposal.id, status: proposal.status)
            }
            if !approve.isEmpty, let latest = try String.fetchOne(db, sql: "SELECT max(from_date) FROM membership"),
               let latestDay = Day(parsing: latest), input.effectiveOn < latestDay {
                throw RegistryError.decisionOutOfOrder(input.effectiveOn.iso, latest: latestDay.iso)
            }

            let fileHash = input.file.map { SHA256.hex($0.content) }
            try db.execute(sql: """
                INSERT INTO decision (number, number_key, issuer, issuer_key, decided_on, effective_on, list_year,
                                      file_name, file_sha256, file_content, recorded_by, recorded_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [number, Inputs.key(number), issuer, Inputs.key(issuer), input.decidedOn.iso,
                                 input.effectiveOn.iso, input.listYear, input.file?.name, fileHash,
                                 input.file.map { Data($0.content) }, actor, Self.timestamp()])
            let decisionId = db.lastInsertedRowID
            try audit(db, "decision.record", entity: "decision", id: decisionId, decision: decisionId,
                      ["number": number, "issuer": issuer, "date": input.decidedOn.iso, "effective": input.effectiveOn.iso,
                       "approve": approve.map(String.init).joined(separator: ","),
                       "reject": reject.map(String.init).joined(separator: ","),
                       "listYear": input.listYear.map(String.init) ?? "", "fileSha256": fileHash ?? ""])

            let approved = proposals.filter { approving.contains($0.id) }
            try applyApproved(db, approved, decisionId: decisionId, number: number, effectiveOn: input.effectiveOn)
            let decide = try db.cachedStatement(sql: "UPDATE proposal SET status = ?, decision_id = ? WHERE id = ?")
            for proposal in proposals {
                let status: ProposalStatus = approving.contains(proposal.id) ? .approved : .rejected
                try decide.execute(arguments: [status.rawValue, decisionId, proposal.id])
                try audit(db, "proposal.\(status.rawValue)", entity: "proposal", id: proposal.id, decision: decisionId,
                          ["kind": proposal.kind.rawValue, "person": String(proposal.personId)])
            }
            if let year = input.listYear {
                try freezeList(db, year: year, decisionId: decisionId, asOf: input.effectiveOn)
            }
            return decisionId
        }
        return try read { db in try Self.decision(db, id: id) }
    }

    /// Loads the state of just the persons and villages the proposals touch, plans, and writes the plan.
    private func applyApproved(_ db: Database, _ approved: [Proposal], decisionId: Int64, number: String, effectiveOn: Day) throws {
        guard !approved.isEmpty else { return }
        var persons: [Int64: DecisionPlanner.PersonState] = [:]
        for id in Set(approved.flatMap { [$0.personId, $0.replacementId].compactMap { $0 } }) {
            let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT full_name, death_date FROM person WHERE id = ?"),
                                       arguments: [id])!
            persons[id] = .init(id: id, name: row[0], openStay: try Self.openStay(db, personId: id),
                                deathDate: (row[1] as String?).flatMap(Day.init(parsing:)))
        }
        let villageIds = Set(approved.compactMap(\.villageId) + persons.values.compactMap { $0.openStay?.villageId })
        var villages: [Int64: DecisionPlanner.VillageState] = [:]
        for id in villageIds {
            let village = try Self.requireVillage(db, id)
            var occupants: [Int64: String] = [:]
            for row in try Row.fetchAll(db.cachedStatement(sql: """
                SELECT p.id, p.full_name FROM membership m JOIN person p ON p.id = m.person_id
                WHERE m.village_id = ? AND m.to_date IS NULL
                """), arguments: [id]) {
                occupants[row[0]] = row[1]
            }
            villages[id] = .init(id: id, name: village.name, quota: village.quota, mergedOn: village.mergedOn, occupants: occupants)
        }
        let planned = DecisionPlanner.plan(
            effectiveOn: effectiveOn,
            proposals: approved.map {
                .init(id: $0.id, kind: $0.kind, personId: $0.personId, replacementId: $0.replacementId,
                      villageId: $0.villageId, reason: $0.reason, effectiveOn: $0.effectiveOn)
            },
            persons: persons, villages: villages)
        let steps: [DecisionPlanner.Step]
        switch planned {
        case .success(let plan): steps = plan
        case .failure(let errors): throw errors
        }
        // Compiled once for all the steps: the membership table's triggers make each statement costly to prepare.
        let closeStay = try db.cachedStatement(sql: """
            UPDATE membership SET to_date = ?, end_decision_id = ?, end_proposal_id = ?, end_reason = ? WHERE id = ?
            """)
        let openStay = try db.cachedStatement(sql: """
            INSERT INTO membership (person_id, village_id, from_date, start_decision_id, start_proposal_id)
            VALUES (?, ?, ?, ?, ?)
            """)
        for step in steps {
            switch step {
            case let .close(membershipId, personId, day, reason, proposalId):
                try closeStay.execute(arguments: [day.iso, decisionId, proposalId, reason, membershipId])
                try audit(db, "list.leave", entity: "person", id: personId, decision: decisionId,
                          ["membership": String(membershipId), "date": day.iso, "reason": reason, "proposal": String(proposalId)])
                if reason != "rebound" {
                    // Off the list: nothing more is owed from that day (a condolence already owed stays).
                    try cancelUndelivered(db, person: personId, after: day, inclusive: true,
                                          reason: "Ra khỏi danh sách từ ngày \(day.vietnamese) theo QĐ \(number)")
                }
            case let .recordDeath(personId, day):
                try db.execute(sql: "UPDATE person SET death_date = ? WHERE id = ?", arguments: [day.iso, personId])
                try audit(db, "person.death", entity: "person", id: personId, decision: decisionId, ["date": day.iso])
            case let .bindHome(personId, villageId):
                try db.execute(sql: "UPDATE person SET village_id = ? WHERE id = ?", arguments: [villageId, personId])
                try audit(db, "person.rebind", entity: "person", id: personId, decision: decisionId, ["village": String(villageId)])
            case let .open(personId, villageId, day, proposalId):
                try openStay.execute(arguments: [personId, villageId, day.iso, decisionId, proposalId])
                try audit(db, "list.enter", entity: "person", id: personId, decision: decisionId,
                          ["membership": String(db.lastInsertedRowID), "village": String(villageId), "date": day.iso,
                           "proposal": String(proposalId)])
            }
        }
    }

    /// Writes the year's list as it stands on `asOf`, each person at their position in the printed list (the order
    /// of `listOrder`), then freezes it.
    private func freezeList(_ db: Database, year: Int, decisionId: Int64, asOf: Day) throws {
        try db.execute(sql: """
            INSERT INTO yearly_list_entry (year, person_id, membership_id, village_id, position)
            SELECT ?1, m.person_id, m.id, m.village_id,
                   row_number() OVER (ORDER BY \(Self.listOrderKeys))
            FROM membership m
            JOIN person p ON p.id = m.person_id
            JOIN village v ON v.id = m.village_id
            JOIN area c ON c.code = v.commune_code
            WHERE m.from_date <= ?2 AND (m.to_date IS NULL OR m.to_date > ?2)
            """, arguments: [year, asOf.iso])
        let count = db.changesCount
        try db.execute(sql: "INSERT INTO yearly_list (year, decision_id, as_of, person_count) VALUES (?, ?, ?, ?)",
                       arguments: [year, decisionId, asOf.iso, count])
        try audit(db, "list.approve", entity: "yearly_list", id: Int64(year), decision: decisionId,
                  ["year": String(year), "asOf": asOf.iso, "persons": String(count)])
    }

    static func decision(_ db: Database, id: Int64) throws -> Decision {
        let row = try Row.fetchOne(db, sql: """
            SELECT d.*, y.person_count FROM decision d LEFT JOIN yearly_list y ON y.decision_id = d.id WHERE d.id = ?
            """, arguments: [id])!
        let proposals = try Row.fetchAll(db, sql: Self.proposalSelect + " WHERE pr.decision_id = ? ORDER BY pr.id",
                                         arguments: [id]).map(Self.proposal)
        return Decision(id: id, number: row["number"], issuer: row["issuer"],
                        decidedOn: Day(parsing: row["decided_on"])!, effectiveOn: Day(parsing: row["effective_on"])!,
                        listYear: row["list_year"], listCount: row["person_count"], fileName: row["file_name"],
                        fileSha256: row["file_sha256"], recordedBy: row["recorded_by"], recordedAt: row["recorded_at"],
                        approved: proposals.filter { $0.status == .approved },
                        rejected: proposals.filter { $0.status == .rejected })
    }

    /// Every decision, in date order, without their proposals.
    public func decisions() throws -> [Decision] {
        try read { db in
            try Int64.fetchAll(db, sql: "SELECT id FROM decision ORDER BY decided_on, id").map { try Self.decision(db, id: $0) }
        }
    }

    /// The decisions with this number (one per issuer), with what each did.
    public func decisions(number: String) throws -> [Decision] {
        try read { db in
            let ids = try Int64.fetchAll(db, sql: "SELECT id FROM decision WHERE number_key = ? ORDER BY id",
                                         arguments: [Inputs.key(number)])
            guard !ids.isEmpty else { throw RegistryError.unknownDecision(number) }
            return try ids.map { try Self.decision(db, id: $0) }
        }
    }
}
