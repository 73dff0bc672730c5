import Foundation
import GRDB
import Registry
import VietnameseCalendar

/// Reorganisations of the map (`reorg apply`): load the map in force the day before, plan in pure Swift
/// (`ReorgPlanner`), write in one transaction.
extension UytinDatabase {
    /// What a reorganisation does (or, dry, would do), in names a clerk reads.
    public struct ReorgReport: Sendable, Codable, Equatable {
        public struct UnitChange: Sendable, Codable, Equatable {
            public var level: AreaLevel
            public var code: String
            public var name: String
            /// For an opened unit: the units it takes over ("Huyện Tam Đảo (248)").
            public var from: [String]
            public var parent: String?
        }
        public struct VillageChange: Sendable, Codable, Equatable {
            public var villageId: Int64
            public var village: String
            public var commune: String
            public var toVillageId: Int64?
            public var toVillage: String
            public var toCommune: String
        }
        public struct PersonChange: Sendable, Codable, Equatable {
            public var personId: Int64
            public var name: String
            public var fromVillage: String
            public var toVillage: String
            /// On the list (a stay re-bound), not only living there.
            public var listed: Bool
        }
        public var reorgId: Int64?
        public var effectiveOn: Day
        public var basis: String
        public var dryRun: Bool
        public var closed: [UnitChange]
        public var opened: [UnitChange]
        public var villages: [VillageChange]
        public var persons: [PersonChange]
        public var notes: [Message]
    }

