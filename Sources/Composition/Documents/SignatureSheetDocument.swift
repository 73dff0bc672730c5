import Documents
import Registry
import Scheduler
import Storage

/// The signature sheet ("Danh sách ký nhận"): who receives which benefit, how much, and where they sign.
public struct SignatureSheetDocument: ComposedDocument {
    public let auditName = "entitlements"
    public let year: Int
    let database: UytinDatabase
    let texts: DocumentTexts
    let kind: BenefitKind?
    let commune: (code: String, name: String)?

    /// `commune`: only the sheet that commune signs.
    public init(database: UytinDatabase, words: Wording, year: Int, kind: BenefitKind?, commune: (code: String, name: String)? = nil) throws {
        self.database = database
        self.year = year
        self.kind = kind
        self.commune = commune
        texts = try DocumentTexts(words: words, database: database, year: year)
    }

    public func compose(into output: any DocumentOutput) throws {
        let words = texts.words
        let what = kind.map { words.say($0.label).uppercased() } ?? words.say("CHẾ ĐỘ, CHÍNH SÁCH", "BENEFITS")
        let place = commune.map { " " + $0.name.uppercased() } ?? ""
        let header = DocumentHeader(
            governingBody: texts.governingBody, issuingBody: texts.issuingBody,
            title: words.say("DANH SÁCH KÝ NHẬN \(what) NĂM \(year)\(place)", "SIGNATURE SHEET: \(what), \(year)\(place)"),
            subtitle: words.say("(Đối với người có uy tín trong đồng bào dân tộc thiểu số)", "(For reputable persons in ethnic minority communities)"),
            placeAndDate: texts.placeAndDate,
            signatures: texts.signatures(accountant: true))
        let columns = [
            DocumentColumn(words.say("Họ và tên", "Full name"), width: 24),
            DocumentColumn(words.say("Thôn", "Village"), width: 20),
            DocumentColumn(words.say("Xã", "Commune"), width: 16),
            DocumentColumn(words.say("Ngày", "Date"), kind: .date),
            DocumentColumn(words.say("Số tiền (đồng)", "Amount (đ)"), kind: .money, total: true),
            DocumentColumn(words.say("Hình thức", "Method"), width: 14),
            DocumentColumn(words.say("Ký nhận", "Signature"), kind: .signature),
        ]
        try output.begin(header: header, columns: columns, style: texts.style(countNoun: words.say("người", "persons")))
        try database.forEachEntitlement(.init(year: year, kind: kind, communeCode: commune?.code)) { entitlement in
            guard entitlement.status != .cancelled else { return }
            let groups = kind == nil ? [words.say(entitlement.kind.label), entitlement.district] : [entitlement.district]
            try output.emit(DocumentRow(groups: groups, cells: [
                .text(entitlement.person), .text(entitlement.village), .text(entitlement.commune),
                DocumentTexts.cell(entitlement.deliveredOn ?? entitlement.dueDate), .money(entitlement.amount),
                .text(words.say(entitlement.method.label)), .empty,
            ]), EntitlementJSON(entitlement))
        }
        try output.finish(summaries: [])
    }
}
