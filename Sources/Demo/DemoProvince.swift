import Foundation
import Registry
import Scheduler
import Storage
import VietnameseCalendar

/// A sample province shaped like Vĩnh Phúc in the 2019–2023 term, with synthetic names and ID numbers.
///
/// The story follows the decisions DOMAIN.md confirms: QĐ 574 of 19/02/2019 recognises 74 persons; villages merge
/// at the end of 2019; QĐ 449 of 04/03/2020 removes 7 (1 death, 2 health, 4 merger), adds 3 and re-binds 5
/// (70 persons); QĐ 93 of 15/04/2021 leaves 69.
public struct DemoProvince {
    /// What the demo did, for the clerk to read.
    public struct Summary: Sendable, Codable {
        public var path: String
        public var persons: Int
        public var villages: Int
        public var communes: Int
        public var decisions: [Step]
        public var lists: [Int: Int]
        public var benefits: BenefitSummary?

        public struct Step: Sendable, Codable {
            public var number: String
            public var date: Day
            public var recognized: Int
            public var removed: [String: Int]
            public var replaced: Int
            public var rebound: Int
            public var listYear: Int?
            public var listCount: Int?
        }
    }

    public static let issuer = "UBND tỉnh Vĩnh Phúc"
    public static let standardPersons = 74

    let database: UytinDatabase
    var random = SeededRandom(seed: 2019)

    public init(database: UytinDatabase) {
        self.database = database
    }

    /// The communes of the sample (synthetic codes: the district's code and two digits), with how many listed
    /// villages each has in 2019 and the ethnic group of each.
    static let communes: [(district: String, code: String, name: String, villages: [String])] = [
        ("248", "24801", "Xã Đạo Trù", Array(repeating: "18", count: 11) + ["15"]),
        ("248", "24802", "Xã Yên Dương", Array(repeating: "18", count: 5) + ["09"]),
        ("248", "24803", "Xã Bồ Lý", Array(repeating: "18", count: 6)),
        ("248", "24804", "Xã Đại Đình", Array(repeating: "18", count: 8)),
        ("248", "24805", "Xã Tam Quan", Array(repeating: "18", count: 5)),
        ("248", "24806", "Xã Hồ Sơn", Array(repeating: "18", count: 4)),
        ("248", "24807", "Xã Minh Quang", Array(repeating: "18", count: 6)),
        ("249", "24901", "Xã Trung Mỹ", Array(repeating: "18", count: 7)),
        ("246", "24601", "Xã Quang Sơn", ["15", "15", "18"]),
        ("246", "24602", "Xã Văn Quán", ["18", "18"]),
        ("253", "25301", "Xã Lãng Công", ["15", "18", "18", "18"]),
        ("253", "25302", "Xã Quang Yên", ["18", "18", "18"]),
        ("253", "25303", "Xã Nhân Đạo", ["18", "18"]),
        ("244", "24401", "Xã Ngọc Thanh", Array(repeating: "18", count: 6)),
    ]

    static let placeNames = [
        "Đồng Giếng", "Thạch Bàn", "Đồng Bùa", "Đồng Mỏ", "Tân Tiến", "Đồng Pheo", "Đồng Lính", "Đại Điền", "Đá Ngang",
        "Thanh Lanh", "Đồng Chằm", "Đồng Cao", "Đồng Tâm", "Gia Khau", "Bản Long", "Sơn Thanh", "Làng Hà", "Đồng Găng",
        "Vĩnh Ninh", "Đồng Thỏng", "Ấm Bò", "Lõng Sâu", "Hợp Thành", "Xạ Hương", "Đồng Quạ", "Khuôn Gà", "Hang Dơi",
        "Đồng Đảng", "Suối Sải", "Đèo Nhe", "Tân Long", "Đồng Xuân", "Đồng Bát", "Bàn Giản", "Tiên Lữ", "Đồng Rừng",
    ]
    static let surnames = ["Diệp", "Lục", "Tạ", "Ninh", "Trương", "Lý", "Hoàng", "Tiêu", "Giang", "Lam", "Dương", "Trần"]
    static let middleNames = ["Văn", "Đức", "Hữu", "Quang", "Minh"]
    static let givenNames = ["Hùng", "Thắng", "Dũng", "Quế", "Cường", "Tiến", "Hòa", "Thành", "Sơn", "Hải", "Bình",
                             "Lâm", "Nghĩa", "Phúc", "Toàn", "Vượng", "Khánh", "Tuấn", "Đạt", "Thịnh"]
    static let femaleNames = ["Thị Hoa", "Thị Lan", "Thị Mai", "Thị Hằng"]
    static let roleSets: [[Role]] = [[.clanHead], [.villageElder, .ritualPractitioner], [.business, .villageHead],
                                     [.retiredCadre], [.retiredCadre, .clanHead], [.partySecretary, .partyMember],
                                     [.villageHead], [.artisan], [.intellectual]]

