import Foundation
import Registry
import Scheduler
import Storage
import VietnameseCalendar

/// The demo's story from 2023 to 2026 (DOMAIN.md §10): the 2023 list; the 2024–2028 term recognised by the district
/// chairmen under QĐ 28/2023 (most of the 2023 list carried over, a few new persons); a commune merger round on
/// 01/01/2025; Vĩnh Phúc merged into Phú Thọ on 01/07/2025 with the districts ended and the communes under new codes;
/// a replacement and a removal decided by commune chairmen in late 2025; the 2026 list approved commune by commune;
/// and cron's runs through 30/11/2026, with the sick visit's four tiers of QĐ 28/2023.
extension DemoProvince {
    /// The last day of the story: the benefits run through it.
    public static let storyEnd = Day(year: 2026, month: 11, day: 30)!
    /// The last day run day by day, as in the 2019–2023 demo; from the next day cron's runs come about once a week.
    public static let dailyRunsEnd = Day(year: 2022, month: 12, day: 31)!

    /// The whole story: `build` (2019–2021), the benefits day by day through 2022 (`runBenefits`), then the story from
    /// 2023 to `last` (at least 31/12/2022, at most `storyEnd`), the benefits caught up weekly and on the eve of every
    /// step. Stopping at 31/12/2022 gives exactly the 2019–2022 demo. The sample reorganisation tables name the
    /// standard province's villages by id, so a province of more than 74 persons stops at 31/12/2022.
    public mutating func tellStory(persons: Int = standardPersons, through last: Day = storyEnd,
                                   chapter: (Int) -> Void = { _ in }) throws -> Summary {
        let last = persons == Self.standardPersons ? min(max(last, Self.dailyRunsEnd), Self.storyEnd) : Self.dailyRunsEnd
        var summary = try build(persons: persons)
        chapter(2019)
        let benefits = try runBenefits(through: Self.dailyRunsEnd)
        summary.benefits = benefits
        summary.tell(2021, Day(year: 2021, month: 5, day: 1)!, say(
            "Giai đoạn ứng phó dịch Covid-19 (mẫu) #\(benefits.contingencyId) từ 01/05/2021 đến 31/03/2022: quà và chế độ trao tận nhà, hội nghị chuyển sang trực tuyến.",
            "Sample Covid-19 contingency period #\(benefits.contingencyId), 2021-05-01 to 2022-03-31: gifts delivered at home, conferences held online."))
        for entry in benefits.tet2022 {
            let method = DeliveryMethod(rawValue: entry.method).map { $0.label.text(language) } ?? entry.method
            let status = EntitlementStatus(rawValue: entry.status).map { $0.label.text(language) } ?? entry.status
            summary.tell(2022, Day(year: 2022, month: 1, day: 20)!, say(
                "Quà Tết Nhâm Dần: \(entry.count) người × 500.000 đ = \(Money.format(entry.amount)) đ — \(method.lowercased()), \(status) (20–21/01/2022, kế toán duyệt).",
                "Tết 2022 gifts: \(entry.count) persons × 500,000 đ = \(Self.english(entry.amount)) đ — \(method), \(status) (2022-01-20 and 21, approved by the accountant)."))
        }
        if last > Self.dailyRunsEnd {
            let teller = StoryTeller(province: self, summary: summary, through: last)
            do {
                try teller.tell(chapter: chapter)
            } catch is StoryTeller.End {
                // The story stops at `last`; cron still runs through it.
            }
            try teller.cron.run(through: last)
            random = teller.random
            summary = teller.summary
            summary.benefits?.weeklyRuns = teller.cron.runs
        }
        try finish(&summary, through: last)
        return summary
    }

