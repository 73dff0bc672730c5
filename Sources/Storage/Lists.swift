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
    }

    /// Calls `body` for each person on the list on `day`, in list order, without loading the whole list; `shape`,
    /// when given, first, with the list's shape read in the same snapshot.
    public func forEachListed(on day: Day, filter: ListFilter = .init(), shape: ((ListShape) throws -> Void)? = nil,
                              _ body: (PersonEntry) throws -> Void) throws {
        try read { db in
            try checkFilter(db, filter)
            let from = "membership m JOIN person p ON p.id = m.person_id"
            let condition = "m.from_date <= :day AND (m.to_date IS NULL OR m.to_date > :day)" + ListFilter.sql
            let arguments: StatementArguments = ["day": day.iso, "district": filter.districtCode, "commune": filter.communeCode]
            if let shape {
                try shape(Self.listShape(db, villageColumn: "m.village_id", from: from, condition: condition, arguments: arguments))
            }
            let rows = try Row.fetchCursor(db, sql: Self.personSelect(villageColumn: "m.village_id", from: from)
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

    /// The approved (frozen) list of a year, with its decision; nil when the year is not approved yet.
    public struct YearlyList: Sendable {
        public var year: Int
        public var decision: Decision
        public var asOf: Day
        public var personCount: Int
    }

    public func yearlyList(_ year: Int) throws -> YearlyList? {
        try read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT decision_id, as_of, person_count FROM yearly_list WHERE year = ?",
                                             arguments: [year]) else { return nil }
            return YearlyList(year: year, decision: try Self.decision(db, id: row[0]), asOf: Day(parsing: row[1])!,
                              personCount: row[2])
        }
    }

    /// Calls `body` for each person of the approved list of `year`, in the order it was approved (its positions),
    /// without loading the whole list; `shape`, when given, first, with the list's shape.
    public func forEachOnYearlyList(_ year: Int, filter: ListFilter = .init(), shape: ((ListShape) throws -> Void)? = nil,
                                    _ body: (PersonEntry) throws -> Void) throws {
        try read { db in
            try checkFilter(db, filter)
            let from = "yearly_list_entry y JOIN person p ON p.id = y.person_id"
            let condition = "y.year = :year" + ListFilter.sql
            let arguments: StatementArguments = ["year": year, "district": filter.districtCode, "commune": filter.communeCode]
            if let shape {
                try shape(Self.listShape(db, villageColumn: "y.village_id", from: from, condition: condition, arguments: arguments))
            }
            let rows = try Row.fetchCursor(db, sql: Self.personSelect(villageColumn: "y.village_id", from: from)
                + " WHERE " + condition + " ORDER BY y.position", arguments: arguments)
            try Self.forEachPersonEntry(rows, body)
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
            events.append(HistoryEvent(date: Day(parsing: String(created.prefix(10)))!, event: .registered,
                                       village: firstVillage ?? person.village))
            for row in try Row.fetchAll(db, sql: Self.proposalSelect + """
                 WHERE pr.person_id = ?1 OR pr.replacement_id = ?1 ORDER BY pr.id
                """, arguments: [personId]) {
                let proposal = Self.proposal(row)
                let proposedOn = Day(parsing: String(proposal.createdAt.prefix(10)))!
                events.append(HistoryEvent(date: proposedOn, event: .proposed, proposalKind: proposal.kind,
                                           proposalId: proposal.id, village: proposal.village))
                if proposal.status == .withdrawn {
                    events.append(HistoryEvent(date: proposedOn, event: .withdrawn, proposalKind: proposal.kind, proposalId: proposal.id))
                } else if proposal.status == .rejected, let decisionId = proposal.decisionId {
                    let day = try String.fetchOne(db, sql: "SELECT decided_on FROM decision WHERE id = ?", arguments: [decisionId])!
                    events.append(HistoryEvent(date: Day(parsing: day)!, event: .rejected, proposalKind: proposal.kind,
                                               proposalId: proposal.id, decisionNumber: proposal.decisionNumber))
                }
            }
            for row in try Row.fetchAll(db, sql: """
                SELECT m.from_date, m.to_date, m.end_reason, m.start_proposal_id, m.end_proposal_id, v.name AS village,
                       sd.number AS start_number, ed.number AS end_number, r.name_vi AS reason_vi
                FROM membership m JOIN village v ON v.id = m.village_id
                JOIN decision sd ON sd.id = m.start_decision_id
                LEFT JOIN decision ed ON ed.id = m.end_decision_id
                LEFT JOIN removal_reason r ON r.code = m.end_reason
                WHERE m.person_id = ? ORDER BY m.from_date
                """, arguments: [personId]) {
                events.append(HistoryEvent(date: Day(parsing: row["from_date"])!, event: .entered, proposalId: row["start_proposal_id"],
                                           village: row["village"], decisionNumber: row["start_number"]))
                if let end: String = row["to_date"] {
                    events.append(HistoryEvent(date: Day(parsing: end)!, event: .left, proposalId: row["end_proposal_id"],
                                               village: row["village"], reason: row["end_reason"], decisionNumber: row["end_number"]))
                }
            }
            for row in try Row.fetchAll(db, sql: """
                SELECT y.year, d.number, d.effective_on FROM yearly_list_entry e JOIN yearly_list y ON y.year = e.year
                JOIN decision d ON d.id = y.decision_id WHERE e.person_id = ? ORDER BY y.year
                """, arguments: [personId]) {
                events.append(HistoryEvent(date: Day(parsing: row[2])!, event: .listed, decisionNumber: row[1], listYear: row[0]))
            }
            if let died = person.deathDate { events.append(HistoryEvent(date: died, event: .died)) }
            let order: [HistoryEvent.Event] = [.registered, .proposed, .withdrawn, .rejected, .died, .left, .entered, .listed]
            events.sort { ($0.date, order.firstIndex(of: $0.event)!) < ($1.date, order.firstIndex(of: $1.event)!) }
            return (person, events)
        }
    }
}