    /// Builds the whole sample; `persons` ≥ 74 adds persons recognised in 2019 beyond the story's 74.
    public mutating func build(persons: Int = standardPersons) throws -> Summary {
        try database.initialize(provinceCode: "26", term: 2019...2023)
        var villagesByCommune: [String: [Int64]] = [:]
        var personIds: [Int64] = []
        var proposals: [Int64] = []
        var villageCount = 0
        for commune in Self.communes {
            try database.addArea(Area(code: commune.code, level: .commune, name: commune.name, parentCode: commune.district))
        }
        // The 74 of the story, then any extra persons spread over the communes.
        var slots: [(commune: Int, ethnic: String)] = Self.communes.enumerated().flatMap { index, commune in
            commune.villages.map { (index, $0) }
        }
        for extra in 0..<max(0, persons - Self.standardPersons) { slots.append((extra % Self.communes.count, "18")) }
        for (index, slot) in slots.enumerated() {
            let commune = Self.communes[slot.commune]
            let ordinal = villagesByCommune[commune.code, default: []].count
            let place = Self.placeNames[ordinal % Self.placeNames.count]
            let name = "Thôn " + place + (ordinal >= Self.placeNames.count ? " \(ordinal / Self.placeNames.count + 1)" : "")
            let village = try database.addVillage(communeCode: commune.code, name: name, quota: 1)
            villageCount += 1
            villagesByCommune[commune.code, default: []].append(village)
            let person = try addPerson(village: village, ethnic: slot.ethnic, female: index % 23 == 7)
            personIds.append(person)
            proposals.append(try database.propose(.recognize(person: person, village: nil), note: nil))
        }
        // One village of Ngọc Thanh without a reputable person, merged with a listed one at the end of 2019.
        let ngocThanh = "24401"
        let quietVillage = try database.addVillage(communeCode: ngocThanh, name: "Thôn Đồng Cả", quota: 1)
        villageCount += 1

        var steps: [Summary.Step] = []
        let decision2019 = try record("574/QĐ-UBND", "2019-02-19", approve: proposals, listYear: 2019)
        steps.append(step(decision2019, recognized: proposals.count))

        // End of 2019: five mergers. Four join two listed villages (one person re-bound, one removed for the
        // merger); the fifth joins a listed village with one that had nobody on the list.
        let mergeDay = Day(parsing: "2019-12-10")!
        let merges: [(String, Int, Int, String)] = [("24801", 0, 1, "Thôn Đồng Giếng Thạch Bàn"), ("24801", 2, 3, "Thôn Đồng Bùa Mỏ"),
                                                    ("24804", 0, 1, "Thôn Đồng Giếng Mới"), ("24901", 0, 1, "Thôn Đồng Bùa Mới")]
        var rebind: [(person: Int64, village: Int64)] = []
        var removeForMerger: [Int64] = []
        for (code, first, second, name) in merges {
            let villages = villagesByCommune[code]!
            let merged = try database.mergeVillages([villages[first], villages[second]], into: name, decision: "44/NQ-HĐND",
                                                    on: mergeDay)
            rebind.append((try occupant(of: villages[first]), merged))
            removeForMerger.append(try occupant(of: villages[second]))
        }
        let ngocThanhFirst = villagesByCommune[ngocThanh]![0]
        let mergedNgocThanh = try database.mergeVillages([ngocThanhFirst, quietVillage], into: "Thôn Đồng Chằm Cả",
                                                         decision: "44/NQ-HĐND", on: mergeDay)
        rebind.append((try occupant(of: ngocThanhFirst), mergedNgocThanh))
        villageCount += merges.count + 1

        // 2020: 1 death, 2 for health, 4 for the merger; 3 new persons fill the vacated villages; 5 re-bound.
        let deceased = try occupant(of: villagesByCommune["24803"]![2])
        let healthLeavers = [try occupant(of: villagesByCommune["24805"]![1]), try occupant(of: villagesByCommune["25302"]![0])]
        var proposals2020: [Int64] = []
        proposals2020.append(try database.propose(.remove(person: deceased, reason: "death", effectiveOn: Day(parsing: "2019-11-20")), note: "Từ trần ngày 20/11/2019"))
        for person in healthLeavers {
            proposals2020.append(try database.propose(.remove(person: person, reason: "health", effectiveOn: nil), note: nil))
        }
        for person in removeForMerger {
            proposals2020.append(try database.propose(.remove(person: person, reason: "merger", effectiveOn: nil), note: nil))
        }
        for (person, village) in rebind {
            proposals2020.append(try database.propose(.rebind(person: person, village: village), note: nil))
        }
        for (code, index) in [("24803", 2), ("24805", 1), ("25302", 0)] {
            let village = villagesByCommune[code]![index]
            let person = try addPerson(village: village, ethnic: "18", female: false)
            proposals2020.append(try database.propose(.recognize(person: person, village: nil), note: nil))
        }
        let decision2020 = try record("449/QĐ-UBND", "2020-03-04", approve: proposals2020, listYear: 2020)
        steps.append(step(decision2020, recognized: 3, removed: ["death": 1, "health": 2, "merger": 4], rebound: 5))

        // 2021: one death, and one person replaced for health by a younger one of the same village.
        let died2021 = try occupant(of: villagesByCommune["24807"]![3])
        let replacedVillage = villagesByCommune["25301"]![1]
        let replaced = try occupant(of: replacedVillage)
        let successor = try addPerson(village: replacedVillage, ethnic: "18", female: false, young: true)
        let proposals2021 = [
            try database.propose(.remove(person: died2021, reason: "death", effectiveOn: Day(parsing: "2021-01-08")), note: "Từ trần ngày 08/01/2021"),
            try database.propose(.replace(person: replaced, by: successor, reason: "health"), note: nil),
        ]
        let decision2021 = try record("93/QĐ-UBND", "2021-04-15", approve: proposals2021, listYear: 2021)
        steps.append(step(decision2021, recognized: 0, removed: ["death": 1], replaced: 1))

        try database.markDemo()
        var lists: [Int: Int] = [:]
        for year in 2019...2021 { lists[year] = try database.yearlyList(year)?.personCount }
        return Summary(path: database.path, persons: try database.persons().count, villages: villageCount,
                       communes: Self.communes.count, decisions: steps, lists: lists, benefits: nil)
    }