    /// The figures of the story's end: lists, terms, the map, and each year's benefits in a line.
    private func finish(_ summary: inout Summary, through last: Day) throws {
        summary.through = last
        summary.persons = try database.persons().count
        for year in 2019...last.year {
            if let list = try database.yearlyList(year) { summary.lists[year] = list.personCount }
        }
        summary.terms = try database.termSummaries().map { "\($0.firstYear)–\($0.lastYear)" }
        summary.finalProvince = try database.province(on: last)?.name
        summary.finalCommunes = try database.areas(on: last, level: .commune).count
        summary.finalVillages = try database.villages().filter { $0.mergedOn == nil }.count
        guard var benefits = summary.benefits else { return }
        benefits.through = last
        benefits.entitlements = try database.entitlements(.init()).count
        benefits.sickVisits = try database.entitlements(.init(kind: .sickVisit)).map {
            .init(personId: $0.personId, date: $0.occasionDate, level: $0.level?.rawValue, amount: $0.amount)
        }
        summary.benefits = benefits
        for year in 2019...last.year {
            let all = try database.entitlements(.init(year: year)).filter { $0.status != .cancelled }
            guard !all.isEmpty else { continue }
            let gifts = all.filter { $0.kind == .lunarNewYearGift }
            var text = say("Chế độ năm \(year): \(all.count) khoản, \(Money.format(all.reduce(0) { $0 + $1.amount })) đ",
                           "Benefits of \(year): \(all.count) entitlements, \(Self.english(all.reduce(0) { $0 + $1.amount })) đ")
            if let tet = gifts.first {
                text += say(" (quà Tết \(tet.occasionDate.vietnamese): \(gifts.count) người)",
                            " (Tết gifts of \(tet.occasionDate.iso): \(gifts.count) persons)")
            }
            for visit in all where visit.kind == .sickVisit {
                text += say("; thăm hỏi ốm đau \(visit.level.map { "cấp " + $0.label.vi } ?? "") \(Money.format(visit.amount)) đ",
                            "; sick visit \(visit.level.map { "at \($0.label.en) level" } ?? "") \(Self.english(visit.amount)) đ")
            }
            summary.tell(year, nil, text + ".")
        }
    }

    static func english(_ amount: Int) -> String { Money.format(amount).replacingOccurrences(of: ".", with: ",") }
}

/// Cron's runs after 2022: about once a week, and on the eve of every step of the story, so that whatever a step
/// records is there before the run that covers its day (a run catches up every day since the last one, so the
/// entitlements are those of daily runs).
struct WeeklyCron {
    let database: UytinDatabase
    var last: Day
    var runs = 0

    mutating func run(through day: Day) throws {
        while last < day {
            let next = min(last.adding(days: 7), day)
            if try !database.run(until: next).upToDate { runs += 1 }
            last = next
        }
    }
}

/// Tells the story from 2023 on, step by step, each on its day: cron first runs up to the day before.
final class StoryTeller {
    struct End: Error {}

    let database: UytinDatabase
    let province: DemoProvince
    var summary: DemoProvince.Summary
    var random: SeededRandom
    var cron: WeeklyCron
    let limit: Day

    init(province: DemoProvince, summary: DemoProvince.Summary, through limit: Day) {
        self.province = province
        self.database = province.database
        self.summary = summary
        self.random = province.random
        self.limit = limit
        cron = WeeklyCron(database: province.database, last: DemoProvince.dailyRunsEnd)
    }

    func say(_ vi: String, _ en: String) -> String { province.say(vi, en) }
    func tell(_ day: Day?, _ text: String, year: Int? = nil) { summary.tell(year ?? day?.year ?? 0, day, text) }

    /// Moves the story to `date`: cron runs up to the day before; past the story's limit, the story ends.
    func on(_ date: String) throws -> Day {
        let day = Day(parsing: date)!
        guard day <= limit else { throw End() }
        try cron.run(through: day.adding(days: -1))
        return day
    }

    func addPerson(village: Int64, young: Bool = true, female: Bool = false) throws -> Int64 {
        try database.addPerson(DemoProvince.newPerson(&random, village: village, ethnic: "18", female: female, young: young)).id
    }

    /// The person on the list on `day` in the village of this name of the commune with this code.
    func listed(on day: Day, commune: String, village: String) throws -> PersonEntry {
        guard let person = try database.listed(on: day).first(where: { $0.communeCode == commune && $0.village == village }) else {
            throw RegistryError.internalFault("demo: nobody on the list in \(village), \(commune) on \(day.iso)")
        }
        return person
    }

