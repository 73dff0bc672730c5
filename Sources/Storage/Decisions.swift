import Foundation
import GRDB
import Registry
import VietnameseCalendar

/// Decisions: recorded once, applied as one transaction, never changed.
extension UytinDatabase {
    /// Records a decision: applies the proposals it approves, marks those it rejects, and with a list year freezes
    /// that year's list, all in one transaction. Returns the decision as recorded.
    public func recordDecision(_ input: DecisionInput) throws -> Decision {
        let names = try Self.decisionNames(input)
        let id: Int64 = try write { db in
            let prepared = try Self.prepareDecision(db, input, names: names)
            try checkDecider(prepared)
            let (number, issuer, issuerArea) = (names.number, names.issuer, prepared.issuerArea)
            let fileHash = input.file.map { SHA256.hex($0.content) }
            try db.execute(sql: """
                INSERT INTO decision (number, number_key, issuer, issuer_key, issuer_level, issuer_area_id, year, decided_on,
                                      effective_on, list_year, file_name, file_sha256, file_content, recorded_by, recorded_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [number, Inputs.key(number), issuer, Inputs.key(issuer), issuerArea.level.rawValue,
                                 issuerArea.id, input.decidedOn.year, input.decidedOn.iso,
                                 input.effectiveOn.iso, input.listYear, input.file?.name, fileHash,
                                 input.file.map { Data($0.content) }, actor, Self.timestamp()])
            let decisionId = db.lastInsertedRowID
            var detail = ["number": number, "issuer": issuer, "issuerLevel": issuerArea.level.rawValue,
                          "issuerArea": issuerArea.code, "date": input.decidedOn.iso, "effective": input.effectiveOn.iso,
                          "approve": prepared.approve.map(String.init).joined(separator: ","),
                          "reject": prepared.reject.map(String.init).joined(separator: ","),
                          "listYear": input.listYear.map(String.init) ?? "", "fileSha256": fileHash ?? ""]
            if let pending = input.approvePending { detail["approvePending"] = pending.communeCode ?? "*" }
            try audit(db, "decision.record", entity: "decision", id: decisionId, decision: decisionId, detail)

            try applySteps(db, prepared.steps, decisionId: decisionId, number: number)
            let approving = Set(prepared.approve)
            let decide = try db.cachedStatement(sql: "UPDATE proposal SET status = ?, decision_id = ? WHERE id = ?")
            for proposal in prepared.proposals {
                let status: ProposalStatus = approving.contains(proposal.id) ? .approved : .rejected
                try decide.execute(arguments: [status.rawValue, decisionId, proposal.id])
                try audit(db, "proposal.\(status.rawValue)", entity: "proposal", id: proposal.id, decision: decisionId,
                          ["kind": proposal.kind.rawValue, "person": String(proposal.personId)])
            }
            if let year = input.listYear {
                try freezeList(db, year: year, area: issuerArea, decisionId: decisionId, asOf: input.effectiveOn)
            }
            return decisionId
        }
        return try read { db in try Self.decision(db, id: id) }
    }

    /// A program never decides; a signed-in account never decides the proposals it created (four eyes). A typed
    /// `--actor` on the command line is not an identity, so there the proposals' creators are not compared.
    private func checkDecider(_ prepared: PreparedDecision) throws {
        let approving = Set(prepared.approve)
        let creators = signedIn ? prepared.proposals.filter { approving.contains($0.id) }.map(\.createdBy) : []
        try Actors.checkApproval(by: actor, creators: creators,
                                 what: Message(vi: "đề nghị được phê duyệt", en: "a proposal being approved"))
    }

    /// The decision's number and issuer, checked.
    static func decisionNames(_ input: DecisionInput) throws -> (number: String, issuer: String) {
        let number = try Inputs.name(input.number, field: Message(vi: "Số quyết định", en: "Decision number"), maxLength: 60)
        let issuer = try Inputs.name(input.issuer, field: Message(vi: "Cơ quan ban hành", en: "Issuer"), maxLength: 200)
        if let both = Set(input.approve).intersection(input.reject).min() { throw RegistryError.proposalTwice(both) }
        if input.approvePending != nil, !input.approve.isEmpty {
            throw RegistryError("approve_pending_and_ids", .malformed,
                                vi: "--approve-pending đã phê duyệt mọi đề nghị đang chờ; không dùng cùng --approve (dùng --reject để loại bớt).",
                                en: "--approve-pending approves every pending proposal; it takes no --approve (use --reject to leave some out).")
        }
        guard !input.approve.isEmpty || !input.reject.isEmpty || input.listYear != nil || input.approvePending != nil else {
            throw RegistryError.emptyDecision
        }
        return (number, issuer)
    }

    /// A decision checked against the registry and planned, not yet written.
    struct PreparedDecision {
        var approve: [Int64]
        var reject: [Int64]
        /// The proposals it approves and rejects, by id.
        var proposals: [Proposal]
        var issuerArea: Area
        var steps: [DecisionPlanner.Step]
        var persons: [Int64: DecisionPlanner.PersonState]
        var villages: [Int64: DecisionPlanner.VillageState]
    }

    /// Every check `decision record` makes, and the plan of the list's changes; reads only.
    static func prepareDecision(_ db: Database, _ input: DecisionInput, names: (number: String, issuer: String)) throws -> PreparedDecision {
        let (number, issuer) = names
        let setting = try requireSetting(db)
        let term = try setting.term(of: input.effectiveOn, what: "QĐ \(number): \(input.effectiveOn.vietnamese)")
        guard term.contains(input.decidedOn) else {
            throw RegistryError.outsideTerm("QĐ \(number): \(input.decidedOn.vietnamese)", term: term.years)
        }
        if let year = input.listYear {
            guard term.years.contains(year) else { throw RegistryError.outsideTerm(String(year), term: term.years) }
        }
        if try Bool.fetchOne(db, sql: "SELECT 1 FROM decision WHERE number_key = ? AND issuer_key = ? AND year = ?",
                             arguments: [Inputs.key(number), Inputs.key(issuer), input.decidedOn.year]) == true {
            throw RegistryError.decisionExistsInYear(number, issuer: issuer, year: input.decidedOn.year)
        }
        if let year = input.listYear, year > input.decidedOn.year {
            throw RegistryError.listYearAfterDecision(year, decidedOn: input.decidedOn)
        }
        let reject = Array(Set(input.reject)).sorted()
        var approve = Array(Set(input.approve)).sorted()
        if let pending = input.approvePending {
            let rejecting = Set(reject)
            approve = try pendingProposalIds(db, communeCode: pending.communeCode, areaCode: input.issuerAreaCode)
                .filter { !rejecting.contains($0) }
            guard !approve.isEmpty else { throw RegistryError.nothingPending(communeCode: pending.communeCode) }
        }
        let proposals = try (approve + reject).map { try requireProposal(db, $0) }
        for proposal in proposals where proposal.status != .pending {
            throw RegistryError.proposalNotPending(proposal.id, status: proposal.status)
        }
        if !approve.isEmpty, let latestDay = try Day.fetchOne(db, sql: "SELECT max(from_date) FROM membership"),
           input.effectiveOn < latestDay {
            throw RegistryError.decisionOutOfOrder(input.effectiveOn.iso, latest: latestDay.iso)
        }
        let issuerArea = try issuerArea(db, input, proposals: proposals)
        if let year = input.listYear, let part = try listPart(db, year: year, areaId: issuerArea.id) {
            throw RegistryError.listPartFrozen(part)
        }
        let approving = Set(approve)
        for proposal in proposals where approving.contains(proposal.id) {
            let entering = proposal.kind == .recognize ? proposal.personId : proposal.kind == .replace ? proposal.replacementId : nil
            if let entering {
                try refuseUnderAge(db, try requirePerson(db, entering), on: input.decidedOn,
                                   what: Message(vi: "được công nhận", en: "be recognised"))
            }
        }
        let planned = try planApproved(db, proposals.filter { approving.contains($0.id) }, effectiveOn: input.effectiveOn)
        return PreparedDecision(approve: approve, reject: reject, proposals: proposals, issuerArea: issuerArea,
                                steps: planned.steps, persons: planned.persons, villages: planned.villages)
    }

    /// The proposals awaiting a decision, oldest first; with a commune code, only those in that commune (where the
    /// person would be listed, or is listed, or lives), and with the issuer's area code, only those inside it (a
    /// district's decision approves its district's proposals).
    static func pendingProposalIds(_ db: Database, communeCode: String?, areaCode: String? = nil) throws -> [Int64] {
        try Int64.fetchAll(db, sql: """
            SELECT pr.id FROM proposal pr
            JOIN person p ON p.id = pr.person_id
            JOIN village v ON v.id = coalesce(pr.village_id,
                (SELECT m.village_id FROM membership m WHERE m.person_id = pr.person_id ORDER BY m.from_date DESC LIMIT 1),
                p.village_id)
            JOIN area c ON c.id = v.commune_id
            LEFT JOIN area up ON up.id = c.parent_id
            LEFT JOIN area top ON top.id = up.parent_id
            WHERE pr.status = 'pending' AND (?1 IS NULL OR c.code = ?1) AND (?2 IS NULL OR ?2 IN (c.code, up.code, top.code))
            ORDER BY pr.id
            """, arguments: [communeCode, areaCode])
    }

    /// Loads the state of just the persons and villages the proposals touch, and plans.
    static func planApproved(_ db: Database, _ approved: [Proposal], effectiveOn: Day) throws
        -> (steps: [DecisionPlanner.Step], persons: [Int64: DecisionPlanner.PersonState], villages: [Int64: DecisionPlanner.VillageState]) {
        guard !approved.isEmpty else { return ([], [:], [:]) }
        var persons: [Int64: DecisionPlanner.PersonState] = [:]
        for id in Set(approved.flatMap { [$0.personId, $0.replacementId].compactMap { $0 } }) {
            let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT full_name, death_date FROM person WHERE id = ?"),
                                       arguments: [id])!
            persons[id] = .init(id: id, name: row[0], openStay: try openStay(db, personId: id, untilTermEnd: true),
                                deathDate: try row.decode(atIndex: 1))
        }
        let villageIds = Set(approved.compactMap(\.villageId) + persons.values.compactMap { $0.openStay?.villageId })
        var villages: [Int64: DecisionPlanner.VillageState] = [:]
        for id in villageIds {
            let village = try requireVillage(db, id)
            var occupants: [Int64: String] = [:]
            for row in try Row.fetchAll(db.cachedStatement(sql: """
                SELECT p.id, p.full_name FROM membership m JOIN person p ON p.id = m.person_id
                WHERE m.village_id = ? AND (m.to_date IS NULL OR (m.end_reason = 'term_end' AND m.to_date > ?))
                """), arguments: [id, effectiveOn.iso]) {
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
        switch planned {
        case .success(let steps): return (steps, persons, villages)
        case .failure(let errors): throw errors
        }
    }

    /// Writes the planned changes of the list.
    private func applySteps(_ db: Database, _ steps: [DecisionPlanner.Step], decisionId: Int64, number: String) throws {
        guard !steps.isEmpty else { return }
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

    /// Writes the year's list (or the part of it in `area`) as it stands on `asOf`, each person at their position in
    /// the printed list (the order of `listOrder`), then freezes it.
    private func freezeList(_ db: Database, year: Int, area: Area, decisionId: Int64, asOf: Day) throws {
        let listId = (try Int64.fetchOne(db, sql: "SELECT max(id) FROM yearly_list") ?? 0) + 1
        try db.execute(sql: """
            INSERT INTO yearly_list_entry (year, list_id, person_id, membership_id, village_id, position)
            SELECT :year, :list, m.person_id, m.id, m.village_id,
                   row_number() OVER (ORDER BY \(Self.listOrderKeys))
            FROM membership m
            JOIN person p ON p.id = m.person_id
            JOIN village v ON v.id = m.village_id
            JOIN area c ON c.id = v.commune_id
            LEFT JOIN area d ON d.id = c.parent_id AND d.level = 'district'
            WHERE m.from_date <= :day AND (m.to_date IS NULL OR m.to_date > :day)
              AND :area IN (c.id, c.parent_id, d.parent_id)
            """, arguments: ["year": year, "list": listId, "day": asOf.iso, "area": area.id])
        let count = db.changesCount
        try db.execute(sql: "INSERT INTO yearly_list (id, year, area_id, decision_id, as_of, person_count) VALUES (?, ?, ?, ?, ?, ?)",
                       arguments: [listId, year, area.id, decisionId, asOf.iso, count])
        try audit(db, "list.approve", entity: "yearly_list", id: listId, decision: decisionId,
                  ["year": String(year), "area": area.code, "asOf": asOf.iso, "persons": String(count)])
    }

    /// The approved part of `year` that covers, or lies inside, the area (the part's name), if any.
    static func listPart(_ db: Database, year: Int, areaId: Int64) throws -> String? {
        try String.fetchOne(db, sql: """
            SELECT a.name FROM yearly_list y JOIN area a ON a.id = y.area_id
            WHERE y.year = :year
              AND (y.area_id = :area
                OR y.area_id IN (SELECT parent_id FROM area WHERE id = :area)
                OR y.area_id IN (SELECT p.parent_id FROM area x JOIN area p ON p.id = x.parent_id WHERE x.id = :area)
                OR :area IN (SELECT parent_id FROM area WHERE id = y.area_id)
                OR :area IN (SELECT p.parent_id FROM area x JOIN area p ON p.id = x.parent_id WHERE x.id = y.area_id))
            LIMIT 1
            """, arguments: ["year": year, "area": areaId]).map { "\(year) (\($0))" }
    }

    /// The issuer's level and area, checked against the regime of the decision's date: the level it allows, an
    /// area of that level in force that day, and every person the decision touches inside it.
    static func issuerArea(_ db: Database, _ input: DecisionInput, proposals: [Proposal]) throws -> Area {
        let day = input.decidedOn
        let regime = try regime(db, on: day)
        let deciding = !proposals.isEmpty
        // The level typed, or the one the issuer's name states, or the one the regime gives.
        let level = input.issuerLevel ?? AreaLevel(issuer: input.issuer) ?? (deciding ? regime.decides : regime.approvesList)
        if deciding, level != regime.decides { throw RegistryError.levelNotAllowed(level, regime: regime, listApproval: false) }
        if input.listYear != nil, level != regime.approvesList {
            throw RegistryError.levelNotAllowed(level, regime: regime, listApproval: true)
        }
        // Each person the decision touches, with the units above their villages (commune, district, province).
        var touched: [(person: String, units: [(id: Int64, level: AreaLevel)])] = []
        let unitsAbove = try db.cachedStatement(sql: """
            SELECT c.id, c.level, p.id, p.level, g.id, g.level FROM village v JOIN area c ON c.id = v.commune_id
            LEFT JOIN area p ON p.id = c.parent_id LEFT JOIN area g ON g.id = p.parent_id WHERE v.id = ?
            """)
        for proposal in proposals {
            var villages = [proposal.villageId].compactMap { $0 }
            if let stay = try openStay(db, personId: proposal.personId, untilTermEnd: true) { villages.append(stay.villageId) }
            for village in villages {
                guard let row = try Row.fetchOne(unitsAbove, arguments: [village]) else { continue }
                var units: [(id: Int64, level: AreaLevel)] = []
                for index in [0, 2, 4] {
                    if let id: Int64 = try row.decode(atIndex: index) { units.append((id, try row.decode(atIndex: index + 1))) }
                }
                touched.append(("\(proposal.person) (#\(proposal.personId))", units))
            }
        }
        let area: Area
        if let code = input.issuerAreaCode {
            guard let found = try Self.area(db, code: code, level: level, on: day) else {
                throw RegistryError.issuerAreaLevel(code, level: level)
            }
            area = found
        } else if level == .province {
            guard let province = try province(db, on: day) else { throw RegistryError.issuerAreaLevel("-", level: level) }
            area = province
        } else {
            // The one unit of the level that holds everyone the decision touches.
            let candidates = Set(touched.compactMap { item in item.units.first { $0.level == level }?.id })
            guard candidates.count == 1, let only = candidates.first,
                  let row = try Row.fetchOne(db, sql: Self.areaSelect + " WHERE a.id = ?", arguments: [only]) else {
                throw RegistryError("issuer_area_needed", .malformed,
                                    vi: "Quyết định cấp \(level.label.vi) cần --issuer-area MÃ (mã \(level.label.vi) ban hành).",
                                    en: "A \(level.label.en)-level decision needs --issuer-area CODE (the issuing \(level.label.en)).")
            }
            area = try Self.area(row)
        }
        let outside = touched.filter { !$0.units.contains { $0.id == area.id } }.map(\.person)
        if !outside.isEmpty { throw RegistryError.outsideIssuerArea(outside, area: area.name, regime: regime) }
        return area
    }

    /// A decision; `withProposals: false` leaves its proposals out (a term's first decision approves thousands, and a
    /// page naming the decision of a list needs none of them).
    static func decision(_ db: Database, id: Int64, withProposals: Bool = true) throws -> Decision {
        let row = try Row.fetchOne(db, sql: """
            SELECT d.*, y.person_count, a.code AS area_code, a.name AS area_name
            FROM decision d JOIN area a ON a.id = d.issuer_area_id LEFT JOIN yearly_list y ON y.decision_id = d.id
            WHERE d.id = ?
            """, arguments: [id])!
        let proposals = withProposals ? try Row.fetchAll(db, sql: Self.proposalSelect + " WHERE pr.decision_id = ? ORDER BY pr.id",
                                                         arguments: [id]).map(Self.proposal) : []
        return Decision(id: id, number: row["number"], issuer: row["issuer"],
                        issuerLevel: try row.decode(forColumn: "issuer_level"), issuerAreaCode: row["area_code"],
                        issuerArea: row["area_name"], year: row["year"],
                        decidedOn: try row.decode(forColumn: "decided_on"), effectiveOn: try row.decode(forColumn: "effective_on"),
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

    /// The decisions with this number (one per issuer and year), optionally of one year or issuing area, with what
    /// each did.
    public func decisions(number: String, year: Int? = nil, issuerAreaCode: String? = nil) throws -> [Decision] {
        try read { db in
            let ids = try Int64.fetchAll(db, sql: """
                SELECT d.id FROM decision d JOIN area a ON a.id = d.issuer_area_id
                WHERE d.number_key = ? AND (?2 IS NULL OR d.year = ?2) AND (?3 IS NULL OR a.code = ?3) ORDER BY d.decided_on, d.id
                """, arguments: [Inputs.key(number), year, issuerAreaCode])
            guard !ids.isEmpty else { throw RegistryError.unknownDecision(number) }
            return try ids.map { try Self.decision(db, id: $0) }
        }
    }
}
