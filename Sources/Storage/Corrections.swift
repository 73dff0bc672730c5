import Foundation
import GRDB
import Registry
import Scheduler
import VietnameseCalendar

/// Corrections, audited, never silent (issue 11, part 5): what was typed wrong is corrected with a reason; the old
/// value stays in the audit log and in the history, and what a decision decided never changes.
extension UytinDatabase {
    // MARK: person corrections

    /// What `person update ... --reason` corrects; nil keeps the value.
    public struct PersonFix: Sendable {
        public var name: String?
        public var birth: (year: Int, date: Day?)?
        public var gender: Gender?
        /// A code or name of an ethnic group.
        public var ethnic: String?
        /// The new citizen ID; `.some(nil)` clears it.
        public var idNumber: String??
        /// The village the person should have been registered in.
        public var villageId: Int64?

        public init(name: String? = nil, birth: (year: Int, date: Day?)? = nil, gender: Gender? = nil, ethnic: String? = nil,
                    idNumber: String?? = nil, villageId: Int64? = nil) {
            self.name = name
            self.birth = birth
            self.gender = gender
            self.ethnic = ethnic
            self.idNumber = idNumber
            self.villageId = villageId
        }

        public var isEmpty: Bool {
            name == nil && birth == nil && gender == nil && ethnic == nil && idNumber == nil && villageId == nil
        }
    }

    /// Corrects a person's record with a reason: one transaction, one audit row with the old and new values, and one
    /// `person_correction` row per field that changed. Membership and frozen lists keep what decisions decided; a
    /// list printed again shows the corrected record with the correction noted. Returns the person and the
    /// corrections made (none when every value was already so).
    public func correctPerson(_ id: Int64, _ fix: PersonFix, reason: String, phone: String?? = nil,
                              roles: [Role]? = nil) throws -> (person: PersonEntry, corrections: [PersonEntry.Correction]) {
        let reason = try Inputs.name(reason, field: Message(vi: "Lý do sửa", en: "Reason"), maxLength: 500)
        let name = try fix.name.map { try Inputs.name($0, field: Message(vi: "Họ và tên", en: "Name")) }
        return try write { db in
            let before = try Self.requirePerson(db, id)
            let today = Self.today()
            var made: [PersonEntry.Correction] = []
            func note(_ field: PersonEntry.Correction.Field, _ old: String, _ new: String) {
                if old != new { made.append(.init(field: field, oldValue: old, newValue: new, on: today)) }
            }
            if let name { note(.name, before.name, name) }
            let gender = fix.gender ?? before.gender
            if let newGender = fix.gender { note(.gender, before.gender.label.vi, newGender.label.vi) }
            let birthYear = fix.birth?.year ?? before.birthYear
            let birthDate = fix.birth.map { $0.date } ?? before.birthDate
            if let birth = fix.birth {
                note(.birth, before.birthDate?.vietnamese ?? String(before.birthYear), birth.date?.vietnamese ?? String(birth.year))
            }
            var ethnicCode = before.ethnicCode
            if let ethnic = fix.ethnic {
                ethnicCode = try Self.ethnicCode(db, for: ethnic)
                let newName = try String.fetchOne(db, sql: "SELECT name FROM ethnic_group WHERE code = ?", arguments: [ethnicCode]) ?? ethnicCode
                note(.ethnic, before.ethnicGroup, newName)
            }
            let idNumber = fix.idNumber ?? before.idNumber
            if let newId = fix.idNumber {
                note(.idNumber, before.idNumber.map(CitizenID.masked) ?? "", newId.map(CitizenID.masked) ?? "")
                if before.idNumber != newId, made.last?.field != .idNumber {
                    // Two numbers that mask alike still differ: the audit must say the number changed.
                    made.append(.init(field: .idNumber, oldValue: before.idNumber.map(CitizenID.masked) ?? "",
                                      newValue: (newId.map(CitizenID.masked) ?? "") + " (*)", on: today))
                }
                try Self.refuseTakenIdNumber(db, newId, except: id)
            }
            // The citizen ID encodes sex and birth year: the corrected record must agree with it.
            if let number = idNumber, fix.idNumber != nil || fix.gender != nil || fix.birth != nil {
                _ = try CitizenID.validate(number, gender: gender, birthYear: birthYear)
            }
            var villageName: String?
            if let villageId = fix.villageId, villageId != before.villageId {
                let village = try Self.requireVillage(db, villageId)
                if let merged = village.mergedOn { throw RegistryError.villageMerged(village.name, on: merged.iso) }
                villageName = village.name
                note(.village, "\(before.village) (#\(before.villageId))", "\(village.name) (#\(village.id))")
            }
            if phone != nil || roles != nil { _ = try applyPersonUpdate(db, id, phone: phone, roles: roles, idNumber: nil) }
            guard !made.isEmpty else { return (try Self.requirePerson(db, id), []) }
            try db.execute(sql: """
                UPDATE person SET full_name = ?, name_key = ?, gender = ?, birth_year = ?, birth_date = ?, ethnic_code = ?,
                                  id_number = ?, village_id = ? WHERE id = ?
                """, arguments: [name ?? before.name, VietnameseText.searchKey(name ?? before.name), gender.rawValue, birthYear,
                                 birthDate?.iso, ethnicCode, idNumber, villageName == nil ? before.villageId : fix.villageId, id])
            let insert = try db.cachedStatement(sql: """
                INSERT INTO person_correction (person_id, field, old_value, new_value, reason, corrected_on, corrected_by, corrected_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """)
            var detail: [String: String] = ["reason": reason]
            for correction in made {
                try insert.execute(arguments: [id, correction.field.rawValue, correction.oldValue, correction.newValue, reason,
                                               today.iso, actor, Self.timestamp()])
                detail[correction.field.rawValue + ".old"] = correction.oldValue
                detail[correction.field.rawValue + ".new"] = correction.newValue
            }
            try audit(db, "person.correct", entity: "person", id: id, detail)
            return (try Self.requirePerson(db, id), made)
        }
    }

