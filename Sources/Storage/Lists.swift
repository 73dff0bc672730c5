import Foundation
import GRDB
import Registry
import VietnameseCalendar

/// The questions a clerk asks of the list: who was on it, what changed, what happened to whom.
extension UytinDatabase {
    /// Narrows a list to a district or a commune.
    public struct ListFilter: Sendable, Equatable {
        public var districtCode: String?
        public var communeCode: String?
        public init(districtCode: String? = nil, communeCode: String? = nil) {
            self.districtCode = districtCode
            self.communeCode = communeCode
        }
        static let sql = " AND (:district IS NULL OR d.code = :district) AND (:commune IS NULL OR c.code = :commune)"
    }

    private func checkFilter(_ db: Database, _ filter: ListFilter) throws {
        if let code = filter.districtCode { _ = try Self.requireArea(db, code, level: .district) }
        if let code = filter.communeCode { _ = try Self.requireArea(db, code, level: .commune) }
    }

    /// How many persons a list holds, in how many communes, and the widest text of each printed column (in
    /// characters): what a printer needs to align the list without holding it.
    public struct ListShape: Sendable, Equatable {
        public var persons: Int
        public var communes: Int
        public var largestId: Int64
        public var name: Int
        public var ethnicGroup: Int
        public var village: Int
        public var commune: Int
        public var district: Int
        /// How many of its persons have a correction made after the list's day (a reprint notes them).
        public var corrected: Int = 0
    }

    /// Calls `body` for each person on the list on `day`, in list order, without loading the whole list; `shape`,
    /// when given, first, with the list's shape read in the same snapshot.
    public func forEachListed(on day: Day, filter: ListFilter = .init(), shape: ((ListShape) throws -> Void)? = nil,
                              _ body: (PersonEntry) throws -> Void) throws {
        try read { db in
            try checkFilter(db, filter)
            let from = "membership m JOIN person p ON p.id = m.person_id"
            // A day of no term has no list (a term that ended keeps its stays open until the next term is added); a
            // day of a term has only that term's stays.
            let term = try Self.terms(db).term(of: day)
            let condition = "m.from_date <= :day AND (m.to_date IS NULL OR m.to_date > :day) AND m.from_date >= :termStart"
                + ListFilter.sql
            let arguments: StatementArguments = ["day": day.iso, "district": filter.districtCode, "commune": filter.communeCode,
                                                 "termStart": term?.firstDay.iso ?? "9999-12-31"]
            if let shape {
                try shape(Self.listShape(db, villageColumn: "m.village_id", from: from, condition: condition, arguments: arguments,
                                         namesOn: ":day"))
            }
            let rows = try Row.fetchCursor(db, sql: Self.personSelect(villageColumn: "m.village_id", namesOn: ":day", from: from)
                + " WHERE " + condition + Self.listOrder, arguments: arguments)
            try Self.forEachPersonEntry(rows, body)
        }
    }

    /// The persons on the list on `day`.
    public func listed(on day: Day, filter: ListFilter = .init()) throws -> [PersonEntry] {
        var result: [PersonEntry] = []
        try forEachListed(on: day, filter: filter) { result.append($0) }
        return result
    }

    /// The approved (frozen) list of a year: its parts (one for the whole province, or one per district or commune
    /// under a regime that approves lists below the province), each with its decision; nil when no part is approved.
    public struct YearlyList: Sendable {
        public struct Part: Sendable, Codable, Equatable {
            public var areaCode: String
            public var area: String
            public var level: AreaLevel
            public var decision: Decision
            public var asOf: Day
            public var personCount: Int
        }
        public var year: Int
        public var parts: [Part]
        /// The first part's decision (the province's, while the province approved the whole list).
        public var decision: Decision { parts[0].decision }
        /// The day of the latest approval.
        public var asOf: Day { parts.map(\.asOf).max()! }
        public var personCount: Int { parts.reduce(0) { $0 + $1.personCount } }
    }

    public func yearlyList(_ year: Int) throws -> YearlyList? {
        try read { db in try Self.yearlyList(db, year) }
    }

    static func yearlyList(_ db: Database, _ year: Int, withProposals: Bool = true) throws -> YearlyList? {
        let parts = try Row.fetchAll(db, sql: """
            SELECT y.decision_id, y.as_of, y.person_count, a.code, a.name, a.level
            FROM yearly_list y JOIN area a ON a.id = y.area_id WHERE y.year = ? ORDER BY a.code, y.id
            """, arguments: [year]).map {
            YearlyList.Part(areaCode: $0[3], area: $0[4], level: try $0.decode(atIndex: 5),
                            decision: try Self.decision(db, id: $0[0], withProposals: withProposals), asOf: try $0.decode(atIndex: 1), personCount: $0[2])
        }
        return parts.isEmpty ? nil : YearlyList(year: year, parts: parts)
    }

