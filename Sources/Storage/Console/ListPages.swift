import Foundation
import GRDB
import Registry
import VietnameseCalendar

/// What the console's "Danh sách" page reads: a year's list a page at a time — its approved parts (each walking its
/// index of positions), the parts still to approve, or, before any approval, the list in force — on one snapshot.
extension UytinDatabase {
    /// One page of a year's list.
    public struct ListPage: Sendable {
        public var year: Int
        /// The approved parts with their decisions; nil while no part of the year is approved.
        public var approved: YearlyList?
        /// The units whose part is still to be approved (under a regime approving lists by district or commune).
        public var pendingParts: [Area]
        /// Before any approval: the day whose list in force is shown instead (the year's last day, or today).
        public var inForceOn: Day?
        /// How many persons the list shown holds.
        public var total: Int
        /// The index (from 0) of the page's first row in the list.
        public var offset: Int
        /// The page's persons in list order: the row at index i is number `offset + i + 1` of the list.
        public var entries: [PersonEntry]
    }

    /// The rows `offset..<offset+limit` of `year`'s list: the approved list when a part of it is approved, else the list
    /// in force on the year's last day (or `today`, if earlier), as `uytin list --year` shows it.
    public func listPage(year: Int, offset: Int, limit: Int, today: Day = Day.todayInVietnam()) throws -> ListPage {
        let offset = max(0, offset)
        let limit = max(0, limit)
        return try read { db in
            if let approved = try Self.yearlyList(db, year, withProposals: false) {
                let pending = try Self.pendingListParts(db, year, on: approved.asOf)
                var entries: [PersonEntry] = []
                // Parts in the order the printed list takes them (by their area's code); each part's positions run from
                // 1, so the page is a range of positions in one part or two, read through their unique index.
                let parts = try Row.fetchAll(db, sql: """
                    SELECT l.id, l.person_count FROM yearly_list l JOIN area a ON a.id = l.area_id WHERE l.year = ?
                    ORDER BY a.code, l.id
                    """, arguments: [year])
                let statement = try db.cachedStatement(sql: Self.personSelect(
                    villageColumn: "y.village_id", namesOn: "yl.as_of",
                    from: "yearly_list_entry y JOIN yearly_list yl ON yl.id = y.list_id JOIN person p ON p.id = y.person_id")
                    + " WHERE y.list_id = :list AND y.position BETWEEN :first AND :last ORDER BY y.position")
                var start = 0
                for part in parts {
                    let id: Int64 = try part.decode(atIndex: 0)
                    let count: Int = try part.decode(atIndex: 1)
                    // The part holds the rows start..<start+count of the whole list; the page wants offset..<offset+limit.
                    let from = max(offset, start), to = min(offset + limit, start + count)
                    if from < to {
                        try Self.forEachPersonEntry(try Row.fetchCursor(statement, arguments: [
                            "list": id, "first": from - start + 1, "last": to - start])) { entries.append($0) }
                    }
                    start += count
                }
                return ListPage(year: year, approved: approved, pendingParts: pending, inForceOn: nil,
                                total: approved.personCount, offset: offset, entries: entries)
            }
            let day = min(Day(year: year, month: 12, day: 31) ?? today, today)
            let term = try Self.terms(db).term(of: day)
            let condition = "m.from_date <= :day AND (m.to_date IS NULL OR m.to_date > :day) AND m.from_date >= :termStart"
            let arguments: StatementArguments = ["day": day.iso, "termStart": term?.firstDay.iso ?? "9999-12-31",
                                                 "limit": limit, "offset": offset]
            // A page of the list in force without sorting the whole list: the villages in list order with how many
            // each holds on the day (one grouping pass over the day's stays, then a sort of the villages only) tell
            // which villages hold the page's rows; only their persons are then read and sorted. The running sum is
            // taken here: SQLite's window functions cost as much as the rest of the query.
            let villages = try Row.fetchCursor(db, sql: """
                WITH counts AS (SELECT m.village_id, count(*) AS n FROM membership m WHERE \(condition) GROUP BY m.village_id)
                SELECT k.village_id, k.n FROM counts k JOIN village v ON v.id = k.village_id JOIN area c ON c.id = v.commune_id
                LEFT JOIN area d ON d.id = c.parent_id AND d.level = 'district'
                ORDER BY coalesce(d.code, ''), c.code, v.name_key, v.id
                """, arguments: arguments)
            var total = 0
            var first: Int?
            var villageIds: [Int64] = []
            while let row = try villages.next() {
                let count: Int = try row.decode(atIndex: 1)
                if total < offset + limit, total + count > offset {
                    if first == nil { first = total }
                    villageIds.append(try row.decode(atIndex: 0))
                }
                total += count
            }
            var entries: [PersonEntry] = []
            if let first, limit > 0 {
                var page = arguments
                page += ["villages": String(decoding: try JSONEncoder().encode(villageIds), as: UTF8.self), "skip": offset - first]
                try Self.forEachPersonEntry(try Row.fetchCursor(db, sql: Self.personSelect(
                    villageColumn: "m.village_id", namesOn: ":day", from: "membership m JOIN person p ON p.id = m.person_id")
                    + " WHERE \(condition) AND m.village_id IN (SELECT value FROM json_each(:villages))"
                    + Self.listOrder + " LIMIT :limit OFFSET :skip", arguments: page)) { entries.append($0) }
            }
            return ListPage(year: year, approved: nil, pendingParts: [], inForceOn: day, total: total, offset: offset, entries: entries)
        }
    }

    /// A year a list can be asked for: each year of the terms up to this year, and every year with an approved part.
    public struct ListYear: Sendable, Equatable {
        public var year: Int
        /// The persons of its approved parts; nil when none is approved.
        public var approvedPersons: Int?
    }

    /// The years to choose a list from, newest first.
    public func listYears(through today: Day = Day.todayInVietnam()) throws -> [ListYear] {
        try read { db in
            var approved: [Int: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT year, sum(person_count) FROM yearly_list GROUP BY year") {
                approved[try row.decode(atIndex: 0)] = try row.decode(atIndex: 1)
            }
            var years = Set(approved.keys)
            for term in try Self.terms(db).all {
                for year in term.years where year <= today.year { years.insert(year) }
            }
            return years.sorted(by: >).map { ListYear(year: $0, approvedPersons: approved[$0]) }
        }
    }
}
