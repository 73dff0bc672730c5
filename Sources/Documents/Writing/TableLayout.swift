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
/// sums of the groups open at the moment, so a list of any length streams through in constant memory.
struct TableLayout {
    /// The columns as printed: "STT" first when rows are numbered.
    let columns: [DocumentColumn]
    /// How many leading columns a subtotal or total label spans: those before the first summed column.
    let labelSpan: Int
    /// Whether subtotal and total rows are printed at all (something is summed or counted).
    let showsTotals: Bool

    private let labels: DocumentLabels
    private let countNoun: String?
    private let numbersRows: Bool
    private let givenColumnCount: Int
    private var rowCount = 0
    private var depth: Int?
    private var openGroups: [String] = []
    private var groupTotals: [Totals] = []
    private var grandTotals: Totals
    private var closedGroups: Set<[String]> = []

    init(columns given: [DocumentColumn], style: DocumentStyle) {
        labels = style.labels
        countNoun = style.countNoun
        numbersRows = style.numbersRows
        givenColumnCount = given.count
        let number = DocumentColumn(style.labels.rowNumber, kind: .integer, width: 6)
        columns = style.numbersRows ? [number] + given : given
        let firstSummed = columns.firstIndex { $0.total }
        labelSpan = firstSummed ?? columns.count
        showsTotals = firstSummed != nil || style.countNoun != nil
        grandTotals = Totals(columnCount: columns.count)
    }

    /// The grand total of the last summed money column: what "Bằng chữ" spells out; nil when none is summed.
    var amountInWords: Int? {
        guard let column = columns.lastIndex(where: { $0.total && $0.kind == .money }) else { return nil }
        return grandTotals.sums[column]
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
            try emit(.groupHeading(level: level, name: row.groups[level]))
        }
        rowCount += 1
        let cells = numbersRows ? [.integer(rowCount)] + row.cells : row.cells
        for index in groupTotals.indices {
            try groupTotals[index].add(cells, columns: columns)
        }
        try grandTotals.add(cells, columns: columns)
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
            if showsTotals {
                let label = "\(labels.subtotal) \(Self.inSentence(name))"
                try emit(.subtotal(level: openGroups.count, cells: totalCells(label: label, totals: totals)))
            }
        }
    }

    private func totalCells(label: String, totals: Totals) -> [DocumentCell] {
        var text = label
        if let countNoun {
            text += ": \(totals.count) \(countNoun)"
        }
        var cells = [DocumentCell](repeating: .empty, count: columns.count)
        if labelSpan > 0 {
            cells[0] = .text(text)
        }
        for (index, column) in columns.enumerated() where column.total {
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

/// The row count and column sums of one group (or of the whole table).
struct Totals {
    var count = 0
    var sums: [Int]

    init(columnCount: Int) {
        sums = Array(repeating: 0, count: columnCount)
    }

    mutating func add(_ cells: [DocumentCell], columns: [DocumentColumn]) throws {
        count += 1
        for (index, column) in columns.enumerated() where column.total {
            let value: Int
            switch cells[index] {
            case .integer(let number), .money(let number): value = number
            default: continue
            }
            let (sum, overflow) = sums[index].addingReportingOverflow(value)
            guard !overflow else { throw DocumentError.totalTooLarge(column: column.title) }
            sums[index] = sum
        }
    }
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