    func record(_ number: String, issuer: String, level: AreaLevel, area: String?, on day: Day, approve: [Int64] = [],
                listYear: Int? = nil) throws -> Decision {
        try database.recordDecision(DecisionInput(number: number, issuer: issuer, issuerLevel: level, issuerAreaCode: area,
                                                  decidedOn: day, effectiveOn: day, approve: approve, reject: [],
                                                  listYear: listYear, file: nil))
    }

    func step(_ decision: Decision, recognized: Int = 0, removed: [String: Int] = [:], replaced: Int = 0) {
        let step = province.step(decision, recognized: recognized, removed: removed, replaced: replaced)
        summary.decisions.append(step)
        tell(decision.decidedOn, province.describe(step))
    }

    func reorganize(_ table: DemoReorganizations.Table) throws {
        let report = try database.reorganize(try table.lines, effectiveOn: table.effectiveOn, basis: table.basis,
                                             fileName: table.fileName, fileSha256: table.sha256, dryRun: false)
        let rebound = report.persons.filter(\.listed).count
        summary.reorganizations.append(.init(id: report.reorgId, effectiveOn: table.effectiveOn, basis: table.basis, file: table.fileName,
                                             unitsClosed: report.closed.count, unitsOpened: report.opened.count,
                                             villagesMoved: report.villages.count, personsRebound: rebound))
        let opened = report.opened.filter { $0.level == .commune }.map { "\($0.name) (\($0.code))" }
        let closedDistricts = report.closed.filter { $0.level == .district }.count
        var vi = "Sắp xếp ĐVHC (\(table.basis), tệp \(table.fileName)): đóng \(report.closed.count) đơn vị, mở \(report.opened.count)"
        var en = "Reorganisation (\(table.basis), file \(table.fileName)): \(report.closed.count) units closed, \(report.opened.count) opened"
        if let province = report.opened.first(where: { $0.level == .province }) {
            vi += "; tỉnh Vĩnh Phúc nhập vào \(province.name) (mã \(province.code))"
            en += "; Vĩnh Phúc becomes part of \(province.name) (code \(province.code))"
        }
        if closedDistricts > 0 {
            vi += "; kết thúc \(closedDistricts) đơn vị cấp huyện"
            en += "; \(closedDistricts) districts end"
        }
        vi += "; xã mới: \(opened.joined(separator: ", ")); \(report.villages.count) thôn chuyển; \(rebound) người trong danh sách được gắn lại theo pháp luật, không cần đề nghị."
        en += "; new communes: \(opened.joined(separator: ", ")); \(report.villages.count) villages moved; \(rebound) persons on the list re-bound by law, without a proposal."
        tell(table.effectiveOn, say(vi, en))
        for note in report.notes { tell(table.effectiveOn, note.text(province.language)) }
    }

