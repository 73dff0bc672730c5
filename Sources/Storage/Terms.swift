import Foundation
import GRDB
import Registry
import VietnameseCalendar

/// Terms of the list: one database holds every term, one after the other.
extension UytinDatabase {
    static func terms(_ db: Database) throws -> Terms {
        Terms(try Row.fetchAll(db, sql: "SELECT first_year, last_year, basis FROM term ORDER BY first_year").map {
            Term(firstYear: $0[0], lastYear: $0[1], basis: $0[2])
        })
    }

    /// True when some stay of `term` has begun by `day` (the term's list has started).
    public func termHasStays(_ term: Term, on day: Day) throws -> Bool {
        try read { db in
            try Bool.fetchOne(db, sql: "SELECT 1 FROM membership WHERE from_date >= ? AND from_date <= ? LIMIT 1",
                              arguments: [term.firstDay.iso, day.iso]) ?? false
        }
    }

    /// A term with what it holds, for `term list`.
    public struct TermSummary: Sendable, Codable, Equatable {
        public var firstYear: Int
        public var lastYear: Int
        public var basis: String
        public var decisions: Int
        public var approvedLists: Int
        public var persons: Int
    }

    /// Every term, with its decisions, approved list parts and the persons who were on its list.
    public func termSummaries() throws -> [TermSummary] {
        try read { db in
            try Self.terms(db).all.map { term in
                let first = term.firstDay.iso
                let end = term.endDay.iso
                let row = try Row.fetchOne(db, sql: """
                    SELECT (SELECT count(*) FROM decision WHERE effective_on >= ?1 AND effective_on < ?2),
                           (SELECT count(*) FROM yearly_list WHERE year BETWEEN ?3 AND ?4),
                           (SELECT count(DISTINCT person_id) FROM membership WHERE from_date >= ?1 AND from_date < ?2)
                    """, arguments: [first, end, term.firstYear, term.lastYear])!
                return TermSummary(firstYear: term.firstYear, lastYear: term.lastYear, basis: term.basis,
                                   decisions: row[0], approvedLists: row[1], persons: row[2])
            }
        }
    }

    /// Adds the next term, right after the last one. The stays of the terms before end when it starts ('term_end'):
    /// nobody carries over by default. Returns how many stays ended.
    @discardableResult
    public func addTerm(_ years: ClosedRange<Int>, basis: String?) throws -> Int {
        guard years.count <= Term.maximumYears else { throw RegistryError.termTooLong(years.lowerBound, years.upperBound) }
        let basis = try basis.map { try Inputs.name($0, field: Message(vi: "Căn cứ", en: "Basis"), maxLength: 300) } ?? ""
        return try write { db in
            _ = try Self.requireSetting(db)
            let terms = try Self.terms(db)
            if let last = terms.all.last, years.lowerBound != last.lastYear + 1 {
                throw RegistryError.termNotNext(years.lowerBound, expected: last.lastYear + 1)
            }
            try db.execute(sql: "INSERT INTO term (first_year, last_year, basis, created_by, created_at) VALUES (?, ?, ?, ?, ?)",
                           arguments: [years.lowerBound, years.upperBound, basis, actor, Self.timestamp()])
            let start = Day(year: years.lowerBound, month: 1, day: 1)!
            try db.execute(sql: """
                UPDATE membership SET to_date = ?1, end_reason = 'term_end' WHERE to_date IS NULL AND from_date < ?1
                """, arguments: [start.iso])
            let ended = db.changesCount
            try audit(db, "term.add", entity: "term", id: Int64(years.lowerBound),
                      ["years": "\(years.lowerBound)-\(years.upperBound)", "basis": basis, "staysEnded": String(ended),
                       "endedOn": start.iso])
            return ended
        }
    }

    /// What carrying the previous term's last list over would draft (or drafted).
    public struct CarryOver: Sendable, Codable, Equatable {
        public struct Item: Sendable, Codable, Equatable {
            public var personId: Int64
            public var name: String
            public var villageId: Int64
            public var village: String
            public var proposalId: Int64?
        }
        public struct Skipped: Sendable, Codable, Equatable {
            public var personId: Int64
            public var name: String
            public var reason: Message
        }
        public var fromYear: Int
        public var term: String
        public var drafted: [Item]
        public var skipped: [Skipped]
    }

