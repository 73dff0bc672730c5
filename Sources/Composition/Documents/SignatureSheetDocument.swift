import Documents
import Registry
import Scheduler
import Storage
import VietnameseCalendar

/// The signature sheet ("Danh sách ký nhận"): who receives which benefit, how much, and where they sign.
///
/// One line per occasion, except newspapers: a person signs once a year for the year's issues ("Số kỳ báo").
/// The totals count persons and occasions apart ("Tổng cộng: 69 người, 179 lượt"), and the amount is spelled.
/// A sheet with nothing to sign is refused (`nothing_to_export`), before any file is begun.
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
        var (byDistrict, newspaperColumn) = (false, false)
        // The sheet's shape (columns, the refusal of an empty sheet) and its lines, read on one snapshot.
        try database.signatureSheet(year: year, kind: kind, communeCode: commune?.code, shape: { summary in
            (byDistrict, newspaperColumn) = try begin(summary, into: output)
        }) { line in
            let entitlement = line.entitlement
            let area = byDistrict && !entitlement.district.isEmpty ? entitlement.district : entitlement.commune
            let groups = kind == nil ? [words.say(entitlement.kind.label), area] : [area]
            var cells: [DocumentCell] = []
            if kind == nil { cells.append(.text(words.say(entitlement.kind.label))) }
            cells += [.text(entitlement.person), .text(entitlement.village), .text(entitlement.commune)]
            if byDistrict { cells.append(.text(entitlement.district)) }
            if newspaperColumn { cells.append(line.issues.map(DocumentCell.integer) ?? .empty) }
            cells += [DocumentTexts.cell(line.day), .money(line.amount), .text(words.say(entitlement.method.label)), .empty]
            let object: any Encodable = line.issues == nil ? EntitlementJSON(entitlement) : NewspaperLineJSON(line)
            try output.emit(DocumentRow(groups: groups, cells: cells, subject: entitlement.personId, occasions: line.issues ?? 1), object)
        }
        try output.finish(summaries: [])
    }

    /// Starts the sheet for what it holds: refused when empty; a district column while districts existed; the
    /// issues' column when newspapers are on it. Returns those two choices for the lines.
    private func begin(_ summary: UytinDatabase.SignatureSheetSummary, into output: any DocumentOutput) throws
        -> (byDistrict: Bool, newspaperColumn: Bool) {
        let words = texts.words
        let what = kind.map { words.say($0.label).uppercased() } ?? words.say("CHẾ ĐỘ, CHÍNH SÁCH", "BENEFITS")
        let place = commune.map { " " + $0.name.uppercased() } ?? ""
        guard summary.lines > 0 else {
            let kindWords = kind.map { $0.shortLabel } ?? Message(vi: "chế độ", en: "benefits")
            let inCommune = commune.map { " " + $0.name } ?? ""
            throw RegistryError.nothingToExport(
                Message(vi: "bảng ký nhận \(kindWords.vi) năm \(year)\(inCommune)", en: "signature sheet of \(kindWords.en), \(year)\(inCommune)"),
                hint: Message(vi: "Nếu chưa chạy, hãy lập các khoản bằng `uytin run`; xem các khoản đã có bằng `uytin entitlement list --year \(year)`.",
                              en: "If it has not run yet, make them with `uytin run`; see those made with `uytin entitlement list --year \(year)`."))
        }
        let onlyNewspapers = kind == .newspaper
        let header = DocumentHeader(
            governingBody: texts.governingBody, issuingBody: texts.issuingBody,
            title: words.say("DANH SÁCH KÝ NHẬN \(what) NĂM \(year)\(place)", "SIGNATURE SHEET: \(what), \(year)\(place)"),
            subtitle: words.say("(Đối với người có uy tín trong đồng bào dân tộc thiểu số)", "(For reputable persons in ethnic minority communities)"),
            placeAndDate: texts.placeAndDate,
            signatures: texts.signatures(accountant: true),
            sheetName: Self.sheetName(kind: kind, year: year, words: words))
        // Grouped by district while districts existed (the sheet's lines say so), by commune after.
        let byDistrict = summary.hasDistricts
        var columns: [DocumentColumn] = []
        if kind == nil { columns.append(DocumentColumn(words.say("Chế độ", "Benefit"), width: 24, repeatsGroup: true)) }
        columns += [
            DocumentColumn(words.say("Họ và tên", "Full name"), width: 24),
            DocumentColumn(words.say("Thôn", "Village"), width: 20),
            DocumentColumn(words.say("Xã", "Commune"), width: 16, repeatsGroup: !byDistrict),
        ]
        if byDistrict { columns.append(DocumentColumn(words.say("Huyện", "District"), width: 16, repeatsGroup: true)) }
        let newspaperColumn = summary.newspaperLines > 0
        if newspaperColumn {
            columns.append(DocumentColumn(words.say("Số kỳ báo", "Issues"), kind: .integer, width: 9, total: true))
        }
        columns += [
            DocumentColumn(words.say(onlyNewspapers ? "Từ ngày" : "Ngày", onlyNewspapers ? "From" : "Date"), kind: .date),
            DocumentColumn(words.say("Số tiền (đồng)", "Amount (đ)"), kind: .money, total: true, spelledOut: texts.spelledOut("Bằng chữ")),
            DocumentColumn(words.say("Hình thức", "Method"), width: 14),
            DocumentColumn(words.say("Ký nhận", "Signature"), kind: .signature),
        ]
        // Persons and occasions counted apart: a newspaper line of 12 issues is one person and 12 occasions ("lượt"),
        // as the budget counts them.
        var style = texts.style(countNoun: words.say("lượt", "occasions"))
        style.distinctNoun = words.say("người", "persons")
        try output.begin(header: header, columns: columns, style: style)
        return (byDistrict, newspaperColumn)
    }

    /// The workbook's sheet name: "Ký nhận Quà Tết 2022" (at most 31 characters, as Excel allows).
    static func sheetName(kind: BenefitKind?, year: Int, words: Wording) -> String {
        let name = words.say("Ký nhận \(kind.map { words.say($0.shortLabel) } ?? "chế độ") \(year)",
                             "Signatures \(kind.map { words.say($0.shortLabel) } ?? "benefits") \(year)")
        return name.count <= 31 ? name : String(name.prefix(26)) + " \(year)"
    }
}

/// A newspaper line of the signature sheet in JSON: the person's year of issues.
struct NewspaperLineJSON: Encodable {
    var personId: Int64
    var person: String
    var village: String
    var commune: String
    var kind: String
    var year: Int
    var issues: Int
    var amount: Int
    var fromDate: Day
    var funding: String
    var method: String
    var entitlementIds: [Int64]

    init(_ line: UytinDatabase.SignatureLine) {
        let e = line.entitlement
        personId = e.personId; person = e.person; village = e.village; commune = e.commune; kind = e.kind.rawValue
        year = e.occasionDate.year; issues = line.issues ?? 1; amount = line.amount; fromDate = line.day
        funding = e.funding.rawValue; method = e.method.rawValue; entitlementIds = line.entitlementIds
    }
}
