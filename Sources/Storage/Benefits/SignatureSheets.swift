import Foundation
import GRDB
import Registry
import Scheduler
import VietnameseCalendar

/// The lines of a signature sheet ("Danh sách ký nhận"): one per entitlement to sign for, except newspapers, which
/// a person signs for once a year with the number of issues (one line per person, kind and year).
extension UytinDatabase {
    /// One line of a signature sheet.
    public struct SignatureLine: Sendable, Equatable {
        /// The entitlement; for newspapers, the year's last issue (whose place the line prints).
        public var entitlement: Entitlement
        /// Newspapers: the number of issues the line covers; nil for any other kind (one occasion).
        public var issues: Int?
        /// The line's amount: the entitlement's, or the sum of the year's issues.
        public var amount: Int
        /// The day printed: delivered (else due) for one occasion, the first issue's for newspapers.
        public var day: Day
        /// The ids the line covers, in date order (one but for newspapers).
        public var entitlementIds: [Int64]
    }

    /// What a signature sheet holds before it is written: enough to refuse an empty one and to pick its columns.
    public struct SignatureSheetSummary: Sendable, Equatable {
        /// Lines of the sheet (a newspaper line counts once).
        public var lines: Int
        /// Occasions: entitlements not cancelled (each newspaper issue counts).
        public var occasions: Int
        /// Distinct persons.
        public var persons: Int
        /// Lines of newspapers.
        public var newspaperLines: Int
        /// Some line's commune lay in a district on its day (before the two-level government of July 2025).
        public var hasDistricts: Bool
        public var amount: Int
    }

    /// The sheet's lines as SQL: entitlements not cancelled of the year (and kind, and commune on the occasion's
    /// day), newspapers folded per person and year, in signature-sheet order.
    static let signatureLinesSQL = """
        WITH sel AS (
            SELECT e.*, p.full_name, p.ethnic_code, \(villageName("v", on: "e.occasion_date")) AS village,
                   \(areaName("c", on: "e.occasion_date")) AS commune, coalesce(\(areaName("d", on: "e.occasion_date")), '') AS district,
                   coalesce(d.code, '') AS district_code, c.code AS commune_code, v.name_key AS village_key, p.name_key AS person_key
            \(entitlementPlaces)
            WHERE e.year = :year AND (:kind IS NULL OR e.kind = :kind) AND e.status <> 'cancelled'
              AND (:commune IS NULL OR c.code = :commune)
        ), folded AS (
            SELECT sel.*,
                   CASE WHEN kind = 'newspaper' THEN count(*) OVER person_year END AS issues,
                   CASE WHEN kind = 'newspaper' THEN sum(amount) OVER person_year ELSE amount END AS line_amount,
                   CASE WHEN kind = 'newspaper' THEN min(coalesce(delivered_on, due_date)) OVER person_year
                        ELSE coalesce(delivered_on, due_date) END AS line_day,
                   CASE WHEN kind = 'newspaper' THEN group_concat(id) OVER (PARTITION BY person_id, kind, year ORDER BY occasion_date, id
                                                                            ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)
                        ELSE CAST(id AS TEXT) END AS line_ids,
                   CASE WHEN kind = 'newspaper' THEN row_number() OVER (PARTITION BY person_id, kind, year ORDER BY occasion_date DESC, id DESC)
                        ELSE 1 END AS line_rank
            FROM sel
            WINDOW person_year AS (PARTITION BY person_id, kind, year)
        )
        """

    /// A `signatureLinesSQL` row.
    struct SignatureLineRow: FetchableRecord {
        let line: SignatureLine

        init(row: Row) throws {
            let entitlement = try EntitlementRow(row: row).entitlement
            let ids = ((row["line_ids"] as String?) ?? "").split(separator: ",").compactMap { Int64($0) }
            line = SignatureLine(entitlement: entitlement, issues: try row.decode(forColumn: "issues"),
                                 amount: try row.decode(forColumn: "line_amount"), day: try row.decode(forColumn: "line_day"),
                                 entitlementIds: ids)
        }
    }

    static func signatureArguments(year: Int, kind: BenefitKind?, communeCode: String?) -> StatementArguments {
        ["year": year, "kind": kind?.rawValue, "commune": communeCode]
    }

    /// How many lines, occasions and persons the sheet of `year` (of one kind, of one commune) holds.
    public func signatureSheetSummary(year: Int, kind: BenefitKind?, communeCode: String?) throws -> SignatureSheetSummary {
        try read { db in try Self.signatureSheetSummary(db, year: year, kind: kind, communeCode: communeCode) }
    }

    static func signatureSheetSummary(_ db: Database, year: Int, kind: BenefitKind?, communeCode: String?) throws -> SignatureSheetSummary {
        let row = try Row.fetchOne(db, sql: Self.signatureLinesSQL + """
            SELECT count(*) AS lines, coalesce(sum(coalesce(issues, 1)), 0) AS occasions, count(DISTINCT person_id) AS persons,
                   coalesce(sum(kind = 'newspaper'), 0) AS newspaper_lines, coalesce(max(district_code <> ''), 0) AS has_districts,
                   coalesce(sum(line_amount), 0) AS amount
            FROM folded WHERE line_rank = 1
            """, arguments: Self.signatureArguments(year: year, kind: kind, communeCode: communeCode))!
        return SignatureSheetSummary(lines: row["lines"], occasions: row["occasions"], persons: row["persons"],
                                     newspaperLines: row["newspaper_lines"], hasDistricts: row["has_districts"],
                                     amount: row["amount"])
    }

    /// Calls `body` for each line of the sheet of `year` (of one kind, of one commune) in signature-sheet order
    /// (kind, district, commune, village, name), streamed from SQLite.
    public func forEachSignatureLine(year: Int, kind: BenefitKind?, communeCode: String?, _ body: (SignatureLine) throws -> Void) throws {
        try read { db in try Self.forEachSignatureLine(db, year: year, kind: kind, communeCode: communeCode, body) }
    }

    static func forEachSignatureLine(_ db: Database, year: Int, kind: BenefitKind?, communeCode: String?,
                                     _ body: (SignatureLine) throws -> Void) throws {
        let rows = try SignatureLineRow.fetchCursor(db, sql: Self.signatureLinesSQL + """
            SELECT * FROM folded WHERE line_rank = 1
            ORDER BY year, kind, district_code, commune_code, village_key, person_key, occasion_date, id
            """, arguments: Self.signatureArguments(year: year, kind: kind, communeCode: communeCode))
        while let row = try rows.next() { try body(row.line) }
    }

    /// A signature sheet read on one snapshot: what it holds (`shape`, to choose its columns or refuse it), then its
    /// lines, so that a run between the two cannot make the columns disagree with the lines.
    public func signatureSheet(year: Int, kind: BenefitKind?, communeCode: String?, shape: (SignatureSheetSummary) throws -> Void,
                               _ body: (SignatureLine) throws -> Void) throws {
        try read { db in
            try shape(try Self.signatureSheetSummary(db, year: year, kind: kind, communeCode: communeCode))
            try Self.forEachSignatureLine(db, year: year, kind: kind, communeCode: communeCode, body)
        }
    }
}