    /// Every correction of a person's record, oldest first, with its reason.
    static func corrections(_ db: Database, personId: Int64) throws -> [(correction: PersonEntry.Correction, reason: String)] {
        try Row.fetchAll(db, sql: """
            SELECT field, old_value, new_value, corrected_on, reason FROM person_correction WHERE person_id = ? ORDER BY id
            """, arguments: [personId]).map { row in
            guard let field = PersonEntry.Correction.Field(rawValue: row[0]) else { throw UnreadableValue(column: "field", value: row[0]) }
            return (PersonEntry.Correction(field: field, oldValue: row[1], newValue: row[2], on: try row.decode(atIndex: 3)), row[4])
        }
    }

    // MARK: withdrawing a duplicate

    /// Withdraws a duplicate entry that was never on a list: a status, not a delete. The person leaves searches and
    /// lists of persons, and stays in the audit log and history. Refused for anyone who ever had a stay on the list
    /// or an approved proposal; pending proposals of the person are withdrawn with them.
    public func withdrawPerson(_ id: Int64, reason: String) throws -> PersonEntry {
        let reason = try Inputs.name(reason, field: Message(vi: "Lý do", en: "Reason"), maxLength: 500)
        return try write { db in
            let person = try Self.requirePerson(db, id)
            if let day = try Day.fetchOne(db, sql: "SELECT withdrawn_on FROM person WHERE id = ?", arguments: [id]) {
                throw RegistryError("person_withdrawn",
                                    vi: "\(Self.label(person)) đã được rút khỏi hồ sơ ngày \(day.vietnamese) (hồ sơ trùng).",
                                    en: "\(Self.label(person)) was withdrawn on \(day.iso) (a duplicate).")
            }
            if let from = try Day.fetchOne(db, sql: "SELECT min(from_date) FROM membership WHERE person_id = ?", arguments: [id]) {
                throw RegistryError("withdraw_listed",
                                    vi: "Không thể rút \(Self.label(person)): người này đã có tên trong danh sách từ ngày \(from.vietnamese). Chỉ rút được hồ sơ trùng chưa từng có tên; người đã có tên chỉ ra khỏi danh sách bằng quyết định (`uytin propose remove`).",
                                    en: "\(Self.label(person)) cannot be withdrawn: on the list from \(from.iso). Only a duplicate never on a list is withdrawn; a listed person leaves by a decision (`uytin propose remove`).")
            }
            if let proposal = try Int64.fetchOne(db, sql: """
                SELECT id FROM proposal WHERE (person_id = ?1 OR replacement_id = ?1) AND status = 'approved' ORDER BY id LIMIT 1
                """, arguments: [id]) {
                throw RegistryError("withdraw_listed",
                                    vi: "Không thể rút \(Self.label(person)): đề nghị ĐN-\(proposal) của người này đã được duyệt.",
                                    en: "\(Self.label(person)) cannot be withdrawn: proposal #\(proposal) about them was approved.")
            }
            let pending = try Int64.fetchAll(db, sql: """
                SELECT id FROM proposal WHERE (person_id = ?1 OR replacement_id = ?1) AND status = 'pending' ORDER BY id
                """, arguments: [id])
            for proposal in pending {
                try db.execute(sql: "UPDATE proposal SET status = 'withdrawn' WHERE id = ?", arguments: [proposal])
                try audit(db, "proposal.withdraw", entity: "proposal", id: proposal, ["reason": reason])
            }
            try db.execute(sql: "UPDATE person SET withdrawn_on = ?, withdraw_reason = ? WHERE id = ?",
                           arguments: [Self.today().iso, reason, id])
            try audit(db, "person.withdraw", entity: "person", id: id,
                      ["name": person.name, "reason": reason, "proposals": pending.map(String.init).joined(separator: ",")])
            return person
        }
    }

