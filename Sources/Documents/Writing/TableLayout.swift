/// What a writer prints, in order, as rows stream through a `TableLayout`.
enum TableEvent {
    /// A group begins: a heading row spanning the table (level 0 is the outermost group).
    case groupHeading(level: Int, name: String)
    /// A data row, the row number first when the table numbers its rows.
    case data([DocumentCell])
    /// A group ends: its label in the first cell (spanning `TableLayout.labelSpan` columns), then its sums.
    case subtotal(level: Int, cells: [DocumentCell])
    /// The table ends: the grand total row, shaped like a subtotal row.
    case total([DocumentCell])
}

/// Turns a stream of rows sorted by group into headings, numbered rows, subtotals and a total, holding only the
/// sums of the groups open at the moment, so a list of any length streams through in constant memory. Distinct
/// subjects (`DocumentStyle.distinctNoun`) are counted in sets held by the open groups and the whole table: memory
/// proportional to the persons counted (8 bytes each), not to the rows.
///
/// A grouped layout (the printable HTML, the CSV paper form) prints group headings and subtotals and leaves out
/// the columns that repeat a group (`DocumentColumn.repeatsGroup`); a flat layout (the XLSX data table, CSV data)
/// keeps every column and prints data rows and the grand total only.
struct TableLayout {
    /// The columns as printed: "STT" first when rows are numbered.
    let columns: [DocumentColumn]
    /// How many leading columns a subtotal or total label spans: those before the first summed column.
    let labelSpan: Int
    /// Whether subtotal and total rows are printed at all (something is summed or counted).
    let showsTotals: Bool
    /// Whether group headings and subtotals are printed (and group-repeating columns left out).
    let grouped: Bool

    private let labels: DocumentLabels
    private let countNoun: String?
    private let distinctNoun: String?
    private let numbersRows: Bool
    private let givenColumnCount: Int
    /// Indexes of the given columns that are printed, in order.
    private let kept: [Int]
    private(set) var rowCount = 0
    private var depth: Int?
    private var openGroups: [String] = []
    private var groupTotals: [Totals] = []
    private var grandTotals: Totals
    private var closedGroups: Set<[String]> = []

    init(columns given: [DocumentColumn], style: DocumentStyle, grouped: Bool = true) {
        self.grouped = grouped
        labels = style.labels
        countNoun = style.countNoun
        distinctNoun = style.distinctNoun
        numbersRows = style.numbersRows
        givenColumnCount = given.count
        kept = given.indices.filter { !grouped || !given[$0].repeatsGroup }
        let number = DocumentColumn(style.labels.rowNumber, kind: .integer, width: 6)
        let printed = kept.map { given[$0] }
        columns = style.numbersRows ? [number] + printed : printed
        let firstSummed = columns.firstIndex { $0.total }
        labelSpan = firstSummed ?? columns.count
        showsTotals = firstSummed != nil || style.countNoun != nil || style.distinctNoun != nil
        grandTotals = Totals(columnCount: columns.count)
    }

    /// The lines after the table that spell grand totals in words: each summed column with a `spelledOut` label,
    /// in column order; none when the document's labels spell nothing (English).
    var spelledTotals: [(label: String, amount: Int)] {
        guard labels.amountInWords != nil else { return [] }
        return columns.indices.compactMap { index in
            guard columns[index].total, let label = columns[index].spelledOut else { return nil }
            return (label, grandTotals.sums[index])
        }
    }

    /// The spelled-out lines as printed: "Bằng chữ: Ba mươi lăm triệu đồng."
    var spelledLines: [String] {
        spelledTotals.map { "\($0.label): \(VietnameseNumberWords.spell($0.amount))." }
    }

    /// Takes the next row, telling `emit` what to print before and with it.
    mutating func accept(_ row: DocumentRow, emit: (TableEvent) throws -> Void) throws {
        guard row.cells.count == givenColumnCount else {
            throw DocumentError.rowDoesNotFit(row: rowCount + 1, expected: givenColumnCount, found: row.cells.count)
        }
        if let depth, depth != row.groups.count {
            throw DocumentError.groupsDoNotFit(row: rowCount + 1, expected: depth, found: row.groups.count)
        }
        depth = row.groups.count
        let shared = zip(openGroups, row.groups).prefix { $0 == $1 }.count
        if shared < openGroups.count {
            try closeGroups(downTo: shared, emit: emit)
        }
        for level in shared..<row.groups.count {
            let path = Array(row.groups[...level])
            guard !closedGroups.contains(path) else { throw DocumentError.rowsNotSorted(group: row.groups[level]) }
            openGroups.append(row.groups[level])
            groupTotals.append(Totals(columnCount: columns.count))
            if grouped {
                try emit(.groupHeading(level: level, name: row.groups[level]))
            }
        }
        rowCount += 1
        let printed = kept.count == row.cells.count ? row.cells : kept.map { row.cells[$0] }
        let cells = numbersRows ? [.integer(rowCount)] + printed : printed
        let subject = distinctNoun == nil ? nil : row.subject
        if grouped {
            for index in groupTotals.indices {
                try groupTotals[index].add(cells, columns: columns, subject: subject, occasions: row.occasions)
            }
        }
        try grandTotals.add(cells, columns: columns, subject: subject, occasions: row.occasions)
        try emit(.data(cells))
    }

