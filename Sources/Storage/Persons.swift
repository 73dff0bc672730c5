import Foundation
import GRDB
import Registry
import VietnameseCalendar

/// Persons: who they are, where they live, what they do in the community.
extension UytinDatabase {
    /// The columns of a `PersonEntry`; `villageColumn` says which village to show (home, or the list's), `namesOn`
    /// the day (an SQL expression) whose names of village, commune and district to print (names carry dates: a
    /// list of a day before a rename prints the old name) and after which a correction of the person is noted.
    static func personSelect(villageColumn: String, namesOn: String = todayLiteral(), from: String) -> String {
        """
        SELECT p.id, p.full_name, p.gender, p.birth_year, p.birth_date, p.ethnic_code, e.name AS ethnic_name,
               v.id AS village_id, \(villageName("v", on: namesOn)) AS village, c.code AS commune_code,
               \(areaName("c", on: namesOn)) AS commune,
               coalesce(d.code, '') AS district_code, coalesce(\(areaName("d", on: namesOn)), '') AS district,
               (SELECT group_concat(role, ',') FROM person_role r WHERE r.person_id = p.id) AS roles,
               p.id_number, p.phone, p.death_date,
               (SELECT group_concat(k.field || char(31) || k.old_value || char(31) || k.new_value || char(31) || k.corrected_on, char(30))
                FROM person_correction k WHERE k.person_id = p.id AND k.corrected_on > \(namesOn)) AS corrections
        """ + personJoins(villageColumn: villageColumn, from: from)
    }

    /// Today in Vietnam as an SQL literal (a `Day`'s ISO text holds digits and dashes only).
    static func todayLiteral() -> String { "'" + Day.todayInVietnam().iso + "'" }

    /// The name of the village `alias` in force on `day` (an SQL expression): its latest rename up to that day, or
    /// the name it was created with.
    static func villageName(_ alias: String, on day: String) -> String {
        """
        coalesce((SELECT n.name FROM village_name n WHERE n.village_id = \(alias).id AND n.valid_from <= \(day)
                  ORDER BY n.valid_from DESC LIMIT 1), \(alias).name)
        """
    }

    /// The name of the area `alias` in force on `day` (an SQL expression).
    static func areaName(_ alias: String, on day: String) -> String {
        """
        coalesce((SELECT n.name FROM area_name n WHERE n.area_id = \(alias).id AND n.valid_from <= \(day)
                  ORDER BY n.valid_from DESC LIMIT 1), \(alias).name)
        """
    }

    /// The corrections a `corrections` column lists.
    static func corrections(_ text: String?) throws -> [PersonEntry.Correction]? {
        guard let text, !text.isEmpty else { return nil }
        return try text.split(separator: "\u{1E}").map { item in
            let parts = item.split(separator: "\u{1F}", omittingEmptySubsequences: false).map(String.init)
            guard parts.count == 4, let field = PersonEntry.Correction.Field(rawValue: parts[0]), let day = Day(parsing: parts[3]) else {
                throw UnreadableValue(column: "person_correction", value: String(item))
            }
            return PersonEntry.Correction(field: field, oldValue: parts[1], newValue: parts[2], on: day)
        }.sorted { $0.on < $1.on }
    }

    /// The tables a `PersonEntry` is read from: the person (`p`), ethnic group (`e`), village (`v`), commune (`c`)
    /// and district (`d`).
    static func personJoins(villageColumn: String, from: String) -> String {
        """

        FROM \(from)
        JOIN ethnic_group e ON e.code = p.ethnic_code
        JOIN village v ON v.id = \(villageColumn)
        JOIN area c ON c.id = v.commune_id
        LEFT JOIN area d ON d.id = c.parent_id AND d.level = 'district'
        """
    }

    /// The `ListShape` of the rows `personJoins(villageColumn:from:)` and `condition` select.
    static func listShape(_ db: Database, villageColumn: String, from: String, condition: String,
                          arguments: StatementArguments, namesOn: String = todayLiteral()) throws -> ListShape {
        let row = try Row.fetchOne(db, sql: """
            SELECT count(*), count(DISTINCT c.code), coalesce(max(p.id), 0), coalesce(max(length(p.full_name)), 0),
                   coalesce(max(length(e.name)), 0), coalesce(max(length(\(villageName("v", on: namesOn)))), 0),
                   coalesce(max(length(\(areaName("c", on: namesOn)))), 0), coalesce(max(length(\(areaName("d", on: namesOn)))), 0),
                   count(DISTINCT CASE WHEN EXISTS (SELECT 1 FROM person_correction k WHERE k.person_id = p.id
                                                    AND k.corrected_on > \(namesOn)) THEN p.id END)
            """ + personJoins(villageColumn: villageColumn, from: from) + " WHERE " + condition, arguments: arguments)!
        return ListShape(persons: row[0], communes: row[1], largestId: row[2], name: row[3], ethnicGroup: row[4],
                         village: row[5], commune: row[6], district: row[7], corrected: row[8])
    }

