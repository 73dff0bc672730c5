import Documents
import Foundation
import Registry
import Scheduler
import Storage
import VietnameseCalendar

/// The report a provincial office sends upward ("Báo cáo tình hình thực hiện chính sách đối với người có uy tín"),
/// or the roll-up of several provinces' reports: a table of the years, then the list's composition (ethnic group,
/// gender, age band, role, commune — or province in a roll-up), the changes by reason and the benefits by kind,
/// delivery method and funding source, with charts for the printable HTML; a roll-up adds one section per province
/// and the provenance of each file (its audit head). Every figure comes from `UytinDatabase.reportFigures`, counted
/// in SQL on one snapshot of each file.
public struct ReportDocument: ComposedDocument {
    public let auditName: String
    public let year: Int
    public let toYear: Int
    let words: Wording
    /// One (a province's report) or several (a roll-up) sources.
    public let sources: [UytinDatabase.ReportFigures]
    let heading: Heading

    /// The texts above and below the tables.
    struct Heading {
        var governingBody: String
        var issuingBody: String
        var place: String
        var head: String
        var province: String?
    }

    /// A province's report of the years `year`…`toYear`, under the heading of the office in force on the report's
    /// date (the last year's list day, or its last day).
    public init(database: UytinDatabase, words: Wording, year: Int, toYear: Int) throws {
        self.words = words
        self.year = year
        self.toYear = toYear
        auditName = "report"
        let figures = try database.reportFigures(from: year, to: toYear, name: database.path)
        sources = [figures]
        let texts = try DocumentTexts(words: words, database: database, year: toYear)
        heading = Heading(governingBody: texts.governingBody, issuingBody: texts.issuingBody,
                          place: texts.placeAndDate, head: texts.head, province: texts.province)
    }

    /// The roll-up of several provinces' figures, under the heading of the national body in force on its date.
    public init(rollup sources: [UytinDatabase.ReportFigures], words: Wording, year: Int, toYear: Int) {
        self.words = words
        self.year = year
        self.toYear = toYear
        self.sources = sources
        auditName = "rollup"
        // The Committee for Ethnic Minority Affairs became the Ministry of Ethnic and Religious Affairs on 01/03/2025.
        let ministry = DocumentTexts.day(ofYear: toYear) >= Day(year: 2025, month: 3, day: 1)!
        heading = Heading(
            // A ministry-level body heads its documents alone (Nghị định 30/2020/NĐ-CP): no governing body above it.
            governingBody: "",
            issuingBody: ministry ? words.say("BỘ DÂN TỘC VÀ TÔN GIÁO", "MINISTRY OF ETHNIC AND RELIGIOUS AFFAIRS")
                                  : words.say("ỦY BAN DÂN TỘC", "COMMITTEE FOR ETHNIC MINORITY AFFAIRS"),
            place: words.say("Hà Nội, ngày ..... tháng ..... năm ..........", "Hà Nội, date: ....................."),
            head: ministry ? words.say("BỘ TRƯỞNG", "MINISTER") : words.say("BỘ TRƯỞNG, CHỦ NHIỆM", "MINISTER, CHAIRMAN"),
            province: nil)
    }

    var isRollup: Bool { auditName == "rollup" }
    /// The years with an approved list in some source: the columns of the composition tables (a year without one has
    /// no composition to show, rather than a column of zeros).
    var listedYears: [Int] { years.filter { year in sources.contains { $0.lists.contains { $0.year == year } } } }
    var years: [Int] { Array(year...toYear) }
    var period: String {
        year == toYear ? words.say("NĂM \(year)", "\(year)") : words.say("GIAI ĐOẠN \(year)–\(toYear)", "\(year)–\(toYear)")
    }

