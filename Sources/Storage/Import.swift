import Foundation
import GRDB
import Registry
import VietnameseCalendar

/// Bringing in the lists clerks already keep: every row checked with the registry's own rules, all or nothing.
extension UytinDatabase {
    /// One data row of a clerk's sheet, as text, with the row number the sheet shows.
    public struct ImportRow: Sendable {
        public var line: Int
        public var name: String
        public var gender: String
        public var birth: String
        public var ethnic: String
        public var village: String
        public var commune: String
        public var district: String
        public var idNumber: String
        public var roles: String
        public var phone: String

        public init(line: Int, name: String, gender: String, birth: String, ethnic: String, village: String, commune: String,
                    district: String, idNumber: String = "", roles: String = "", phone: String = "") {
            self.line = line
            self.name = name
            self.gender = gender
            self.birth = birth
            self.ethnic = ethnic
            self.village = village
            self.commune = commune
            self.district = district
            self.idNumber = idNumber
            self.roles = roles
            self.phone = phone
        }
    }

    /// What an import did, or (dry, or refused) would do.
    public struct ImportReport: Sendable, Codable {
        public var rows: Int
        public var added: Int
        public var villagesCreated: Int
        /// Rows that match a person already registered (same ID, or same name, birth year and village).
        public var existing: [Note]
        public var dryRun: Bool

        public struct Note: Sendable, Codable {
            public var line: Int
            public var personId: Int64?
            public var message: Message
        }
    }

    /// Row errors found together: the clerk fixes the sheet once.
    public struct ImportErrors: ClerkFacingError {
        public var errors: [(line: Int, message: Message)]
        public var kind: FailureKind { .refused }
        public var message: Message {
            let shown = errors.prefix(200)
            var lines = shown.map { Message(vi: "dòng \($0.line): \($0.message.vi)", en: "row \($0.line): \($0.message.en)") }
            if errors.count > shown.count {
                lines.append(Message(vi: "... và \(errors.count - shown.count) lỗi khác", en: "... and \(errors.count - shown.count) more"))
            }
            lines.insert(Message(vi: "Tệp có \(errors.count) dòng lỗi; chưa nhập dòng nào. Hãy sửa các dòng sau rồi nhập lại:",
                                 en: "The file has \(errors.count) bad rows; nothing was imported. Fix these rows and import again:"), at: 0)
            return Message.lines(lines)
        }
    }

    /// The words that start the names of places ("Huyện Tam Đảo" ~ "Tam Đảo").
    static func placeKey(_ text: String) -> String {
        var key = VietnameseText.searchKey(text)
        for prefix in ["thanh pho ", "thi xa ", "thi tran ", "huyen ", "quan ", "xa ", "phuong ", "thon ", "ban ", "xom ",
                       "ap ", "lang ", "to dan pho ", "khu pho ", "buon ", "plei ", "soc ", "phum "] where key.hasPrefix(prefix) {
            key = String(key.dropFirst(prefix.count))
            break
        }
        return key
    }

