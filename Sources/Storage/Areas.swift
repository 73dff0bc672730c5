import Foundation
import GRDB
import Registry
import VietnameseCalendar

/// Districts, communes and villages.
extension UytinDatabase {
    /// Adds a district or a commune with its official code.
    public func addArea(_ area: Area) throws {
        let name = try Inputs.name(area.name, field: Message(vi: "Tên đơn vị hành chính", en: "Area name"))
        try write { db in
            _ = try Self.requireSetting(db)
            if let existing = try String.fetchOne(db, sql: "SELECT name FROM area WHERE code = ?", arguments: [area.code]) {
                throw RegistryError.areaExists(area.code, name: existing)
            }
            if area.level == .commune {
                guard let parent = area.parentCode else {
                    throw RegistryError.areaLevelMismatch("", expected: AreaLevel.district.label)
                }
                let level = try String.fetchOne(db, sql: "SELECT level FROM area WHERE code = ?", arguments: [parent])
                guard let level else { throw RegistryError.unknownArea(parent) }
                guard level == AreaLevel.district.rawValue else {
                    throw RegistryError.areaLevelMismatch(parent, expected: AreaLevel.district.label)
                }
            }
            try db.execute(sql: "INSERT INTO area (code, level, name, name_key, parent_code) VALUES (?, ?, ?, ?, ?)",
                           arguments: [area.code, area.level.rawValue, name, VietnameseText.searchKey(name),
                                       area.level == .commune ? area.parentCode : nil])
            try audit(db, "area.add", entity: "area", id: Int64(area.code),
                      ["code": area.code, "level": area.level.rawValue, "name": name, "parent": area.parentCode ?? ""])
        }
    }

    /// Every district and commune, districts first, each followed by its communes.
    public func areas() throws -> [Area] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT a.code, a.level, a.name, a.parent_code FROM area a
                ORDER BY coalesce(a.parent_code, a.code), a.level = 'commune', a.code
                """).map { Area(code: $0[0], level: AreaLevel(rawValue: $0[1])!, name: $0[2], parentCode: $0[3]) }
        }
    }

    /// The area with this code, checked to be at the expected level.
    static func requireArea(_ db: Database, _ code: String, level: AreaLevel) throws -> String {
        guard let row = try Row.fetchOne(db, sql: "SELECT name, level FROM area WHERE code = ?", arguments: [code]) else {
            throw RegistryError.unknownArea(code)
        }
        guard row[1] as String == level.rawValue else { throw RegistryError.areaLevelMismatch(code, expected: level.label) }
        return row[0]
    }

    /// Adds a village to a commune; returns its id.
    public func addVillage(communeCode: String, name: String, quota: Int) throws -> Int64 {
        let name = try Inputs.name(name, field: Message(vi: "Tên thôn", en: "Village name"))
        guard (1...20).contains(quota) else {
            throw RegistryError("invalid_quota", vi: "Định mức \(quota) không hợp lệ (1 đến 20 người).",
                                en: "Quota \(quota) is not valid (1 to 20 persons).")
        }
        return try write { db in
            _ = try Self.requireSetting(db)
            let commune = try Self.requireArea(db, communeCode, level: .commune)
            try Self.refuseDuplicateVillage(db, communeCode: communeCode, name: name, commune: commune)
            try db.execute(sql: """
                INSERT INTO village (commune_code, name, name_key, quota, created_at) VALUES (?, ?, ?, ?, ?)
                """, arguments: [communeCode, name, VietnameseText.searchKey(name), quota, Self.timestamp()])
            let id = db.lastInsertedRowID
            try audit(db, "village.add", entity: "village", id: id,
                      ["commune": communeCode, "name": name, "quota": String(quota)])
            return id
        }
    }

    static func refuseDuplicateVillage(_ db: Database, communeCode: String, name: String, commune: String) throws {
        if try Bool.fetchOne(db, sql: """
            SELECT 1 FROM village WHERE commune_code = ? AND name_key = ? AND merged_on IS NULL
            """, arguments: [communeCode, VietnameseText.searchKey(name)]) == true {
            throw RegistryError.villageExists(name, commune: commune)
        }
    }

    static let villageSelect = """
        SELECT v.id, v.name, v.commune_code, c.name AS commune, d.name AS district, v.quota, v.merged_on, v.merged_into,
               v.merge_decision,
               (SELECT count(*) FROM membership m WHERE m.village_id = v.id AND m.to_date IS NULL) AS listed
        FROM village v JOIN area c ON c.code = v.commune_code JOIN area d ON d.code = c.parent_code
        """

    static func village(_ row: Row) -> Village {
        Village(id: row["id"], name: row["name"], communeCode: row["commune_code"], commune: row["commune"],
                district: row["district"], quota: row["quota"], listed: row["listed"],
                mergedOn: (row["merged_on"] as String?).flatMap(Day.init(parsing:)), mergedInto: row["merged_into"],
                mergeDecision: row["merge_decision"])
    }

    /// Villages, optionally of one commune, by district, commune and name.
    public func villages(communeCode: String? = nil) throws -> [Village] {
        try read { db in
            if let communeCode { _ = try Self.requireArea(db, communeCode, level: .commune) }
            return try Row.fetchAll(db, sql: Self.villageSelect + """
                 WHERE (?1 IS NULL OR v.commune_code = ?1) ORDER BY c.parent_code, v.commune_code, v.name_key, v.id
                """, arguments: [communeCode]).map(Self.village)
        }
    }

    static func requireVillage(_ db: Database, _ id: Int64) throws -> Village {
        guard let row = try Row.fetchOne(db.cachedStatement(sql: Self.villageSelect + " WHERE v.id = ?"), arguments: [id]) else {
            throw RegistryError.unknownVillage(id)
        }
        return village(row)
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
            let setting = try Self.requireSetting(db)
            guard setting.contains(day) else { throw RegistryError.outsideTerm(day.iso, term: setting.term) }
            let old = try unique.map { try Self.requireVillage(db, $0) }
            for village in old {
                if let merged = village.mergedOn { throw RegistryError.villageMerged(village.name, on: merged.iso) }
            }
            let communeCode = old[0].communeCode
            guard old.allSatisfy({ $0.communeCode == communeCode }) else { throw RegistryError.mergeAcrossCommunes }
            try db.execute(sql: "UPDATE village SET merged_on = ?, merge_decision = ? WHERE id IN (\(unique.map(String.init).joined(separator: ",")))",
                           arguments: [day.iso, decision])
            try Self.refuseDuplicateVillage(db, communeCode: communeCode, name: name, commune: old[0].commune)
            try db.execute(sql: """
                INSERT INTO village (commune_code, name, name_key, quota, created_at) VALUES (?, ?, ?, ?, ?)
                """, arguments: [communeCode, name, VietnameseText.searchKey(name), quota, Self.timestamp()])
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
