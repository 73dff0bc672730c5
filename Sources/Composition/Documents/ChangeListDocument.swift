import Documents
import Registry
import Storage

/// Who entered and left the list in a year, with the decision and the reason ("Danh sách … đưa ra khỏi danh
/// sách, công nhận bổ sung, thay thế năm Y").
public struct ChangeListDocument: ComposedDocument {
    public let auditName = "changes"
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
            title: words.say("DANH SÁCH NGƯỜI CÓ UY TÍN ĐƯA RA KHỎI DANH SÁCH, CÔNG NHẬN BỔ SUNG, THAY THẾ NĂM \(year)",
                             "CHANGES TO THE LIST OF REPUTABLE PERSONS, \(year)"),
            subtitle: words.say("(Theo các quyết định của cấp có thẩm quyền trong năm \(year))", "(By the decisions of \(year))"),
            placeAndDate: texts.placeAndDate, signatures: texts.signatures())
        let columns = [
            DocumentColumn(words.say("Nội dung", "Change"), width: 18),
            DocumentColumn(words.say("Họ và tên", "Full name"), width: 24),
            DocumentColumn(words.say("Năm sinh", "Born"), kind: .integer, width: 9),
            DocumentColumn(words.say("Dân tộc", "Ethnic group"), width: 12),
            DocumentColumn(words.say("Thôn", "Village"), width: 22),
            DocumentColumn(words.say("Từ ngày", "From"), kind: .date),
            DocumentColumn(words.say("Quyết định", "Decision"), width: 16),
            DocumentColumn(words.say("Lý do", "Reason"), width: 26),
        ]
        try output.begin(header: header, columns: columns, style: texts.style(countNoun: words.say("người", "persons")))
        var byChange: [UytinDatabase.ListChange.Change: Int] = [:]
        try database.forEachChange(year: year) { change in
            byChange[change.change, default: 0] += 1
            var json = change
            json.person.idNumber = nil
            json.person.phone = nil
            let what = switch change.change {
            case .entered: change.counterpart == nil ? words.say("Công nhận bổ sung", "Recognised") : words.say("Thay thế", "Replacement")
            case .left: words.say("Đưa ra khỏi danh sách", "Removed")
            case .rebound: words.say("Gắn lại thôn sau sáp nhập", "Re-bound after merger")
            }
            var reason = change.reason.map { words.reasonLabel($0) } ?? ""
            if change.change == .left, change.reason == "death", let died = change.person.deathDate {
                reason += words.say(", mất ngày \(died.vietnamese)", ", died on \(died.iso)")
            }
            if change.reason == "replaced" { reason = words.say("Thay bằng \(change.counterpart ?? "")", "Replaced by \(change.counterpart ?? "")") }
            if change.change == .entered, let predecessor = change.counterpart {
                reason = words.say("Thay cho \(predecessor)", "Replaces \(predecessor)")
            }
            try output.emit(DocumentRow(groups: [change.person.district, change.person.commune], cells: [
                .text(what), .text(change.person.name), .integer(change.person.birthYear), .text(change.person.ethnicGroup),
                .text(change.person.village), DocumentTexts.cell(change.date),
                .text("\(change.decisionNumber) (\(change.decisionDate.vietnamese))"), .text(reason),
            ]), json)
        }
        let labels: [(UytinDatabase.ListChange.Change, String)] = [
            (.entered, words.say("Công nhận bổ sung, thay thế", "Recognised or replacing")),
            (.left, words.say("Đưa ra khỏi danh sách", "Removed")),
            (.rebound, words.say("Gắn lại thôn sau sáp nhập", "Re-bound after merger")),
        ]
        try output.finish(summaries: [DocumentSummary(
            title: words.say("TỔNG HỢP", "SUMMARY"),
            columns: [DocumentColumn(words.say("Nội dung", "Change")), DocumentColumn(words.say("Số người", "Persons"), kind: .integer, total: false)],
            rows: labels.map { [.text($0.1), .integer(byChange[$0.0] ?? 0)] })])
    }
}