    /// When and why a person was withdrawn as a duplicate, or nil.
    public func withdrawal(of id: Int64) throws -> (on: Day, reason: String)? {
        try read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT withdrawn_on, withdraw_reason FROM person WHERE id = ?", arguments: [id]),
                  let day: Day = try row.decode(atIndex: 0) else { return nil }
            return (day, row[1])
        }
    }

    // MARK: names that carry dates

    /// Renames a village from a day on: lists and documents of an earlier day keep the old name. Returns the old name.
    public func renameVillage(_ id: Int64, to name: String, from day: Day, basis: String?) throws -> String {
        let name = try Inputs.name(name, field: Message(vi: "Tên thôn", en: "Village name"))
        let basis = try basis.map { try Inputs.name($0, field: Message(vi: "Căn cứ", en: "Basis"), maxLength: 300) }
        return try write { db in
            let village = try Self.requireVillage(db, id)
            if let merged = village.mergedOn, merged <= day { throw RegistryError.villageMerged(village.name, on: merged.iso) }
            let old = try String.fetchOne(db, sql: "SELECT " + Self.villageName("v", on: "?") + " FROM village v WHERE v.id = ?",
                                          arguments: [day.iso, id])!
            try Self.refuseRename(db, table: "village_name", key: "village_id", id: id, day: day, old: old, new: name)
            if try Bool.fetchOne(db, sql: """
                SELECT 1 FROM village v WHERE v.commune_id = ? AND v.id <> ? AND v.merged_on IS NULL
                  AND lower(\(Self.villageName("v", on: "?"))) = lower(?)
                """, arguments: [village.communeId, id, day.iso, name]) == true {
                throw RegistryError.villageExists(name, commune: village.commune)
            }
            try db.execute(sql: """
                INSERT INTO village_name (village_id, valid_from, name, name_key, basis, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)
                """, arguments: [id, day.iso, name, VietnameseText.searchKey(name), basis, actor, Self.timestamp()])
            try audit(db, "village.rename", entity: "village", id: id,
                      ["old": old, "new": name, "from": day.iso, "basis": basis ?? ""])
            return old
        }
    }

    /// Renames the district or commune with `code` (the unit in force on `day`) from `day` on. Returns the old name.
    public func renameArea(code: String, to name: String, from day: Day, basis: String?) throws -> String {
        let name = try Inputs.name(name, field: Message(vi: "Tên đơn vị hành chính", en: "Area name"))
        let basis = try basis.map { try Inputs.name($0, field: Message(vi: "Căn cứ", en: "Basis"), maxLength: 300) }
        return try write { db in
            let code = code.trimmingCharacters(in: .whitespaces)
            guard let row = try Row.fetchOne(db, sql: """
                SELECT a.id, \(Self.areaName("a", on: ":day")), a.level FROM area a
                WHERE a.code = :code AND a.level <> 'province'
                  AND coalesce(a.valid_from, '') <= :day AND (a.valid_to IS NULL OR a.valid_to > :day)
                """, arguments: ["code": code, "day": day.iso]) else {
                guard try Bool.fetchOne(db, sql: "SELECT 1 FROM area WHERE code = ?", arguments: [code]) == true else {
                    throw RegistryError.unknownArea(code)
                }
                throw RegistryError("area_not_in_force",
                                    vi: "Mã \(code) không phải đơn vị đang có hiệu lực ngày \(day.vietnamese); xem `uytin area list --on NGÀY`.",
                                    en: "Code \(code) names no unit in force on \(day.iso); see `uytin area list --on DATE`.")
            }
            let id: Int64 = row[0]
            let old: String = row[1]
            try Self.refuseRename(db, table: "area_name", key: "area_id", id: id, day: day, old: old, new: name)
            try db.execute(sql: """
                INSERT INTO area_name (area_id, valid_from, name, name_key, basis, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)
                """, arguments: [id, day.iso, name, VietnameseText.searchKey(name), basis, actor, Self.timestamp()])
            try audit(db, "area.rename", entity: "area", id: id,
                      ["code": code, "old": old, "new": name, "from": day.iso, "basis": basis ?? ""])
            return old
        }
    }

    /// A rename keeps the past as it was: not the same name again, not on a day a rename already starts, and not
    /// before a later rename (names follow each other by date).
    private static func refuseRename(_ db: Database, table: String, key: String, id: Int64, day: Day, old: String, new: String) throws {
        if old == new {
            throw RegistryError("rename_same", vi: "Tên ngày \(day.vietnamese) đã là \"\(new)\"; không có gì để đổi.",
                                en: "The name on \(day.iso) is already \"\(new)\"; nothing to change.")
        }
        if let later = try Day.fetchOne(db, sql: "SELECT max(valid_from) FROM \(table) WHERE \(key) = ?", arguments: [id]),
           later >= day {
            throw RegistryError("rename_order",
                                vi: "Đã có tên mới từ ngày \(later.vietnamese); lần đổi tên sau phải từ một ngày sau ngày đó.",
                                en: "A new name already applies from \(later.iso); a later rename must start after that day.")
        }
    }

    // MARK: settings

    /// A setting the province may change, with its basis and whether the value is confirmed, a sample or its own.
    public struct ProvinceSetting: Sendable, Codable, Equatable {
        public var name: String
        public var value: Int
        public var basis: String
        public var source: String
        public var setBy: String
        public var setAt: String
    }

    public func settings() throws -> [ProvinceSetting] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT name, value, basis, source, set_by, set_at FROM province_setting ORDER BY name").map {
                ProvinceSetting(name: $0[0], value: $0[1], basis: $0[2], source: $0[3], setBy: $0[4], setAt: $0[5])
            }
        }
    }

    /// Sets a province setting (audited with the old and new value). Returns the old value.
    public func setSetting(_ name: String, value: Int, basis: String) throws -> Int {
        let basis = try Inputs.name(basis, field: Message(vi: "Căn cứ", en: "Basis"), maxLength: 500)
        return try write { db in
            guard let old = try Int.fetchOne(db, sql: "SELECT value FROM province_setting WHERE name = ?", arguments: [name]) else {
                throw RegistryError("unknown_setting", .malformed, vi: "Không có cài đặt \"\(Inputs.shown(name))\"; có: minimum-age.",
                                    en: "No setting \"\(Inputs.shown(name))\"; there is: minimum-age.")
            }
            guard (0...120).contains(value) else {
                throw RegistryError("setting_range", vi: "Giá trị \(value) không hợp lệ (0–120).", en: "\(value) is out of range (0–120).")
            }
            try db.execute(sql: """
                UPDATE province_setting SET value = ?, basis = ?, source = 'province', set_by = ?, set_at = ? WHERE name = ?
                """, arguments: [value, basis, actor, Self.timestamp(), name])
            try audit(db, "setting.set", entity: "province_setting", id: nil,
                      ["name": name, "old": String(old), "new": String(value), "basis": basis])
            return old
        }
    }

    static func minimumAge(_ db: Database) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT value FROM province_setting WHERE name = 'minimum_age'") ?? 0
    }

    /// Refuses a person under the minimum age on `day` (the recognition date).
    static func refuseUnderAge(_ db: Database, _ person: PersonEntry, on day: Day, what: Message) throws {
        if let refusal = MinimumAge.refusal(person: label(person), birthYear: person.birthYear, birthDate: person.birthDate,
                                            on: day, minimum: try minimumAge(db), what: what) {
            throw refusal
        }
    }

    // MARK: entitlements

    /// Takes back a delivery recorded by mistake: delivered → approved, audited with the reason.
    public func undeliverEntitlement(_ id: Int64, reason: String) throws -> (deliveredOn: Day, receipt: String?) {
        let reason = try Inputs.name(reason, field: Message(vi: "Lý do", en: "Reason"), maxLength: 500)
        return try write { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT status, delivered_on, receipt FROM entitlement WHERE id = ?", arguments: [id]) else {
                throw Self.unknownEntitlement(id)
            }
            let status: EntitlementStatus = try row.decode(atIndex: 0)
            guard status == .delivered, let day: Day = try row.decode(atIndex: 1) else {
                throw Self.wrongStatus(id, status, wanted: .delivered)
            }
            try db.execute(sql: "UPDATE entitlement SET status = 'approved', delivered_on = NULL, receipt = NULL WHERE id = ?",
                           arguments: [id])
            try audit(db, "entitlement.undeliver", entity: "entitlement", id: id,
                      ["deliveredOn": day.iso, "receipt": row[2] ?? "", "reason": reason])
            return (day, row[2])
        }
    }

    /// Refuses a delivery day before the benefit's event or gathering, before the entitlement exists, or after today
    /// in Vietnam. "Exists" is reckoned from the occasion, which a postponement of the due day does not move: its lead
    /// and advance days (the day the scheduler makes it), and the lead days once more for gifts handed out a little
    /// before that day (a catch-up run records the past; the moment a run wrote the row is no bound). The moment a run
    /// wrote the row is no bound: a catch-up run records the past.
    static func refuseDeliveryDay(_ db: Database, ids: [Int64], on day: Day) throws {
        let today = Day.todayInVietnam()
        guard day <= today else {
            throw RegistryError("delivery_date",
                                vi: "Ngày trao \(day.vietnamese) chưa đến (hôm nay là \(today.vietnamese)); chỉ ghi nhận việc đã trao.",
                                en: "The delivery day \(day.iso) is after today (\(today.iso)); record only what was delivered.")
        }
        let row = try Row.fetchOne(db, sql: """
            SELECT e.id, CASE WHEN e.event_id IS NOT NULL OR e.plan_id IS NOT NULL THEN e.occasion_date END AS event_day,
                   date(e.occasion_date, '-' || (2 * r.lead_days + r.advance_days) || ' days') AS made_day
            FROM entitlement e JOIN benefit_rule r ON r.id = e.rule_id
            WHERE e.id IN (\(ids.map(String.init).joined(separator: ",")))
              AND (? < date(e.occasion_date, '-' || (2 * r.lead_days + r.advance_days) || ' days')
                   OR ((e.event_id IS NOT NULL OR e.plan_id IS NOT NULL) AND ? < e.occasion_date))
            ORDER BY e.id LIMIT 1
            """, arguments: [day.iso, day.iso])
        guard let row else { return }
        let id: Int64 = row[0]
        if let event: Day = try row.decode(atIndex: 1), day < event {
            throw RegistryError("delivery_date",
                                vi: "Khoản #\(id): ngày trao \(day.vietnamese) trước ngày của sự việc/kế hoạch (\(event.vietnamese)); hãy kiểm tra lại ngày trao (--on).",
                                en: "Entitlement #\(id): the delivery day \(day.iso) is before its event or gathering (\(event.iso)); check --on.")
        }
        let made: Day = try row.decode(atIndex: 2)
        throw RegistryError("delivery_date",
                            vi: "Khoản #\(id): ngày trao \(day.vietnamese) trước ngày lập khoản (\(made.vietnamese)); hãy kiểm tra lại ngày trao (--on).",
                            en: "Entitlement #\(id): the delivery day \(day.iso) is before the entitlement was made (\(made.iso)); check --on.")
    }

    // MARK: rule corrections

    /// Corrects a rule version in place while no entitlement uses it; one already used is refused (add a new version
    /// with `rule set`). `from` moves the version's first day. Returns the version before and after.
    public func correctRule(_ kind: BenefitKind, version id: Int64, from: Day?, _ change: RuleChange, amount: Int?) throws
        -> (before: BenefitRule, after: BenefitRule) {
        try write { db in
            guard let before = try RuleRow.fetchOne(db, sql: "SELECT * FROM benefit_rule WHERE id = ?", arguments: [id])?.rule,
                  before.kind == kind else {
                throw RegistryError("unknown_rule", vi: "Không có phiên bản quy định #\(id) của \(kind.label.vi). Xem `uytin rule list`.",
                                    en: "No version #\(id) of \(kind.label.en). See `uytin rule list`.")
            }
            if let used = try Int.fetchOne(db, sql: "SELECT count(*) FROM entitlement WHERE rule_id = ?", arguments: [id]), used > 0 {
                throw RegistryError("rule_used",
                                    vi: "Phiên bản #\(id) (\(kind.label.vi), từ \(before.validFrom.vietnamese)) đã được dùng cho \(used) khoản chế độ nên không sửa được; hãy thêm phiên bản mới bằng `uytin rule set \(kind.rawValue) --from NGÀY ...`.",
                                    en: "Version #\(id) (\(kind.label.en), from \(before.validFrom.iso)) is used by \(used) entitlements and cannot be corrected; add a new version with `uytin rule set \(kind.rawValue) --from DATE ...`.")
            }
            var after = before
            after.validFrom = from ?? before.validFrom
            after.amount = amount ?? before.amount
            after.cap = change.cap ?? before.cap
            after.tiers = change.tiers ?? before.tiers
            after.perYear = change.perYear ?? before.perYear
            after.leadDays = change.leadDays ?? before.leadDays
            if let advance = change.advanceDays {
                after.advanceDays = advance
                after.advanceIsSample = false
            }
            after.funding = change.funding ?? before.funding
            after.normalMethod = change.normalMethod ?? before.normalMethod
            after.contingencyPolicy = change.contingencyPolicy ?? before.contingencyPolicy
            after.basis = change.basis ?? before.basis
            if after.fingerprintText == before.fingerprintText && after.validFrom == before.validFrom
                && after.advanceIsSample == before.advanceIsSample { return (before, after) }
            after.source = .province
            try after.validate()
            if after.validFrom != before.validFrom,
               try Bool.fetchOne(db, sql: "SELECT 1 FROM benefit_rule WHERE kind = ? AND valid_from = ? AND id <> ?",
                                 arguments: [kind.rawValue, after.validFrom.iso, id]) == true {
                throw RegistryError("rule_exists",
                                    vi: "Đã có phiên bản quy định \(kind.label.vi) từ ngày \(after.validFrom.vietnamese).",
                                    en: "A version of \(kind.label.en) from \(after.validFrom.iso) exists.")
            }
            try db.execute(sql: """
                UPDATE benefit_rule SET valid_from = ?, amount = ?, cap = ?, tiers = ?, per_year = ?, lead_days = ?, advance_days = ?,
                                        advance_sample = ?, funding = ?, normal_method = ?, contingency_policy = ?, basis = ?,
                                        source = ? WHERE id = ?
                """, arguments: [after.validFrom.iso, after.amount, after.cap, after.tiersText, after.perYear, after.leadDays,
                                 after.advanceDays, after.advanceIsSample, after.funding.rawValue, after.normalMethod.rawValue, after.contingencyPolicy.rawValue, after.basis,
                                 after.source.rawValue, id])
            try audit(db, "rule.correct", entity: "benefit_rule", id: id,
                      ["kind": kind.rawValue, "oldFrom": before.validFrom.iso, "newFrom": after.validFrom.iso,
                       "old": before.fingerprintText, "new": after.fingerprintText])
            return (before, after)
        }
    }

    // MARK: plans

    /// A planned gathering with its entitlements counted by status.
    public struct PlanEntry: Sendable, Codable, Equatable {
        public var id: Int64
        public var kind: PlanKind
        public var date: Day
        public var name: String
        public var everyone: Bool
        public var participants: Int
        public var planned: Int
        public var approved: Int
        public var delivered: Int
        public var cancelled: Int
        public var cancelledOn: Day?
        public var cancelReason: String?
    }

    public func planEntries() throws -> [PlanEntry] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT p.id, p.kind, p.plan_date, p.name, p.everyone, p.cancelled_on, p.cancel_reason,
                       (SELECT count(*) FROM plan_participant x WHERE x.plan_id = p.id),
                       (SELECT count(*) FROM entitlement e WHERE e.plan_id = p.id AND e.status = 'planned'),
                       (SELECT count(*) FROM entitlement e WHERE e.plan_id = p.id AND e.status = 'approved'),
                       (SELECT count(*) FROM entitlement e WHERE e.plan_id = p.id AND e.status = 'delivered'),
                       (SELECT count(*) FROM entitlement e WHERE e.plan_id = p.id AND e.status = 'cancelled')
                FROM plan p ORDER BY p.plan_date, p.id
                """).map { row in
                PlanEntry(id: row[0], kind: try row.decode(atIndex: 1), date: try row.decode(atIndex: 2), name: row[3],
                          everyone: row[4], participants: row[7], planned: row[8], approved: row[9], delivered: row[10],
                          cancelled: row[11], cancelledOn: try row.decode(atIndex: 5), cancelReason: row[6])
            }
        }
    }

    private static func requirePlan(_ db: Database, _ id: Int64) throws -> (date: Day, name: String, cancelled: Day?) {
        guard let row = try Row.fetchOne(db, sql: "SELECT plan_date, name, cancelled_on FROM plan WHERE id = ?", arguments: [id]) else {
            throw RegistryError("unknown_plan", vi: "Không có kế hoạch #\(id). Xem `uytin plan list`.", en: "No plan #\(id). See `uytin plan list`.")
        }
        let date: Day = try row.decode(atIndex: 0)
        let cancelled: Day? = try row.decode(atIndex: 2)
        if let cancelled {
            throw RegistryError("plan_cancelled", vi: "Kế hoạch #\(id) đã hủy ngày \(cancelled.vietnamese).",
                                en: "Plan #\(id) was cancelled on \(cancelled.iso).")
        }
        return (date, row[1], cancelled)
    }

    private static func refuseDelivered(_ db: Database, plan id: Int64, doing: Message) throws {
        let delivered = try Int64.fetchAll(db, sql: "SELECT id FROM entitlement WHERE plan_id = ? AND status = 'delivered' ORDER BY id",
                                           arguments: [id])
        guard delivered.isEmpty else {
            throw RegistryError("plan_delivered",
                                vi: "Không thể \(doing.vi) kế hoạch #\(id): đã trao \(delivered.count) khoản (#\(compact(delivered))). Nếu ghi nhầm, hãy `uytin entitlement undeliver ID --reason ...` trước.",
                                en: "Cannot \(doing.en) plan #\(id): \(delivered.count) entitlements were delivered (#\(compact(delivered))). If recorded by mistake, `uytin entitlement undeliver ID --reason ...` first.")
        }
    }

    /// Moves a plan, and its entitlements not yet delivered, to another day of the same year. Returns the old day and
    /// how many entitlements moved.
    public func reschedulePlan(_ id: Int64, to day: Day) throws -> (from: Day, moved: Int) {
        try write { db in
            let plan = try Self.requirePlan(db, id)
            guard plan.date != day else { return (plan.date, 0) }
            _ = try Self.requireSetting(db).term(of: day)
            guard plan.date.year == day.year else {
                throw RegistryError("plan_year",
                                    vi: "Kế hoạch #\(id) thuộc năm \(plan.date.year); không dời sang năm \(day.year) được. Hãy hủy (`uytin plan cancel`) và lập kế hoạch mới.",
                                    en: "Plan #\(id) belongs to \(plan.date.year); it cannot move to \(day.year). Cancel it (`uytin plan cancel`) and add a new plan.")
            }
            try Self.refuseDelivered(db, plan: id, doing: Message(vi: "dời", en: "reschedule"))
            let shift = plan.date.days(until: day)
            try db.execute(sql: "UPDATE plan SET plan_date = ? WHERE id = ?", arguments: [day.iso, id])
            try db.execute(sql: """
                UPDATE entitlement SET occasion_date = date(occasion_date, ?1 || ' days'), due_date = date(due_date, ?1 || ' days')
                WHERE plan_id = ?2 AND status IN ('planned', 'approved')
                """, arguments: [String(format: "%+d", shift), id])
            let moved = db.changesCount
            try audit(db, "plan.reschedule", entity: "plan", id: id,
                      ["old": plan.date.iso, "new": day.iso, "entitlements": String(moved)])
            return (plan.date, moved)
        }
    }

    /// Cancels a plan with a reason, and its planned and approved entitlements. Returns how many were cancelled.
    public func cancelPlan(_ id: Int64, reason: String) throws -> Int {
        let reason = try Inputs.name(reason, field: Message(vi: "Lý do", en: "Reason"), maxLength: 500)
        return try write { db in
            _ = try Self.requirePlan(db, id)
            try Self.refuseDelivered(db, plan: id, doing: Message(vi: "hủy", en: "cancel"))
            try db.execute(sql: "UPDATE plan SET cancelled_on = ?, cancel_reason = ? WHERE id = ?",
                           arguments: [Self.today().iso, reason, id])
            try db.execute(sql: """
                UPDATE entitlement SET status = 'cancelled', postponed = 0, cancel_reason = ?
                WHERE plan_id = ? AND status IN ('planned', 'approved')
                """, arguments: [reason, id])
            let cancelled = db.changesCount
            try audit(db, "plan.cancel", entity: "plan", id: id, ["reason": reason, "entitlements": String(cancelled)])
            return cancelled
        }
    }
}
