import Documents
import Registry
import Scheduler
import Storage

/// The budget estimate and what was spent of a year ("Dự toán kinh phí … năm Y"), by funding source and benefit.
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
        let header = DocumentHeader(
            governingBody: texts.governingBody, issuingBody: texts.issuingBody,
            title: words.say("DỰ TOÁN KINH PHÍ THỰC HIỆN CHÍNH SÁCH ĐỐI VỚI NGƯỜI CÓ UY TÍN NĂM \(year)",
                             "BUDGET ESTIMATE FOR THE BENEFITS OF REPUTABLE PERSONS, \(year)"),
            subtitle: words.say("(Theo Quyết định số 12/2018/QĐ-TTg; dự toán gồm các khoản đã lập và dự kiến theo danh sách hiện hành)",
                                "(Under QĐ 12/2018/QĐ-TTg; the estimate covers entitlements made and those projected from the current list)"),
            placeAndDate: texts.placeAndDate,
            signatures: texts.signatures(accountant: true))
        let columns = [
            DocumentColumn(words.say("Nội dung chi", "Benefit"), width: 40),
            DocumentColumn(words.say("Số lượt", "Count"), kind: .integer, width: 10, total: true),
            DocumentColumn(words.say("Dự toán (đồng)", "Estimate (đ)"), kind: .money, width: 16, total: true),
            DocumentColumn(words.say("Trong đó dự kiến", "Of which projected"), kind: .integer, width: 12),
            DocumentColumn(words.say("Đã thực hiện (đồng)", "Actual (đ)"), kind: .money, width: 16, total: true),
        ]
        try output.begin(header: header, columns: columns, style: texts.style(countNoun: nil, orientation: .portrait))
        let lines = try database.budget(year: year).sorted { ($0.funding.rawValue, $0.kind.rawValue) < ($1.funding.rawValue, $1.kind.rawValue) }
        for line in lines {
            try output.emit(DocumentRow(groups: [words.say(line.funding.label)], cells: [
                .text(words.say(line.kind.label)), .integer(line.estimatedCount), .money(line.estimate), .integer(line.projectedCount),
                .money(line.actual),
            ]), line)
        }
        try output.finish(summaries: [])
    }
}
