import Foundation
import GRDB
import Registry

/// The console's scope in storage: a commune officer's handle sees and writes only the persons and villages of their
/// commune. Whatever lies outside is "not found" (404 in the console), never "forbidden": the page does not even
/// confirm that it exists. The command line's handle has the province's scope, so none of this changes it.
extension UytinDatabase {
    /// Refuses, as not found, a person outside the handle's commune (their home village's commune).
    func refuseOutOfScope(_ db: Database, personId: Int64) throws {
        guard let communeId = scope.communeAreaId else { return }
        let inside = try Bool.fetchOne(db.cachedStatement(sql: """
            SELECT 1 FROM person p JOIN village v ON v.id = p.village_id WHERE p.id = ? AND v.commune_id = ?
            """), arguments: [personId, communeId]) ?? false
        if !inside { throw RegistryError.personNotFound(personId) }
    }

    /// Refuses, as not found, a village outside the handle's commune.
    func refuseOutOfScope(_ db: Database, villageId: Int64) throws {
        guard let communeId = scope.communeAreaId else { return }
        let inside = try Bool.fetchOne(db.cachedStatement(sql: "SELECT 1 FROM village WHERE id = ? AND commune_id = ?"),
                                       arguments: [villageId, communeId]) ?? false
        if !inside { throw RegistryError.villageNotFound(villageId) }
    }

    /// Refuses, as not found, a proposal naming a person, replacement or village outside the handle's commune: checked
    /// before any rule, so a refusal never tells a commune officer anything about another commune's person.
    func refuseOutOfScope(_ db: Database, _ draft: ProposalDraft) throws {
        guard scope.communeAreaId != nil else { return }
        switch draft {
        case let .recognize(person, village):
            try refuseOutOfScope(db, personId: person)
            if let village { try refuseOutOfScope(db, villageId: village) }
        case let .remove(person, _, _):
            try refuseOutOfScope(db, personId: person)
        case let .replace(person, successor, _):
            try refuseOutOfScope(db, personId: person)
            try refuseOutOfScope(db, personId: successor)
        case let .rebind(person, village):
            try refuseOutOfScope(db, personId: person)
            try refuseOutOfScope(db, villageId: village)
        }
    }

    /// The person as the handle's scope sees them (not found outside it, or when there is no such person), with
    /// not-found errors of the kind a page answers 404 to.
    static func requirePersonInScope(_ db: Database, _ id: Int64, scope: Scope) throws -> PersonEntry {
        if let communeId = scope.communeAreaId {
            let inside = try Bool.fetchOne(db.cachedStatement(sql: """
                SELECT 1 FROM person p JOIN village v ON v.id = p.village_id WHERE p.id = ? AND v.commune_id = ?
                """), arguments: [id, communeId]) ?? false
            if !inside { throw RegistryError.personNotFound(id) }
        }
        do {
            return try requirePerson(db, id)
        } catch let error as RegistryError where error.code == "unknown_person" {
            throw RegistryError.personNotFound(id)
        }
    }

    /// The person of this id within the handle's scope; `RegistryError.personNotFound` (kind `.notFound`) otherwise.
    public func personInScope(_ id: Int64) throws -> PersonEntry {
        try read { db in try Self.requirePersonInScope(db, id, scope: scope) }
    }

    /// The SQL condition keeping persons `p` within the scope (`true` for the province); its one argument, if any.
    func personScopeCondition(_ alias: String = "p") -> (sql: String, arguments: StatementArguments) {
        guard let communeId = scope.communeAreaId else { return ("1", []) }
        return ("\(alias).village_id IN (SELECT id FROM village WHERE commune_id = ?)", [communeId])
    }
}

extension RegistryError {
    /// No such person, or one outside the account's commune: the console answers 404 and says no more.
    public static func personNotFound(_ id: Int64) -> RegistryError {
        .init("unknown_person", .notFound, vi: "Không tìm thấy người #\(id).", en: "No person #\(id) found.")
    }

    /// No such village, or one outside the account's commune.
    public static func villageNotFound(_ id: Int64) -> RegistryError {
        .init("unknown_village", .notFound, vi: "Không tìm thấy thôn #\(id).", en: "No village #\(id) found.")
    }
}