    private func occupant(of village: Int64) throws -> Int64 {
        guard let person = try database.listed(on: Day.todayInVietnam()).first(where: { $0.villageId == village })
                ?? database.persons(villageId: village).first else {
            throw RegistryError.internalFault("demo: village #\(village) has nobody")
        }
        return person.id
    }

    private mutating func addPerson(village: Int64, ethnic: String, female: Bool, young: Bool = false) throws -> Int64 {
        let surname = Self.surnames[random.next(Self.surnames.count)]
        let name = female
            ? "\(surname) \(Self.femaleNames[random.next(Self.femaleNames.count)])"
            : "\(surname) \(Self.middleNames[random.next(Self.middleNames.count)]) \(Self.givenNames[random.next(Self.givenNames.count)])"
        let birthYear = young ? 1975 + random.next(10) : 1940 + random.next(36)
        let gender: Gender = female ? .nu : .nam
        let idNumber = random.next(5) == 0 ? nil
            : "026" + String((birthYear >= 2000 ? 2 : 0) + (female ? 1 : 0)) + String(format: "%02d", birthYear % 100)
                + String(format: "%06d", random.next(1_000_000))
        let person = NewPerson(name: name, gender: gender, birthYear: birthYear, birthDate: nil, ethnicCode: ethnic,
                               villageId: village, idNumber: idNumber, roles: Self.roleSets[random.next(Self.roleSets.count)],
                               phone: nil)
        return try database.addPerson(person).id
    }

    private func record(_ number: String, _ date: String, approve: [Int64], listYear: Int) throws -> Decision {
        let day = Day(parsing: date)!
        return try database.recordDecision(DecisionInput(number: number, issuer: Self.issuer, decidedOn: day, effectiveOn: day,
                                                         approve: approve, reject: [], listYear: listYear, file: nil))
    }

    private func step(_ decision: Decision, recognized: Int, removed: [String: Int] = [:], replaced: Int = 0,
                      rebound: Int = 0) -> Summary.Step {
        Summary.Step(number: decision.number, date: decision.decidedOn, recognized: recognized, removed: removed,
                     replaced: replaced, rebound: rebound, listYear: decision.listYear, listCount: decision.listCount)
    }
}

/// A small deterministic generator, so the demo is the same on every machine.
struct SeededRandom {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next(_ bound: Int) -> Int {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return Int((state >> 33) % UInt64(bound))
    }
}