    /// Applies an official old→new table on `effectiveOn`: closes the old units, opens the new ones, moves the
    /// villages, and re-binds every person on the list by law (a history entry with the basis, not a proposal).
    public func reorganize(_ lines: [ReorgPlanner.Line], effectiveOn: Day, basis: String, fileName: String?, fileSha256: String?,
                           dryRun: Bool) throws -> ReorgReport {
        let basis = try Inputs.name(basis, field: Message(vi: "Căn cứ", en: "Basis"), maxLength: 300)
        return try write(commit: !dryRun) { db in
            let setting = try Self.requireSetting(db)
            let latest = [try String.fetchOne(db, sql: "SELECT max(from_date) FROM membership"),
                          try String.fetchOne(db, sql: "SELECT max(valid_from) FROM area"),
                          try String.fetchOne(db, sql: "SELECT max(effective_on) FROM reorganization")].compactMap { $0 }.max()
            if let latest, effectiveOn.iso <= latest { throw RegistryError.reorgBeforeLastDecision }
            let dayBefore = effectiveOn.adding(days: -1)

            let units = try Row.fetchAll(db, sql: """
                SELECT id, code, level, name, parent_id FROM area a WHERE \(Self.inForce("a")) ORDER BY id
                """, arguments: ["day": dayBefore.iso]).map {
                ReorgPlanner.Unit(id: $0[0], code: $0[1], level: try $0.decode(atIndex: 2), name: $0[3], parentId: $0[4])
            }
            let unitIds = Set(units.map(\.id))
            let villages = try Row.fetchAll(db, sql: "SELECT id, commune_id, name, quota FROM village WHERE merged_on IS NULL ORDER BY id")
                .map { ReorgPlanner.VillageState(id: $0[0], communeId: $0[1], name: $0[2], quota: $0[3]) }
                .filter { unitIds.contains($0.communeId) }
            // The stays on the list on that day: open, and of that day's term (a stay of a term that ended, whose next
            // term is not added yet, ends with its term and is not carried into the new map).
            let termStart = (setting.terms.term(of: effectiveOn)?.firstDay ?? effectiveOn.adding(days: 1)).iso
            var residents: [ReorgPlanner.Resident] = []
            for row in try Row.fetchAll(db, sql: """
                SELECT m.person_id, p.full_name, m.village_id, m.id, p.village_id = m.village_id
                FROM membership m JOIN person p ON p.id = m.person_id WHERE m.to_date IS NULL AND m.from_date >= :start
                UNION ALL
                SELECT p.id, p.full_name, p.village_id, NULL, 1 FROM person p
                WHERE NOT EXISTS (SELECT 1 FROM membership m WHERE m.person_id = p.id AND m.to_date IS NULL
                                  AND m.from_date >= :start AND m.village_id = p.village_id)
                """, arguments: ["start": termStart]) {
                residents.append(.init(personId: row[0], name: row[1], villageId: row[2], membershipId: row[3], livesHere: row[4]))
            }
            let plan: ReorgPlanner.Plan
            switch ReorgPlanner.plan(lines, units: units, villages: villages, residents: residents) {
            case .success(let planned): plan = planned
            case .failure(let errors): throw errors
            }

            let unitById = Dictionary(units.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
            let villageById = Dictionary(villages.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
            func unitLabel(_ id: Int64) -> String { unitById[id].map { "\($0.name) (\($0.code))" } ?? "#\(id)" }
            func refName(_ ref: ReorgPlanner.UnitRef?) -> String? {
                switch ref {
                case .existing(let id): unitById[id]?.name
                case .opened(let index): plan.openedUnits[index].name
                case nil: nil
                }
            }
            let personsRebound = plan.rebindings.filter { $0.membershipId != nil }.count
            try db.execute(sql: """
                INSERT INTO reorganization (effective_on, basis, file_name, file_sha256, units_closed, units_opened, villages_moved,
                                            persons_rebound, recorded_by, recorded_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [effectiveOn.iso, basis, fileName, fileSha256, plan.closedUnits.count, plan.openedUnits.count,
                                 plan.movedVillages.count, personsRebound, actor, Self.timestamp()])
            let reorgId = db.lastInsertedRowID
            try audit(db, "reorg.apply", entity: "reorganization", id: reorgId,
                      ["effective": effectiveOn.iso, "basis": basis, "file": fileName ?? "", "fileSha256": fileSha256 ?? "",
                       "unitsClosed": String(plan.closedUnits.count), "unitsOpened": String(plan.openedUnits.count),
                       "villagesMoved": String(plan.movedVillages.count), "personsRebound": String(personsRebound)])

            // Old units close first, so that a new unit may take an old code the same day.
            for id in plan.closedUnits {
                try db.execute(sql: "UPDATE area SET valid_to = ?, closed_by = ? WHERE id = ?", arguments: [effectiveOn.iso, reorgId, id])
            }
            var openedUnitIds: [Int64] = []
            func unitId(_ ref: ReorgPlanner.UnitRef?) -> Int64? {
                switch ref {
                case .existing(let id): id
                case .opened(let index): openedUnitIds[index]
                case nil: nil
                }
            }
            for unit in plan.openedUnits {
                try db.execute(sql: """
                    INSERT INTO area (code, level, name, name_key, parent_id, valid_from, opened_by) VALUES (?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [unit.code, unit.level.rawValue, unit.name, VietnameseText.searchKey(unit.name), unitId(unit.parent),
                                     effectiveOn.iso, reorgId])
                openedUnitIds.append(db.lastInsertedRowID)
            }
            var openedVillageIds: [Int64] = []
            for village in plan.openedVillages {
                try db.execute(sql: """
                    INSERT INTO village (commune_id, name, name_key, quota, valid_from, opened_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [unitId(village.commune), village.name, VietnameseText.searchKey(village.name), village.quota,
                                     effectiveOn.iso, reorgId, Self.timestamp()])
                openedVillageIds.append(db.lastInsertedRowID)
            }
            func villageId(_ ref: ReorgPlanner.VillageRef) -> Int64 {
                switch ref {
                case .existing(let id): id
                case .opened(let index): openedVillageIds[index]
                }
            }
            func villageName(_ ref: ReorgPlanner.VillageRef) -> (village: String, commune: String) {
                switch ref {
                case .existing(let id):
                    let village = villageById[id]
                    return (village?.name ?? "#\(id)", village.flatMap { unitById[$0.communeId]?.name } ?? "")
                case .opened(let index):
                    return (plan.openedVillages[index].name, refName(plan.openedVillages[index].commune) ?? "")
                }
            }
            var villageChanges: [ReorgReport.VillageChange] = []
            for move in plan.movedVillages {
                let target = villageId(move.to)
                try db.execute(sql: """
                    UPDATE village SET merged_on = ?, merge_decision = ?, merged_into = ?, ended_by = ? WHERE id = ?
                    """, arguments: [effectiveOn.iso, String(basis.prefix(200)), target, reorgId, move.villageId])
                let old = villageById[move.villageId]!
                let new = villageName(move.to)
                villageChanges.append(.init(villageId: old.id, village: old.name, commune: unitById[old.communeId]?.name ?? "",
                                            toVillageId: dryRun ? nil : target, toVillage: new.village, toCommune: new.commune))
            }
            let closeStay = try db.cachedStatement(sql: """
                UPDATE membership SET to_date = ?, end_reason = 'reorganized', end_reorg_id = ? WHERE id = ?
                """)
            let openStay = try db.cachedStatement(sql: """
                INSERT INTO membership (person_id, village_id, from_date, start_reorg_id) VALUES (?, ?, ?, ?)
                """)
            var personChanges: [ReorgReport.PersonChange] = []
            for rebinding in plan.rebindings {
                let target = villageId(rebinding.to)
                if let membershipId = rebinding.membershipId {
                    try closeStay.execute(arguments: [effectiveOn.iso, reorgId, membershipId])
                    try openStay.execute(arguments: [rebinding.personId, target, effectiveOn.iso, reorgId])
                    try audit(db, "list.rebind", entity: "person", id: rebinding.personId,
                              ["membership": String(membershipId), "from": String(rebinding.fromVillage), "village": String(target),
                               "date": effectiveOn.iso, "reorganization": String(reorgId), "basis": basis])
                }
                try db.execute(sql: "UPDATE person SET village_id = ? WHERE id = ? AND village_id = ?",
                               arguments: [target, rebinding.personId, rebinding.fromVillage])
                let to = villageName(rebinding.to)
                personChanges.append(.init(personId: rebinding.personId, name: rebinding.name,
                                           fromVillage: "\(villageById[rebinding.fromVillage]?.name ?? "#\(rebinding.fromVillage)")",
                                           toVillage: "\(to.village), \(to.commune)", listed: rebinding.membershipId != nil))
            }
            let closed = plan.closedUnits.compactMap { unitById[$0] }.map {
                ReorgReport.UnitChange(level: $0.level, code: $0.code, name: $0.name, from: [], parent: $0.parentId.map(unitLabel))
            }
            let opened = plan.openedUnits.map {
                ReorgReport.UnitChange(level: $0.level, code: $0.code, name: $0.name, from: $0.from.map(unitLabel), parent: refName($0.parent))
            }
            return ReorgReport(reorgId: dryRun ? nil : reorgId, effectiveOn: effectiveOn, basis: basis, dryRun: dryRun,
                               closed: closed, opened: opened, villages: villageChanges, persons: personChanges, notes: plan.notes)
        }
    }

    /// The reorganisations applied, oldest first.
    public func reorganizations() throws -> [Reorganization] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM reorganization ORDER BY effective_on, id").map {
                Reorganization(id: $0["id"], effectiveOn: try $0.decode(forColumn: "effective_on"), basis: $0["basis"],
                               fileName: $0["file_name"], unitsClosed: $0["units_closed"], unitsOpened: $0["units_opened"],
                               villagesMoved: $0["villages_moved"], personsRebound: $0["persons_rebound"],
                               recordedBy: $0["recorded_by"], recordedAt: $0["recorded_at"])
            }
        }
    }
}
