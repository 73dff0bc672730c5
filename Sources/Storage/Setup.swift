import Foundation
import GRDB
import Registry
import VietnameseCalendar

/// What a database keeps: which province it was made for, and its terms.
public struct Setting: Sendable, Equatable {
    public var provinceCode: String
    public var provinceName: String
    public var terms: Terms

    /// The first and last day of all the terms together.
    public var firstDay: Day { terms.span?.lowerBound ?? Day(year: 2000, month: 1, day: 1)! }
    public var lastDay: Day { terms.span?.upperBound ?? Day(year: 2000, month: 1, day: 1)! }

    /// The term of `day`, or the error that names the terms there are.
    public func term(of day: Day, what: String? = nil) throws(RegistryError) -> Term {
        guard let term = terms.term(of: day) else { throw .outsideTerms(what ?? day.vietnamese, terms: terms) }
        return term
    }

    public func term(ofYear year: Int) throws(RegistryError) -> Term {
        guard let term = terms.term(ofYear: year) else { throw .outsideTerms(String(year), terms: terms) }
        return term
    }
}

extension UytinDatabase {
    /// Creates the reference data, the setting, the province and the first term; running it again with the same
    /// province and one of the database's terms does nothing. Returns true when it initialised, false when the
    /// database already was.
    @discardableResult
    public func initialize(provinceCode: String, term: ClosedRange<Int>) throws -> Bool {
        guard let province = ReferenceData.provinces.first(where: { $0.code == provinceCode }) else {
            throw RegistryError.unknownProvince(provinceCode)
        }
        guard term.count <= Term.maximumYears else { throw RegistryError.termTooLong(term.lowerBound, term.upperBound) }
        return try write { db in
            if let existing = try Self.setting(db) {
                guard existing.provinceCode == provinceCode,
                      existing.terms.all.contains(where: { $0.years == term }) else {
                    throw RegistryError.initializedDifferently(province: existing.provinceCode, term: existing.terms.label)
                }
                try Self.installShippedRules(db, actor: actor)
                return false
            }
            for item in ReferenceData.provinces {
                try db.execute(sql: "INSERT INTO province (code, name) VALUES (?, ?)", arguments: [item.code, item.name])
                try db.execute(sql: "INSERT INTO province_period (code, name, valid_to) VALUES (?, ?, '2025-07-01')",
                               arguments: [item.code, item.name])
            }
            for group in ReferenceData.ethnicGroups {
                try db.execute(sql: "INSERT INTO ethnic_group (code, name, name_key) VALUES (?, ?, ?)",
                               arguments: [group.code, group.name, Inputs.ethnicKey(group.name)])
                for alias in group.aliases {
                    try db.execute(sql: "INSERT OR IGNORE INTO ethnic_alias (alias_key, alias, code) VALUES (?, ?, ?)",
                                   arguments: [Inputs.ethnicKey(alias), alias, group.code])
                }
            }
            for reason in RemovalReason.shipped {
                try db.execute(sql: "INSERT INTO removal_reason (code, name_vi, name_en, confirmed) VALUES (?, ?, ?, ?)",
                               arguments: [reason.code, reason.label.vi, reason.label.en, reason.confirmed ? 1 : 0])
            }
            let now = Self.timestamp()
            try db.execute(sql: """
                INSERT INTO setting (id, province_code, term_first_year, term_last_year, created_at) VALUES (1, ?, ?, ?, ?)
                """, arguments: [provinceCode, term.lowerBound, term.upperBound, now])
            try db.execute(sql: "INSERT INTO term (first_year, last_year, basis, created_by, created_at) VALUES (?, ?, ?, ?, ?)",
                           arguments: [term.lowerBound, term.upperBound, "", actor, now])
            let provinceName = ReferenceData.provinceAreaName(province.name)
            try db.execute(sql: "INSERT INTO area (code, level, name, name_key, parent_id) VALUES (?, 'province', ?, ?, NULL)",
                           arguments: [provinceCode, provinceName, VietnameseText.searchKey(provinceName)])
            let provinceId = db.lastInsertedRowID
            for district in ReferenceData.districts where district.provinceCode == provinceCode {
                try db.execute(sql: "INSERT INTO area (code, level, name, name_key, parent_id) VALUES (?, 'district', ?, ?, ?)",
                               arguments: [district.code, district.name, VietnameseText.searchKey(district.name), provinceId])
            }
            try Self.installShippedRules(db, actor: actor)
            try audit(db, "init", entity: "setting", id: 1,
                      ["province": province.name, "term": "\(term.lowerBound)-\(term.upperBound)"])
            return true
        }
    }

    /// The province and term, or `RegistryError.notInitialized`.
    public func setting() throws -> Setting {
        try read { db in
            guard let setting = try Self.setting(db) else { throw RegistryError.notInitialized }
            return setting
        }
    }

    static func setting(_ db: Database) throws -> Setting? {
        guard let row = try Row.fetchOne(db, sql: """
            SELECT s.province_code, p.name FROM setting s JOIN province p ON p.code = s.province_code
            """) else { return nil }
        return Setting(provinceCode: row[0], provinceName: row[1], terms: try terms(db))
    }

    static func requireSetting(_ db: Database) throws -> Setting {
        guard let setting = try setting(db) else { throw RegistryError.notInitialized }
        return setting
    }

    /// The ethnic group's code from a code ("18"), a name ("Sán Dìu") or an alias ("Cao Lan", "Trại").
    public func ethnicCode(for text: String) throws -> String {
        try read { db in try Self.ethnicCode(db, for: text) }
    }

    static func ethnicCode(_ db: Database, for text: String) throws -> String {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let code = trimmed.count == 1 ? "0" + trimmed : trimmed
        if let found = try String.fetchOne(db, sql: "SELECT code FROM ethnic_group WHERE code = ?", arguments: [code]) {
            return found
        }
        let key = Inputs.ethnicKey(trimmed)
        if let found = try String.fetchOne(db, sql: """
            SELECT code FROM ethnic_group WHERE name_key = ?1 UNION ALL SELECT code FROM ethnic_alias WHERE alias_key = ?1
            """, arguments: [key]) {
            return found
        }
        throw RegistryError.unknownEthnicGroup(text)
    }

    /// The removal reasons this database knows.
    public func removalReasons() throws -> [RemovalReason] {
        try read { db in try Self.removalReasons(db) }
    }

    static func removalReasons(_ db: Database) throws -> [RemovalReason] {
        try Row.fetchAll(db, sql: "SELECT code, name_vi, name_en, confirmed FROM removal_reason ORDER BY rowid").map {
            RemovalReason(code: $0[0], label: Message(vi: $0[1], en: $0[2]), confirmed: $0[3] as Int == 1)
        }
    }
}