    /// Imports persons: checks every row, reports every error at once, and writes all rows or none. Rows that match
    /// a registered person are reported, not added again, so importing the same file twice adds nothing.
    /// Villages missing from a known commune are created (quota 1); districts and communes must exist.
    public func importPersons(_ rows: [ImportRow], fileName: String, fileSha256: String, dryRun: Bool,
                              progress: (Int) -> Void = { _ in }) throws -> ImportReport {
        try write(commit: !dryRun) { db in
            _ = try Self.requireSetting(db)
            let today = Day.todayInVietnam()
            var errors: [(line: Int, message: Message)] = []
            var report = ImportReport(rows: rows.count, added: 0, villagesCreated: 0, existing: [], dryRun: dryRun)

            // The map of today: districts by name, communes by their parent (a district, or the province once the
            // districts are gone) and name.
            var districts: [String: Int64] = [:]
            var communes: [String: Int64] = [:]   // "parent id|commune key" → id
            var provinceId: Int64?
            for row in try Row.fetchAll(db, sql: "SELECT a.id, a.level, a.name, a.parent_id FROM area a WHERE \(Self.inForce("a"))",
                                        arguments: ["day": today.iso]) {
                let key = Self.placeKey(row["name"])
                switch try row.decode(AreaLevel.self, forColumn: "level") {
                case .province: provinceId = row["id"]
                case .district: districts[key] = row["id"]
                case .commune: communes["\(row["parent_id"] as Int64? ?? 0)|\(key)"] = row["id"]
                }
            }
            var villages: [String: Int64] = [:]    // "commune code|village key" → id
            var ethnicCache: [String: String] = [:]
            // A sheet repeats the same few texts (places, genders, role lists) on every row; each is checked or keyed
            // once. Only successes are kept: a bad text is checked again on each row, so every row reports its error.
            var genderCache: [String: Gender?] = [:]
            var roleCache: [String: [Role]] = [:]
            var placeKeys: [String: String] = [:]
            var villageNameCache: [String: (name: String, key: String, placeKey: String)] = [:]
            func placeKey(_ text: String) -> String {
                if let known = placeKeys[text] { return known }
                let key = Self.placeKey(text)
                placeKeys[text] = key
                return key
            }
            var seenIds: [String: Int] = [:]
            var seenPeople: [String: Int] = [:]
            let findVillage = try db.cachedStatement(sql: """
                SELECT id FROM village WHERE commune_id = ? AND merged_on IS NULL AND (name_key = ? OR name_key = ?)
                """)
            let findById = try db.cachedStatement(sql: "SELECT id, full_name FROM person WHERE id_number = ?")
            let findByName = try db.cachedStatement(sql: "SELECT id FROM person WHERE name_key = ? AND birth_year = ? AND village_id = ?")
            let insertVillage = try db.cachedStatement(sql: "INSERT INTO village (commune_id, name, name_key, quota, created_at) VALUES (?, ?, ?, 1, ?)")
            let insertPerson = try db.cachedStatement(sql: """
                INSERT INTO person (full_name, name_key, gender, birth_year, birth_date, ethnic_code, village_id, id_number, phone, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            let insertRole = try db.cachedStatement(sql: "INSERT INTO person_role (person_id, role) VALUES (?, ?)")
            let now = Self.timestamp()
            var chain = try AuditChain(db, actor: actor)

            for (index, row) in rows.enumerated() {
                if index % 1000 == 0 { progress(index) }
                var rowErrors: [Message] = []
                func attempt<T>(_ body: () throws -> T) -> T? {
                    do { return try body() } catch let error as any ClerkFacingError {
                        rowErrors.append(error.message)
                        return nil
                    } catch {
                        rowErrors.append(Message(vi: "\(error)", en: "\(error)"))
                        return nil
                    }
                }
                let name = attempt { try Inputs.name(row.name, field: Message(vi: "Họ và tên", en: "Name")) }
                let gender: Gender?
                if let known = genderCache[row.gender] {
                    gender = known
                } else {
                    gender = Gender(parsing: row.gender)
                    genderCache[row.gender] = gender
                }
                if gender == nil {
                    rowErrors.append(Message(vi: "giới tính \"\(Inputs.shown(row.gender))\" không rõ (Nam hoặc Nữ)",
                                             en: "gender \"\(Inputs.shown(row.gender))\" is not Nam or Nữ"))
                }
                let born = attempt { try Inputs.birth(row.birth, today: today) }
                var ethnic: String?
                if let cached = ethnicCache[row.ethnic] {
                    ethnic = cached
                } else {
                    ethnic = attempt { try Self.ethnicCode(db, for: row.ethnic) }
                    ethnicCache[row.ethnic] = ethnic
                }
                var roles: [Role]? = []
                if !row.roles.isEmpty {
                    if let known = roleCache[row.roles] {
                        roles = known
                    } else {
                        roles = attempt { try Role.parseList(row.roles) }
                        if let roles { roleCache[row.roles] = roles }
                    }
                }
                let phone = row.phone.isEmpty ? nil : attempt { try Inputs.phone(row.phone) }
                var idNumber: String?
                if !row.idNumber.isEmpty, let gender, let born {
                    idNumber = attempt { try CitizenID.validate(row.idNumber, gender: gender, birthYear: born.year) }
                }
                var villageId: Int64?
                var communeId: Int64?
                let parent: Int64? = row.district.isEmpty ? provinceId : districts[placeKey(row.district)]
                if let parent {
                    if let commune = communes["\(parent)|\(placeKey(row.commune))"] {
                        communeId = commune
                    } else {
                        rowErrors.append(Message(vi: "xã \"\(row.commune)\" chưa có trong danh mục\(row.district.isEmpty ? "" : " của huyện"); hãy thêm bằng `uytin area add --level commune`",
                                                 en: "commune \"\(row.commune)\" is not known\(row.district.isEmpty ? "" : " in that district"); add it with `uytin area add --level commune`"))
                    }
                } else {
                    rowErrors.append(Message(vi: "huyện \"\(row.district)\" chưa có trong danh mục; xem `uytin area list`",
                                             en: "district \"\(row.district)\" is not known; see `uytin area list`"))
                }
                var village = villageNameCache[row.village]
                if village == nil, let name = attempt({ try Inputs.name(row.village, field: Message(vi: "Tên thôn", en: "Village name")) }) {
                    village = (name, VietnameseText.searchKey(name), Self.placeKey(name))
                    villageNameCache[row.village] = village
                }
                let villageName = village?.name
                if let communeId, let village, let villageName {
                    let key = village.key
                    let cacheKey = "\(communeId)|\(village.placeKey)"
                    if let known = villages[cacheKey] {
                        villageId = known
                    } else if let found = try Int64.fetchOne(findVillage, arguments: [communeId, key, "thon " + village.placeKey]) {
                        villageId = found
                        villages[cacheKey] = found
                    } else if rowErrors.isEmpty {
                        try insertVillage.execute(arguments: [communeId, villageName, key, now])
                        villageId = db.lastInsertedRowID
                        villages[cacheKey] = villageId
                        report.villagesCreated += 1
                        try chain.append(db, "village.add", entity: "village", id: villageId,
                                  ["commune": String(communeId), "name": villageName, "quota": "1", "import": fileName])
                    }
                }
                if let idNumber {
                    if let earlier = seenIds[idNumber] {
                        rowErrors.append(Message(vi: "số CCCD/CMND \(idNumber) trùng với dòng \(earlier)", en: "citizen ID \(idNumber) repeats row \(earlier)"))
                    }
                    seenIds[idNumber] = row.line
                }
                guard rowErrors.isEmpty, let name, let gender, let born, let ethnic, let villageId else {
                    errors.append(contentsOf: rowErrors.map { (row.line, $0) })
                    continue
                }
                let nameKey = VietnameseText.searchKey(name)
                let personKey = "\(nameKey)|\(born.year)|\(villageId)"
                if let earlier = seenPeople[personKey] {
                    errors.append((row.line, Message(vi: "trùng với dòng \(earlier) (cùng họ tên, năm sinh, thôn)",
                                                     en: "repeats row \(earlier) (same name, birth year and village)")))
                    continue
                }
                seenPeople[personKey] = row.line
                if let idNumber, let existing = try Row.fetchOne(findById, arguments: [idNumber]) {
                    let existingId: Int64 = existing["id"]
                    if VietnameseText.searchKey(existing["full_name"]) != nameKey {
                        errors.append((row.line, Message(vi: "số CCCD/CMND \(idNumber) đã thuộc về \(existing["full_name"] as String) (#\(existingId))",
                                                         en: "citizen ID \(idNumber) already belongs to \(existing["full_name"] as String) (#\(existingId))")))
                    } else {
                        report.existing.append(.init(line: row.line, personId: existingId,
                                                     message: Message(vi: "đã có (#\(existingId), cùng số CCCD)", en: "already registered (#\(existingId), same ID)")))
                    }
                    continue
                }
                if let existingId = try Int64.fetchOne(findByName, arguments: [nameKey, born.year, villageId]) {
                    report.existing.append(.init(line: row.line, personId: existingId,
                                                 message: Message(vi: "đã có (#\(existingId), cùng họ tên, năm sinh, thôn)",
                                                                  en: "already registered (#\(existingId), same name, birth year and village)")))
                    continue
                }
                guard errors.isEmpty else { continue }
                try insertPerson.execute(arguments: [name, nameKey, gender.rawValue, born.year, born.date?.iso, ethnic, villageId,
                                                     idNumber, phone, now])
                let personId = db.lastInsertedRowID
                for role in roles ?? [] { try insertRole.execute(arguments: [personId, role.rawValue]) }
                try chain.append(db, "person.add", entity: "person", id: personId,
                          ["name": name, "village": String(villageId), "ethnic": ethnic, "birthYear": String(born.year),
                           "roles": (roles ?? []).map(\.rawValue).joined(separator: ","), "import": fileName, "line": String(row.line)])
                report.added += 1
            }
            progress(rows.count)
            if !errors.isEmpty { throw ImportErrors(errors: errors) }
            try chain.append(db, dryRun ? "import.dry_run" : "import", entity: "file", id: nil,
                      ["file": fileName, "sha256": fileSha256, "rows": String(rows.count), "added": String(report.added),
                       "existing": String(report.existing.count), "villagesCreated": String(report.villagesCreated)])
            return report
        }
    }
}
