import VietnameseCalendar

/// Turns an official old→new table (`reorg apply FILE`) into the changes of the map and of the list, checking every
/// line first (DOMAIN.md §10: a person on the list stays on it through a reorganisation, re-bound by law).
///
/// Pure: the storage layer loads the units in force the day before the reorganisation, their active villages and
/// the persons bound to them, asks for a plan, and writes it in one transaction. Every problem is reported at once,
/// each with its line.
public enum ReorgPlanner {
    /// The level a line of the table speaks of.
    public enum LineLevel: String, Sendable, Equatable {
        case province, district, commune, village
    }

    /// One line of the table: `level,old_code,old_name,new_code,new_name` (a village's old code is its id).
    public struct Line: Sendable, Equatable {
        public var row: Int
        public var level: LineLevel
        public var oldCode: String
        public var oldName: String
        public var newCode: String
        public var newName: String
        public init(row: Int, level: LineLevel, oldCode: String, oldName: String, newCode: String, newName: String) {
            self.row = row
            self.level = level
            self.oldCode = oldCode
            self.oldName = oldName
            self.newCode = newCode
            self.newName = newName
        }
    }

    /// Reads the table's rows (the header first), or every line that is not well formed.
    public static func lines(_ rows: [[String]]) -> Result<[Line], RegistryErrors> {
        var errors: [RegistryError] = []
        guard let header = rows.first?.map({ VietnameseText.searchKey($0).replacingOccurrences(of: " ", with: "_") }),
              Array(header.prefix(5)) == ["level", "old_code", "old_name", "new_code", "new_name"] else {
            return .failure(RegistryErrors([.reorgHeader]))
        }
        var result: [Line] = []
        for (index, cells) in rows.enumerated().dropFirst() {
            let row = index + 1
            var cells = cells.map { VietnameseText.normalized($0) }
            if cells.allSatisfy(\.isEmpty) { continue }
            while cells.count < 5 { cells.append("") }
            guard let level = LineLevel(rawValue: VietnameseText.searchKey(cells[0])) else {
                errors.append(.reorgLine(row, Message(vi: "cấp \"\(Inputs.shown(cells[0]))\" không có (province, district, commune, village)",
                                                      en: "no level \"\(Inputs.shown(cells[0]))\" (province, district, commune, village)")))
                continue
            }
            let line = Line(row: row, level: level, oldCode: cells[1], oldName: cells[2], newCode: cells[3], newName: cells[4])
            let digits: Int = switch level {
            case .province: 2
            case .district: 3
            case .commune, .village: 5
            }
            func isCode(_ text: String, _ count: Int) -> Bool { text.count == count && text.allSatisfy { $0.isASCII && $0.isNumber } }
            if level == .village {
                if Int64(line.oldCode) == nil {
                    errors.append(.reorgLine(row, Message(vi: "số hiệu thôn \"\(Inputs.shown(line.oldCode))\" không phải là số",
                                                          en: "village id \"\(Inputs.shown(line.oldCode))\" is not a number")))
                }
            } else if !isCode(line.oldCode, digits) {
                errors.append(.reorgLine(row, Message(vi: "mã cũ \"\(Inputs.shown(line.oldCode))\" phải gồm \(digits) chữ số",
                                                      en: "the old code \"\(Inputs.shown(line.oldCode))\" has \(digits) digits")))
            }
            if line.newCode.isEmpty {
                if level != .district {
                    errors.append(.reorgLine(row, Message(vi: "thiếu mã mới (chỉ cấp huyện được để trống: cấp huyện kết thúc)",
                                                          en: "the new code is missing (only a district's may be empty: the level ends)")))
                }
            } else if !isCode(line.newCode, digits) {
                errors.append(.reorgLine(row, Message(vi: "mã mới \"\(Inputs.shown(line.newCode))\" phải gồm \(digits) chữ số",
                                                      en: "the new code \"\(Inputs.shown(line.newCode))\" has \(digits) digits")))
            } else if line.newName.count < 2, level != .village {
                errors.append(.reorgLine(row, Message(vi: "thiếu tên mới", en: "the new name is missing")))
            }
            result.append(line)
        }
        if result.isEmpty, errors.isEmpty { errors.append(.reorgEmpty) }
        return errors.isEmpty ? .success(result) : .failure(RegistryErrors(errors))
    }

