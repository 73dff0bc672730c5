import Foundation
import GRDB
import Registry
import VietnameseCalendar

/// Who decides (regimes) and who signs the documents (agencies), by date.
extension UytinDatabase {
    static func regimes(_ db: Database) throws -> [Regime] {
        try Row.fetchAll(db, sql: "SELECT valid_from, decides, approves_list, basis, confirmed FROM regime ORDER BY valid_from").map {
            Regime(validFrom: try $0.decode(atIndex: 0),
                   decides: try $0.decode(atIndex: 1), approvesList: try $0.decode(atIndex: 2),
                   basis: $0[3], confirmed: $0[4] as Int == 1)
        }
    }

    static func regime(_ db: Database, on day: Day) throws -> Regime {
        guard let regime = Regime.inForce(on: day, among: try regimes(db)) else {
            return Regime(validFrom: day, decides: .province, approvesList: .province, basis: "", confirmed: false)
        }
        return regime
    }

    /// Every regime, oldest first; with `on`, only the one in force that day.
    public func regimes(on day: Day? = nil) throws -> [Regime] {
        try read { db in
            if let day { return [try Self.regime(db, on: day)] }
            return try Self.regimes(db)
        }
    }

    /// A new regime from `from` on (a new legal basis); the history is never edited, so it starts after the latest
    /// regime and after every decision already recorded.
    public func setRegime(from: Day, decides: AreaLevel, approvesList: AreaLevel, basis: String, confirmed: Bool) throws {
        let basis = try Inputs.name(basis, field: Message(vi: "Căn cứ", en: "Basis"), maxLength: 500)
        try write { db in
            _ = try Self.requireSetting(db)
            let latest = [try String.fetchOne(db, sql: "SELECT max(valid_from) FROM regime"),
                          try String.fetchOne(db, sql: "SELECT max(decided_on) FROM decision")].compactMap { $0 }.max()
            if let latest, from.iso <= latest {
                throw RegistryError.regimeNotLater(from.vietnamese, latest: Day(parsing: latest)?.vietnamese ?? latest)
            }
            try db.execute(sql: """
                INSERT INTO regime (valid_from, decides, approves_list, basis, confirmed, created_by, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """, arguments: [from.iso, decides.rawValue, approvesList.rawValue, basis, confirmed ? 1 : 0, actor, Self.timestamp()])
            try audit(db, "regime.set", entity: "regime", id: db.lastInsertedRowID,
                      ["from": from.iso, "decides": decides.rawValue, "approvesList": approvesList.rawValue, "basis": basis])
        }
    }

    /// The province in force on `day` (its name changes with the map: Tỉnh Vĩnh Phúc, then Tỉnh Phú Thọ).
    public func province(on day: Day) throws -> Area? {
        try read { db in try Self.province(db, on: day) }
    }

    /// The issuing body a document of `day` prints: the latest agency row from that day or before, or else "Ban Dân
    /// tộc" under the People's Committee of the province in force that day.
    public func agency(on day: Day) throws -> Agency {
        try read { db in try Self.agency(db, on: day) }
    }

    static func agency(_ db: Database, on day: Day) throws -> Agency {
        if let row = try Row.fetchOne(db, sql: """
            SELECT valid_from, name, parent FROM agency WHERE valid_from <= ? ORDER BY valid_from DESC LIMIT 1
            """, arguments: [day.iso]) {
            return Agency(validFrom: try row.decode(atIndex: 0), name: row[1], parent: row[2])
        }
        let province = try province(db, on: day)?.name ?? requireSetting(db).provinceName
        return Agency(validFrom: nil, name: "Ban Dân tộc", parent: "UBND " + lowercasedLevel(province))
    }

    /// "Tỉnh Vĩnh Phúc" → "tỉnh Vĩnh Phúc" (as it reads after "UBND").
    static func lowercasedLevel(_ name: String) -> String {
        for prefix in ["Tỉnh ", "Thành phố "] where name.hasPrefix(prefix) {
            return prefix.lowercased() + name.dropFirst(prefix.count)
        }
        return name
    }

    /// Every agency row, oldest first.
    public func agencies() throws -> [Agency] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT valid_from, name, parent FROM agency ORDER BY valid_from").map {
                Agency(validFrom: try $0.decode(atIndex: 0), name: $0[1], parent: $0[2])
            }
        }
    }

    /// The issuing body from `from` on; history is never edited.
    public func setAgency(name: String, parent: String, from: Day) throws {
        let name = try Inputs.name(name, field: Message(vi: "Tên cơ quan", en: "Body's name"), maxLength: 200)
        let parent = try Inputs.name(parent, field: Message(vi: "Cơ quan cấp trên", en: "Parent body"), maxLength: 200)
        try write { db in
            _ = try Self.requireSetting(db)
            if let latest = try String.fetchOne(db, sql: "SELECT max(valid_from) FROM agency"), from.iso <= latest {
                throw RegistryError.agencyNotLater(from.vietnamese, latest: Day(parsing: latest)?.vietnamese ?? latest)
            }
            try db.execute(sql: "INSERT INTO agency (valid_from, name, parent, created_by, created_at) VALUES (?, ?, ?, ?, ?)",
                           arguments: [from.iso, name, parent, actor, Self.timestamp()])
            try audit(db, "agency.set", entity: "agency", id: db.lastInsertedRowID,
                      ["from": from.iso, "name": name, "parent": parent])
        }
    }
}