    public var header: DocumentHeader {
        let title = isRollup
            ? words.say("BÁO CÁO TỔNG HỢP TÌNH HÌNH THỰC HIỆN CHÍNH SÁCH ĐỐI VỚI NGƯỜI CÓ UY TÍN CÁC TỈNH, THÀNH PHỐ \(period)",
                        "ROLL-UP REPORT ON THE POLICY FOR REPUTABLE PERSONS ACROSS PROVINCES, \(period)")
            : words.say("BÁO CÁO TÌNH HÌNH THỰC HIỆN CHÍNH SÁCH ĐỐI VỚI NGƯỜI CÓ UY TÍN TRONG ĐỒNG BÀO DÂN TỘC THIỂU SỐ \(period)",
                        "REPORT ON THE POLICY FOR REPUTABLE PERSONS IN ETHNIC MINORITY COMMUNITIES, \(period)")
        let names = sources.map(\.source.provinceName)
        let subtitle = isRollup
            ? words.say("(Tổng hợp từ cơ sở dữ liệu của \(sources.count) tỉnh, thành phố: \(names.joined(separator: ", ")); theo Quyết định số 12/2018/QĐ-TTg)",
                        "(Rolled up from the databases of \(sources.count) provinces: \(names.joined(separator: ", ")); under QĐ 12/2018/QĐ-TTg)")
            : words.say("(Theo Quyết định số 12/2018/QĐ-TTg; số liệu của \(heading.province ?? names.joined()) từ cơ sở dữ liệu người có uy tín)",
                        "(Under QĐ 12/2018/QĐ-TTg; figures of \(heading.province ?? names.joined()) from the register of reputable persons)")
        let note = words.say("(Ký, ghi rõ họ tên)", "(Signature, full name)")
        let span = year == toYear ? "\(year)" : "\(year)–\(toYear)"
        return DocumentHeader(
            governingBody: heading.governingBody, issuingBody: heading.issuingBody, title: title, subtitle: subtitle,
            placeAndDate: heading.place,
            signatures: [SignatureBlock(role: words.say("NGƯỜI LẬP BIỂU", "PREPARED BY"), note: note),
                         SignatureBlock(role: heading.head, note: words.say("(Ký tên, đóng dấu)", "(Signature, seal)"))],
            sheetName: words.say(isRollup ? "Tổng hợp \(span)" : "Báo cáo \(span)", isRollup ? "Roll-up \(span)" : "Report \(span)"))
    }

    public var style: DocumentStyle {
        DocumentStyle(labels: words.language == .vi ? .vietnamese : .english, numbersRows: false, countNoun: nil,
                      orientation: .landscape, signsAfterSummaries: true)
    }

    /// The main table's columns: one row per year.
    public var columns: [DocumentColumn] {
        [
            DocumentColumn(words.say("Năm", "Year"), kind: .integer, width: 7),
            DocumentColumn(words.say("Số người trong danh sách", "Persons on the list"), kind: .integer, width: 12),
            DocumentColumn(words.say("Công nhận", "Recognised"), kind: .integer, width: 10, total: true),
            DocumentColumn(words.say("Đưa ra khỏi danh sách", "Removed"), kind: .integer, width: 11, total: true),
            DocumentColumn(words.say("Thay thế", "Replaced"), kind: .integer, width: 9, total: true),
            DocumentColumn(words.say("Gắn lại thôn", "Re-bound"), kind: .integer, width: 9, total: true),
            DocumentColumn(words.say("Số người hưởng chế độ", "Persons with benefits"), kind: .integer, width: 12),
            DocumentColumn(words.say("Số lượt hưởng", "Occasions"), kind: .integer, width: 10, total: true),
            DocumentColumn(words.say("Kinh phí dự kiến (đồng)", "Planned (đ)"), kind: .money, width: 16, total: true),
            DocumentColumn(words.say("Đã chi (đồng)", "Delivered (đ)"), kind: .money, width: 16, total: true),
        ]
    }