    /// The units whose part of `year`'s list is still to be approved: under a regime that approves lists by district
    /// or commune, every unit of that level in force on `day` (the day of the latest approved part) with a person on
    /// the list that day whom no approved part of the year holds.
    public func pendingListParts(_ year: Int, on day: Day) throws -> [Area] {
        try read { db in try Self.pendingListParts(db, year, on: day) }
    }

    static func pendingListParts(_ db: Database, _ year: Int, on day: Day) throws -> [Area] {
        let regime = try Self.regime(db, on: day)
        guard regime.approvesList != .province else { return [] }
        return try Row.fetchAll(db, sql: Self.areaSelect + """
             WHERE a.level = :level AND \(Self.inForce("a"))
               AND EXISTS (SELECT 1 FROM membership m JOIN village v ON v.id = m.village_id JOIN area c ON c.id = v.commune_id
                           WHERE m.from_date <= :day AND (m.to_date IS NULL OR m.to_date > :day)
                             AND a.id IN (c.id, c.parent_id)
                             AND NOT EXISTS (SELECT 1 FROM yearly_list_entry e WHERE e.year = :year AND e.person_id = m.person_id))
             ORDER BY a.code
            """, arguments: ["level": regime.approvesList.rawValue, "day": day.iso, "year": year]).map(Self.area)
    }

    /// Calls `body` for each person of the approved list of `year`, in the order it was approved (its positions),
    /// without loading the whole list; `shape`, when given, first, with the list's shape.
    public func forEachOnYearlyList(_ year: Int, filter: ListFilter = .init(), shape: ((ListShape) throws -> Void)? = nil,
                                    _ body: (PersonEntry) throws -> Void) throws {
        try read { db in
            try checkFilter(db, filter)
            let from = "yearly_list_entry y JOIN yearly_list yl ON yl.id = y.list_id JOIN person p ON p.id = y.person_id"
            let arguments: StatementArguments = ["year": year, "district": filter.districtCode, "commune": filter.communeCode]
            if let shape {
                try shape(Self.listShape(db, villageColumn: "y.village_id", from: from, condition: "y.year = :year" + ListFilter.sql,
                                         arguments: arguments, namesOn: "yl.as_of"))
            }
            // Part after part (the province's one, or each district's or commune's, by code), each walking its index of
            // positions: no sort of the whole list.
            let parts = try Int64.fetchAll(db, sql: """
                SELECT l.id FROM yearly_list l JOIN area a ON a.id = l.area_id WHERE l.year = ? ORDER BY a.code, l.id
                """, arguments: [year])
            let statement = try db.cachedStatement(sql: Self.personSelect(villageColumn: "y.village_id", namesOn: "yl.as_of", from: from)
                + " WHERE y.list_id = :list" + ListFilter.sql + " ORDER BY y.position")
            for part in parts {
                let rows = try Row.fetchCursor(statement, arguments: ["list": part, "district": filter.districtCode,
                                                                      "commune": filter.communeCode])
                try Self.forEachPersonEntry(rows, body)
            }
        }
    }

    public func yearlyListEntries(_ year: Int, filter: ListFilter = .init()) throws -> [PersonEntry] {
        var result: [PersonEntry] = []
        try forEachOnYearlyList(year, filter: filter) { result.append($0) }
        return result
    }

    /// Who entered, left, or changed village between the approved lists of two years.
    public func listDiff(from: Int, to: Int) throws -> ListDiff {
        try read { db in
            for year in [from, to] where try Bool.fetchOne(db, sql: "SELECT 1 FROM yearly_list WHERE year = ?", arguments: [year]) != true {
                throw RegistryError.yearNotApproved(year)
            }
            func entries(_ condition: String, village: String = "a.village_id") throws -> [PersonEntry] {
                try Row.fetchAll(db, sql: Self.personSelect(
                    villageColumn: village, from: "yearly_list_entry a JOIN person p ON p.id = a.person_id")
                    + " WHERE " + condition + Self.listOrder, arguments: ["from": from, "to": to]).map(Self.personEntry)
            }
            let entered = try entries("a.year = :to AND NOT EXISTS (SELECT 1 FROM yearly_list_entry b WHERE b.year = :from AND b.person_id = a.person_id)")
            let left = try entries("a.year = :from AND NOT EXISTS (SELECT 1 FROM yearly_list_entry b WHERE b.year = :to AND b.person_id = a.person_id)")
            let moved = try entries("a.year = :to AND EXISTS (SELECT 1 FROM yearly_list_entry b WHERE b.year = :from AND b.person_id = a.person_id AND b.village_id <> a.village_id)")
            return ListDiff(fromYear: from, toYear: to, entered: entered, left: left, moved: moved)
        }
    }

