import Foundation
import GRDB
import Registry
import VietnameseCalendar

/// Finding a person, village or area by what a clerk types instead of its number: a name (on its search key), a
/// citizen ID number. Each lookup is one or two indexed queries, whatever the size of the registry.
extension UytinDatabase {
    /// The most candidates a lookup returns (an ambiguous name lists them).
    public static let lookupLimit = 20

    /// The persons whose name has this search key, by id (index person_name_key); a withdrawn duplicate is not found by
    /// name (by its id it is).
    public func persons(nameKey key: String, limit: Int = lookupLimit) throws -> [PersonEntry] {
        try read { db in
            try Row.fetchAll(db, sql: Self.personSelect(villageColumn: "p.village_id", from: "person p")
                             + " WHERE p.name_key = ? AND p.withdrawn_on IS NULL ORDER BY p.id LIMIT ?", arguments: [key, limit]).map(Self.personEntry)
        }
    }

    /// The persons whose name's search key starts with this one, by name (a range on index person_name_key).
    public func persons(nameKeyStartingWith key: String, limit: Int) throws -> [PersonEntry] {
        try read { db in
            try Row.fetchAll(db, sql: Self.personSelect(villageColumn: "p.village_id", from: "person p")
                             + " WHERE p.name_key >= ?1 AND p.name_key < ?1 || char(65535) AND p.withdrawn_on IS NULL ORDER BY p.name_key, p.id LIMIT ?2",
                             arguments: [key, limit]).map(Self.personEntry)
        }
    }

    /// The person holding this citizen ID number (CCCD or CMND), if any (the column's UNIQUE index).
    public func personId(idNumber: String) throws -> Int64? {
        try read { db in try Int64.fetchOne(db, sql: "SELECT id FROM person WHERE id_number = ?", arguments: [idNumber]) }
    }

    /// A number typed where a proposal is meant that is no proposal's at all but a person's.
    public struct PersonNotProposal: Sendable, Equatable {
        public var personId: Int64
        public var name: String
        /// The person's own pending proposal, the one the clerk probably meant.
        public var pendingProposal: Int64?
    }

    /// Among `ids`, in their order, those that are no proposal's number but are a person's (at most `limit`): a clerk
    /// who typed person numbers for `--approve` or `--reject`. A decided proposal's number is the decision's to refuse.
    public func personsNotPendingProposals(_ ids: [Int64], limit: Int = 10) throws -> [PersonNotProposal] {
        try read { db in
            let proposal = try db.cachedStatement(sql: "SELECT 1 FROM proposal WHERE id = ?")
            let person = try db.cachedStatement(sql: """
                SELECT p.full_name,
                       (SELECT pr.id FROM proposal pr WHERE pr.status = 'pending' AND (pr.person_id = p.id OR pr.replacement_id = p.id)
                        ORDER BY pr.id LIMIT 1)
                FROM person p WHERE p.id = ?
                """)
            var found: [PersonNotProposal] = []
            for id in ids where found.count < limit {
                if try Bool.fetchOne(proposal, arguments: [id]) == true { continue }
                if let row = try Row.fetchOne(person, arguments: [id]) {
                    found.append(PersonNotProposal(personId: id, name: row[0], pendingProposal: row[1]))
                }
            }
            return found
        }
    }

    /// The villages stored under one of these name keys, or renamed to one of them (`village rename`; optionally in a
    /// commune stored under one of `communeKeys`):
    /// those under the first key if any, else under the others; of each, those in force on `day` if any, else those
    /// of any date.
    public func villages(nameKeys keys: [String], communeKeys: [String]? = nil, on day: Day,
                         limit: Int = lookupLimit) throws -> [Village] {
        try read { db in
            for keys in [Array(keys.prefix(1)), Array(keys.dropFirst())] where !keys.isEmpty {
                for inForce in [true, false] {
                    let names = Self.placeholders(keys.count)
                    var sql = Self.villageSelect + """
                         WHERE (v.name_key IN (\(names))
                                OR v.id IN (SELECT village_id FROM village_name WHERE name_key IN (\(names))))
                        """
                    var arguments = StatementArguments(keys) + StatementArguments(keys)
                    if let communeKeys, !communeKeys.isEmpty {
                        sql += " AND c.name_key IN (\(Self.placeholders(communeKeys.count)))"
                        arguments += StatementArguments(communeKeys)
                    }
                    if inForce {
                        sql += " AND coalesce(v.valid_from, '') <= ? AND (v.merged_on IS NULL OR v.merged_on > ?)"
                        arguments += [day.iso, day.iso]
                    }
                    sql += " ORDER BY v.merged_on IS NOT NULL, v.merged_on DESC, v.id LIMIT ?"
                    arguments += [limit]
                    let found = try Row.fetchAll(db, sql: sql, arguments: arguments).map(Self.village)
                    if !found.isEmpty { return found }
                }
            }
            return []
        }
    }

    /// The districts or communes stored under one of these name keys, or renamed to one of them (`area rename`;
    /// optionally under a parent stored under one of
    /// `parentKeys`), chosen as `villages(nameKeys:communeKeys:on:)` chooses.
    public func areas(level: AreaLevel, nameKeys keys: [String], parentKeys: [String]? = nil, on day: Day,
                      limit: Int = lookupLimit) throws -> [Area] {
        try read { db in
            for keys in [Array(keys.prefix(1)), Array(keys.dropFirst())] where !keys.isEmpty {
                for inForce in [true, false] {
                    let names = Self.placeholders(keys.count)
                    var sql = Self.areaSelect + """
                         WHERE a.level = ? AND (a.name_key IN (\(names))
                                                OR a.id IN (SELECT area_id FROM area_name WHERE name_key IN (\(names))))
                        """
                    var arguments: StatementArguments = [level.rawValue]
                    arguments += StatementArguments(keys) + StatementArguments(keys)
                    if let parentKeys, !parentKeys.isEmpty {
                        sql += " AND p.name_key IN (\(Self.placeholders(parentKeys.count)))"
                        arguments += StatementArguments(parentKeys)
                    }
                    if inForce {
                        sql += " AND coalesce(a.valid_from, '') <= ? AND (a.valid_to IS NULL OR a.valid_to > ?)"
                        arguments += [day.iso, day.iso]
                    }
                    sql += " ORDER BY coalesce(a.valid_from, '') DESC, a.code LIMIT ?"
                    arguments += [limit]
                    let found = try Row.fetchAll(db, sql: sql, arguments: arguments).map(Self.area)
                    if !found.isEmpty { return found }
                }
            }
            return []
        }
    }

    /// The levels a code of the map has had (at any date): empty when no unit ever had it.
    public func areaLevels(code: String) throws -> Set<AreaLevel> {
        try read { db in
            Set(try String.fetchAll(db, sql: "SELECT DISTINCT level FROM area WHERE code = ?", arguments: [code])
                .compactMap(AreaLevel.init(rawValue:)))
        }
    }

    private static func placeholders(_ count: Int) -> String {
        Array(repeating: "?", count: count).joined(separator: ",")
    }
}