    /// Closes the open groups and prints the grand total.
    mutating func finish(emit: (TableEvent) throws -> Void) throws {
        try closeGroups(downTo: 0, emit: emit)
        if showsTotals {
            try emit(.total(totalCells(label: labels.total, totals: grandTotals)))
        }
    }

    private mutating func closeGroups(downTo level: Int, emit: (TableEvent) throws -> Void) throws {
        while openGroups.count > level {
            let name = openGroups.removeLast()
            let totals = groupTotals.removeLast()
            closedGroups.insert(openGroups + [name])
            if showsTotals && grouped {
                let label = "\(labels.subtotal) \(Self.inSentence(name))"
                try emit(.subtotal(level: openGroups.count, cells: totalCells(label: label, totals: totals)))
            }
        }
    }

    /// The label of a subtotal or total row with its counts: "Cộng xã Đạo Trù: 5 người, 12 lượt".
    func countedLabel(_ label: String, totals: Totals) -> String {
        var counts: [String] = []
        if let distinctNoun {
            counts.append("\(totals.subjects.count) \(distinctNoun)")
        }
        if let countNoun {
            counts.append("\(totals.count) \(countNoun)")
        }
        return counts.isEmpty ? label : "\(label): \(counts.joined(separator: ", "))"
    }

    private func totalCells(label: String, totals: Totals) -> [DocumentCell] {
        var cells = [DocumentCell](repeating: .empty, count: columns.count)
        if labelSpan > 0 {
            cells[0] = .text(countedLabel(label, totals: totals))
        }
        // A column none of the group's rows has a value in stays blank (the newspapers' "Số kỳ báo" under Tết).
        for (index, column) in columns.enumerated() where column.total && totals.valued[index] {
            let sum = totals.sums[index]
            cells[index] = column.kind == .money ? .money(sum) : .integer(sum)
        }
        return cells
    }

    /// Words of an area's kind are lower case inside a sentence: "Cộng huyện Tam Đảo".
    static func inSentence(_ name: String) -> String {
        let areaWords = ["Huyện ", "Xã ", "Thị trấn ", "Thị xã ", "Thành phố ", "Phường ", "Quận ", "Tỉnh ", "Thôn ",
                         "Bản ", "Xóm ", "Làng ", "Tổ dân phố "]
        guard let word = areaWords.first(where: { name.hasPrefix($0) }) else { return name }
        return word.lowercased() + name.dropFirst(word.count)
    }
}

/// The row count, column sums and distinct subjects of one group (or of the whole table).
struct Totals {
    var count = 0
    var sums: [Int]
    /// The distinct `DocumentRow.subject`s seen, when the document counts them.
    var subjects: Set<Int64> = []

    /// Whether some row had a value (not an empty cell) in each column.
    var valued: [Bool]

    init(columnCount: Int) {
        sums = Array(repeating: 0, count: columnCount)
        valued = Array(repeating: false, count: columnCount)
    }

    mutating func add(_ cells: [DocumentCell], columns: [DocumentColumn], subject: Int64? = nil, occasions: Int = 1) throws {
        count += occasions
        if let subject {
            subjects.insert(subject)
        }
        for (index, column) in columns.enumerated() where column.total {
            let value: Int
            switch cells[index] {
            case .integer(let number), .money(let number): value = number
            default: continue
            }
            valued[index] = true
            let (sum, overflow) = sums[index].addingReportingOverflow(value)
            guard !overflow else { throw DocumentError.totalTooLarge(column: column.title) }
            sums[index] = sum
        }
    }
}

/// The header's runs of columns: a run of neighbouring columns sharing a band, or one column without a band.
func bandRuns(_ columns: [DocumentColumn]) -> [(band: String?, columns: Range<Int>)] {
    var runs: [(band: String?, columns: Range<Int>)] = []
    for (index, column) in columns.enumerated() {
        if let band = column.band, let last = runs.last, last.band == band, last.columns.upperBound == index {
            runs[runs.count - 1].columns = last.columns.lowerBound..<(index + 1)
        } else {
            runs.append((column.band, index..<(index + 1)))
        }
    }
    return runs
}

/// The column where signature block `index` of `count` starts when a table's `width` columns are shared among
/// the blocks (one column each when there are more blocks than columns).
func signatureColumn(_ index: Int, among count: Int, width: Int) -> Int {
    width >= count ? index * width / count : index
}

/// A summary table run through the same layout: its rows, then a total row when a column is summed.
func summaryEvents(_ summary: DocumentSummary, labels: DocumentLabels) throws -> (layout: TableLayout, events: [TableEvent]) {
    var layout = TableLayout(columns: summary.columns, style: DocumentStyle(labels: labels, numbersRows: false))
    var events: [TableEvent] = []
    for cells in summary.rows {
        try layout.accept(DocumentRow(cells: cells)) { events.append($0) }
    }
    try layout.finish { events.append($0) }
    return (layout, events)
}
