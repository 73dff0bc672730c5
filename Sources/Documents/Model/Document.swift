/// A column of a clerk's table: its heading, what it holds, how wide it prints, and whether it is summed.
public struct DocumentColumn: Sendable, Equatable {
    /// What a column holds; it decides alignment, number formats and totals.
    public enum Kind: Sendable, Equatable {
        /// Free text, left-aligned.
        case text
        /// A plain whole number (a year, a count), written without thousands separators.
        case integer
        /// Whole đồng, written with thousands separators in print (`#,##0` in Excel).
        case money
        /// A calendar day, written dd/mm/yyyy (a real date in Excel).
        case date
        /// An empty box where the person signs ("Ký nhận"); rows of a table with one are taller.
        case signature
    }

    public var title: String
    public var kind: Kind
    /// Width in Excel character units (HTML uses it as a proportion of the page width).
    public var width: Double
    /// Summed into subtotal and total rows; meaningful for `.integer` and `.money` columns.
    public var total: Bool
    /// The heading over a run of neighbouring columns with the same band, in a two-level header: "Năm sinh" over
    /// "Nam" | "Nữ". Nil: the column's title spans both header rows.
    public var band: String?
    /// The column repeats one of the row's groups (Huyện, Xã): the grouped forms (printable HTML, the CSV paper
    /// form) leave it out, since the group headings say it; the flat forms (XLSX data table, CSV data) keep it.
    public var repeatsGroup: Bool
    /// For a summed money column: the label of the line after the table that spells its grand total in words
    /// ("Bằng chữ"); nil spells nothing.
    public var spelledOut: String?

    public init(
        _ title: String, kind: Kind = .text, width: Double? = nil, total: Bool = false, band: String? = nil,
        repeatsGroup: Bool = false, spelledOut: String? = nil
    ) {
        self.title = title
        self.kind = kind
        self.width = width ?? kind.defaultWidth
        self.total = total
        self.band = band
        self.repeatsGroup = repeatsGroup
        self.spelledOut = spelledOut
    }
}

extension DocumentColumn.Kind {
    var defaultWidth: Double {
        switch self {
        case .text: 24
        case .integer: 10
        case .money: 14
        case .date: 12
        case .signature: 16
        }
    }
}

/// One value in a table.
public enum DocumentCell: Sendable, Equatable, Hashable {
    case text(String)
    case integer(Int)
    /// Whole đồng.
    case money(Int)
    /// A calendar day (year, month 1–12, day 1–31), written dd/mm/yyyy.
    case date(year: Int, month: Int, day: Int)
    case empty
}

/// Where one person signs at the foot of a document: "NGƯỜI LẬP BIỂU" over the name.
public struct SignatureBlock: Sendable, Equatable {
    /// The signer's title, upper case by custom: "NGƯỜI LẬP BIỂU", "TRƯỞNG BAN".
    public var role: String
    /// The printed name under the space left for the signature; nil leaves the space blank.
    public var name: String?
    /// The line in italics under the role, e.g. "(Ký, ghi rõ họ tên)".
    public var note: String?

    public init(role: String, name: String? = nil, note: String? = nil) {
        self.role = role
        self.name = name
        self.note = note
    }
}

/// The texts around a table: who issues it, its title, the place and date, who signs.
public struct DocumentHeader: Sendable, Equatable {
    /// The authority above the issuer, e.g. "UBND TỈNH VĨNH PHÚC"; empty prints no line.
    public var governingBody: String
    /// The issuer, e.g. "BAN DÂN TỘC"; a line break splits a long name over two lines ("ỦY BAN NHÂN DÂN\nTỈNH
    /// VĨNH PHÚC", a People's Committee's own heading, with an empty `governingBody`).
    public var issuingBody: String
    /// e.g. "DANH SÁCH NGƯỜI CÓ UY TÍN TRONG ĐỒNG BÀO DÂN TỘC THIỂU SỐ NĂM 2021"; printed upper case.
    public var title: String
    /// e.g. "(Kèm theo Quyết định số 93/QĐ-UBND ngày 15/04/2021 của UBND tỉnh Vĩnh Phúc)"; printed in italics.
    public var subtitle: String?
    /// e.g. "Vĩnh Phúc, ngày 25 tháng 11 năm 2026"; printed in italics above the signatures.
    public var placeAndDate: String?
    /// Side by side at the foot, left to right.
    public var signatures: [SignatureBlock]
    /// Printed above the title when the document is attached to another, e.g. "Phụ lục" (a list attached to a
    /// People's Committee's decision).
    public var annex: String?
    /// A short name for the document: the workbook's sheet name ("Danh sách 2021", "Dự toán 2022").
    public var sheetName: String?

    public init(
        governingBody: String, issuingBody: String, title: String, subtitle: String? = nil,
        placeAndDate: String? = nil, signatures: [SignatureBlock] = [],
        annex: String? = nil, sheetName: String? = nil
    ) {
        self.annex = annex
        self.sheetName = sheetName
        self.governingBody = governingBody
        self.issuingBody = issuingBody
        self.title = title
        self.subtitle = subtitle
        self.placeAndDate = placeAndDate
        self.signatures = signatures
    }
}

