import Foundation
import GRDB
import Registry
import VietnameseCalendar

/// Districts, communes and villages.
extension UytinDatabase {
    /// Adds a province-level unit's district or commune with its official code, in force from `from` (nil: since
    /// before the records). A commune hangs from a district, or from the province once there are no districts;
    /// `parentCode` names the parent in force on that day.
    public func addArea(_ area: Area) throws {
        let name = try Inputs.name(area.name, field: Message(vi: "Tên đơn vị hành chính", en: "Area name"))
        try write { db in
            _ = try Self.requireSetting(db)
            let day = area.validFrom ?? Self.today()
            // A code names one unit of its level on any day: an earlier unit may have had it until the new one starts.
            if let existing = try Row.fetchOne(db, sql: """
                SELECT name, valid_to FROM area WHERE code = ? AND level = ? AND (valid_to IS NULL OR valid_to > coalesce(?, ''))
                """, arguments: [area.code, area.level.rawValue, area.validFrom?.iso]) {
                let until: Day? = try existing.decode(atIndex: 1)
                throw RegistryError.areaExists(area.code, name: existing[0] as String + (until.map { " đến \($0.adding(days: -1).vietnamese); dùng --from từ \($0.vietnamese)" } ?? ""))
            }
            var parentId: Int64?
            switch area.level {
            case .province:
                throw RegistryError.areaLevelMismatch(area.code, expected: Message(vi: "huyện hoặc xã", en: "district or commune"))
            case .district:
                parentId = try Self.province(db, on: day)?.id
            case .commune:
                guard let parentCode = area.parentCode else {
                    throw RegistryError.areaLevelMismatch("", expected: AreaLevel.district.label)
                }
                let parentLevel: AreaLevel = parentCode.count == AreaLevel.province.codeLength ? .province : .district
                guard let parent = try Self.area(db, code: parentCode, level: parentLevel, on: day) else {
                    guard let other = try Self.anyArea(db, code: parentCode) else { throw RegistryError.unknownArea(parentCode) }
                    if other.level == .commune { throw RegistryError.areaLevelMismatch(parentCode, expected: AreaLevel.district.label) }
                    throw RegistryError.unknownAreaOn(parentCode, level: parentLevel.label, on: day.vietnamese)
                }
                parentId = parent.id
            }
            guard let parentId else { throw RegistryError.notInitialized }
            try db.execute(sql: """
                INSERT INTO area (code, level, name, name_key, parent_id, valid_from) VALUES (?, ?, ?, ?, ?, ?)
                """, arguments: [area.code, area.level.rawValue, name, VietnameseText.searchKey(name), parentId, area.validFrom?.iso])
            try audit(db, "area.add", entity: "area", id: db.lastInsertedRowID,
                      ["code": area.code, "level": area.level.rawValue, "name": name, "parent": area.parentCode ?? "",
                       "from": area.validFrom?.iso ?? ""])
        }
    }

    static let areaSelect = """
        SELECT a.id, a.code, a.level, a.name, a.valid_from, a.valid_to, p.code AS parent_code, p.name AS parent_name
        FROM area a LEFT JOIN area p ON p.id = a.parent_id
        """

    static func area(_ row: Row) throws -> Area {
        Area(id: row["id"], code: row["code"], level: try row.decode(forColumn: "level"), name: row["name"],
             parentCode: row["parent_code"], parentName: row["parent_name"],
             validFrom: try row.decode(forColumn: "valid_from"), validTo: try row.decode(forColumn: "valid_to"))
    }

    /// The condition "in force on :day" for the area aliased `alias`.
    static func inForce(_ alias: String, _ parameter: String = ":day") -> String {
        "coalesce(\(alias).valid_from, '') <= \(parameter) AND (\(alias).valid_to IS NULL OR \(alias).valid_to > \(parameter))"
    }

