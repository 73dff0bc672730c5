import Documents
import Registry
import Scheduler
import Storage

/// The budget estimate and what was spent of a year ("Dự toán kinh phí … năm Y"), by funding source and benefit.
///
/// "Bằng chữ" spells the estimate's total (what the document asks for); the amount spent has its own line. Persons
/// are counted apart from occasions (12 issues of newspapers are 12 occasions of one person). A year with no
/// entitlement made or projected is refused (`nothing_to_export`).
public struct BudgetDocument: ComposedDocument {
    public let auditName = "budget"
    public let year: Int
    let database: UytinDatabase
    let texts: DocumentTexts

    public init(database: UytinDatabase, words: Wording, year: Int) throws {
        self.database = database
        self.year = year
        texts = try DocumentTexts(words: words, database: database, year: year)
    }

    public func compose(into output: any DocumentOutput) throws {
        let words = texts.words
        let budget = try database.budgetWithPersons(year: year)
        guard budget.estimatedCount > 0 else {
            throw RegistryError.nothingToExport(
                Message(vi: "dự toán kinh phí năm \(year)", en: "budget of \(year)"),
                hint: Message(vi: "Năm này không có khoản chế độ nào đã lập hay dự kiến theo danh sách và quy định hiện hành.",
                              en: "The year has no entitlement made, nor any projected from the current list and rules."))
        }
        let header = DocumentHeader(
            governingBody: texts.governingBody, issuingBody: texts.issuingBody,
            title: words.say("DỰ TOÁN KINH PHÍ THỰC HIỆN CHÍNH SÁCH ĐỐI VỚI NGƯỜI CÓ UY TÍN NĂM \(year)",
                             "BUDGET ESTIMATE FOR THE BENEFITS OF REPUTABLE PERSONS, \(year)"),
            subtitle: words.say("(Theo Quyết định số 12/2018/QĐ-TTg; dự toán gồm các khoản đã lập và các khoản dự kiến, chưa lập, theo danh sách hiện hành)",
                                "(Under QĐ 12/2018/QĐ-TTg; the estimate covers entitlements made and those projected, not yet made, from the current list)"),
            placeAndDate: texts.placeAndDate,
            signatures: texts.signatures(accountant: true),
            sheetName: words.say("Dự toán \(year)", "Budget \(year)"))
        let money = words.say("Số tiền (đồng)", "Amount (đ)")
        let estimate = words.say("Dự toán", "Estimate")
        let projected = words.say("Trong đó: dự kiến, chưa lập", "Of which projected, not yet made")
        let delivered = words.say("Đã thực hiện", "Delivered")
        let columns = [
            DocumentColumn(words.say("Nguồn kinh phí", "Funding"), width: 20, repeatsGroup: true),
            DocumentColumn(words.say("Nội dung chi", "Benefit"), width: 36),
            // Three bands of the same three measures: the estimate, the part of it not yet made by a run (projected
            // from the current list), and what was delivered. Persons are not summed down the column: one person has
            // several benefits; the year's persons, each once, are in the summary.
            DocumentColumn(words.say("Số người", "Persons"), kind: .integer, width: 8, band: estimate),
            DocumentColumn(words.say("Số lượt", "Occasions"), kind: .integer, width: 8, total: true, band: estimate),
            DocumentColumn(money, kind: .money, width: 15, total: true, band: estimate, spelledOut: texts.spelledOut("Bằng chữ")),
            DocumentColumn(words.say("Số lượt", "Occasions"), kind: .integer, width: 8, total: true, band: projected),
            DocumentColumn(money, kind: .money, width: 15, total: true, band: projected),
            DocumentColumn(words.say("Số lượt", "Occasions"), kind: .integer, width: 8, total: true, band: delivered),
            DocumentColumn(money, kind: .money, width: 15, total: true, band: delivered,
                           spelledOut: texts.spelledOut("Số đã thực hiện bằng chữ")),
        ]
        try output.begin(header: header, columns: columns, style: texts.style(countNoun: nil, orientation: .portrait))
        let lines = budget.lines.sorted { ($0.funding.rawValue, $0.kind.rawValue) < ($1.funding.rawValue, $1.kind.rawValue) }
        for line in lines {
            let funding = words.say(line.funding.label)
            try output.emit(DocumentRow(groups: [funding], cells: [
                .text(funding), .text(words.say(line.kind.label)), .integer(line.persons), .integer(line.estimatedCount),
                .money(line.estimate), .integer(line.projectedCount), .money(line.projectedAmount), .integer(line.deliveredCount),
                .money(line.actual),
            ]), line)
        }
        let count = DocumentColumn(words.say("Số người", "Persons"), kind: .integer, width: 12)
        try output.finish(summaries: [
            DocumentSummary(title: words.say("Số người được hưởng (mỗi người tính một lần)", "Persons benefiting (each counted once)"),
                            columns: [DocumentColumn(words.say("Nội dung", "Item"), width: 50), count],
                            rows: [
                                [.text(words.say("Trong dự toán", "In the estimate")), .integer(budget.persons)],
                                [.text(words.say("Đã nhận ít nhất một khoản", "Received at least one entitlement")),
                                 .integer(budget.deliveredPersons)],
                            ], sheetName: words.say("Số người", "Persons")),
        ])
    }
}