    /// The roles of a `roles` column, in code order (sorted here, not by SQL: a sort per person costs a third of a list).
    static func roles(_ text: String?) throws -> [Role] {
        try (text?.split(separator: ",").map { code in
            guard let role = Role(rawValue: String(code)) else { throw UnreadableValue(column: "role", value: String(code)) }
            return role
        } ?? []).sorted { $0.rawValue < $1.rawValue }
    }

    /// The order of a printed list: district (none once districts are gone), commune, village, name. Approved lists
    /// keep their positions in it (`yearly_list_entry.position`, written by `freezeList`).
    static let listOrderKeys = "coalesce(d.code, ''), c.code, v.name_key, v.id, p.name_key, p.id"
    static let listOrder = " ORDER BY " + listOrderKeys

    static func personEntry(_ row: Row) throws -> PersonEntry {
        let roles = try Self.roles(row["roles"])
        return PersonEntry(
            id: row["id"], name: row["full_name"], gender: try row.decode(forColumn: "gender"),
            birthYear: row["birth_year"], birthDate: try row.decode(forColumn: "birth_date"),
            ethnicCode: row["ethnic_code"], ethnicGroup: row["ethnic_name"], villageId: row["village_id"],
            village: row["village"], communeCode: row["commune_code"], commune: row["commune"],
            districtCode: row["district_code"], district: row["district"], roles: roles, idNumber: row["id_number"],
            phone: row["phone"], deathDate: try row.decode(forColumn: "death_date"),
            corrections: try corrections(row["corrections"]))
    }

    /// Reads the `PersonEntry` of each row of one statement made with `personSelect`, by positions found once: looking
    /// each column up by name costs more than the rest of a row when a whole list is read. Same values as
    /// `personEntry(_:)`, which takes, as GRDB does, the leftmost column of each name (case-insensitive).
    struct PersonEntryReader {
        private let columns: [Int]

        private static let names = ["id", "full_name", "gender", "birth_year", "birth_date", "ethnic_code", "ethnic_name",
                                    "village_id", "village", "commune_code", "commune", "district_code", "district", "roles",
                                    "id_number", "phone", "death_date", "corrections"]

        /// Nil when a column is missing (then `personEntry(_:)` reports it as it always did).
        init?(_ row: Row) {
            let present = Array(row.columnNames).map { $0.lowercased() }
            var columns: [Int] = []
            for name in Self.names {
                guard let index = present.firstIndex(of: name) else { return nil }
                columns.append(index)
            }
            self.columns = columns
        }

        func entry(_ row: Row) throws -> PersonEntry {
            let c = columns
            let roles = try UytinDatabase.roles(row[c[13]])
            return PersonEntry(
                id: row[c[0]], name: row[c[1]], gender: try row.decode(atIndex: c[2]),
                birthYear: row[c[3]], birthDate: try row.decode(atIndex: c[4]),
                ethnicCode: row[c[5]], ethnicGroup: row[c[6]], villageId: row[c[7]],
                village: row[c[8]], communeCode: row[c[9]], commune: row[c[10]],
                districtCode: row[c[11]], district: row[c[12]], roles: roles, idNumber: row[c[14]],
                phone: row[c[15]], deathDate: try row.decode(atIndex: c[16]),
                corrections: try UytinDatabase.corrections(row[c[17]]))
        }
    }

    /// Calls `body` with the entry of each row of a `personSelect` cursor.
    static func forEachPersonEntry(_ rows: RowCursor, _ body: (PersonEntry) throws -> Void) throws {
        var reader: PersonEntryReader??
        while let row = try rows.next() {
            if reader == nil { reader = PersonEntryReader(row) }
            if let reader = reader ?? nil {
                try body(reader.entry(row))
            } else {
                try body(personEntry(row))
            }
        }
    }