    /// The map of `day`: the province, then each district followed by its communes (communes that hang from the
    /// province after the districts), optionally of one level.
    public func areas(on day: Day = Day.todayInVietnam(), level: AreaLevel? = nil) throws -> [Area] {
        try read { db in
            // Names carry dates (area rename): the map of a day prints the names of that day.
            try Row.fetchAll(db, sql: Self.areaSelect.replacingOccurrences(of: "a.name,", with: Self.areaName("a", on: ":day") + " AS name,")
                .replacingOccurrences(of: "p.name AS", with: Self.areaName("p", on: ":day") + " AS") + """
                 WHERE \(Self.inForce("a")) AND (:level IS NULL OR a.level = :level)
                 ORDER BY a.level <> 'province', CASE a.level WHEN 'district' THEN a.code WHEN 'commune' THEN
                          CASE p.level WHEN 'district' THEN p.code ELSE '~' END ELSE '' END,
                          a.level = 'commune', a.code
                """, arguments: ["day": day.iso, "level": level?.rawValue]).map(Self.area)
        }
    }

    /// The unit of this code and level in force on `day`.
    static func area(_ db: Database, code: String, level: AreaLevel, on day: Day) throws -> Area? {
        try Row.fetchOne(db, sql: Self.areaSelect + " WHERE a.code = :code AND a.level = :level AND \(Self.inForce("a"))",
                         arguments: ["code": code, "level": level.rawValue, "day": day.iso]).map(Self.area)
    }

    /// The latest unit with this code, of any level and date.
    static func anyArea(_ db: Database, code: String) throws -> Area? {
        try Row.fetchOne(db, sql: Self.areaSelect + " WHERE a.code = ? ORDER BY coalesce(a.valid_from, '') DESC, a.id DESC LIMIT 1",
                         arguments: [code]).map(Self.area)
    }

    /// The province in force on `day`.
    static func province(_ db: Database, on day: Day) throws -> Area? {
        try Row.fetchOne(db, sql: Self.areaSelect + " WHERE a.level = 'province' AND \(Self.inForce("a")) ORDER BY a.id LIMIT 1",
                         arguments: ["day": day.iso]).map(Self.area)
    }

    /// Checks that some unit of this level ever had this code (a filter may name a unit of any date); returns its
    /// latest name.
    static func requireArea(_ db: Database, _ code: String, level: AreaLevel) throws -> String {
        guard let row = try Row.fetchOne(db, sql: """
            SELECT name FROM area WHERE code = ? AND level = ? ORDER BY coalesce(valid_from, '') DESC LIMIT 1
            """, arguments: [code, level.rawValue]) else {
            if try anyArea(db, code: code) != nil { throw RegistryError.areaLevelMismatch(code, expected: level.label) }
            throw RegistryError.unknownArea(code)
        }
        return row[0]
    }

    static func today() -> Day { Day.todayInVietnam() }

    /// Adds a village to a commune; returns its id.
    public func addVillage(communeCode: String, name: String, quota: Int, from: Day? = nil) throws -> Int64 {
        let name = try Inputs.name(name, field: Message(vi: "Tên thôn", en: "Village name"))
        guard (1...20).contains(quota) else {
            throw RegistryError("invalid_quota", vi: "Định mức \(quota) không hợp lệ (1 đến 20 người).",
                                en: "Quota \(quota) is not valid (1 to 20 persons).")
        }
        return try write { db in
            _ = try Self.requireSetting(db)
            let commune = try Self.communeInForce(db, communeCode, on: from ?? Self.today())
            try Self.refuseDuplicateVillage(db, communeId: commune.id, name: name, commune: commune.name)
            try db.execute(sql: """
                INSERT INTO village (commune_id, name, name_key, quota, valid_from, created_at) VALUES (?, ?, ?, ?, ?, ?)
                """, arguments: [commune.id, name, VietnameseText.searchKey(name), quota, from?.iso, Self.timestamp()])
            let id = db.lastInsertedRowID
            try audit(db, "village.add", entity: "village", id: id,
                      ["commune": communeCode, "name": name, "quota": String(quota), "from": from?.iso ?? ""])
            return id
        }
    }

    /// The commune of this code in force on `day` (or, when none is, the error that says why).
    static func communeInForce(_ db: Database, _ code: String, on day: Day) throws -> Area {
        if let commune = try area(db, code: code, level: .commune, on: day) { return commune }
        _ = try requireArea(db, code, level: .commune)
        throw RegistryError.unknownAreaOn(code, level: AreaLevel.commune.label, on: day.vietnamese)
    }

    static func refuseDuplicateVillage(_ db: Database, communeId: Int64, name: String, commune: String) throws {
        if try Bool.fetchOne(db, sql: """
            SELECT 1 FROM village WHERE commune_id = ? AND name_key = ? AND merged_on IS NULL
            """, arguments: [communeId, VietnameseText.searchKey(name)]) == true {
            throw RegistryError.villageExists(name, commune: commune)
        }
    }