    /// Everything that happened to a person, in date order.
    public func history(personId: Int64) throws -> (person: PersonEntry, events: [HistoryEvent]) {
        try read { db in
            let person = try Self.requirePerson(db, personId)
            var events: [HistoryEvent] = []
            let created: String = try String.fetchOne(db, sql: "SELECT created_at FROM person WHERE id = ?", arguments: [personId])!
            let firstVillage = try String.fetchOne(db, sql: """
                SELECT v.name FROM audit_log a JOIN village v ON v.id = CAST(json_extract(a.detail, '$.village') AS INTEGER)
                WHERE a.entity = 'person' AND a.entity_id = ? AND a.action = 'person.add'
                """, arguments: [personId])
            events.append(HistoryEvent(date: try Self.day(ofTimestamp: created, column: "created_at"), event: .registered,
                                       village: firstVillage ?? person.village))
            for row in try Row.fetchAll(db, sql: Self.proposalSelect + """
                 WHERE pr.person_id = ?1 OR pr.replacement_id = ?1 ORDER BY pr.id
                """, arguments: [personId]) {
                let proposal = try Self.proposal(row)
                let proposedOn = try Self.day(ofTimestamp: proposal.createdAt, column: "created_at")
                events.append(HistoryEvent(date: proposedOn, event: .proposed, proposalKind: proposal.kind,
                                           proposalId: proposal.id, village: proposal.village))
                if proposal.status == .withdrawn {
                    events.append(HistoryEvent(date: proposedOn, event: .withdrawn, proposalKind: proposal.kind, proposalId: proposal.id))
                } else if proposal.status == .rejected, let decisionId = proposal.decisionId {
                    let day = try Day.fetchOne(db, sql: "SELECT decided_on FROM decision WHERE id = ?", arguments: [decisionId])!
                    events.append(HistoryEvent(date: day, event: .rejected, proposalKind: proposal.kind,
                                               proposalId: proposal.id, decisionNumber: proposal.decisionNumber))
                }
            }
            for row in try Row.fetchAll(db, sql: """
                SELECT m.from_date, m.to_date, m.end_reason, m.start_proposal_id, m.end_proposal_id, v.name AS village,
                       v.name || ', ' || c.name || ' (' || c.code || ')' AS place,
                       sd.number AS start_number, ed.number AS end_number, sr.basis AS start_basis, er.basis AS end_basis
                FROM membership m JOIN village v ON v.id = m.village_id JOIN area c ON c.id = v.commune_id
                LEFT JOIN decision sd ON sd.id = m.start_decision_id
                LEFT JOIN decision ed ON ed.id = m.end_decision_id
                LEFT JOIN reorganization sr ON sr.id = m.start_reorg_id
                LEFT JOIN reorganization er ON er.id = m.end_reorg_id
                WHERE m.person_id = ? ORDER BY m.from_date, m.id
                """, arguments: [personId]) {
                let from: Day = try row.decode(forColumn: "from_date")
                if let basis: String = row["start_basis"] {
                    events.append(HistoryEvent(date: from, event: .rebound, village: row["place"], basis: basis))
                } else {
                    events.append(HistoryEvent(date: from, event: .entered, proposalId: row["start_proposal_id"],
                                               village: row["village"], decisionNumber: row["start_number"]))
                }
                if let end: Day = try row.decode(forColumn: "to_date"), row["end_reason"] as String? != "reorganized" {
                    events.append(HistoryEvent(date: end, event: .left, proposalId: row["end_proposal_id"],
                                               village: row["village"], reason: row["end_reason"], decisionNumber: row["end_number"]))
                }
            }
            for row in try Row.fetchAll(db, sql: """
                SELECT y.year, d.number, d.effective_on FROM yearly_list_entry e JOIN yearly_list y ON y.id = e.list_id
                JOIN decision d ON d.id = y.decision_id WHERE e.person_id = ? ORDER BY y.year
                """, arguments: [personId]) {
                events.append(HistoryEvent(date: try row.decode(atIndex: 2), event: .listed, decisionNumber: row[1], listYear: row[0]))
            }
            if let died = person.deathDate { events.append(HistoryEvent(date: died, event: .died)) }
            for (correction, reason) in try Self.corrections(db, personId: personId) {
                events.append(HistoryEvent(date: correction.on, event: .corrected, reason: reason, correction: correction))
            }
            if let row = try Row.fetchOne(db, sql: "SELECT withdrawn_on, withdraw_reason FROM person WHERE id = ? AND withdrawn_on IS NOT NULL",
                                          arguments: [personId]) {
                events.append(HistoryEvent(date: try row.decode(atIndex: 0), event: .withdrawnDuplicate, reason: row[1]))
            }
            let order: [HistoryEvent.Event] = [.registered, .proposed, .withdrawn, .rejected, .died, .left, .rebound, .entered, .listed,
                                               .corrected, .withdrawnDuplicate]
            events.sort { ($0.date, order.firstIndex(of: $0.event)!) < ($1.date, order.firstIndex(of: $1.event)!) }
            return (person, events)
        }
    }
}