    /// The main table's rows for `sources` (all of them: the national totals), one per year.
    public func overview(_ sources: [UytinDatabase.ReportFigures]) -> [[DocumentCell]] {
        years.map { year in
            let lists = sources.flatMap(\.lists).filter { $0.year == year }
            let changes = sources.flatMap(\.changes).filter { $0.year == year }
            let kinds = sources.flatMap(\.byKind).filter { $0.year == year }
            func count(_ kinds: Set<String>) -> Int { changes.filter { kinds.contains($0.kind) }.reduce(0) { $0 + $1.count } }
            // Persons with benefits: distinct within a file; the files are different provinces, so they add up.
            let persons = sources.flatMap(\.byYear).filter { $0.year == year }.reduce(0) { $0 + $1.persons }
            return [
                .integer(year),
                lists.isEmpty ? .empty : .integer(lists.reduce(0) { $0 + $1.persons }),
                .integer(count(["recognize"])), .integer(count(["remove"])), .integer(count(["replace"])),
                .integer(count(["rebind", "reorganized"])),
                .integer(persons), .integer(kinds.reduce(0) { $0 + $1.occasions }),
                .money(kinds.reduce(0) { $0 + $1.estimate }), .money(kinds.reduce(0) { $0 + $1.delivered }),
            ]
        }
    }

    public func compose(into output: any DocumentOutput) throws {
        try output.begin(header: header, columns: columns, style: style)
        for (index, cells) in overview(sources).enumerated() {
            try output.emit(DocumentRow(cells: cells), ReportRow(year: years[index], cells: cells.map(ReportRow.value)))
        }
        try output.finish(summaries: summaries)
    }

    /// The sections after the table.
    public var summaries: [DocumentSummary] {
        var sections = [
            composition(words.say("CƠ CẤU THEO DÂN TỘC", "BY ETHNIC GROUP"), heading: words.say("Dân tộc", "Ethnic group"),
                        counts: sources.flatMap(\.ethnicGroups), byCount: true, chart: true),
            composition(words.say("CƠ CẤU THEO GIỚI TÍNH", "BY GENDER"), heading: words.say("Giới tính", "Gender"),
                        counts: sources.flatMap(\.genders), label: { Gender(rawValue: $0).map { words.say($0.label) } ?? $0 }),
            ageComposition,
            composition(words.say("CƠ CẤU THEO THÀNH PHẦN (một người có thể thuộc nhiều thành phần)",
                                  "BY ROLE (a person may hold several roles)"),
                        heading: words.say("Thành phần", "Role"), counts: sources.flatMap(\.roles), byCount: true, totals: false,
                        label: { $0 == "none" ? words.say("Chưa ghi thành phần", "No role recorded")
                                                : Role(rawValue: $0).map { words.say($0.label) } ?? $0 }),
            areaComposition,
            changeSummary,
            benefitSummary(words.say("CHẾ ĐỘ THEO NỘI DUNG CHI", "BENEFITS BY KIND"), heading: words.say("Nội dung chi", "Benefit"),
                           lines: sources.flatMap(\.byKind), label: { BenefitKind(rawValue: $0).map { words.say($0.label) } ?? $0 },
                           chart: true),
            benefitSummary(words.say("CHẾ ĐỘ THEO HÌNH THỨC THỰC HIỆN (kể cả theo phương án ứng phó)",
                                     "BENEFITS BY DELIVERY METHOD (contingencies included)"),
                           heading: words.say("Hình thức", "Method"), lines: sources.flatMap(\.byMethod),
                           label: { DeliveryMethod(rawValue: $0).map { words.say($0.label) } ?? $0 }),
            benefitSummary(words.say("CHẾ ĐỘ THEO NGUỒN KINH PHÍ", "BENEFITS BY FUNDING SOURCE"), heading: words.say("Nguồn kinh phí", "Funding"),
                           lines: sources.flatMap(\.byFunding), label: { FundingLevel(rawValue: $0).map { words.say($0.label) } ?? $0 }),
        ]
        if isRollup {
            for source in sources {
                sections.append(DocumentSummary(
                    title: words.say("\(source.source.provinceName.uppercased()) (MÃ \(source.source.provinceCode))",
                                     "\(source.source.provinceName.uppercased()) (CODE \(source.source.provinceCode))"),
                    columns: columns, rows: overview([source])))
            }
        }
        sections.append(provenance)
        return sections
    }

    // MARK: - Composition

