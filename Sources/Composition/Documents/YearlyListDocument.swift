import Documents
import Registry
import Storage

/// The approved list of a year ("Danh sách người có uy tín … năm Y"), grouped by district and commune while
/// districts existed, by commune after.
public struct YearlyListDocument: ComposedDocument {
    public let auditName = "list"
    public let year: Int
    let database: UytinDatabase
    let texts: DocumentTexts
    let masked: Bool

    public init(database: UytinDatabase, words: Wording, year: Int, masked: Bool) throws {
        self.database = database
        self.year = year
        self.masked = masked
        texts = try DocumentTexts(words: words, database: database, year: year)
    }

    public func compose(into output: any DocumentOutput) throws {
        let words = texts.words
        guard let approved = try database.yearlyList(year) else { throw RegistryError.yearNotApproved(year) }
        // One approving decision (the province's), or the parts the districts or communes approved.
        let subtitle: String
        if approved.parts.count == 1 {
            let decision = approved.decision
            subtitle = words.say("(Kèm theo Quyết định số \(decision.number) ngày \(decision.decidedOn.vietnamese) của \(decision.issuer))",
                                 "(Attached to decision \(decision.number) of \(decision.decidedOn.iso) by \(decision.issuer))")
        } else {
            let parts = approved.parts.map { "\($0.decision.number) ngày \($0.decision.decidedOn.vietnamese) của \($0.decision.issuer)" }
            let partsEn = approved.parts.map { "\($0.decision.number) of \($0.decision.decidedOn.iso) by \($0.decision.issuer)" }
            subtitle = words.say("(Tổng hợp các phần đã phê duyệt theo Quyết định số \(parts.joined(separator: "; ")))",
                                 "(The parts approved by decisions \(partsEn.joined(separator: "; ")))")
        }
        let columns = [
            DocumentColumn(words.say("Họ và tên", "Full name"), width: 24),
            DocumentColumn(words.say("Năm sinh", "Born"), kind: .integer, width: 9),
            DocumentColumn(words.say("Giới tính", "Sex"), width: 8),
            DocumentColumn(words.say("Dân tộc", "Ethnic group"), width: 12),
            DocumentColumn(words.say("Thôn", "Village"), width: 22),
            DocumentColumn(words.say("Thành phần", "Roles"), width: 30),
            DocumentColumn(words.say("Số CCCD/CMND", "Citizen ID"), width: 15),
        ]
        // The list is grouped by district and commune while districts existed, by commune after (its shape, read in
        // the same snapshot as its rows, tells).
        var begun = false
        var withDistricts = true
        var byEthnic: [String: Int] = [:]
        // A reprint after a correction of someone's record prints the corrected record and notes each correction
        // with its date ("Sửa họ tên ngày ...: cũ → mới"); a list without any keeps its columns.
        var notes = false
        try database.forEachOnYearlyList(year, shape: { shape in
            withDistricts = shape.district > 0
            notes = shape.corrected > 0
            let columns = notes ? columns + [DocumentColumn(words.say("Ghi chú", "Note"), width: 40)] : columns
            let header = DocumentHeader(
                governingBody: texts.governingBody, issuingBody: texts.issuingBody,
                title: words.say("DANH SÁCH NGƯỜI CÓ UY TÍN TRONG ĐỒNG BÀO DÂN TỘC THIỂU SỐ NĂM \(year)",
                                 "LIST OF REPUTABLE PERSONS IN ETHNIC MINORITY COMMUNITIES, \(year)"),
                subtitle: subtitle, placeAndDate: texts.placeAndDate, signatures: texts.signatures())
            try output.begin(header: header, columns: columns, style: texts.style(countNoun: words.say("người", "persons")))
            begun = true
        }) { person in
            var entry = person
            entry.phone = nil
            entry.idNumber = person.idNumber.map { masked ? CitizenID.masked($0) : $0 }
            byEthnic[person.ethnicGroup, default: 0] += 1
            try output.emit(DocumentRow(groups: (withDistricts ? [person.district] : []) + [person.commune], cells: [
                .text(person.name), .integer(person.birthYear), .text(words.say(person.gender.label)), .text(person.ethnicGroup),
                .text(person.village), .text(person.roles.map { words.say($0.label) }.joined(separator: ", ")),
                .text(entry.idNumber ?? ""),
            ] + (notes ? [.text((person.corrections ?? []).map { words.say($0.note) }.joined(separator: "; "))] : [])), entry)
        }
        guard begun else { throw RegistryError.yearNotApproved(year) }
        try output.finish(summaries: [DocumentSummary(
            title: words.say("TỔNG HỢP THEO DÂN TỘC", "BY ETHNIC GROUP"),
            columns: [DocumentColumn(words.say("Dân tộc", "Ethnic group")), DocumentColumn(words.say("Số người", "Persons"), kind: .integer, total: true)],
            rows: byEthnic.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.map { [.text($0.key), .integer($0.value)] })])
    }
}