    func tell(chapter: (Int) -> Void) throws {
        // 2023, the term's last year: one replacement, one recognition in the village left without anyone since 2021,
        // and the 2023 list; the conference of the year; then the province adds the next term.
        chapter(2023)
        var day = try on("2023-02-21")
        let leaving = try listed(on: day, commune: "24901", village: "Thôn Đồng Lính")
        let successor = try addPerson(village: leaving.villageId)
        let vacant = try database.villages(communeCode: "24807").first { $0.name == "Thôn Đồng Mỏ" && $0.listed == 0 }!
        let newcomer = try addPerson(village: vacant.id)
        let proposals2023 = [
            try database.propose(.replace(person: leaving.id, by: successor, reason: "health"), note: "Sức khỏe yếu, xin thôi"),
            try database.propose(.recognize(person: newcomer, village: nil), note: "Thôn Đồng Mỏ bầu bổ sung"),
        ]
        step(try record("312/QĐ-UBND", issuer: DemoProvince.issuer, level: .province, area: nil, on: day,
                        approve: proposals2023, listYear: 2023), recognized: 1, replaced: 1)
        _ = try database.addPlan(kind: .training, date: Day(year: 2023, month: 10, day: 12)!,
                                 name: "Hội nghị cung cấp thông tin cho người có uy tín năm 2023", persons: nil)

        day = try on("2023-12-15")
        let ended = try database.addTerm(2024...2028, basis: "Kế hoạch của UBND tỉnh Vĩnh Phúc về rà soát, lựa chọn người có uy tín giai đoạn 2024–2028 (mẫu)")
        tell(day, say(
            "Thêm giai đoạn 2024–2028: \(ended) người của giai đoạn 2019–2023 hết tên trong danh sách từ 01/01/2024; không ai được chuyển tiếp mặc định.",
            "The 2024–2028 term is added: the \(ended) persons of 2019–2023 leave the list on 2024-01-01; nobody carries over by default."))

        // 2024: the new term. The clerk drafts the carry-over of the 2023 list; the three oldest are not nominated
        // again and their villages nominate younger persons; each district chairman decides for the district and
        // approves its part of the 2024 list (QĐ 28/2023, from 15/01/2024), in time for Tết Giáp Thìn.
        chapter(2024)
        day = try on("2024-01-08")
        tell(Day(year: 2024, month: 1, day: 1)!, say(
            "Giai đoạn 2024–2028 bắt đầu: đến quyết định đầu tiên của giai đoạn mới, danh sách trống (`uytin list --on 2024-01-05` nói vì sao).",
            "The 2024–2028 term begins: until its first decision the list is empty (`uytin list --on 2024-01-05` says why)."))
        let carried = try database.carryOver(note: nil)
        var ages: [(birthYear: Int, item: UytinDatabase.CarryOver.Item)] = []
        for item in carried.drafted { ages.append((try database.person(item.personId).birthYear, item)) }
        let retiring = ages.sorted { ($0.birthYear, $0.item.personId) < ($1.birthYear, $1.item.personId) }.prefix(3).map(\.item)
        var newcomers: [Int64: Int64] = [:]   // village → proposal
        for item in retiring {
            try database.withdrawProposal(item.proposalId!)
            let person = try addPerson(village: item.villageId)
            newcomers[item.villageId] = try database.propose(.recognize(person: person, village: nil), note: "Thôn bầu người thay cho người cao tuổi")
        }
        let retiringIds = Set(retiring.map(\.personId))
        tell(day, say(
            "Dự thảo chuyển tiếp (`propose recognize --carry-over`) \(carried.drafted.count) người của danh sách năm \(carried.fromYear); rút \(retiring.count) đề nghị của người cao tuổi không tiếp tục tham gia; \(newcomers.count) người mới được thôn bầu.",
            "Carry-over drafted (`propose recognize --carry-over`) for the \(carried.drafted.count) persons of the \(carried.fromYear) list; \(retiring.count) drafts of elderly persons who step down are withdrawn; \(newcomers.count) new persons nominated by their villages."))
        let villages = Dictionary(try database.villages().map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let districtOf = Dictionary(DemoProvince.communes.map { ($0.code, $0.district) }, uniquingKeysWith: { a, _ in a })
        let districts2024: [(code: String, issuer: String, number: String, date: String)] = [
            ("248", "UBND huyện Tam Đảo", "15/QĐ-UBND", "2024-01-22"),
            ("246", "UBND huyện Lập Thạch", "15/QĐ-UBND", "2024-01-23"),
            ("253", "UBND huyện Sông Lô", "21/QĐ-UBND", "2024-01-24"),
            ("249", "UBND huyện Bình Xuyên", "09/QĐ-UBND", "2024-01-25"),
            ("244", "UBND thành phố Phúc Yên", "12/QĐ-UBND", "2024-01-26"),
        ]
        for district in districts2024 {
            day = try on(district.date)
            let mine = { (village: Int64) in villages[village].flatMap { districtOf[$0.communeCode] } == district.code }
            let carriedHere = carried.drafted.filter { !retiringIds.contains($0.personId) && mine($0.villageId) }.compactMap(\.proposalId)
            let newHere = newcomers.filter { mine($0.key) }.map(\.value)
            step(try record(district.number, issuer: district.issuer, level: .district, area: district.code, on: day,
                            approve: carriedHere + newHere, listYear: 2024), recognized: carriedHere.count + newHere.count)
        }
        day = try on("2024-05-14")
        let central = try listed(on: day, commune: "24804", village: "Thôn Đồng Bùa")
        _ = try database.recordEvent(person: central.id, kind: .hospitalized, date: day, level: .central,
                                     note: "Điều trị tại bệnh viện tuyến trung ương")
        tell(day, say("\(central.name) điều trị tại bệnh viện tuyến trung ương: thăm hỏi theo mức cấp trung ương của QĐ 28/2023.",
                      "\(central.name) is treated at a central hospital: visited at QĐ 28/2023's central tier."))
        let tour = try database.listed(on: Day(year: 2024, month: 8, day: 20)!).map(\.id)
        _ = try database.addPlan(kind: .studyTour, date: Day(year: 2024, month: 8, day: 20)!,
                                 name: "Tham quan, học tập 20–23/8/2024", persons: Array(tour.prefix(30)))

        // 2025: a commune merger round, the districts' 2025 lists, the new office's name, then the two-tier map.
        chapter(2025)
        _ = try on("2025-01-01")
        try reorganize(DemoReorganizations.communeMerger2025)
        let districts2025: [(code: String, issuer: String, number: String, date: String)] = [
            ("248", "UBND huyện Tam Đảo", "15/QĐ-UBND", "2025-02-17"),
            ("246", "UBND huyện Lập Thạch", "18/QĐ-UBND", "2025-02-18"),
            ("253", "UBND huyện Sông Lô", "24/QĐ-UBND", "2025-02-19"),
            ("249", "UBND huyện Bình Xuyên", "11/QĐ-UBND", "2025-02-20"),
            ("244", "UBND thành phố Phúc Yên", "14/QĐ-UBND", "2025-02-21"),
        ]
        for district in districts2025 {
            day = try on(district.date)
            step(try record(district.number, issuer: district.issuer, level: .district, area: district.code, on: day, listYear: 2025))
        }
        day = try on("2025-03-01")
        try database.setAgency(name: "Sở Dân tộc và Tôn giáo", parent: "UBND tỉnh Vĩnh Phúc", from: day)
        tell(day, say("Ban Dân tộc tỉnh trở thành Sở Dân tộc và Tôn giáo (UBND tỉnh Vĩnh Phúc): văn bản từ ngày này in tên mới.",
                      "The provincial Ethnic Affairs Committee becomes the Sở Dân tộc và Tôn giáo (UBND tỉnh Vĩnh Phúc): documents from this day print the new name."))
        day = try on("2025-04-08")
        let provincial = try listed(on: day, commune: "25301", village: "Thôn Đồng Giếng")
        _ = try database.recordEvent(person: provincial.id, kind: .hospitalized, date: day, level: .province, note: "Điều trị tại bệnh viện tỉnh")
        day = try on("2025-06-10")
        let districtLevel = try listed(on: day, commune: "24601", village: "Thôn Thạch Bàn")
        _ = try database.recordEvent(person: districtLevel.id, kind: .hospitalized, date: day, level: .district,
                                     note: "Điều trị tại trung tâm y tế huyện")
        tell(day, say("Thăm hỏi ốm đau: \(provincial.name) (bệnh viện tỉnh, 08/04) và \(districtLevel.name) (trung tâm y tế huyện, 10/06).",
                      "Sick visits: \(provincial.name) (provincial hospital, 2025-04-08) and \(districtLevel.name) (district health centre, 2025-06-10)."))

        day = try on("2025-07-01")
        try reorganize(DemoReorganizations.phuTho2025)
        try database.setAgency(name: "Sở Dân tộc và Tôn giáo", parent: "UBND tỉnh Phú Thọ", from: day)
        tell(day, say("Chính quyền địa phương hai cấp: xã quyết định công nhận, đưa ra, thay thế và phê duyệt danh sách; văn bản in UBND TỈNH PHÚ THỌ / SỞ DÂN TỘC VÀ TÔN GIÁO.",
                      "Two-tier local government: communes recognise, remove, replace and approve the list; documents print UBND TỈNH PHÚ THỌ / SỞ DÂN TỘC VÀ TÔN GIÁO."))
        _ = try database.addPlan(kind: .training, date: Day(year: 2025, month: 10, day: 16)!,
                                 name: "Hội nghị cung cấp thông tin cho người có uy tín năm 2025", persons: nil)

        // Late 2025: commune chairmen decide. A replacement in Xã Đạo Trù; in Xã Quang Sơn, the village that took in
        // Xã Văn Quán's Thôn Đồng Giếng holds two persons for a quota of one: the one who came with it leaves.
        day = try on("2025-11-20")
        let tired = try listed(on: day, commune: "09040", village: "Thôn Đá Ngang")
        let young = try addPerson(village: tired.villageId)
        let replace = try database.propose(.replace(person: tired.id, by: young, reason: "health"), note: "Sức khỏe yếu")
        step(try record("245/QĐ-UBND", issuer: "UBND xã Đạo Trù", level: .commune, area: "09040", on: day, approve: [replace]),
             replaced: 1)
        day = try on("2025-11-25")
        let merged = try database.listed(on: day).filter { $0.communeCode == "08896" && $0.village == "Thôn Đồng Giếng" }
        if let second = merged.max(by: { $0.id < $1.id }), merged.count > 1 {
            let remove = try database.propose(.remove(person: second.id, reason: "merger", effectiveOn: nil),
                                              note: "Thôn sáp nhập vượt định mức")
            step(try record("198/QĐ-UBND", issuer: "UBND xã Quang Sơn", level: .commune, area: "08896", on: day, approve: [remove]),
                 removed: ["merger": 1])
        }

        // 2026: each commune approves its part of the year's list; Tết Bính Ngọ's gifts are handed over after the
        // accountant approves them; a commune health station treats one person (QĐ 28/2023's commune tier).
        chapter(2026)
        let communes2026: [(code: String, number: String, date: String)] = [
            ("09040", "09/QĐ-UBND", "2026-01-12"), ("09046", "12/QĐ-UBND", "2026-01-13"), ("09052", "09/QĐ-UBND", "2026-01-14"),
            ("08960", "15/QĐ-UBND", "2026-01-15"), ("08896", "07/QĐ-UBND", "2026-01-16"), ("08899", "11/QĐ-UBND", "2026-01-19"),
            ("08950", "18/QĐ-UBND", "2026-01-20"), ("08830", "10/QĐ-UBND", "2026-01-21"),
        ]
        let names = Dictionary(try database.areas(on: Day(year: 2026, month: 1, day: 1)!, level: .commune).map { ($0.code, $0.name) },
                               uniquingKeysWith: { a, _ in a })
        for commune in communes2026 {
            day = try on(commune.date)
            let name = names[commune.code] ?? commune.code
            let issuer = "UBND " + (name.hasPrefix("Xã ") ? "xã " + name.dropFirst(3) : name)
            step(try record(commune.number, issuer: issuer, level: .commune, area: commune.code, on: day, listYear: 2026))
        }
        day = try on("2026-02-09")
        let accountant = try UytinDatabase.open(path: database.path, actor: "ke-toan")
        let tet = try accountant.entitlements(.init(year: 2026, kind: .lunarNewYearGift, status: .planned)).map(\.id)
        if !tet.isEmpty {
            _ = try accountant.approveEntitlements(ids: tet, run: nil)
            let half = tet.count / 2
            _ = try accountant.deliverEntitlements(ids: Array(tet.prefix(half)), on: day, receipt: "Sổ ký nhận 02/2026")
            _ = try accountant.deliverEntitlements(ids: Array(tet.dropFirst(half)), on: day.adding(days: 1), receipt: "Sổ ký nhận 02/2026")
            tell(day, say("Quà Tết Bính Ngọ: kế toán duyệt \(tet.count) khoản; trao tận tay ngày 09–10/02/2026.",
                          "Tết 2026 gifts: the accountant approves \(tet.count); handed over on 2026-02-09 and 10."))
        }
        day = try on("2026-03-10")
        let commune = try listed(on: day, commune: "09046", village: "Thôn Đồng Giếng")
        _ = try database.recordEvent(person: commune.id, kind: .hospitalized, date: day, level: .commune, note: "Điều trị tại trạm y tế xã")
        tell(day, say("\(commune.name) điều trị tại trạm y tế xã: mức thăm hỏi cấp xã 500.000 đ, mới có từ QĐ 28/2023.",
                      "\(commune.name) is treated at the commune health station: the commune tier, 500,000 đ, new with QĐ 28/2023."))
        chapter(2026)
    }
}