    /// A composition table: one row per category, one column per year (its total is the list of that year).
    /// `totals`: whether the year columns add up to the list (false where a person counts under several keys).
    func composition(_ title: String, heading: String, counts: [UytinDatabase.ReportCount], byCount: Bool = false,
                     chart: Bool = false, totals: Bool = true, label: (String) -> String = { $0 }) -> DocumentSummary {
        var order: [String] = []
        var names: [String: String] = [:]
        var table: [String: [Int: Int]] = [:]
        for count in counts {
            if table[count.key] == nil { order.append(count.key) }
            names[count.key] = names[count.key] ?? label(count.name)
            table[count.key, default: [:]][count.year, default: 0] += count.persons
        }
        let last = years.last { year in counts.contains { $0.year == year } } ?? toYear
        if byCount {
            order.sort { (table[$1]?[last] ?? 0, names[$0] ?? "") < (table[$0]?[last] ?? 0, names[$1] ?? "") }
        } else {
            order.sort()
        }
        let shown = listedYears
        let columns = [DocumentColumn(heading, width: 28)] + shown.map { DocumentColumn(String($0), kind: .integer, width: 9, total: totals) }
        let rows = order.map { key in [DocumentCell.text(names[key] ?? key)] + shown.map { .integer(table[key]?[$0] ?? 0) } }
        var drawn: DocumentChart?
        if chart {
            // The largest groups of the last year, the rest together.
            let top = order.prefix(10)
            let rest = order.dropFirst(10).reduce(0) { $0 + (table[$1]?[last] ?? 0) }
            drawn = DocumentChart(
                kind: .bar, title: words.say("\(title.prefix(1))\(title.dropFirst().lowercased()) năm \(last)", "\(title.prefix(1))\(title.dropFirst().lowercased()), \(last)"),
                categories: top.map { names[$0] ?? $0 } + (rest > 0 ? [words.say("Dân tộc khác", "Others")] : []),
                series: [.init(name: String(last), values: top.map { Double(table[$0]?[last] ?? 0) } + (rest > 0 ? [Double(rest)] : []))],
                unit: words.say("người", "persons"))
        }
        return DocumentSummary(title: title, columns: columns, rows: rows, chart: drawn)
    }

    /// By age band, age reached in the year (under 40, 40–49, …, 80 and over), charted year beside year.
    var ageComposition: DocumentSummary {
        let bounds = UytinDatabase.ageBandBounds
        let labels = bounds.indices.map { index in
            index == 0 ? words.say("Dưới \(bounds[0]) tuổi", "Under \(bounds[0])") : "\(bounds[index - 1])–\(bounds[index] - 1)"
        } + [words.say("Từ \(bounds.last!) tuổi trở lên", "\(bounds.last!) and over")]
        var summary = composition(words.say("CƠ CẤU THEO ĐỘ TUỔI (tuổi tính đến 31/12 của năm)", "BY AGE (age reached in the year)"),
                                  heading: words.say("Độ tuổi", "Age"), counts: sources.flatMap(\.ageBands),
                                  label: { Int($0).map { labels[$0] } ?? $0 })
        let shown = years.filter { year in sources.contains { $0.lists.contains { $0.year == year } } }.suffix(5)
        if !shown.isEmpty {
            summary.chart = DocumentChart(
                kind: .bar, title: words.say("Cơ cấu theo độ tuổi", "By age"), categories: summary.rows.map { CellText.of($0[0]) },
                series: shown.map { year in
                    let column = listedYears.firstIndex(of: year)! + 1
                    return .init(name: String(year), values: summary.rows.map { row in
                        if case .integer(let value) = row[column] { Double(value) } else { 0 }
                    })
                }, unit: words.say("người", "persons"))
        }
        return summary
    }

