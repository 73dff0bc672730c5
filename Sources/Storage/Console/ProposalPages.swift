import Foundation
import GRDB
import Registry
import VietnameseCalendar

/// What the console's proposal pages read, within the account's scope: the proposals waiting and decided lately,
/// and the choices a proposal form offers for one person.
extension UytinDatabase {
    /// The proposals page: the pending ones (oldest first, as a decision takes them) and the latest decided or withdrawn.
    public struct ProposalOverview: Sendable {
        public var pending: [Proposal]
        /// All pending proposals in scope (the page shows at most the limit).
        public var pendingCount: Int
        /// Newest first.
        public var recent: [Proposal]
    }

    /// The proposals in scope: pending ones (at most `pendingLimit`, with their count) and the last `recentLimit`
    /// others. A proposal belongs to the commune of the person it names first.
    public func proposalOverview(pendingLimit: Int = 200, recentLimit: Int = 50) throws -> ProposalOverview {
        let (scopeSQL, scopeArguments) = proposalScopeCondition()
        return try read { db in
            let pending = try Row.fetchAll(db, sql: Self.proposalSelect + """
                 WHERE pr.status = 'pending' AND \(scopeSQL) ORDER BY pr.id LIMIT ?
                """, arguments: scopeArguments + [max(0, pendingLimit)]).map(Self.proposal)
            let count = try Int.fetchOne(db, sql: "SELECT count(*) FROM proposal pr WHERE pr.status = 'pending' AND \(scopeSQL)",
                                         arguments: scopeArguments) ?? 0
            let recent = try Row.fetchAll(db, sql: Self.proposalSelect + """
                 WHERE pr.status <> 'pending' AND \(scopeSQL) ORDER BY pr.id DESC LIMIT ?
                """, arguments: scopeArguments + [max(0, recentLimit)]).map(Self.proposal)
            return ProposalOverview(pending: pending, pendingCount: count, recent: recent)
        }
    }

    /// The SQL condition keeping proposals `pr` within the scope: by the commune of the person they name first.
    func proposalScopeCondition() -> (sql: String, arguments: StatementArguments) {
        guard let communeId = scope.communeAreaId else { return ("1", []) }
        return ("pr.person_id IN (SELECT sp.id FROM village sv JOIN person sp ON sp.village_id = sv.id WHERE sv.commune_id = ?)",
                [communeId])
    }

    /// An ethnic group as a form offers it: chosen by name.
    public struct EthnicGroupChoice: Sendable, Equatable, FetchableRecord {
        public var code: String
        public var name: String

        public init(row: Row) {
            code = row["code"]
            name = row["name"]
        }
    }

    /// The ethnic groups, by code (Kinh first, as the official list).
    public func ethnicGroups() throws -> [EthnicGroupChoice] {
        try read { db in try EthnicGroupChoice.fetchAll(db, sql: "SELECT code, name FROM ethnic_group ORDER BY code") }
    }

    /// The villages in force today within the handle's scope, by district, commune and name: where a person may be
    /// registered or recognised.
    public func villagesInScope() throws -> [Village] {
        let today = Self.today().iso
        return try read { db in
            try Row.fetchAll(db, sql: Self.villageSelect + """
                 WHERE v.merged_on IS NULL AND (c.valid_to IS NULL OR c.valid_to > ?1) AND (?2 IS NULL OR v.commune_id = ?2)
                 ORDER BY coalesce(d.code, ''), c.code, v.name_key, v.id
                """, arguments: [today, scope.communeAreaId]).map(Self.village)
        }
    }

    /// What the proposal forms offer for one person.
    public struct ProposalChoices: Sendable {
        public var person: PersonEntry
        /// The person's stay on the list that a removal, replacement or re-binding ends: its village.
        public var stayVillage: Village?
        /// The villages a recognition may name (in force, in scope).
        public var villages: [Village]
        /// The villages that took the stay's village in (mergers, reorganisations): the only ones a re-binding may name.
        public var rebindTargets: [Village]
        /// Persons who may replace this one: registered in the same commune, alive, not on the list, not withdrawn;
        /// those of the stay's village first, at most 100.
        public var replacements: [PersonEntry]
        public var reasons: [RemovalReason]
        /// The person's pending proposal, if any (a second one is refused).
        public var pending: Proposal?
    }

    /// The choices of the proposal forms for a person within the handle's scope (`RegistryError.personNotFound`
    /// otherwise).
    public func proposalChoices(personId: Int64) throws -> ProposalChoices {
        let villages = try villagesInScope()
        let today = Self.today().iso
        return try read { db in
            let person = try Self.requirePersonInScope(db, personId, scope: scope)
            let stay = try Self.openStay(db, personId: personId, untilTermEnd: true)
            let stayVillage = try stay.map { try Self.requireVillage(db, $0.villageId) }
            var targets: [Village] = []
            if let stay {
                for id in try Self.successors(db, of: stay.villageId) {
                    let village = try Self.requireVillage(db, id)
                    if village.mergedOn == nil, (try? refuseOutOfScope(db, villageId: id)) != nil { targets.append(village) }
                }
            }
            let communeId = try Int64.fetchOne(db, sql: "SELECT commune_id FROM village WHERE id = ?", arguments: [person.villageId])
            let replacements = try Row.fetchAll(db, sql: Self.personSelect(villageColumn: "p.village_id", from: "person p") + """
                 WHERE p.village_id IN (SELECT id FROM village WHERE commune_id = ?1) AND p.id <> ?2
                   AND p.withdrawn_on IS NULL AND p.death_date IS NULL
                   AND NOT EXISTS (SELECT 1 FROM membership m WHERE m.person_id = p.id AND (m.to_date IS NULL OR m.to_date > ?3))
                 ORDER BY p.village_id IS NOT ?4, p.name_key, p.id LIMIT 100
                """, arguments: [communeId, personId, today, stay?.villageId]).map(Self.personEntry)
            let pending = try Row.fetchOne(db, sql: Self.proposalSelect + """
                 WHERE pr.status = 'pending' AND (pr.person_id = ?1 OR pr.replacement_id = ?1) ORDER BY pr.id LIMIT 1
                """, arguments: [personId]).map(Self.proposal)
            return ProposalChoices(person: person, stayVillage: stayVillage, villages: villages, rebindTargets: targets,
                                   replacements: replacements, reasons: try Self.removalReasons(db), pending: pending)
        }
    }
}
