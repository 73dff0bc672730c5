import Foundation
import GRDB
import Registry
import Scheduler
import VietnameseCalendar

/// What the scheduler plans from: festivals, gatherings, life events and contingency periods.
extension UytinDatabase {
    // MARK: festivals

    /// Sets a festival's rule (or, for a dated festival, its date in one year); setting it again replaces the rule.
    /// Returns the festival's id.
    public func setFestival(name: String, ethnicCodes: [String], rule: Festival.Rule) throws -> Int64 {
        let name = try Inputs.name(name, field: Message(vi: "Tên lễ hội", en: "Festival name"))
        let key = VietnameseText.searchKey(name)
        if case let .lunar(month, day) = rule, !(1...12).contains(month) || !(1...30).contains(day) {
            throw RegistryError("invalid_lunar_day", vi: "Ngày âm lịch \(day)/\(month) không hợp lệ (tháng 1–12, ngày 1–30).",
                                en: "Lunar day \(day)/\(month) is not valid (month 1–12, day 1–30).")
        }
        if case let .solar(month, day) = rule, Day(year: 2024, month: month, day: day) == nil {
            throw RegistryError.invalidDate(String(format: "%02d-%02d", month, day))
        }
        return try write { db in
            let setting = try Self.requireSetting(db)
            let codes = try ethnicCodes.map { try Self.ethnicCode(db, for: $0) }
            guard !codes.isEmpty else { throw RegistryError.unknownEthnicGroup("") }
            var year: Int?
            if case let .dated(day) = rule {
                _ = try setting.term(of: day)
                year = day.year
            }
            let existing = try Int64.fetchOne(db, sql: "SELECT id FROM festival WHERE name_key = ? AND coalesce(year, 0) = ?",
                                              arguments: [key, year ?? 0])
            var columns: (calendar: String, month: Int?, day: Int?, date: String?)
            switch rule {
            case let .lunar(month, day): columns = ("lunar", month, day, nil)
            case let .solar(month, day): columns = ("solar", month, day, nil)
            case let .dated(date): columns = ("dated", nil, nil, date.iso)
            }
            let id: Int64
            if let existing {
                // A festival's rule is table data clerks edit; the audit row keeps what it was.
                try db.execute(sql: "DELETE FROM festival_group WHERE festival_id = ?", arguments: [existing])
                try db.execute(sql: "UPDATE festival SET name = ?, calendar = ?, month = ?, day = ?, year = ?, date = ? WHERE id = ?",
                               arguments: [name, columns.calendar, columns.month, columns.day, year, columns.date, existing])
                id = existing
            } else {
                try db.execute(sql: """
                    INSERT INTO festival (name, name_key, calendar, month, day, year, date, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [name, key, columns.calendar, columns.month, columns.day, year, columns.date, Self.timestamp()])
                id = db.lastInsertedRowID
            }
            for code in Set(codes) {
                try db.execute(sql: "INSERT INTO festival_group (festival_id, ethnic_code) VALUES (?, ?)", arguments: [id, code])
            }
            try audit(db, existing == nil ? "festival.add" : "festival.change", entity: "festival", id: id,
                      ["name": name, "calendar": columns.calendar, "month": columns.month.map(String.init) ?? "",
                       "day": columns.day.map(String.init) ?? "", "date": columns.date ?? "",
                       "ethnic": codes.joined(separator: ",")])
            return id
        }
    }

    /// A `festival` row with its groups' codes.
    struct FestivalRow: FetchableRecord {
        let festival: Festival

        init(row: Row) throws {
            let calendar: String = try row.decode(forColumn: "calendar")
            let rule: Festival.Rule = switch calendar {
            case "lunar": .lunar(month: try row.decode(forColumn: "month"), day: try row.decode(forColumn: "day"))
            case "solar": .solar(month: try row.decode(forColumn: "month"), day: try row.decode(forColumn: "day"))
            case "dated": .dated(try row.decode(forColumn: "date"))
            default: throw UnreadableValue(column: "calendar", value: calendar)
            }
            let codes: String? = try row.decode(forColumn: "codes")
            festival = Festival(id: try row.decode(forColumn: "id"), name: try row.decode(forColumn: "name"),
                                ethnicCodes: (codes ?? "").split(separator: ",").map(String.init).sorted(), rule: rule)
        }
    }

    static func festivals(_ db: Database) throws -> [Festival] {
        try FestivalRow.fetchAll(db, sql: """
            SELECT f.*, (SELECT group_concat(ethnic_code, ',') FROM festival_group g WHERE g.festival_id = f.id) AS codes
            FROM festival f ORDER BY f.id
            """).map(\.festival)
    }

    public func festivals() throws -> [Festival] {
        try read { db in try Self.festivals(db) }
    }

    // MARK: plans

    /// Adds a gathering; with `persons` nil, everybody on the list that day takes part. Returns its id.
    public func addPlan(kind: PlanKind, date: Day, name: String, persons: [Int64]?) throws -> Int64 {
        let name = try Inputs.name(name, field: Message(vi: "Tên kế hoạch", en: "Plan name"), maxLength: 200)
        return try write { db in
            let setting = try Self.requireSetting(db)
            _ = try setting.term(of: date)
            for person in persons ?? [] {
                let entry = try Self.requirePerson(db, person)
                guard try Self.isListed(db, person: person, on: date) else {
                    throw RegistryError("not_listed_on_day",
                                        vi: "\(Self.label(entry)) không có tên trong danh sách ngày \(date.vietnamese), nên không thuộc đối tượng của kế hoạch.",
                                        en: "\(Self.label(entry)) is not on the list on \(date.iso), so cannot take part.")
                }
            }
            try db.execute(sql: "INSERT INTO plan (kind, plan_date, name, everyone, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                           arguments: [kind.rawValue, date.iso, name, persons == nil ? 1 : 0, actor, Self.timestamp()])
            let id = db.lastInsertedRowID
            for person in Set(persons ?? []) {
                try db.execute(sql: "INSERT INTO plan_participant (plan_id, person_id) VALUES (?, ?)", arguments: [id, person])
            }
            try audit(db, "plan.add", entity: "plan", id: id,
                      ["kind": kind.rawValue, "date": date.iso, "name": name,
                       "persons": persons.map { $0.map(String.init).joined(separator: ",") } ?? "all"])
            return id
        }
    }

    /// A `plan` row with its participants.
    struct PlanRow: FetchableRecord {
        let plan: Plan

        init(row: Row) throws {
            let persons: String? = try row.decode(forColumn: "persons")
            plan = Plan(id: try row.decode(forColumn: "id"), kind: try row.decode(forColumn: "kind"),
                        date: try row.decode(forColumn: "plan_date"), name: try row.decode(forColumn: "name"),
                        everyone: try row.decode(forColumn: "everyone"),
                        persons: (persons ?? "").split(separator: ",").compactMap { Int64($0) }.sorted())
        }
    }

    static func plans(_ db: Database) throws -> [Plan] {
        try PlanRow.fetchAll(db, sql: """
            SELECT p.*, (SELECT group_concat(person_id, ',') FROM plan_participant x WHERE x.plan_id = p.id) AS persons
            FROM plan p WHERE p.cancelled_on IS NULL ORDER BY p.id
            """).map(\.plan)
    }

    static func isListed(_ db: Database, person: Int64, on day: Day) throws -> Bool {
        try Bool.fetchOne(db, sql: """
            SELECT 1 FROM membership WHERE person_id = ? AND from_date <= ?2 AND (to_date IS NULL OR to_date > ?2)
            """, arguments: [person, day.iso]) ?? false
    }

    // MARK: life events

    /// Records a life event; the next run turns it into its benefit. A death also stops the person's benefits:
    /// their undelivered entitlements after the day are cancelled now. Returns the event's id.
    public func recordEvent(person personId: Int64, kind: EventKind, date: Day, level: Level?, note: String?) throws -> Int64 {
        let note = try Inputs.note(note)
        return try write { db in
            let setting = try Self.requireSetting(db)
            _ = try setting.term(of: date)
            let person = try Self.requirePerson(db, personId)
            guard date <= Day.todayInVietnam() else {
                throw RegistryError("event_in_future", vi: "Ngày \(date.vietnamese) chưa đến; chỉ ghi nhận sự việc đã xảy ra.",
                                    en: "\(date.iso) is in the future; record only what has happened.")
            }
            let listed = kind == .death
                ? try Bool.fetchOne(db, sql: """
                    SELECT 1 FROM membership WHERE person_id = ? AND from_date < ?2 AND (to_date IS NULL OR to_date >= ?2)
                    """, arguments: [personId, date.iso]) ?? false
                : try Self.isListed(db, person: personId, on: date)
            guard listed else {
                throw RegistryError("not_listed_on_day",
                                    vi: "\(Self.label(person)) không có tên trong danh sách ngày \(date.vietnamese), nên không hưởng chế độ cho sự việc này.",
                                    en: "\(Self.label(person)) is not on the list on \(date.iso), so this event brings no benefit.")
            }
            if let died = person.deathDate, kind != .death || died != date, died < date {
                throw RegistryError.personDead(Self.label(person), on: died.iso)
            }
            if kind == .death, try Bool.fetchOne(db, sql: "SELECT 1 FROM life_event WHERE person_id = ? AND kind = 'death'",
                                                 arguments: [personId]) == true {
                throw RegistryError("death_recorded", vi: "Đã ghi nhận việc \(Self.label(person)) qua đời.",
                                    en: "The death of \(Self.label(person)) is already recorded.")
            }
            try db.execute(sql: """
                INSERT INTO life_event (person_id, kind, event_date, level, note, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)
                """, arguments: [personId, kind.rawValue, date.iso, level?.rawValue, note, actor, Self.timestamp()])
            let id = db.lastInsertedRowID
            try audit(db, "event.record", entity: "life_event", id: id,
                      ["person": String(personId), "kind": kind.rawValue, "date": date.iso, "level": level?.rawValue ?? ""])
            if kind == .death {
                if person.deathDate == nil {
                    try db.execute(sql: "UPDATE person SET death_date = ? WHERE id = ?", arguments: [date.iso, personId])
                    try audit(db, "person.death", entity: "person", id: personId, ["date": date.iso, "event": String(id)])
                }
                try cancelUndelivered(db, person: personId, after: date, inclusive: false,
                                      reason: "Người có uy tín qua đời ngày \(date.vietnamese)")
            }
            return id
        }
    }

    /// Cancels a person's undelivered entitlements whose date is after `day` (or on it, when `inclusive`).
    func cancelUndelivered(_ db: Database, person: Int64, after day: Day, inclusive: Bool, reason: String) throws {
        // An entitlement's year is its occasion's year, so only the years from the day's on can hold one; naming them
        // lets SQLite seek the (year, person_id) index instead of reading the whole table.
        guard let lastYear = try Int.fetchOne(db.cachedStatement(sql: "SELECT max(year) FROM entitlement")),
              lastYear >= day.year else { return }
        let years = (day.year...lastYear).map(String.init).joined(separator: ",")
        let ids = try Int64.fetchAll(db, sql: """
            SELECT id FROM entitlement WHERE year IN (\(years)) AND person_id = ? AND status IN ('planned', 'approved')
              AND occasion_date \(inclusive ? ">=" : ">") ? AND kind NOT IN ('condolence')
            ORDER BY year, id
            """, arguments: [person, day.iso])
        guard !ids.isEmpty else { return }
        try db.execute(sql: "UPDATE entitlement SET status = 'cancelled', cancel_reason = ? WHERE id IN (\(ids.map(String.init).joined(separator: ",")))",
                       arguments: [reason])
        try audit(db, "entitlement.cancel", entity: "person", id: person, ["ids": ids.map(String.init).joined(separator: ","), "reason": reason])
    }

    // MARK: contingency

    /// A declared contingency period.
    public struct ContingencyPeriod: Sendable, Codable, Equatable {
        public var id: Int64
        public var from: Day
        public var to: Day?
        public var areaCode: String?
        public var area: String?
        public var reason: String
        public var decision: String?
    }

    /// Declares a contingency period for the province (no area) or one district or commune; returns its id.
    public func declareContingency(from: Day, to: Day?, areaCode: String?, reason: String, decision: String?) throws -> Int64 {
        let reason = try Inputs.name(reason, field: Message(vi: "Lý do", en: "Reason"), maxLength: 500)
        let decision = try decision.map { try Inputs.name($0, field: Message(vi: "Số quyết định", en: "Decision number"), maxLength: 60) }
        if let to, to < from {
            throw RegistryError("end_before_start_period", vi: "Ngày kết thúc \(to.vietnamese) trước ngày bắt đầu \(from.vietnamese).",
                                en: "The end \(to.iso) is before the start \(from.iso).")
        }
        return try write { db in
            let setting = try Self.requireSetting(db)
            _ = try setting.term(of: from)
            var areaId: Int64?
            if let areaCode {
                // The district or commune of that code in force when the period starts.
                let level: AreaLevel = areaCode.count == AreaLevel.district.codeLength ? .district : .commune
                guard let area = try Self.area(db, code: areaCode, level: level, on: from) else {
                    _ = try Self.requireArea(db, areaCode, level: level)
                    throw RegistryError.unknownAreaOn(areaCode, level: level.label, on: from.vietnamese)
                }
                areaId = area.id
            }
            try db.execute(sql: """
                INSERT INTO contingency (from_date, to_date, area_id, reason, decision, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)
                """, arguments: [from.iso, to?.iso, areaId, reason, decision, actor, Self.timestamp()])
            let id = db.lastInsertedRowID
            try audit(db, "contingency.declare", entity: "contingency", id: id,
                      ["from": from.iso, "to": to?.iso ?? "", "area": areaCode ?? "", "reason": reason, "decision": decision ?? ""])
            if let to { try releasePostponed(db, contingency: id, endedOn: to) }
            return id
        }
    }

    /// Ends a period on a day; what it postponed is due the day after (or cancelled if that is in a later year).
    public func endContingency(_ id: Int64, on day: Day) throws {
        try write { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT from_date, to_date FROM contingency WHERE id = ?", arguments: [id]) else {
                throw RegistryError("unknown_contingency", vi: "Không có giai đoạn ứng phó #\(id). Xem bằng `uytin contingency list`.",
                                    en: "No contingency period #\(id). See `uytin contingency list`.")
            }
            if let ended: Day = try row.decode(forColumn: "to_date") {
                throw RegistryError("contingency_ended", vi: "Giai đoạn ứng phó #\(id) đã kết thúc ngày \(ended.vietnamese).",
                                    en: "Contingency period #\(id) already ended on \(ended.iso).")
            }
            let from: Day = try row.decode(forColumn: "from_date")
            guard day >= from else {
                throw RegistryError("end_before_start_period", vi: "Ngày kết thúc \(day.vietnamese) trước ngày bắt đầu \(from.vietnamese).",
                                    en: "The end \(day.iso) is before the start \(from.iso).")
            }
            try db.execute(sql: "UPDATE contingency SET to_date = ? WHERE id = ?", arguments: [day.iso, id])
            try audit(db, "contingency.end", entity: "contingency", id: id, ["on": day.iso])
            try releasePostponed(db, contingency: id, endedOn: day)
        }
    }

    /// Postponed entitlements of a period that ended, year by year as the scheduler says: due the next day, or
    /// cancelled when that day is in a later year.
    func releasePostponed(_ db: Database, contingency id: Int64, endedOn day: Day) throws {
        let postponed = "contingency_id = ? AND postponed = 1 AND status IN ('planned', 'approved')"
        let years = try Int.fetchAll(db, sql: "SELECT DISTINCT year FROM entitlement WHERE \(postponed) ORDER BY year", arguments: [id])
        var released = 0
        var cancelled = 0
        for year in years {
            switch ContingencyOutcome.release(period: id, endedOn: day, year: year) {
            case let .due(next):
                try db.execute(sql: "UPDATE entitlement SET due_date = ?, postponed = 0 WHERE \(postponed) AND year = ?",
                               arguments: [next.iso, id, year])
                released += db.changesCount
            case let .cancelled(reason):
                try db.execute(sql: """
                    UPDATE entitlement SET status = 'cancelled', postponed = 0, cancel_reason = ? WHERE \(postponed) AND year = ?
                    """, arguments: [reason, id, year])
                cancelled += db.changesCount
            }
        }
        if released + cancelled > 0 {
            try audit(db, "entitlement.release", entity: "contingency", id: id,
                      ["due": day.adding(days: 1).iso, "released": String(released), "cancelled": String(cancelled)])
        }
    }

    /// A `contingency` row, with its area's code and name where the query joins them.
    struct ContingencyRow: FetchableRecord {
        let period: ContingencyPeriod

        init(row: Row) throws {
            period = ContingencyPeriod(id: try row.decode(forColumn: "id"), from: try row.decode(forColumn: "from_date"),
                                       to: try row.decode(forColumn: "to_date"), areaCode: try row.decode(forColumn: "area_code"),
                                       area: try row.decode(forColumn: "area_name"), reason: try row.decode(forColumn: "reason"),
                                       decision: try row.decode(forColumn: "decision"))
        }

        /// The period as the scheduler reads it.
        var contingency: Contingency {
            Contingency(id: period.id, from: period.from, to: period.to, reason: period.reason)
        }
    }

    /// Every contingency period, as the scheduler reads them.
    static func contingencies(_ db: Database) throws -> [Contingency] {
        try ContingencyRow.fetchAll(db.cachedStatement(sql: "SELECT * FROM contingency ORDER BY id")).map(\.contingency)
    }

    public func contingencies() throws -> [ContingencyPeriod] {
        try read { db in
            try ContingencyRow.fetchAll(db, sql: """
                SELECT c.*, a.code AS area_code, a.name AS area_name FROM contingency c LEFT JOIN area a ON a.id = c.area_id
                ORDER BY c.from_date, c.id
                """).map(\.period)
        }
    }
}