    /// Drafts a recognition for everyone on the previous term's last approved list, in today's village (the one that
    /// took theirs in, through mergers and reorganisations), for the clerk to edit before a decision. Skips who has
    /// died, who already has a pending proposal, and who is already on the new term's list.
    public func carryOver(note: String?, dryRun: Bool = false) throws -> CarryOver {
        let note = try Inputs.note(note)
        return try write(commit: !dryRun) { db in
            let terms = try Self.requireSetting(db).terms
            guard terms.all.count >= 2, let current = terms.all.last else { throw RegistryError.carryOverNeedsNewTerm }
            let previous = terms.all[terms.all.count - 2]
            guard let year = try Int.fetchOne(db, sql: "SELECT max(year) FROM yearly_list WHERE year BETWEEN ? AND ?",
                                              arguments: [previous.firstYear, previous.lastYear]) else {
                throw RegistryError.noPreviousList(current.label)
            }
            // Compiled once: the list may hold 30,000 persons.
            let pendingProposal = try db.cachedStatement(sql: """
                SELECT id FROM proposal WHERE status = 'pending' AND (person_id = ?1 OR replacement_id = ?1) LIMIT 1
                """)
            let recognizedInTerm = try db.cachedStatement(sql: "SELECT 1 FROM membership WHERE person_id = ? AND from_date >= ?")
            let insertProposal = try db.cachedStatement(sql: """
                INSERT INTO proposal (kind, person_id, village_id, note, created_by, created_at) VALUES ('recognize', ?, ?, ?, ?, ?)
                """)
            var drafted: [CarryOver.Item] = []
            var skipped: [CarryOver.Skipped] = []
            let rows = try Row.fetchAll(db, sql: """
                SELECT e.person_id, p.full_name, p.death_date, e.village_id
                FROM yearly_list_entry e JOIN yearly_list y ON y.id = e.list_id JOIN person p ON p.id = e.person_id
                WHERE e.year = ? ORDER BY y.area_id, e.position
                """, arguments: [year])
            for row in rows {
                let personId: Int64 = row[0]
                let name: String = row[1]
                if let died: Day = try row.decode(atIndex: 2) {
                    skipped.append(.init(personId: personId, name: name,
                                         reason: Message(vi: "đã mất ngày \(died.vietnamese)", en: "died on \(died.iso)")))
                    continue
                }
                if let pending = try Int64.fetchOne(pendingProposal, arguments: [personId]) {
                    skipped.append(.init(personId: personId, name: name,
                                         reason: Message(vi: "đã có đề nghị \(ProposalNumber.text(pending)) đang chờ", en: "proposal \(ProposalNumber.text(pending)) is pending")))
                    continue
                }
                if try Bool.fetchOne(recognizedInTerm, arguments: [personId, current.firstDay.iso]) == true {
                    skipped.append(.init(personId: personId, name: name,
                                         reason: Message(vi: "đã được công nhận trong giai đoạn \(current.label)", en: "already recognised in \(current.label)")))
                    continue
                }
                guard let village = try Self.currentVillage(db, from: row[3]) else {
                    skipped.append(.init(personId: personId, name: name,
                                         reason: Message(vi: "thôn cũ không còn và không có thôn nhận", en: "the old village ended with no successor")))
                    continue
                }
                try insertProposal.execute(arguments: [personId, village.id, note ?? "Chuyển tiếp từ danh sách năm \(year)", actor,
                                                       Self.timestamp()])
                let id = db.lastInsertedRowID
                try audit(db, "proposal.add", entity: "proposal", id: id,
                          ["kind": "recognize", "person": String(personId), "village": String(village.id),
                           "carryOver": String(year)])
                drafted.append(.init(personId: personId, name: name, villageId: village.id, village: village.name, proposalId: id))
            }
            return CarryOver(fromYear: year, term: current.label, drafted: drafted,
                             skipped: skipped)
        }
    }

    /// The village in force today that took `villageId` in (itself when it is still in force), following mergers
    /// and reorganisations; nil when the chain ends without a successor.
    static func currentVillage(_ db: Database, from villageId: Int64) throws -> (id: Int64, name: String)? {
        let active = try db.cachedStatement(sql: "SELECT name FROM village WHERE id = ? AND merged_on IS NULL")
        for id in try [villageId] + successors(db, of: villageId) {
            if let name = try String.fetchOne(active, arguments: [id]) { return (id, name) }
        }
        return nil
    }
}
