import Documents
import Registry
import Storage
import VietnameseCalendar

/// The official texts around a document, in the reader's language: the issuing body and the province in force on
/// the document's date (2021: UBND TỈNH VĨNH PHÚC / BAN DÂN TỘC; 2026: UBND TỈNH PHÚ THỌ / SỞ DÂN TỘC VÀ TÔN GIÁO).
public struct DocumentTexts: Sendable {
    public let words: Wording
    public let setting: Setting
    public let agency: Agency
    /// The province in force on the document's date, e.g. "Tỉnh Phú Thọ".
    public let province: String

    /// The texts of a document dated `day`.
    public init(words: Wording, database: UytinDatabase, on day: Day) throws {
        self.words = words
        setting = try database.setting()
        agency = try database.agency(on: day)
        province = try database.province(on: day)?.name ?? ReferenceData.provinceAreaName(setting.provinceName)
    }

    /// The texts of a document of `year`: dated on the day its list was approved, else the year's last day.
    public init(words: Wording, database: UytinDatabase, year: Int) throws {
        try self.init(words: words, database: database, on: try database.yearlyList(year)?.asOf ?? Self.day(ofYear: year))
    }

    /// The date a document of `year` speaks of: the year's last day, or today for the year under way.
    public static func day(ofYear year: Int) -> Day { min(Day(year: year, month: 12, day: 31)!, Day.todayInVietnam()) }

    public var governingBody: String {
        words.say(agency.parent.uppercased(), "PEOPLE'S COMMITTEE OF " + Self.englishProvince(province).uppercased())
    }

    public var issuingBody: String {
        words.say(agency.name.uppercased(), Self.englishAgency(agency.name).uppercased())
    }

    /// Left blank for the hand that signs: the same database always gives the same file.
    public var placeAndDate: String {
        var place = province
        for prefix in ["Tỉnh ", "Thành phố "] where place.hasPrefix(prefix) { place = String(place.dropFirst(prefix.count)) }
        return words.say("\(place), ngày ..... tháng ..... năm ..........", "\(place), date: .....................")
    }

    /// The head of the issuing body: the committee's head (Trưởng ban) or the department's director (Giám đốc Sở).
    public var head: String {
        agency.name.hasPrefix("Sở") ? words.say("GIÁM ĐỐC", "DIRECTOR") : words.say("TRƯỞNG BAN", "HEAD OF COMMITTEE")
    }

    /// Who signs: the preparer, (for money) the accountant, and the head of the committee.
    public func signatures(accountant: Bool = false) -> [SignatureBlock] {
        let note = words.say("(Ký, ghi rõ họ tên)", "(Signature, full name)")
        return [SignatureBlock(role: words.say("NGƯỜI LẬP BIỂU", "PREPARED BY"), note: note)]
            + (accountant ? [SignatureBlock(role: words.say("KẾ TOÁN", "ACCOUNTANT"), note: note)] : [])
            + [SignatureBlock(role: head, note: words.say("(Ký tên, đóng dấu)", "(Signature, seal)"))]
    }

    public func style(countNoun: String?, orientation: DocumentStyle.Orientation = .landscape) -> DocumentStyle {
        DocumentStyle(labels: words.language == .vi ? .vietnamese : .english, numbersRows: true, countNoun: countNoun,
                      orientation: orientation)
    }

    /// The label of a "Bằng chữ" line for a money column: the words are Vietnamese, so an English document
    /// spells nothing.
    public func spelledOut(_ label: String) -> String? {
        words.language == .vi ? label : nil
    }

    /// "Tỉnh Vĩnh Phúc" as English writes it: "Vĩnh Phúc Province" ("Thành phố Hà Nội": "Hà Nội City").
    static func englishProvince(_ name: String) -> String {
        for (prefix, kind) in [("Tỉnh ", "Province"), ("Thành phố ", "City")] where name.hasPrefix(prefix) {
            return "\(name.dropFirst(prefix.count)) \(kind)"
        }
        return name
    }

    /// The office's name in English: the committee of before 2025 and the department of after; another name as it is.
    static func englishAgency(_ name: String) -> String {
        if name.hasPrefix("Ban Dân tộc") { return "Ethnic Affairs Committee" }
        if name.hasPrefix("Sở Dân tộc và Tôn giáo") { return "Department of Ethnic and Religious Affairs" }
        return name
    }

    public static func cell(_ day: Day?) -> DocumentCell {
        day.map { .date(year: $0.year, month: $0.month, day: $0.day) } ?? .empty
    }
}

/// Whose document a yearly list is (issue 12, Nghị định 30/2020/NĐ-CP).
///
/// The rule: a year's list approved by ONE decision of a People's Committee (UBND tỉnh until 14/01/2024, UBND huyện
/// until 30/06/2025, UBND xã since; DOMAIN.md §2, §10) is that decision's annex — "Phụ lục", under the committee's
/// heading ("ỦY BAN NHÂN DÂN" over "TỈNH VĨNH PHÚC", no governing body above it), with the line "(Kèm theo Quyết
/// định số … ngày … của …)" and the committee's signature ("TM. ỦY BAN NHÂN DÂN" / "CHỦ TỊCH"; a decision issued
/// by the chairperson in person: "CHỦ TỊCH"). A list put together from parts several districts or communes approved
/// is a document the office prepares: the office's heading in force on its date (`DocumentTexts.governingBody` /
/// `issuingBody`) and its head's signature block (`DocumentTexts.signatures()`).
public struct ListAuthorship: Sendable, Equatable {
    /// "Phụ lục" for an annex; nil for the office's own document.
    public var annex: String?
    public var governingBody: String
    public var issuingBody: String
    public var signatures: [SignatureBlock]

    /// Whether an issuer's name is a People's Committee (UBND …, Ủy ban nhân dân …, Chủ tịch UBND …).
    public static func isPeoplesCommittee(_ issuer: String) -> Bool {
        let key = VietnameseText.searchKey(issuer)
        return ["ubnd", "uy ban nhan dan", "chu tich ubnd", "chu tich uy ban nhan dan"].contains { key.hasPrefix($0) }
    }

    /// Whose document the approved list `list` is, in `texts`' language.
    public init(list: UytinDatabase.YearlyList, texts: DocumentTexts) {
        let words = texts.words
        let decision = list.decision
        guard list.parts.count == 1, Self.isPeoplesCommittee(decision.issuer) else {
            annex = nil
            governingBody = texts.governingBody
            issuingBody = texts.issuingBody
            signatures = texts.signatures()
            return
        }
        annex = words.say("Phụ lục", "Annex")
        governingBody = ""
        issuingBody = words.say("ỦY BAN NHÂN DÂN\n" + decision.issuerArea.uppercased(),
                                "PEOPLE'S COMMITTEE\n" + decision.issuerArea.uppercased())
        let byChairperson = VietnameseText.searchKey(decision.issuer).hasPrefix("chu tich")
        let seal = words.say("(Ký tên, đóng dấu)", "(Signature, seal)")
        signatures = [byChairperson
            ? SignatureBlock(role: words.say("CHỦ TỊCH", "CHAIRPERSON"), note: seal)
            : SignatureBlock(role: words.say("TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH", "ON BEHALF OF THE PEOPLE'S COMMITTEE\nCHAIRPERSON"), note: seal)]
    }
}