    /// Adds a person; returns the id and, when someone with the same name key, birth year and village already
    /// exists, their ids (a likely duplicate the clerk should look at).
    public func addPerson(_ person: NewPerson) throws -> (id: Int64, possibleDuplicates: [Int64]) {
        var person = person
        person.name = try Inputs.name(person.name, field: Message(vi: "Họ và tên", en: "Name"))
        return try write { db in
            _ = try Self.requireSetting(db)
            try refuseOutOfScope(db, villageId: person.villageId)
            let village = try Self.requireVillage(db, person.villageId)
            if let merged = village.mergedOn { throw RegistryError.villageMerged(village.name, on: merged.iso) }
            try Self.refuseTakenIdNumber(db, person.idNumber, except: nil)
            let key = VietnameseText.searchKey(person.name)
            let duplicates = try Int64.fetchAll(db, sql: """
                SELECT id FROM person WHERE name_key = ? AND birth_year = ? AND village_id = ? ORDER BY id
                """, arguments: [key, person.birthYear, person.villageId])
            try db.execute(sql: """
                INSERT INTO person (full_name, name_key, gender, birth_year, birth_date, ethnic_code, village_id,
                                    id_number, phone, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [person.name, key, person.gender.rawValue, person.birthYear, person.birthDate?.iso,
                                 person.ethnicCode, person.villageId, person.idNumber, person.phone, Self.timestamp()])
            let id = db.lastInsertedRowID
            for role in person.roles {
                try db.execute(sql: "INSERT INTO person_role (person_id, role) VALUES (?, ?)", arguments: [id, role.rawValue])
            }
            try audit(db, "person.add", entity: "person", id: id,
                      ["name": person.name, "village": String(person.villageId), "ethnic": person.ethnicCode,
                       "birthYear": String(person.birthYear), "roles": person.roles.map(\.rawValue).joined(separator: ",")])
            return (id, duplicates)
        }
    }

    static func refuseTakenIdNumber(_ db: Database, _ number: String?, except personId: Int64?) throws {
        guard let number else { return }
        if let owner = try Int64.fetchOne(db, sql: "SELECT id FROM person WHERE id_number = ? AND id IS NOT ?",
                                          arguments: [number, personId]) {
            throw RegistryError.citizenIDTaken(number, person: owner)
        }
    }

    /// One person, with their home village.
    public func person(_ id: Int64) throws -> PersonEntry {
        try read { db in try Self.requirePerson(db, id) }
    }

    static func requirePerson(_ db: Database, _ id: Int64) throws -> PersonEntry {
        guard let row = try Row.fetchOne(db.cachedStatement(sql: personSelect(villageColumn: "p.village_id", from: "person p") + " WHERE p.id = ?"),
                                         arguments: [id]) else {
            throw RegistryError.unknownPerson(id)
        }
        return try personEntry(row)
    }

    /// Persons, optionally of one village, in list order.
    public func persons(villageId: Int64? = nil) throws -> [PersonEntry] {
        try read { db in
            if let villageId { _ = try Self.requireVillage(db, villageId) }
            return try Row.fetchAll(db, sql: Self.personSelect(villageColumn: "p.village_id", from: "person p")
                                    + " WHERE (?1 IS NULL OR p.village_id = ?1) AND p.withdrawn_on IS NULL" + Self.listOrder,
                                    arguments: [villageId]).map(Self.personEntry)
        }
    }

    /// Persons whose name contains the text, ignoring case and accents ("duc" finds "Đức").
    public func searchPersons(_ text: String) throws -> [PersonEntry] {
        let key = VietnameseText.searchKey(text)
        guard !key.isEmpty else { return [] }
        let pattern = "%" + key.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
            .replacingOccurrences(of: "_", with: "\\_") + "%"
        return try read { db in
            try Row.fetchAll(db, sql: Self.personSelect(villageColumn: "p.village_id", from: "person p")
                             + " WHERE p.name_key LIKE ? ESCAPE '\\' AND p.withdrawn_on IS NULL" + Self.listOrder, arguments: [pattern]).map(Self.personEntry)
        }
    }

    /// Changes a person's phone, roles or citizen ID (list membership changes only by decision).
    public func updatePerson(_ id: Int64, phone: String??, roles: [Role]?, idNumber: String??) throws -> PersonEntry {
        try write { db in try applyPersonUpdate(db, id, phone: phone, roles: roles, idNumber: idNumber) }
    }

    /// The phone, roles and (missing) citizen ID update of `updatePerson`, with its audit row, in the caller's
    /// transaction (a correction with its reason makes it in the same one).
    func applyPersonUpdate(_ db: Database, _ id: Int64, phone: String??, roles: [Role]?, idNumber: String??) throws -> PersonEntry {
        let before = try Self.requirePerson(db, id)
        var detail: [String: String] = [:]
        if let phone {
            try db.execute(sql: "UPDATE person SET phone = ? WHERE id = ?", arguments: [phone, id])
            detail["phone"] = phone ?? ""
        }
        if let idNumber {
            if let number = idNumber {
                _ = try CitizenID.validate(number, gender: before.gender, birthYear: before.birthYear)
            }
            try Self.refuseTakenIdNumber(db, idNumber, except: id)
            // Filling in a missing number is an update; changing a recorded one is a correction, with its reason.
            if let recorded = before.idNumber, recorded != idNumber {
                throw RegistryError("reason_needed", .malformed,
                                    vi: "Người #\(id) đã có số CCCD/CMND; sửa số này cần lý do: thêm --reason \"...\".",
                                    en: "Person #\(id) has a citizen ID already; correcting it needs a reason: add --reason \"...\".")
            }
            try db.execute(sql: "UPDATE person SET id_number = ? WHERE id = ?", arguments: [idNumber, id])
            detail["idNumber"] = idNumber.map { CitizenID.masked($0) } ?? ""
        }
        if let roles {
            try db.execute(sql: "DELETE FROM person_role WHERE person_id = ?", arguments: [id])
            for role in roles {
                try db.execute(sql: "INSERT INTO person_role (person_id, role) VALUES (?, ?)", arguments: [id, role.rawValue])
            }
            detail["roles"] = roles.map(\.rawValue).joined(separator: ",")
        }
        if !detail.isEmpty {
            try audit(db, "person.update", entity: "person", id: id, detail)
        }
        return try Self.requirePerson(db, id)
    }
}
