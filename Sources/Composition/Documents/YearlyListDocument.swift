import Documents
import Registry
import Storage

/// The approved list of a year ("Danh sách người có uy tín … năm Y"), grouped by district and commune while
/// districts existed, by commune after, in the columns offices use: STT, Họ và tên, Năm sinh (Nam | Nữ), Dân tộc,
/// Thôn, Xã, Huyện (while districts existed), Thành phần, Ghi chú.
///
/// Citizen ID numbers are personal data (Nghị định 13/2023/NĐ-CP, Luật Bảo vệ dữ liệu cá nhân 91/2025/QH15): the
/// list leaves them out unless asked (`ids`), masked or, with a reason the audit log keeps, in full.
public struct YearlyListDocument: ComposedDocument {
    /// Which citizen ID numbers the list prints: none (no column, no key in JSON — the default), masked to the last 3
    /// digits, or in full (`--unmasked-ids --reason`); the export's audit row says the same.
    public typealias IDs = UytinDatabase.ExportedCitizenIDs

    public let auditName = "list"
    public let year: Int
    let database: UytinDatabase
    let texts: DocumentTexts
    let ids: IDs

    public init(database: UytinDatabase, words: Wording, year: Int, ids: IDs = .none) throws {
        self.database = database
        self.year = year
        self.ids = ids
        texts = try DocumentTexts(words: words, database: database, year: year)
    }

    public func compose(into output: any DocumentOutput) throws {
        let words = texts.words
        guard let approved = try database.yearlyList(year) else { throw RegistryError.yearNotApproved(year) }
        // One approving decision (an annex of it, under that committee's heading), or the parts the districts or
        // communes approved (the office's document): see ListAuthorship.
        let authorship = ListAuthorship(list: approved, texts: texts)
        let subtitle: String
        if approved.parts.count == 1 {
            let decision = approved.decision
            subtitle = words.say("(Kèm theo Quyết định số \(decision.number) ngày \(decision.decidedOn.vietnamese) của \(decision.issuer))",
                                 "(Attached to decision \(decision.number) of \(decision.decidedOn.iso) by \(decision.issuer))")
        } else {
            // In the order they were decided.
            let ordered = approved.parts.sorted { ($0.decision.decidedOn, $0.decision.number) < ($1.decision.decidedOn, $1.decision.number) }
            let parts = ordered.map { "\($0.decision.number) ngày \($0.decision.decidedOn.vietnamese) của \($0.decision.issuer)" }
            let partsEn = ordered.map { "\($0.decision.number) of \($0.decision.decidedOn.iso) by \($0.decision.issuer)" }
            subtitle = words.say("(Tổng hợp các phần đã phê duyệt theo Quyết định số \(parts.joined(separator: "; ")))",
                                 "(The parts approved by decisions \(partsEn.joined(separator: "; ")))")
        }
        let born = words.say("Năm sinh", "Year of birth")
        // The list is grouped by district and commune while districts existed, by commune after (its shape, read in
        // the same snapshot as its rows, tells).
        var begun = false
        var withDistricts = true
        var byEthnic: [String: Int] = [:]
        try database.forEachOnYearlyList(year, shape: { shape in
            withDistricts = shape.district > 0
            let columns = [
                DocumentColumn(words.say("Họ và tên", "Full name"), width: 24),
                DocumentColumn(words.say("Nam", "Male"), kind: .integer, width: 7, band: born),
                DocumentColumn(words.say("Nữ", "Female"), kind: .integer, width: 7, band: born),
                DocumentColumn(words.say("Dân tộc", "Ethnic group"), width: 12),
                DocumentColumn(words.say("Thôn", "Village"), width: 20),
                DocumentColumn(words.say("Xã", "Commune"), width: 18, repeatsGroup: true),
            ] + (withDistricts ? [DocumentColumn(words.say("Huyện", "District"), width: 18, repeatsGroup: true)] : []) + [
                DocumentColumn(words.say("Thành phần", "Roles"), width: 26),
            ] + (ids == .none ? [] : [DocumentColumn(words.say("Số CCCD", "Citizen ID"), width: 15)]) + [
                DocumentColumn(words.say("Ghi chú", "Note"), width: 24),
            ]
            let header = DocumentHeader(
                governingBody: authorship.governingBody, issuingBody: authorship.issuingBody,
                title: words.say("DANH SÁCH NGƯỜI CÓ UY TÍN TRONG ĐỒNG BÀO DÂN TỘC THIỂU SỐ NĂM \(year)",
                                 "LIST OF REPUTABLE PERSONS IN ETHNIC MINORITY COMMUNITIES, \(year)"),
                subtitle: subtitle,
                // An annex bears the date of the decision it is attached to (in its subtitle), not a date of its own.
                placeAndDate: authorship.annex == nil ? texts.placeAndDate : nil, signatures: authorship.signatures,
                annex: authorship.annex, sheetName: words.say("Danh sách \(year)", "List \(year)"))
            try output.begin(header: header, columns: columns, style: texts.style(countNoun: words.say("người", "persons")))
            begun = true
        }) { person in
            var entry = person
            entry.phone = nil
            switch ids {
            case .none: entry.idNumber = nil
            case .masked: entry.idNumber = person.idNumber.map(CitizenID.masked)
            case .full: break
            }
            byEthnic[person.ethnicGroup, default: 0] += 1
            // The birth year in the column of the person's gender; a reprint after a correction of someone's record
            // prints the corrected record and notes each correction with its date in "Ghi chú".
            let birth = DocumentCell.integer(person.birthYear)
            try output.emit(DocumentRow(groups: (withDistricts ? [person.district] : []) + [person.commune], cells: [
                .text(person.name), person.gender == .nam ? birth : .empty, person.gender == .nu ? birth : .empty,
                .text(person.ethnicGroup), .text(person.village), .text(person.commune),
            ] + (withDistricts ? [.text(person.district)] : []) + [
                .text(person.roles.map { words.say($0.label) }.joined(separator: ", ")),
            ] + (ids == .none ? [] : [.text(entry.idNumber ?? "")]) + [
                .text((person.corrections ?? []).map { words.say($0.note) }.joined(separator: "; ")),
            ], subject: person.id), entry)
        }
        guard begun else { throw RegistryError.yearNotApproved(year) }
        try output.finish(summaries: [DocumentSummary(
            title: words.say("TỔNG HỢP THEO DÂN TỘC", "BY ETHNIC GROUP"),
            columns: [DocumentColumn(words.say("Dân tộc", "Ethnic group")), DocumentColumn(words.say("Số người", "Persons"), kind: .integer, total: true)],
            rows: byEthnic.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.map { [.text($0.key), .integer($0.value)] })])
    }
}