    /// A unit in force the day before the reorganisation.
    public struct Unit: Sendable, Equatable {
        public var id: Int64
        public var code: String
        public var level: AreaLevel
        public var name: String
        public var parentId: Int64?
        public init(id: Int64, code: String, level: AreaLevel, name: String, parentId: Int64?) {
            self.id = id
            self.code = code
            self.level = level
            self.name = name
            self.parentId = parentId
        }
    }

    /// An active village of a unit in force.
    public struct VillageState: Sendable, Equatable {
        public var id: Int64
        public var communeId: Int64
        public var name: String
        public var quota: Int
        public init(id: Int64, communeId: Int64, name: String, quota: Int) {
            self.id = id
            self.communeId = communeId
            self.name = name
            self.quota = quota
        }
    }

    /// A person bound to a village: on the list there (`membershipId`), or living there, or both.
    public struct Resident: Sendable, Equatable {
        public var personId: Int64
        public var name: String
        public var villageId: Int64
        /// The open stay on the list in this village, if any.
        public var membershipId: Int64?
        /// True when the person's home village is this one.
        public var livesHere: Bool
        public init(personId: Int64, name: String, villageId: Int64, membershipId: Int64?, livesHere: Bool) {
            self.personId = personId
            self.name = name
            self.villageId = villageId
            self.membershipId = membershipId
            self.livesHere = livesHere
        }
    }

    /// A unit, existing or opened by the plan (by its index in `Plan.openedUnits`).
    public enum UnitRef: Sendable, Equatable, Hashable {
        case existing(Int64)
        case opened(Int)
    }

    /// A village, existing or opened by the plan (by its index in `Plan.openedVillages`).
    public enum VillageRef: Sendable, Equatable, Hashable {
        case existing(Int64)
        case opened(Int)
    }

    public struct OpenedUnit: Sendable, Equatable {
        public var code: String
        public var level: AreaLevel
        public var name: String
        public var parent: UnitRef?
        /// The units it takes over (for the dry run's report).
        public var from: [Int64]
    }

    public struct OpenedVillage: Sendable, Equatable {
        public var commune: UnitRef
        public var name: String
        public var quota: Int
        public var from: [Int64]
    }

    public struct VillageMove: Sendable, Equatable {
        public var villageId: Int64
        public var to: VillageRef
    }

    public struct Rebinding: Sendable, Equatable {
        public var personId: Int64
        public var name: String
        public var fromVillage: Int64
        public var to: VillageRef
        /// The stay to close and reopen in the new village; nil for a person who only lives there.
        public var membershipId: Int64?
    }

    /// What applying the table does, in the order it is written: open units (parents first), open villages, close
    /// villages into their successors, re-bind persons, close units.
    public struct Plan: Sendable, Equatable {
        public var openedUnits: [OpenedUnit] = []
        public var closedUnits: [Int64] = []
        public var openedVillages: [OpenedVillage] = []
        public var movedVillages: [VillageMove] = []
        public var rebindings: [Rebinding] = []
        /// Things the clerk should read (a merged village over its quota...).
        public var notes: [Message] = []
    }

