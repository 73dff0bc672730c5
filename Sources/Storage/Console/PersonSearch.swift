import Foundation
import GRDB
import Registry
import VietnameseCalendar

/// The console's search as you type: by name without accents or case, or by citizen ID number, within the account's
/// scope. Every branch is one index range or one bounded scan of the name index, whatever the registry's size.
extension UytinDatabase {
    /// One person found, with what the results table shows beside the name.
    public struct PersonSearchHit: Sendable, Equatable {
        public var person: PersonEntry
        /// On the list today (a stay in force in Vietnam's today).
        public var onList: Bool
    }

    /// What a search found: at most `limit` persons, and whether there were more.
    public struct PersonSearchResult: Sendable, Equatable {
        public var hits: [PersonSearchHit]
        public var more: Bool
    }

    /// The fewest digits a citizen ID prefix is searched with (fewer name thousands of persons).
    public static let citizenIDPrefixLength = 4

    /// Persons matching what a clerk typed, within the handle's scope, withdrawn duplicates left out:
    /// - digits (spaces and dots ignored; at least `citizenIDPrefixLength`): citizen ID numbers starting with them;
    /// - `#12`: the person of that id;
    /// - anything else, on name search keys ("ha van" finds "Hà Văn Sáng"): names starting with the key first, then
    ///   names with a word starting with it ("van sang"), each in name order.
    public func searchPersonsInScope(_ text: String, limit: Int = 50) throws -> PersonSearchResult {
        let limit = max(1, min(limit, 200))
        let typed = String(text.prefix(200)).trimmingCharacters(in: .whitespaces)
        let compact = typed.filter { $0 != " " && $0 != "." }
        let (scopeSQL, scopeArguments) = personScopeCondition()
        return try read { db in
            var ids: [Int64] = []
            func collect(_ condition: String, _ arguments: StatementArguments, order: String) throws {
                let wanted = limit + 1 - ids.count
                guard wanted > 0 else { return }
                let found = try Int64.fetchAll(db.cachedStatement(sql: """
                    SELECT p.id FROM person p WHERE \(condition) AND p.withdrawn_on IS NULL AND \(scopeSQL)
                    ORDER BY \(order) LIMIT ?
                    """), arguments: arguments + scopeArguments + [wanted])
                let seen = Set(ids)
                ids += found.filter { !seen.contains($0) }
            }
            if compact.hasPrefix("#"), let id = Int64(compact.dropFirst()) {
                try collect("p.id = ?", [id], order: "p.id")
            } else if !compact.isEmpty, compact.allSatisfy({ $0.isASCII && $0.isNumber }) {
                guard compact.count >= Self.citizenIDPrefixLength else { return PersonSearchResult(hits: [], more: false) }
                // ':' follows '9': the range holds every number starting with the digits (the column's UNIQUE index).
                try collect("p.id_number >= ?1 AND p.id_number < ?1 || ':'", [compact], order: "p.id_number")
            } else {
                let key = Self.searchableKey(typed)
                guard !key.isEmpty else { return PersonSearchResult(hits: [], more: false) }
                // Names starting with the key: a range of the name index.
                try collect("p.name_key >= ?1 AND p.name_key < ?1 || char(127)", [key], order: "p.name_key, p.id")
                // A word inside the name starting with it: one pass over the name index at most, stopping at the limit.
                try collect("p.name_key GLOB ?", ["* " + Self.globEscaped(key) + "*"], order: "p.name_key, p.id")
            }
            let more = ids.count > limit
            ids = Array(ids.prefix(limit))
            guard !ids.isEmpty else { return PersonSearchResult(hits: [], more: false) }
            let marks = Array(repeating: "?", count: ids.count).joined(separator: ",")
            var entries: [Int64: PersonEntry] = [:]
            for row in try Row.fetchAll(db, sql: Self.personSelect(villageColumn: "p.village_id", from: "person p")
                                        + " WHERE p.id IN (\(marks))", arguments: StatementArguments(ids)) {
                let entry = try Self.personEntry(row)
                entries[entry.id] = entry
            }
            let listed = try Self.listedToday(db, ids)
            return PersonSearchResult(hits: ids.compactMap { id in entries[id].map { PersonSearchHit(person: $0, onList: listed.contains(id)) } },
                                      more: more)
        }
    }

    /// Which of these persons have a stay on the list in force today (index membership_person).
    static func listedToday(_ db: Database, _ ids: [Int64]) throws -> Set<Int64> {
        guard !ids.isEmpty else { return [] }
        let today = Self.today().iso
        let marks = Array(repeating: "?", count: ids.count).joined(separator: ",")
        return Set(try Int64.fetchAll(db, sql: """
            SELECT DISTINCT person_id FROM membership
            WHERE person_id IN (\(marks)) AND from_date <= ? AND (to_date IS NULL OR to_date > ?)
            """, arguments: StatementArguments(ids) + [today, today]))
    }

    /// The search key of typed text with the characters no name key holds in a search dropped (quotes, brackets,
    /// wildcards), single-spaced.
    static func searchableKey(_ text: String) -> String {
        let key = VietnameseText.searchKey(text)
        let kept = key.unicodeScalars.map { scalar -> Character in
            CharacterSet.alphanumerics.contains(scalar) || scalar == "-" || scalar == "'" ? Character(scalar) : " "
        }
        return String(kept).split(separator: " ").joined(separator: " ")
    }

    /// Text matched literally by GLOB: its wildcard characters in brackets.
    static func globEscaped(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "*", "?", "[": result += "[\(character)]"
            default: result.append(character)
            }
        }
        return result
    }
}