    /// By commune (with its district while districts existed) for a province; by province for a roll-up.
    var areaComposition: DocumentSummary {
        if isRollup {
            let counts = sources.flatMap { source in
                source.lists.map { UytinDatabase.ReportCount(year: $0.year, key: source.source.provinceCode,
                                                             name: source.source.provinceName, persons: $0.persons) }
            }
            return composition(words.say("CƠ CẤU THEO TỈNH, THÀNH PHỐ", "BY PROVINCE"), heading: words.say("Tỉnh, thành phố", "Province"),
                               counts: counts)
        }
        var order: [String] = []
        var places: [String: (district: String, commune: String)] = [:]
        var table: [String: [Int: Int]] = [:]
        for count in sources.flatMap(\.communes) {
            let key = count.group + "\u{1F}" + count.key
            if table[key] == nil { order.append(key) }
            places[key] = (count.group, "\(count.name) (\(count.key))")
            table[key, default: [:]][count.year, default: 0] += count.persons
        }
        let columns = [DocumentColumn(words.say("Huyện", "District"), width: 18), DocumentColumn(words.say("Xã", "Commune"), width: 24)]
            + listedYears.map { DocumentColumn(String($0), kind: .integer, width: 9, total: true) }
        let rows = order.map { key in
            [DocumentCell.text(places[key]?.district ?? ""), .text(places[key]?.commune ?? "")]
                + listedYears.map { .integer(table[key]?[$0] ?? 0) }
        }
        return DocumentSummary(title: words.say("CƠ CẤU THEO ĐỊA BÀN (huyện khi còn cấp huyện, xã)", "BY AREA (district while districts existed, commune)"),
                               columns: columns, rows: rows)
    }

    // MARK: - Changes

    var changeSummary: DocumentSummary {
        var order: [String] = []
        var names: [String: String] = [:]
        var table: [String: [Int: Int]] = [:]
        for change in sources.flatMap(\.changes) {
            let reason = change.reason.isEmpty ? "" : (words.language == .vi ? change.reasonVi : change.reasonEn).nonEmpty ?? words.reasonLabel(change.reason)
            let (rank, name): (Int, String) = switch change.kind {
            case "recognize": (0, words.say("Công nhận (kể cả bổ sung)", "Recognised (including additions)"))
            case "remove": (1, words.say("Đưa ra khỏi danh sách: \(reason)", "Removed: \(reason)"))
            case "replace": (2, words.say("Thay thế" + (reason.isEmpty ? "" : ": \(reason)"), "Replaced" + (reason.isEmpty ? "" : ": \(reason)")))
            case "rebind": (3, words.say("Gắn lại thôn sau sáp nhập thôn", "Re-bound after a village merger"))
            default: (4, words.say("Gắn lại theo sắp xếp đơn vị hành chính", "Re-bound by an administrative reorganisation"))
            }
            let key = "\(rank)\u{1F}\(name)"
            if table[key] == nil { order.append(key) }
            names[key] = name
            table[key, default: [:]][change.year, default: 0] += change.count
        }
        order.sort()
        let columns = [DocumentColumn(words.say("Biến động", "Change"), width: 40)]
            + years.map { DocumentColumn(String($0), kind: .integer, width: 9) }
        return DocumentSummary(title: words.say("BIẾN ĐỘNG DANH SÁCH THEO LÝ DO (theo năm của quyết định)", "CHANGES BY REASON (in the year of the decision)"),
                               columns: columns, rows: order.map { key in [.text(names[key]!)] + years.map { .integer(table[key]?[$0] ?? 0) } })
    }

    // MARK: - Benefits