/// One line of the table, under its groups (outermost first, e.g. ["Huyện Tam Đảo", "Xã Đạo Trù"]).
///
/// Rows must arrive sorted by their groups, so that each group is one run of rows; every row of a table has the
/// same number of groups (none for a flat table).
public struct DocumentRow: Sendable, Equatable {
    public var groups: [String]
    /// One cell per column given to `begin`, in order (the automatic "STT" number is not a cell).
    public var cells: [DocumentCell]
    /// Who the row is about (a person's id), counted once per group under `DocumentStyle.distinctNoun`: a sheet
    /// of 968 occasions for 70 persons says both.
    public var subject: Int64?
    /// How many of what `DocumentStyle.countNoun` counts the row stands for: 1, or 12 for a line signing for a
    /// year of monthly newspaper issues ("12 lượt"), so that totals count occasions, not lines.
    public var occasions: Int

    public init(groups: [String] = [], cells: [DocumentCell], subject: Int64? = nil, occasions: Int = 1) {
        self.groups = groups
        self.cells = cells
        self.subject = subject
        self.occasions = occasions
    }
}

/// A small table after the main one, e.g. "Tổng hợp theo dân tộc"; columns marked `total` get a total row.
public struct DocumentSummary: Sendable, Equatable {
    public var title: String
    public var columns: [DocumentColumn]
    public var rows: [[DocumentCell]]
    /// Drawn above the table in the printable HTML; the other formats leave it out.
    public var chart: DocumentChart?
    /// The name of its own sheet in a workbook when the title is too long for one (Excel keeps 31 characters);
    /// nil names the sheet by the title.
    public var sheetName: String?

    public init(title: String, columns: [DocumentColumn], rows: [[DocumentCell]], chart: DocumentChart? = nil,
                sheetName: String? = nil) {
        self.title = title
        self.columns = columns
        self.rows = rows
        self.chart = chart
        self.sheetName = sheetName
    }
}

/// Settings every format shares.
public struct DocumentStyle: Sendable, Equatable {
    /// How the printed page lies.
    public enum Orientation: Sendable, Equatable {
        case portrait, landscape
    }

    /// The fixed words of the document (language).
    public var labels: DocumentLabels
    /// Puts an "STT" column first, numbering the data rows 1, 2, 3… across the whole table.
    public var numbersRows: Bool
    /// What a row counts, e.g. "người": subtotal and total rows then say how many ("Cộng xã Đạo Trù: 5 người").
    /// Nil writes no count. Subtotal and total rows appear only when a column is summed or this is set.
    public var countNoun: String?
    /// What distinct `DocumentRow.subject`s count, e.g. "người" beside a `countNoun` of "lượt"
    /// ("Tổng cộng: 70 người, 968 lượt"). Nil counts no subjects.
    public var distinctNoun: String?
    public var orientation: Orientation
    /// The summaries are the body of the document (a report's sections), so the place, date and signatures come
    /// after them, kept on one page with the last; otherwise (a list's summary by ethnic group) the signatures close
    /// the main table and the summaries follow as an attachment.
    public var signsAfterSummaries: Bool

    public init(
        labels: DocumentLabels = .vietnamese, numbersRows: Bool = true, countNoun: String? = nil,
        orientation: Orientation = .landscape, distinctNoun: String? = nil, signsAfterSummaries: Bool = false
    ) {
        self.distinctNoun = distinctNoun
        self.signsAfterSummaries = signsAfterSummaries
        self.labels = labels
        self.numbersRows = numbersRows
        self.countNoun = countNoun
        self.orientation = orientation
    }
}

/// The words a document prints by itself, in the reader's language (`--lang`).
///
/// The national motto stays in Vietnamese in both: it belongs to the official form.
public struct DocumentLabels: Sendable, Equatable {
    /// The row-number column's heading: "STT".
    public var rowNumber: String
    /// Starts a subtotal row, before the group's name: "Cộng".
    public var subtotal: String
    /// The grand total row: "Tổng cộng".
    public var total: String
    /// The usual label of a line spelling a total in words ("Bằng chữ"), for `DocumentColumn.spelledOut`. The words
    /// are Vietnamese (`VietnameseNumberWords`), so nil (the English labels) prints no spelled-out line at all,
    /// whatever the columns ask for: an English reader gets the figures only.
    public var amountInWords: String?

    public init(rowNumber: String, subtotal: String, total: String, amountInWords: String?) {
        self.rowNumber = rowNumber
        self.subtotal = subtotal
        self.total = total
        self.amountInWords = amountInWords
    }

    public static let vietnamese = DocumentLabels(
        rowNumber: "STT", subtotal: "Cộng", total: "Tổng cộng", amountInWords: "Bằng chữ")
    public static let english = DocumentLabels(
        rowNumber: "No.", subtotal: "Subtotal", total: "Total", amountInWords: nil)
}
