import Documents
import Registry
import Storage
import VietnameseCalendar

/// What the decisions of a year changed in the list ("Danh sách … đưa ra khỏi danh sách, công nhận bổ sung, thay
/// thế năm Y"): each change in the year of the decision that made it, with the decision's number and date, the
/// reason and the date of death; and the year's balance as an equation that must hold — the list the year began
/// with, minus those removed, plus those recognised, equals the list it ended with ("74 − 7 + 3 = 70"). Each term is
/// counted apart (`UytinDatabase.changeList`, on the rows' snapshot); where they do not agree, or where an approved list differs from
/// the list after the year's decisions, the document says so ("Chênh lệch: …") instead of printing a false sum.
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
        // The changes of a year to come are not known: such a list would say "unchanged" of a year not lived yet.
        let thisYear = Day.todayInVietnam().year
        guard year <= thisYear else {
            throw RegistryError.yearToCome(Message(vi: "danh sách biến động năm \(year)", en: "change list of \(year)"),
                                           year: year, thisYear: thisYear)
        }
        let header = DocumentHeader(
            governingBody: texts.governingBody, issuingBody: texts.issuingBody,
            title: words.say("DANH SÁCH NGƯỜI CÓ UY TÍN ĐƯA RA KHỎI DANH SÁCH, CÔNG NHẬN BỔ SUNG, THAY THẾ NĂM \(year)",
                             "CHANGES TO THE LIST OF REPUTABLE PERSONS, \(year)"),
            subtitle: words.say("(Theo các quyết định của cấp có thẩm quyền ban hành trong năm \(year))",
                                "(By the decisions issued in \(year))"),
            placeAndDate: texts.placeAndDate, signatures: texts.signatures(),
            sheetName: words.say("Biến động \(year)", "Changes \(year)"))
        var begun = false
        var withDistricts = true
        var rebound = 0
        // The rows and the balance they reconcile, read on one snapshot.
        let balance = try database.changeList(year: year, districts: { districts in
            withDistricts = districts
            let columns = [
                DocumentColumn(words.say("Nội dung", "Change"), width: 16),
                DocumentColumn(words.say("Họ và tên", "Full name"), width: 22),
                DocumentColumn(words.say("Năm sinh", "Born"), kind: .integer, width: 7),
                DocumentColumn(words.say("Dân tộc", "Ethnic group"), width: 10),
                DocumentColumn(words.say("Thôn", "Village"), width: 18),
                DocumentColumn(words.say("Xã", "Commune"), width: 16, repeatsGroup: true),
            ] + (withDistricts ? [DocumentColumn(words.say("Huyện", "District"), width: 16, repeatsGroup: true)] : []) + [
                DocumentColumn(words.say("Quyết định", "Decision"), width: 19),
                DocumentColumn(words.say("Ngày quyết định", "Decided on"), kind: .date, width: 13),
                DocumentColumn(words.say("Lý do", "Reason"), width: 22),
                DocumentColumn(words.say("Ghi chú", "Note"), width: 18),
            ]
            // A person replaced and re-bound in one year is two rows: the rows are changes ("lượt"), the persons
            // are counted apart.
            var style = texts.style(countNoun: words.say("lượt thay đổi", "changes"))
            style.distinctNoun = words.say("người", "persons")
            try output.begin(header: header, columns: columns, style: style)
            begun = true
        }) { change in
            var json = change
            json.person.idNumber = nil
            json.person.phone = nil
            let what: String
            var reason = change.reason.map { words.reasonLabel($0) } ?? ""
            switch change.change {
            case .entered:
                if let predecessor = change.counterpart {
                    what = words.say("Thay thế", "Replacement")
                    reason = words.say("Thay cho \(predecessor)", "Replaces \(predecessor)")
                } else {
                    what = change.firstOfTerm ? words.say("Công nhận", "Recognised") : words.say("Công nhận bổ sung", "Recognised (additional)")
                }
            case .left where change.reason == "replaced":
                what = words.say("Thay thế", "Replacement")
                let why = change.replacementReason.map { words.reasonLabel($0) + "; " } ?? ""
                reason = why + words.say("thay bằng \(change.counterpart ?? "")", "replaced by \(change.counterpart ?? "")")
            case .left:
                what = words.say("Đưa ra khỏi danh sách", "Removed")
            case .rebound:
                what = words.say("Gắn lại thôn sau sáp nhập", "Re-bound after merger")
                rebound += 1
            }
            var notes: [String] = []
            if let died = change.person.deathDate, change.change == .left {
                notes.append(words.say("Mất ngày \(died.vietnamese)", "Died on \(died.iso)"))
            }
            if change.date != change.decisionDate, change.date != change.person.deathDate {
                notes.append(words.say("Từ ngày \(change.date.vietnamese)", "From \(change.date.iso)"))
            }
            try output.emit(DocumentRow(groups: (withDistricts ? [change.person.district] : []) + [change.person.commune], cells: [
                .text(what), .text(change.person.name), .integer(change.person.birthYear), .text(change.person.ethnicGroup),
                .text(change.person.village), .text(change.person.commune),
            ] + (withDistricts ? [.text(change.person.district)] : []) + [
                .text(change.decisionNumber), DocumentTexts.cell(change.decisionDate), .text(reason),
                .text(notes.joined(separator: "; ")),
            ], subject: change.person.id), json)
        }
        guard begun else { throw RegistryError.yearNotApproved(year) }
        let lines = Self.balanceLines(balance, rebound: rebound, words: words)
        try output.finish(summaries: [
            DocumentSummary(
                title: words.say("TỔNG HỢP", "SUMMARY"),
                columns: [DocumentColumn(words.say("Nội dung", "Item")),
                          DocumentColumn(words.say("Số người", "Persons"), kind: .integer, total: false)],
                rows: lines.rows.map { [.text($0.0), .integer($0.1)] }),
            DocumentSummary(title: words.say("ĐỐI CHIẾU", "RECONCILIATION"), columns: [DocumentColumn(words.say("Nội dung", "Item"), width: 100)],
                            rows: lines.reconciliation.map { [.text($0)] }),
        ])
    }

    /// The summary's rows and the reconciliation's lines: "74 − 7 + 3 = 70" when the figures agree, and a
    /// "Chênh lệch: …" line for each difference.
    static func balanceLines(_ b: UytinDatabase.ChangeBalance, rebound: Int, words: Wording)
        -> (rows: [(String, Int)], reconciliation: [String]) {
        let year = b.year
        let yearEnd = DocumentTexts.day(ofYear: year)
        func refs(_ decisions: [UytinDatabase.ChangeBalance.DecisionRef]) -> String {
            decisions.map { words.say("số \($0.number) ngày \($0.decidedOn.vietnamese) của \($0.issuer)",
                                      "\($0.number) of \($0.decidedOn.iso) by \($0.issuer)") }.joined(separator: "; ")
        }
        let startLabel: String
        if let previous = b.previousList, previous.count == b.start, b.afterPreviousList.isEmpty {
            startLabel = words.say("Danh sách năm \(previous.year) đã phê duyệt", "List of \(previous.year) as approved")
        } else if b.previousList == nil, b.start == 0 {
            startLabel = words.say("Danh sách trước năm \(year)", "List before \(year)")
        } else {
            startLabel = words.say("Danh sách đến ngày 31/12/\(year - 1)", "List on 31/12/\(year - 1)")
        }
        let endLabel: String
        if let list = b.list, list.count == b.end, b.afterList.isEmpty {
            endLabel = words.say("Danh sách năm \(year) đã phê duyệt", "List of \(year) as approved")
        } else {
            endLabel = words.say("Danh sách đến ngày \(yearEnd.vietnamese)", "List on \(yearEnd.iso)")
        }
        var rows: [(String, Int)] = [(startLabel, b.start),
                                     (words.say("Đưa ra khỏi danh sách (kể cả người được thay thế)", "Removed (including persons replaced)"), b.removed)]
        if let term = b.previousTerm {
            rows.append((words.say("Hết nhiệm kỳ \(term.lowerBound)–\(term.upperBound)", "End of the \(term.lowerBound)–\(term.upperBound) term"), b.termEnded))
        }
        rows.append((words.say("Công nhận, công nhận bổ sung, thay thế", "Recognised, additionally recognised, replacing"), b.recognised))
        if rebound > 0 {
            rows.append((words.say("Gắn lại thôn sau sáp nhập (không thay đổi số người)", "Re-bound after a merger (no change in number)"), rebound))
        }
        rows.append((endLabel, b.end))

        let out = b.removed + b.termEnded
        var lines: [String] = []
        if b.holds {
            let minus = b.previousTerm == nil ? words.say("đưa ra", "removed") : words.say("đưa ra và hết nhiệm kỳ", "removed and term ended")
            lines.append(words.say("\(startLabel) − \(minus) + công nhận = \(endLabel.prefix(1).lowercased() + endLabel.dropFirst()): \(b.start) − \(out) + \(b.recognised) = \(b.end)",
                                   "\(startLabel) − \(minus) + recognised = \(endLabel): \(b.start) − \(out) + \(b.recognised) = \(b.end)"))
        } else {
            let difference = b.end - b.computedEnd
            lines.append(words.say(
                "Chênh lệch: \(b.start) − \(out) + \(b.recognised) = \(b.computedEnd), nhưng \(endLabel.lowercased()) có \(b.end) người (\(Self.signed(difference)) người).",
                "Difference: \(b.start) − \(out) + \(b.recognised) = \(b.computedEnd), but the \(endLabel.lowercased()) holds \(b.end) (\(Self.signed(difference)))."))
        }
        if let previous = b.previousList, previous.count != b.start || !b.afterPreviousList.isEmpty {
            lines.append(words.say(
                "Danh sách năm \(previous.year) được phê duyệt ngày \(previous.approvedOn.vietnamese) có \(previous.count) người; các quyết định \(refs(b.afterPreviousList)) ban hành sau ngày đó đưa danh sách đến ngày 31/12/\(year - 1) thành \(b.start) người (\(Self.signed(b.start - previous.count))).",
                "The \(previous.year) list approved on \(previous.approvedOn.iso) holds \(previous.count); decisions \(refs(b.afterPreviousList)) issued later make the list on 31/12/\(year - 1) \(b.start) (\(Self.signed(b.start - previous.count)))."))
        }
        if let list = b.list, list.count != b.end || !b.afterList.isEmpty {
            lines.append(words.say(
                "Chênh lệch: danh sách năm \(year) được phê duyệt ngày \(list.approvedOn.vietnamese) có \(list.count) người, danh sách đến ngày \(yearEnd.vietnamese) có \(b.end) người (\(Self.signed(b.end - list.count))): các quyết định \(refs(b.afterList)) ban hành sau ngày phê duyệt; các thay đổi này vào danh sách năm \(year + 1).",
                "Difference: the \(year) list approved on \(list.approvedOn.iso) holds \(list.count), the list on \(yearEnd.iso) \(b.end) (\(Self.signed(b.end - list.count))): decisions \(refs(b.afterList)) came after the approval; their changes go into the \(year + 1) list."))
        } else if b.list == nil {
            lines.append(words.say("Năm \(year) chưa có danh sách được phê duyệt.", "No list has been approved for \(year)."))
        }
        return (rows, lines)
    }

    static func signed(_ n: Int) -> String { n > 0 ? "+\(n)" : n < 0 ? "−\(-n)" : "0" }
}
