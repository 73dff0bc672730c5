import Foundation
import Registry
import Scheduler
import Storage
import VietnameseCalendar

/// A sample province shaped like Vĩnh Phúc, with synthetic names and ID numbers, told from 2019 to 2026.
///
/// The 2019–2023 term follows the decisions DOMAIN.md confirms: QĐ 574 of 19/02/2019 recognises 74 persons; villages
/// merge at the end of 2019; QĐ 449 of 04/03/2020 removes 7 (1 death, 2 health, 4 merger), adds 3 and re-binds 5
/// (70 persons); QĐ 93 of 15/04/2021 leaves 69 (`build`, then `runBenefits` day by day through 2022). From 2023 on
/// (`DemoStory.swift`): the 2023 list, the 2024–2028 term recognised by the districts under QĐ 28/2023, a commune
/// merger round on 01/01/2025, the province merged into Phú Thọ on 01/07/2025 (sample tables in
/// `DemoReorganizations.swift`), decisions by commune chairmen, the 2026 list approved by communes, and the benefits
/// through 30/11/2026. `tellStory` does all of it.
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
        /// The terms the database holds ("2019–2023", "2024–2028").
        public var terms: [String] = []
        /// The reorganisations of the map the story applied.
        public var reorganizations: [Reorg] = []
        /// The map at the story's end: communes and villages in force, and the province.
        public var finalProvince: String?
        public var finalCommunes: Int?
        public var finalVillages: Int?
        /// The last day the story (and cron's runs) reached.
        public var through: Day?
        /// The whole story, year by year, in the language the demo was told in.
        public var story: [Chapter] = []

        public struct Step: Sendable, Codable {
            public var number: String
            public var date: Day
            public var recognized: Int
            public var removed: [String: Int]
            public var replaced: Int
            public var rebound: Int
            public var listYear: Int?
            public var listCount: Int?
            public var issuer: String?
            public var issuerLevel: AreaLevel?
            public var issuerArea: String?
        }

        public struct Reorg: Sendable, Codable {
            public var id: Int64?
            public var effectiveOn: Day
            public var basis: String
            public var file: String
            public var unitsClosed: Int
            public var unitsOpened: Int
            public var villagesMoved: Int
            public var personsRebound: Int
        }

        public struct Chapter: Sendable, Codable {
            public var year: Int
            public var events: [Event]
        }

        public struct Event: Sendable, Codable {
            public var date: Day?
            public var text: String
        }

        /// Adds a line to the story of `year` (in date order: lines are told in the order things happen).
        mutating func tell(_ year: Int, _ date: Day?, _ text: String) {
            if let index = story.firstIndex(where: { $0.year == year }) {
                story[index].events.append(Event(date: date, text: text))
            } else {
                story.append(Chapter(year: year, events: [Event(date: date, text: text)]))
                story.sort { $0.year < $1.year }
            }
        }
    }

    public static let issuer = "UBND tỉnh Vĩnh Phúc"
    public static let standardPersons = 74

    let database: UytinDatabase
    var random = SeededRandom(seed: 2019)
    /// The language the story is told in (`Summary.story`).
    public var language: Language

    public init(database: UytinDatabase, language: Language = .vi) {
        self.database = database
        self.language = language
    }

    func say(_ vi: String, _ en: String) -> String { language == .vi ? vi : en }

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
        var summary = Summary(path: database.path, persons: try database.persons().count, villages: villageCount,
                              communes: Self.communes.count, decisions: steps, lists: lists, benefits: nil)
        summary.terms = ["2019–2023"]
        summary.tell(2019, nil, say(
            "Tỉnh Vĩnh Phúc (mã 26), giai đoạn 2019–2023: \(Self.communes.count) xã thuộc 5 huyện, thành phố, \(slots.count) thôn có người có uy tín (tên và số CCCD là giả định).",
            "Vĩnh Phúc province (code 26), term 2019–2023: \(Self.communes.count) communes in 5 districts, \(slots.count) villages with a reputable person (names and IDs are synthetic)."))
        for step in steps { summary.tell(step.date.year, step.date, describe(step)) }
        if let index = summary.story.firstIndex(where: { $0.year == 2019 }) {
            summary.story[index].events.append(Summary.Event(date: mergeDay, text: say(
                "Sáp nhập 5 cặp thôn (Nghị quyết 44/NQ-HĐND); người có uy tín của thôn cũ chờ quyết định năm sau gắn lại thôn hoặc đưa ra khỏi danh sách.",
                "Five pairs of villages merge (resolution 44/NQ-HĐND); their persons wait for next year's decision to re-bind or remove them.")))
        }
        return summary
    }

    /// One decision in a line: who signed it, what it did, and the list it approved.
    func describe(_ step: Summary.Step) -> String {
        var parts: [String] = []
        if step.recognized > 0 { parts.append(say("công nhận \(step.recognized)", "recognises \(step.recognized)")) }
        let removed = step.removed.values.reduce(0, +)
        if removed > 0 {
            let detail = step.removed.sorted { $0.key < $1.key }.map { "\(Self.reasonWord($0.key, language)) \($0.value)" }
            parts.append(say("đưa ra \(removed) (\(detail.joined(separator: ", ")))", "removes \(removed) (\(detail.joined(separator: ", ")))"))
        }
        if step.replaced > 0 { parts.append(say("thay thế \(step.replaced)", "replaces \(step.replaced)")) }
        if step.rebound > 0 { parts.append(say("gắn lại thôn \(step.rebound)", "re-binds \(step.rebound)")) }
        var text = say("QĐ \(step.number)", "Decision \(step.number)") + (step.issuer.map { say(" của \($0)", " of \($0)") } ?? "")
        if !parts.isEmpty { text += ": " + parts.joined(separator: ", ") }
        if let year = step.listYear {
            let wholeProvince = step.issuerLevel.map { $0 == .province } ?? true
            let part = wholeProvince ? "" : say(" (phần của \(step.issuerArea ?? ""))", " (the part of \(step.issuerArea ?? ""))")
            let count = step.listCount ?? 0
            text += say(" → danh sách năm \(year)\(part): \(count) người", " → list of \(year)\(part): \(count) \(count == 1 ? "person" : "persons")")
        }
        return text
    }

    static func reasonWord(_ code: String, _ language: Language) -> String {
        let words: [String: (String, String)] = [
            "death": ("từ trần", "death"), "health": ("sức khỏe", "health"), "merger": ("sáp nhập thôn", "village merger"),
            "moved": ("chuyển nơi ở", "moved away"), "violation": ("vi phạm pháp luật", "law violation"),
            "resigned": ("xin thôi", "resigned"), "criteria": ("không còn đủ tiêu chuẩn", "no longer meets the criteria"),
        ]
        guard let word = words[code] else { return code }
        return language == .vi ? word.0 : word.1
    }

    private func occupant(of village: Int64) throws -> Int64 {
        guard let person = try database.listed(on: Day.todayInVietnam()).first(where: { $0.villageId == village })
                ?? database.persons(villageId: village).first else {
            throw RegistryError.internalFault("demo: village #\(village) has nobody")
        }
        return person.id
    }

    private mutating func addPerson(village: Int64, ethnic: String, female: Bool, young: Bool = false) throws -> Int64 {
        try database.addPerson(Self.newPerson(&random, village: village, ethnic: ethnic, female: female, young: young)).id
    }

    /// A synthetic person drawn from the demo's generator (the draws, in this order, make the demo's persons).
    static func newPerson(_ random: inout SeededRandom, village: Int64, ethnic: String, female: Bool, young: Bool) -> NewPerson {
        let surname = surnames[random.next(surnames.count)]
        let name = female
            ? "\(surname) \(femaleNames[random.next(femaleNames.count)])"
            : "\(surname) \(middleNames[random.next(middleNames.count)]) \(givenNames[random.next(givenNames.count)])"
        let birthYear = young ? 1975 + random.next(10) : 1940 + random.next(36)
        let gender: Gender = female ? .nu : .nam
        let idNumber = random.next(5) == 0 ? nil
            : "026" + String((birthYear >= 2000 ? 2 : 0) + (female ? 1 : 0)) + String(format: "%02d", birthYear % 100)
                + String(format: "%06d", random.next(1_000_000))
        return NewPerson(name: name, gender: gender, birthYear: birthYear, birthDate: nil, ethnicCode: ethnic,
                         villageId: village, idNumber: idNumber, roles: roleSets[random.next(roleSets.count)], phone: nil)
    }

    private func record(_ number: String, _ date: String, approve: [Int64], listYear: Int) throws -> Decision {
        let day = Day(parsing: date)!
        return try database.recordDecision(DecisionInput(number: number, issuer: Self.issuer, decidedOn: day, effectiveOn: day,
                                                         approve: approve, reject: [], listYear: listYear, file: nil))
    }

    func step(_ decision: Decision, recognized: Int, removed: [String: Int] = [:], replaced: Int = 0,
              rebound: Int = 0) -> Summary.Step {
        Summary.Step(number: decision.number, date: decision.decidedOn, recognized: recognized, removed: removed,
                     replaced: replaced, rebound: rebound, listYear: decision.listYear, listCount: decision.listCount,
                     issuer: decision.issuer, issuerLevel: decision.issuerLevel, issuerArea: decision.issuerArea)
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