    /// The plan, or every problem of the table against the map in force the day before.
    public static func plan(_ lines: [Line], units: [Unit], villages: [VillageState], residents: [Resident])
        -> Result<Plan, RegistryErrors> {
        var errors: [RegistryError] = []
        var plan = Plan()
        let unitById = Dictionary(units.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        func unit(_ level: AreaLevel, _ code: String) -> Unit? { units.first { $0.level == level && $0.code == code } }
        func sameName(_ a: String, _ b: String) -> Bool { a.isEmpty || VietnameseText.searchKey(a) == VietnameseText.searchKey(b) }
        func fail(_ line: Line, _ vi: String, _ en: String) { errors.append(.reorgLine(line.row, Message(vi: vi, en: en))) }

        // The old units the lines name, checked against the map.
        var lineUnits: [Int: Unit] = [:]
        for line in lines where line.level != .village {
            let level = AreaLevel(rawValue: line.level.rawValue)!
            guard let found = unit(level, line.oldCode) else {
                fail(line, "không có \(level.label.vi) mã \(line.oldCode) đang có hiệu lực", "no \(level.label.en) \(line.oldCode) is in force")
                continue
            }
            guard sameName(line.oldName, found.name) else {
                fail(line, "mã \(line.oldCode) là \"\(found.name)\", không phải \"\(Inputs.shown(line.oldName))\"",
                     "code \(line.oldCode) is \"\(found.name)\", not \"\(Inputs.shown(line.oldName))\"")
                continue
            }
            lineUnits[line.row] = found
        }
        for level in [LineLevel.province, .district] {
            var seen: [String: Int] = [:]
            for line in lines where line.level == level {
                if let first = seen[line.oldCode] {
                    fail(line, "mã \(line.oldCode) đã có ở dòng \(first)", "code \(line.oldCode) is already on line \(first)")
                }
                seen[line.oldCode] = line.row
            }
        }
        if lines.filter({ $0.level == .province }).count > 1 {
            errors.append(.reorgLine(lines.filter { $0.level == .province }[1].row,
                                     Message(vi: "chỉ một dòng cấp tỉnh", en: "only one province line")))
        }
        if !errors.isEmpty { return .failure(RegistryErrors(errors)) }

        // Opened units, one per new code of a level; several old units to one code merge.
        var openedIndex: [String: Int] = [:]   // "level|code" → index in plan.openedUnits
        func open(_ level: AreaLevel, _ code: String, _ name: String, parent: UnitRef?, from: Int64, line: Line?) -> UnitRef {
            let key = "\(level.rawValue)|\(code)"
            if let index = openedIndex[key] {
                if let line, !sameName(name, plan.openedUnits[index].name) {
                    fail(line, "mã mới \(code) đã mang tên \"\(plan.openedUnits[index].name)\"",
                         "the new code \(code) already has the name \"\(plan.openedUnits[index].name)\"")
                }
                if plan.openedUnits[index].parent != parent, let line {
                    fail(line, "các đơn vị gộp vào \(code) thuộc các đơn vị cấp trên khác nhau sau sắp xếp",
                         "the units merged into \(code) would hang from different parents")
                }
                if !plan.openedUnits[index].from.contains(from) { plan.openedUnits[index].from.append(from) }
                return .opened(index)
            }
            plan.openedUnits.append(OpenedUnit(code: code, level: level, name: name, parent: parent, from: [from]))
            openedIndex[key] = plan.openedUnits.count - 1
            return .opened(plan.openedUnits.count - 1)
        }
        var target: [Int64: UnitRef] = [:]        // old unit → the unit that takes it over (or itself)
        var closing: Set<Int64> = []

        // The province.
        let provinces = units.filter { $0.level == .province }
        for province in provinces {
            if let line = lines.first(where: { $0.level == .province && lineUnits[$0.row]?.id == province.id }) {
                target[province.id] = open(.province, line.newCode, line.newName, parent: nil, from: province.id, line: line)
                closing.insert(province.id)
            } else {
                target[province.id] = .existing(province.id)
            }
        }
        func parentTarget(_ id: Int64?) -> UnitRef? { id.flatMap { target[$0] } }

        // Districts: renamed/merged into a new code, ended (their communes hang from the province), or carried
        // under a new province.
        var ended: Set<Int64> = []
        for district in units.filter({ $0.level == .district }) {
            let parent = parentTarget(district.parentId)
            if let line = lines.first(where: { $0.level == .district && lineUnits[$0.row]?.id == district.id }) {
                closing.insert(district.id)
                if line.newCode.isEmpty {
                    ended.insert(district.id)
                } else {
                    target[district.id] = open(.district, line.newCode, line.newName, parent: parent, from: district.id, line: line)
                }
            } else if parent != .existing(district.parentId ?? -1) {
                closing.insert(district.id)
                target[district.id] = open(.district, district.code, district.name, parent: parent, from: district.id, line: nil)
            } else {
                target[district.id] = .existing(district.id)
            }
        }
        func communeParent(_ commune: Unit) -> UnitRef? {
            guard let parentId = commune.parentId, let parent = unitById[parentId] else { return nil }
            if ended.contains(parentId) { return parentTarget(parent.parentId) }
            return target[parentId]
        }

        // Communes: merged or renamed into a new code, split over several, or carried under a new parent.
        var communeTargets: [Int64: [UnitRef]] = [:]
        for commune in units.filter({ $0.level == .commune }) {
            let parent = communeParent(commune)
            let mine = lines.filter { $0.level == .commune && lineUnits[$0.row]?.id == commune.id }
            if !mine.isEmpty {
                closing.insert(commune.id)
                var seenCodes: Set<String> = []
                for line in mine {
                    if !seenCodes.insert(line.newCode).inserted {
                        fail(line, "xã \(commune.code) đã được chuyển vào mã \(line.newCode) ở dòng khác",
                             "commune \(commune.code) already goes to \(line.newCode) on another line")
                    }
                    communeTargets[commune.id, default: []].append(
                        open(.commune, line.newCode, line.newName, parent: parent, from: commune.id, line: line))
                }
            } else if parent != .existing(commune.parentId ?? -1) {
                closing.insert(commune.id)
                communeTargets[commune.id] = [open(.commune, commune.code, commune.name, parent: parent, from: commune.id, line: nil)]
            }
        }

        // A new code may reuse a code only when its unit closes now.
        for opened in plan.openedUnits {
            if let taken = unit(opened.level, opened.code), !closing.contains(taken.id) {
                errors.append(.reorgCodeTaken(opened.code, level: opened.level.label, name: taken.name))
            }
        }

        // Villages: each active village of a closing commune moves to the commune that takes it (a split commune's
        // villages each need their line); a village line may also move one village of an unchanged commune.
        var villageLines: [Int64: Line] = [:]
        for line in lines where line.level == .village {
            guard let id = Int64(line.oldCode), let village = villages.first(where: { $0.id == id }) else {
                fail(line, "không có thôn #\(line.oldCode) đang có hiệu lực", "no village #\(line.oldCode) is in force")
                continue
            }
            guard sameName(line.oldName, village.name) else {
                fail(line, "thôn #\(id) là \"\(village.name)\", không phải \"\(Inputs.shown(line.oldName))\"",
                     "village #\(id) is \"\(village.name)\", not \"\(Inputs.shown(line.oldName))\"")
                continue
            }
            if let first = villageLines[id] {
                fail(line, "thôn #\(id) đã có ở dòng \(first.row)", "village #\(id) is already on line \(first.row)")
            }
            villageLines[id] = line
        }
        func communeRef(code: String) -> UnitRef? {
            if let index = openedIndex["commune|\(code)"] { return .opened(index) }
            if let existing = unit(.commune, code), !closing.contains(existing.id) { return .existing(existing.id) }
            return nil
        }
        var unassigned: [Int64: [String]] = [:]
        var destinations: [(village: VillageState, commune: UnitRef, name: String, explicit: Bool)] = []
        for village in villages.sorted(by: { $0.id < $1.id }) {
            if let line = villageLines[village.id] {
                guard let commune = communeRef(code: line.newCode) else {
                    fail(line, "không có xã mã \(line.newCode) sau sắp xếp", "no commune \(line.newCode) after the reorganisation")
                    continue
                }
                if let targets = communeTargets[village.communeId], !targets.contains(commune) {
                    fail(line, "xã \(line.newCode) không nhận xã cũ của \(village.name)",
                         "commune \(line.newCode) does not take in the old commune of \(village.name)")
                }
                destinations.append((village, commune, line.newName.count >= 2 ? line.newName : village.name, true))
            } else if let targets = communeTargets[village.communeId] {
                if targets.count == 1 {
                    destinations.append((village, targets[0], village.name, false))
                } else {
                    unassigned[village.communeId, default: []].append("\(village.name) (#\(village.id))")
                }
            }
        }
        for (communeId, names) in unassigned.sorted(by: { $0.key < $1.key }) {
            errors.append(.reorgSplitUnassigned(unitById[communeId]?.name ?? "#\(communeId)", villages: names))
        }

        // Villages that meet under one name in one commune become one village: asked for by a village line, or
        // refused (two "Thôn 1" of merged communes need their new names).
        var openedVillageIndex: [String: Int] = [:]
        var villageTarget: [Int64: VillageRef] = [:]
        let moving = Set(destinations.map(\.village.id))
        for destination in destinations {
            let key = "\(destination.commune)|\(VietnameseText.searchKey(destination.name))"
            // Into a village of that name of a commune that stays (a village line asks for it).
            let staying = villages.first { candidate in
                UnitRef.existing(candidate.communeId) == destination.commune && !moving.contains(candidate.id)
                    && VietnameseText.searchKey(candidate.name) == VietnameseText.searchKey(destination.name)
            }
            if let staying {
                villageTarget[destination.village.id] = .existing(staying.id)
                continue
            }
            if let index = openedVillageIndex[key] {
                let isExplicit = destination.explicit || destinations.contains { d in
                    d.explicit && "\(d.commune)|\(VietnameseText.searchKey(d.name))" == key
                }
                if !isExplicit {
                    errors.append(.reorgVillageClash(destination.name,
                                                     villages: plan.openedVillages[index].from.map { "#\($0)" } + ["#\(destination.village.id)"]))
                }
                plan.openedVillages[index].from.append(destination.village.id)
                plan.openedVillages[index].quota = max(plan.openedVillages[index].quota, destination.village.quota)
                villageTarget[destination.village.id] = .opened(index)
                continue
            }
            plan.openedVillages.append(OpenedVillage(commune: destination.commune, name: destination.name,
                                                     quota: destination.village.quota, from: [destination.village.id]))
            openedVillageIndex[key] = plan.openedVillages.count - 1
            villageTarget[destination.village.id] = .opened(plan.openedVillages.count - 1)
        }
        if !errors.isEmpty { return .failure(RegistryErrors(errors)) }

        for destination in destinations {
            plan.movedVillages.append(VillageMove(villageId: destination.village.id, to: villageTarget[destination.village.id]!))
        }
        for resident in residents.sorted(by: { ($0.villageId, $0.personId) < ($1.villageId, $1.personId) }) {
            guard let to = villageTarget[resident.villageId] else { continue }
            plan.rebindings.append(Rebinding(personId: resident.personId, name: resident.name, fromVillage: resident.villageId,
                                             to: to, membershipId: resident.membershipId))
        }
        // A merged village may hold more persons than its quota: the law keeps them; the clerk is told.
        var listedIn: [VillageRef: Int] = [:]
        for rebinding in plan.rebindings where rebinding.membershipId != nil { listedIn[rebinding.to, default: 0] += 1 }
        for (index, village) in plan.openedVillages.enumerated() where (listedIn[.opened(index)] ?? 0) > village.quota {
            plan.notes.append(Message(
                vi: "\(village.name) sau sáp nhập có \(listedIn[.opened(index)]!) người trong danh sách, định mức \(village.quota): giữ nguyên theo sắp xếp, chỉ công nhận thêm khi dưới định mức.",
                en: "\(village.name) after the merger has \(listedIn[.opened(index)]!) persons on the list for a quota of \(village.quota): all stay; no one more is recognised until it is under quota."))
        }
        plan.closedUnits = closing.sorted { (unitById[$0]!.level, $0) > (unitById[$1]!.level, $1) }
        return .success(plan)
    }
}