    /// A village with today's names (names carry dates: village rename, area rename).
    static var villageSelect: String { """
        SELECT v.id, \(villageName("v", on: todayLiteral())) AS name, v.commune_id, c.code AS commune_code,
               \(areaName("c", on: todayLiteral())) AS commune, coalesce(\(areaName("d", on: todayLiteral())), '') AS district,
               v.quota, v.merged_on, v.merged_into, v.merge_decision,
               (SELECT count(*) FROM membership m WHERE m.village_id = v.id AND m.to_date IS NULL) AS listed
        FROM village v JOIN area c ON c.id = v.commune_id LEFT JOIN area d ON d.id = c.parent_id AND d.level = 'district'
        """
    }

    static func village(_ row: Row) throws -> Village {
        Village(id: row["id"], name: row["name"], communeId: row["commune_id"], communeCode: row["commune_code"], commune: row["commune"],
                district: row["district"], quota: row["quota"], listed: row["listed"],
                mergedOn: try row.decode(forColumn: "merged_on"), mergedInto: row["merged_into"],
                mergeDecision: row["merge_decision"])
    }

    /// Villages, optionally of one commune (every unit that had the code), by district, commune and name: the
    /// villages of today first, then those that ended.
    public func villages(communeCode: String? = nil) throws -> [Village] {
        try read { db in
            if let communeCode { _ = try Self.requireArea(db, communeCode, level: .commune) }
            return try Row.fetchAll(db, sql: Self.villageSelect + """
                 WHERE (?1 IS NULL OR c.code = ?1)
                 ORDER BY v.merged_on IS NOT NULL, coalesce(d.code, ''), c.code, c.id, v.name_key, v.id
                """, arguments: [communeCode]).map(Self.village)
        }
    }

    static func requireVillage(_ db: Database, _ id: Int64) throws -> Village {
        guard let row = try Row.fetchOne(db.cachedStatement(sql: Self.villageSelect + " WHERE v.id = ?"), arguments: [id]) else {
            throw RegistryError.unknownVillage(id)
        }
        return try village(row)
    }

    /// Merges villages into a new one, by the merger's decision; returns the new village's id.
    ///
    /// The persons listed for the old villages stay on the list until a decision re-binds them to the new village
    /// or removes them with the reason "merger".
    public func mergeVillages(_ ids: [Int64], into name: String, quota: Int = 1, decision: String, on day: Day) throws -> Int64 {
        let name = try Inputs.name(name, field: Message(vi: "Tên thôn", en: "Village name"))
        let decision = try Inputs.name(decision, field: Message(vi: "Số quyết định", en: "Decision number"), maxLength: 60)
        let unique = Array(Set(ids)).sorted()
        guard unique.count >= 2 else { throw RegistryError.mergeNeedsTwo }
        return try write { db in
            _ = try Self.requireSetting(db).term(of: day)
            let old = try unique.map { try Self.requireVillage(db, $0) }
            for village in old {
                if let merged = village.mergedOn { throw RegistryError.villageMerged(village.name, on: merged.iso) }
            }
            let communeId = old[0].communeId
            guard old.allSatisfy({ $0.communeId == communeId }) else { throw RegistryError.mergeAcrossCommunes }
            try db.execute(sql: "UPDATE village SET merged_on = ?, merge_decision = ? WHERE id IN (\(unique.map(String.init).joined(separator: ",")))",
                           arguments: [day.iso, decision])
            try Self.refuseDuplicateVillage(db, communeId: communeId, name: name, commune: old[0].commune)
            try db.execute(sql: """
                INSERT INTO village (commune_id, name, name_key, quota, valid_from, created_at) VALUES (?, ?, ?, ?, ?, ?)
                """, arguments: [communeId, name, VietnameseText.searchKey(name), quota, day.iso, Self.timestamp()])
            let id = db.lastInsertedRowID
            try db.execute(sql: "UPDATE village SET merged_into = ? WHERE id IN (\(unique.map(String.init).joined(separator: ",")))",
                           arguments: [id])
            try audit(db, "village.merge", entity: "village", id: id,
                      ["from": unique.map(String.init).joined(separator: ","), "name": name, "decision": decision,
                       "date": day.iso])
            return id
        }
    }
}
