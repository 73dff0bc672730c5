import Demo
import Foundation
import GRDB
import Registry
import Scheduler
@testable import Storage
import Testing
import VietnameseCalendar

/// A small province for scheduler tests: one commune, villages of quota 1, persons recognised by a 2019 decision.
struct SchedulerFixture {
    let database: UytinDatabase
    var villages: [Int64] = []
    var persons: [Int64] = []

    init(persons count: Int = 4, ethnic: [String] = [], recognizedOn: String = "2019-02-19") throws {
        database = try UytinDatabase.inMemory(actor: "clerk")
        try database.initialize(provinceCode: "26", term: 2019...2023)
        try database.addArea(Area(code: "24801", level: .commune, name: "Xã Đạo Trù", parentCode: "248"))
        try database.addArea(Area(code: "24901", level: .commune, name: "Xã Trung Mỹ", parentCode: "249"))
        var proposals: [Int64] = []
        for index in 0..<count {
            let commune = index % 2 == 0 ? "24801" : "24901"
            let village = try database.addVillage(communeCode: commune, name: "Thôn Số \(index + 1)", quota: 1)
            villages.append(village)
            let code = index < ethnic.count ? ethnic[index] : "18"
            let person = try database.addPerson(NewPerson(name: "Người Thứ \(index + 1)", gender: .nam, birthYear: 1950 + index,
                                                          birthDate: nil, ethnicCode: code, villageId: village, idNumber: nil,
                                                          roles: [.clanHead], phone: nil)).id
            persons.append(person)
            proposals.append(try database.propose(.recognize(person: person, village: nil), note: nil))
        }
        let day = Day(parsing: recognizedOn)!
        _ = try database.recordDecision(DecisionInput(number: "1/QĐ-UBND", issuer: "UBND tỉnh", decidedOn: day, effectiveOn: day,
                                                      approve: proposals, reject: [], listYear: day.year, file: nil))
    }

    /// Every entitlement as comparable text, without ids, runs and timestamps.
    func entitlementRows() throws -> [String] {
        try database.read { db in
            try String.fetchAll(db, sql: """
                SELECT person_id || '|' || kind || '|' || period || '|' || year || '|' || occasion_date || '|' || due_date || '|' ||
                       amount || '|' || coalesce(level, '') || '|' || method || '|' || coalesce(contingency_id, '') || '|' ||
                       postponed || '|' || status || '|' || coalesce(cancel_reason, '')
                FROM entitlement ORDER BY person_id, kind, period
                """)
        }
    }

    func entitlements(_ kind: BenefitKind? = nil, year: Int? = nil) throws -> [UytinDatabase.Entitlement] {
        try database.entitlements(.init(year: year, kind: kind))
    }

    static func day(_ text: String) -> Day { Day(parsing: text)! }
}