    func benefitSummary(_ title: String, heading: String, lines: [UytinDatabase.ReportBenefit], label: (String) -> String,
                        chart: Bool = false) -> DocumentSummary {
        struct Key: Hashable, Comparable {
            var year: Int
            var key: String
            var contingency: String
            static func < (a: Key, b: Key) -> Bool { (a.year, a.key, a.contingency) < (b.year, b.key, b.contingency) }
        }
        var table: [Key: UytinDatabase.ReportBenefit] = [:]
        for line in lines {
            let key = Key(year: line.year, key: line.key, contingency: line.contingency ?? "")
            if var sum = table[key] {
                sum.persons += line.persons
                sum.occasions += line.occasions
                sum.estimate += line.estimate
                sum.deliveredPersons += line.deliveredPersons
                sum.deliveredOccasions += line.deliveredOccasions
                sum.delivered += line.delivered
                table[key] = sum
            } else {
                table[key] = line
            }
        }
        let columns = [
            DocumentColumn(words.say("Năm", "Year"), kind: .integer, width: 7),
            DocumentColumn(heading, width: 34),
            DocumentColumn(words.say("Số người", "Persons"), kind: .integer, width: 9),
            DocumentColumn(words.say("Số lượt", "Occasions"), kind: .integer, width: 9, total: true),
            DocumentColumn(words.say("Kinh phí dự kiến (đồng)", "Planned (đ)"), kind: .money, width: 16, total: true),
            DocumentColumn(words.say("Số lượt đã chi", "Occasions delivered"), kind: .integer, width: 10, total: true),
            DocumentColumn(words.say("Đã chi (đồng)", "Delivered (đ)"), kind: .money, width: 16, total: true),
        ]
        let keys = table.keys.sorted()
        let rows: [[DocumentCell]] = keys.map { key in
            let line = table[key]!
            let plain = label(key.key)
            let name = plain.prefix(1).uppercased() + plain.dropFirst() + (key.contingency.isEmpty ? ""
                : words.say(" — theo phương án ứng phó (\(key.contingency))", " — under a contingency (\(key.contingency))"))
            return [.integer(key.year), .text(name), .integer(line.persons), .integer(line.occasions), .money(line.estimate),
                    .integer(line.deliveredOccasions), .money(line.delivered)]
        }
        var drawn: DocumentChart?
        if chart {
            var kinds: [String] = []
            for key in keys where !kinds.contains(key.key) { kinds.append(key.key) }
            drawn = DocumentChart(
                kind: .stacked, title: words.say("Kinh phí dự kiến theo nội dung chi qua các năm", "Planned spending by kind over the years"),
                categories: years.map(String.init),
                series: kinds.map { kind in
                    .init(name: label(kind), values: years.map { year in
                        Double(keys.filter { $0.year == year && $0.key == kind }.reduce(0) { $0 + table[$1]!.estimate }) / 1_000_000
                    })
                }, unit: words.say("triệu đồng", "million đồng"))
        }
        return DocumentSummary(title: title, columns: columns, rows: rows, chart: drawn)
    }

    // MARK: - Provenance

    var provenance: DocumentSummary {
        let columns = [
            DocumentColumn(words.say("Tệp", "File"), width: 30),
            DocumentColumn(words.say("Tỉnh", "Province"), width: 18),
            DocumentColumn(words.say("Giai đoạn", "Terms"), width: 12),
            DocumentColumn(words.say("Số người", "Persons"), kind: .integer, width: 9, total: true),
            DocumentColumn(words.say("Lượt trong danh sách", "List entries"), kind: .integer, width: 10, total: true),
            DocumentColumn(words.say("Lượt chế độ", "Entitlements"), kind: .integer, width: 10, total: true),
            DocumentColumn(words.say("Dòng nhật ký cuối", "Last audit row"), kind: .integer, width: 10),
            DocumentColumn(words.say("Mã băm dòng cuối (SHA-256)", "Its hash (SHA-256)"), width: 40),
        ]
        return DocumentSummary(
            title: words.say("NGUỒN SỐ LIỆU VÀ ĐẦU CHUỖI NHẬT KÝ KIỂM TOÁN", "SOURCES AND AUDIT HEADS"), columns: columns,
            rows: sources.map { figures in
                let source = figures.source
                return [.text(source.file), .text("\(source.provinceName) (\(source.provinceCode))"), .text(source.terms),
                        .integer(source.persons), .integer(source.listEntries), .integer(source.entitlements),
                        .integer(Int(source.auditHeadId)), .text(source.auditHeadHash)]
            })
    }
}

/// A row of the report's table as JSON: its year and its cells.
public struct ReportRow: Encodable {
    public var year: Int
    public var cells: [Int?]

    static func value(_ cell: DocumentCell) -> Int? {
        switch cell {
        case .integer(let value), .money(let value): value
        default: nil
        }
    }
}

/// The text a cell prints, for chart labels.
enum CellText {
    static func of(_ cell: DocumentCell) -> String {
        switch cell {
        case .text(let text): text
        case .integer(let value), .money(let value): String(value)
        case .date(let year, let month, let day): "\(day)/\(month)/\(year)"
        case .empty: ""
        }
    }
}

fileprivate extension String {
    /// Nil for an empty string.
    var nonEmpty: String? { isEmpty ? nil : self }
}
