import Foundation
import GRDB
import Registry
import Scheduler
import VietnameseCalendar

/// What the scheduler plans from: festivals, gatherings, life events and contingency periods.
extension UytinDatabase {
    // MARK: festivals

    /// Sets a festival's rule (or, for a dated festival, its date in one year); setting it again replaces the rule.
    /// It gives gifts for its days from `from` on; without it, a festival set again keeps its day, and a new one takes
    /// `fromDefault` (the command line's today; nil, the whole term). Returns the festival's id.
    public func setFestival(name: String, ethnicCodes: [String], rule: Festival.Rule, from: Day? = nil,
                            fromDefault: Day? = nil) throws -> Int64 {
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
            let since: Day? = try from ?? (existing == nil ? fromDefault
                : try Day.fetchOne(db, sql: "SELECT from_date FROM festival WHERE id = ?", arguments: [existing]))
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
                try db.execute(sql: """
                    UPDATE festival SET name = ?, calendar = ?, month = ?, day = ?, year = ?, date = ?, from_date = ? WHERE id = ?
                    """, arguments: [name, columns.calendar, columns.month, columns.day, year, columns.date, since?.iso, existing])
                id = existing
            } else {
                try db.execute(sql: """
                    INSERT INTO festival (name, name_key, calendar, month, day, year, date, from_date, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [name, key, columns.calendar, columns.month, columns.day, year, columns.date, since?.iso,
                                     Self.timestamp()])
                id = db.lastInsertedRowID
            }
            for code in Set(codes) {
                try db.execute(sql: "INSERT INTO festival_group (festival_id, ethnic_code) VALUES (?, ?)", arguments: [id, code])
            }
            try audit(db, existing == nil ? "festival.add" : "festival.change", entity: "festival", id: id,
                      ["name": name, "calendar": columns.calendar, "month": columns.month.map(String.init) ?? "",
                       "day": columns.day.map(String.init) ?? "", "date": columns.date ?? "",
                       "ethnic": codes.joined(separator: ","), "from": since?.iso ?? ""])
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
                                ethnicCodes: (codes ?? "").split(separator: ",").map(String.init).sorted(), rule: rule,
                                since: try row.decode(forColumn: "from_date"))
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
    /// their undelivered entitlements from the day on are cancelled now. Returns the event's id.
    public func recordEvent(person personId: Int64, kind: EventKind, date: Day, level: Level?, note: String?) throws -> Int64 {
        try recordEventReporting(person: personId, kind: kind, date: date, level: level, note: note).id
    }

    /// A recorded event, and for a death the undelivered entitlements it cancelled.
    public struct EventResult: Sendable, Codable, Equatable {
        public var id: Int64
        public var cancelled: [CancelledEntitlement]
    }

    /// An entitlement cancelled because its person died or left the list.
    public struct CancelledEntitlement: Sendable, Codable, Equatable {
        public var id: Int64
        public var kind: BenefitKind
        public var period: String
        public var occasionDate: Day
        public var amount: Int
    }

    /// Records a life event as `recordEvent` does, and says what a death cancelled.
    public func recordEventReporting(person personId: Int64, kind: EventKind, date: Day, level: Level?, note: String?) throws -> EventResult {
        let note = try Inputs.note(note)
        return try write { db in
            try insertEvent(db, person: try Self.requirePerson(db, personId), kind: kind, date: date, level: level, note: note)
        }
    }

    /// Checks and writes a life event (a death also on the person, cancelling what is owed from that day on).
    func insertEvent(_ db: Database, person: PersonEntry, kind: EventKind, date: Day, level: Level?, note: String?) throws -> EventResult {
        let personId = person.id
        let setting = try Self.requireSetting(db)
        _ = try setting.term(of: date)
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
        if kind == .death, let died = person.deathDate, died != date {
            throw RegistryError("death_date_differs",
                                vi: "Đã ghi nhận \(Self.label(person)) mất ngày \(died.vietnamese), khác ngày \(date.vietnamese); ngày mất đã ghi không sửa được.",
                                en: "\(Self.label(person)) is recorded as having died on \(died.iso), not \(date.iso); a recorded death is not changed.")
        }
        if let died = person.deathDate, kind != .death, died < date {
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
        var cancelled: [CancelledEntitlement] = []
        if kind == .death {
            if person.deathDate == nil {
                try db.execute(sql: "UPDATE person SET death_date = ? WHERE id = ?", arguments: [date.iso, personId])
                try audit(db, "person.death", entity: "person", id: personId, ["date": date.iso, "event": String(id)])
            }
            // Benefits stop from the day of death: the scheduler gives nothing for an occasion on or after it.
            cancelled = try cancelUndelivered(db, person: personId, after: date, inclusive: true,
                                              reason: "Người có uy tín qua đời ngày \(date.vietnamese)")
        }
        return EventResult(id: id, cancelled: cancelled)
    }

    /// Cancels a person's undelivered entitlements whose date is after `day` (or on it, when `inclusive`); returns them.
    @discardableResult
    func cancelUndelivered(_ db: Database, person: Int64, after day: Day, inclusive: Bool, reason: String) throws -> [CancelledEntitlement] {
        // An entitlement's year is its occasion's year, so only the years from the day's on can hold one; naming them
        // lets SQLite seek the (year, person_id) index instead of reading the whole table.
        guard let lastYear = try Int.fetchOne(db.cachedStatement(sql: "SELECT max(year) FROM entitlement")),
              lastYear >= day.year else { return [] }
        let years = (day.year...lastYear).map(String.init).joined(separator: ",")
        let rows = try Row.fetchAll(db, sql: """
            SELECT id, kind, period, occasion_date, amount FROM entitlement
            WHERE year IN (\(years)) AND person_id = ? AND status IN ('planned', 'approved')
              AND occasion_date \(inclusive ? ">=" : ">") ? AND kind NOT IN ('condolence')
            ORDER BY year, id
            """, arguments: [person, day.iso])
        let cancelled = try rows.map {
            CancelledEntitlement(id: $0["id"], kind: try $0.decode(forColumn: "kind"), period: $0["period"],
                                 occasionDate: try $0.decode(forColumn: "occasion_date"), amount: $0["amount"])
        }
        guard !cancelled.isEmpty else { return [] }
        let ids = cancelled.map { String($0.id) }.joined(separator: ",")
        try db.execute(sql: "UPDATE entitlement SET status = 'cancelled', cancel_reason = ? WHERE id IN (\(ids))", arguments: [reason])
        try audit(db, "entitlement.cancel", entity: "person", id: person, ["ids": ids, "reason": reason])
        return cancelled
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
        try declareContingencyReporting(from: from, to: to, areaCode: areaCode, reason: reason, decision: decision).id
    }

    /// What declaring or extending a period did: the period, and each planned (not delivered) entitlement it changed.
    public struct ContingencyResult: Sendable, Codable, Equatable {
        public var id: Int64
        public var from: Day
        public var to: Day?
        public var changed: [ContingencyChange]
    }

    /// One entitlement a period re-evaluated: how it was to be delivered, and how it now is.
    public struct ContingencyChange: Sendable, Codable, Equatable {
        public var entitlementId: Int64
        public var personId: Int64
        public var person: String
        public var kind: BenefitKind
        public var period: String
        public var occasionDate: Day
        public var oldMethod: DeliveryMethod
        public var oldDueDate: Day
        public var method: DeliveryMethod
        public var dueDate: Day
        public var postponed: Bool
        public var status: EntitlementStatus
        public var cancelReason: String?
    }

    /// Declares a period, refusing one whose dates and area overlap another's, and re-evaluates the planned and approved
    /// entitlements already due in it, as the scheduler would have made them under it.
    public func declareContingencyReporting(from: Day, to: Day?, areaCode: String?, reason: String,
                                            decision: String?) throws -> ContingencyResult {
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
            try Self.refuseOverlap(db, from: from, to: to, areaId: areaId, except: nil)
            try db.execute(sql: """
                INSERT INTO contingency (from_date, to_date, area_id, reason, decision, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)
                """, arguments: [from.iso, to?.iso, areaId, reason, decision, actor, Self.timestamp()])
            let id = db.lastInsertedRowID
            try audit(db, "contingency.declare", entity: "contingency", id: id,
                      ["from": from.iso, "to": to?.iso ?? "", "area": areaCode ?? "", "reason": reason, "decision": decision ?? ""])
            let period = Contingency(id: id, from: from, to: to, reason: reason)
            let changed = try reevaluate(db, under: period, areaId: areaId, dueFrom: from)
            if let to { try releasePostponed(db, contingency: id, endedOn: to) }
            return ContingencyResult(id: id, from: from, to: to, changed: changed)
        }
    }

    /// Moves the end of a period that has one to a later day. The entitlements due in the days added are re-evaluated
    /// as the scheduler would make them under the period (what it postponed to the old end's next day waits again);
    /// delivered ones never change.
    public func extendContingency(_ id: Int64, to day: Day) throws -> ContingencyResult {
        try write { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM contingency WHERE id = ?", arguments: [id]) else {
                throw RegistryError("unknown_contingency", vi: "Không có giai đoạn ứng phó #\(id). Xem bằng `uytin contingency list`.",
                                    en: "No contingency period #\(id). See `uytin contingency list`.")
            }
            let from: Day = try row.decode(forColumn: "from_date")
            let reason: String = try row.decode(forColumn: "reason")
            let areaId: Int64? = try row.decode(forColumn: "area_id")
            guard let end: Day = try row.decode(forColumn: "to_date") else {
                throw RegistryError("contingency_open",
                                    vi: "Giai đoạn ứng phó #\(id) chưa có ngày kết thúc nên không cần gia hạn; khi hết dịch, kết thúc bằng `uytin contingency end \(id) --on NGÀY`.",
                                    en: "Contingency period #\(id) has no end yet, so there is nothing to extend; end it with `uytin contingency end \(id) --on DATE`.")
            }
            guard day > end else {
                throw RegistryError("extend_not_later",
                                    vi: "Giai đoạn ứng phó #\(id) đã kéo dài đến \(end.vietnamese); ngày gia hạn \(day.vietnamese) phải sau ngày đó (không rút ngắn được).",
                                    en: "Contingency period #\(id) already runs to \(end.iso); --to \(day.iso) must be later (a period is not shortened).")
            }
            _ = try Self.requireSetting(db).term(of: day)
            try Self.refuseOverlap(db, from: end.adding(days: 1), to: day, areaId: areaId, except: id)
            try db.execute(sql: "UPDATE contingency SET to_date = ? WHERE id = ?", arguments: [day.iso, id])
            try audit(db, "contingency.extend", entity: "contingency", id: id, ["from": end.iso, "to": day.iso])
            let period = Contingency(id: id, from: from, to: day, reason: reason)
            let changed = try reevaluate(db, under: period, areaId: areaId, dueFrom: end.adding(days: 1))
            return ContingencyResult(id: id, from: from, to: day, changed: changed)
        }
    }

    /// Refuses a period (or the days an extension adds) that overlaps another period in dates and area: the province's
    /// with any, a district's with itself and its communes, a commune's with itself and its district.
    static func refuseOverlap(_ db: Database, from: Day, to: Day?, areaId: Int64?, except: Int64?) throws {
        guard let row = try Row.fetchOne(db, sql: """
            SELECT c.id, c.from_date, c.to_date, a.name AS area_name FROM contingency c LEFT JOIN area a ON a.id = c.area_id
            WHERE c.id IS NOT :except AND c.from_date <= coalesce(:to, '9999-12-31') AND coalesce(c.to_date, '9999-12-31') >= :from
              AND (:area IS NULL OR c.area_id IS NULL OR c.area_id = :area
                   OR c.area_id = (SELECT parent_id FROM area WHERE id = :area) OR a.parent_id = :area)
            ORDER BY c.from_date, c.id LIMIT 1
            """, arguments: ["except": except, "from": from.iso, "to": to?.iso, "area": areaId]) else { return }
        let id: Int64 = row["id"]
        let start: Day = try row.decode(forColumn: "from_date")
        let end: Day? = try row.decode(forColumn: "to_date")
        let area: String? = row["area_name"]
        throw RegistryError("contingency_overlap",
                            vi: "Trùng với giai đoạn ứng phó #\(id) (\(area ?? "toàn tỉnh"), từ \(start.vietnamese) \(end.map { "đến \($0.vietnamese)" } ?? "chưa kết thúc")): hai giai đoạn không được chồng lên nhau về địa bàn và thời gian. Nếu dịch kéo dài, gia hạn giai đoạn đó (`uytin contingency extend \(id) --to NGÀY`).",
                            en: "Overlaps contingency period #\(id) (\(area ?? "whole province"), from \(start.iso) \(end.map { "to \($0.iso)" } ?? "open")): two periods may not overlap in area and dates. If the epidemic lasts, extend that one (`uytin contingency extend \(id) --to DATE`).")
    }

    /// The planned and approved entitlements due from `dueFrom` to the period's end, for persons in its area, that no other
    /// period changed: each takes what the scheduler would give it under the period (`ContingencyOutcome.during`). A
    /// kind whose policy leaves it unchanged keeps it. Returns each change.
    func reevaluate(_ db: Database, under period: Contingency, areaId: Int64?, dueFrom: Day) throws -> [ContingencyChange] {
        let rules = try Self.ruleBook(db).versions
        // Only the kinds a period can change (newspapers, whose policy leaves them be, are most of the rows).
        let kinds = Set(rules.filter { $0.contingencyPolicy != .unchanged }.map { "'\($0.kind.rawValue)'" }).sorted()
        // A benefit is due no later than its occasion, so the occasions' years start with the first due date's.
        let lastYear = try Int.fetchOne(db, sql: "SELECT max(year) FROM entitlement") ?? dueFrom.year
        guard lastYear >= dueFrom.year, !kinds.isEmpty else { return [] }
        let rows = try Row.fetchAll(db, sql: """
            SELECT e.id, e.person_id, p.full_name, e.kind, e.period, e.year, e.occasion_date, e.due_date, e.method, e.status,
                   e.postponed, e.contingency_id, e.rule_id
            FROM entitlement e
            JOIN person p ON p.id = e.person_id
            JOIN village v ON v.id = coalesce((SELECT m.village_id FROM membership m WHERE m.person_id = e.person_id
                                                 AND m.from_date <= e.occasion_date ORDER BY m.from_date DESC LIMIT 1), p.village_id)
            JOIN area cm ON cm.id = v.commune_id
            WHERE e.year BETWEEN :firstYear AND :lastYear AND e.kind IN (\(kinds.joined(separator: ", ")))
              AND e.status IN ('planned', 'approved')
              AND e.due_date >= :from AND (:to IS NULL OR e.due_date <= :to)
              AND (e.contingency_id IS NULL OR e.contingency_id = :id)
              AND (:area IS NULL OR :area = v.commune_id OR :area = cm.parent_id)
            ORDER BY e.due_date, e.id
            """, arguments: ["firstYear": dueFrom.year, "lastYear": lastYear, "from": dueFrom.iso, "to": period.to?.iso,
                             "id": period.id, "area": areaId])
        var changes: [ContingencyChange] = []
        let update = try db.cachedStatement(sql: """
            UPDATE entitlement SET method = ?, due_date = ?, postponed = ?, status = ?, cancel_reason = ?, contingency_id = ? WHERE id = ?
            """)
        for row in rows {
            let ruleId: Int64 = row["rule_id"]
            guard let rule = rules.first(where: { $0.id == ruleId }) else { continue }
            let due: Day = try row.decode(forColumn: "due_date")
            let year: Int = row["year"]
            guard let outcome = ContingencyOutcome.during(period, policy: rule.contingencyPolicy, normal: rule.normalMethod,
                                                          due: due, year: year) else { continue }
            let method: DeliveryMethod = try row.decode(forColumn: "method")
            let status: EntitlementStatus = try row.decode(forColumn: "status")
            let postponed: Bool = row["postponed"]
            let contingency: Int64? = row["contingency_id"]
            // An approved entitlement stays approved unless the period cancels it.
            let newStatus: EntitlementStatus = outcome.status == .cancelled ? .cancelled : status
            guard outcome.method != method || outcome.due != due || outcome.postponed != postponed || newStatus != status
                    || contingency != period.id else { continue }
            let id: Int64 = row["id"]
            try update.execute(arguments: [outcome.method, outcome.due, outcome.postponed, newStatus, outcome.cancelReason, period.id, id])
            changes.append(ContingencyChange(entitlementId: id, personId: row["person_id"], person: row["full_name"],
                                             kind: try row.decode(forColumn: "kind"), period: row["period"],
                                             occasionDate: try row.decode(forColumn: "occasion_date"), oldMethod: method,
                                             oldDueDate: due, method: outcome.method, dueDate: outcome.due,
                                             postponed: outcome.postponed, status: newStatus, cancelReason: outcome.cancelReason))
        }
        if !changes.isEmpty {
            try audit(db, "entitlement.reevaluate", entity: "contingency", id: period.id,
                      ["ids": changes.map { String($0.entitlementId) }.joined(separator: ","), "from": dueFrom.iso,
                       "to": period.to?.iso ?? ""])
        }
        return changes
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
