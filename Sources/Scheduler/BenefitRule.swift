import Foundation
import Registry
import VietnameseCalendar

/// One version of a benefit's rule, in force from `validFrom` until the next version of the same kind.
public struct BenefitRule: Sendable, Codable, Equatable {
    /// Where a rule's figures come from, as `rule list` labels them.
    public enum Source: String, Sendable, Codable {
        /// Read in a public source (DOMAIN.md marks it [confirmed]).
        case confirmed
        /// Shipped as an example; a clerk should set the province's own figure.
        case sample
        /// Set by a clerk with `uytin rule set`.
        case province
    }

    public var id: Int64?
    public var kind: BenefitKind
    public var validFrom: Day
    /// Whole đồng per person and occasion (the default when no tier applies).
    public var amount: Int
    /// The legal maximum per occasion; an amount or tier above it is refused.
    public var cap: Int?
    /// Amount by level (e.g. a sickness visit by the level of the facility).
    public var tiers: [Level: Int]
    /// At most this many occasions per person per year (shared by kinds of the same limit group).
    public var perYear: Int?
    /// Deliver this many days before the occasion.
    public var leadDays: Int
    /// Create the entitlement this many days before its due date, so the accountant can approve it and gifts be bought.
    public var advanceDays: Int
    /// True while `advanceDays` is the shipped example figure, not one the province set.
    public var advanceIsSample: Bool
    public var funding: FundingLevel
    public var normalMethod: DeliveryMethod
    public var contingencyPolicy: ContingencyPolicy
    /// The legal basis, for documents and auditors.
    public var basis: String
    public var source: Source

    public init(id: Int64? = nil, kind: BenefitKind, validFrom: Day, amount: Int, cap: Int?, tiers: [Level: Int] = [:],
                perYear: Int?, leadDays: Int, advanceDays: Int = 0, advanceIsSample: Bool = false, funding: FundingLevel,
                normalMethod: DeliveryMethod, contingencyPolicy: ContingencyPolicy, basis: String, source: Source) {
        self.id = id
        self.kind = kind
        self.validFrom = validFrom
        self.amount = amount
        self.cap = cap
        self.tiers = tiers
        self.perYear = perYear
        self.leadDays = leadDays
        self.advanceDays = advanceDays
        self.advanceIsSample = advanceIsSample
        self.funding = funding
        self.normalMethod = normalMethod
        self.contingencyPolicy = contingencyPolicy
        self.basis = basis
        self.source = source
    }

    /// The most days ahead of its due date an entitlement may be created (about a quarter).
    public static let largestAdvance = 90

    /// The day a run creates an entitlement due on `due`: `advanceDays` before it.
    public func creationDay(due: Day) -> Day {
        due.adding(days: -advanceDays)
    }

    /// The largest amount a rule may give one person for one occasion.
    public static let largestAmount = 1_000_000_000

    /// The amount for a level: its tier when there is one, else the rule's amount.
    public func amount(for level: Level?) -> Int {
        level.flatMap { tiers[$0] } ?? amount
    }

    /// Refuses amounts above the cap and values out of range.
    public func validate() throws(RegistryError) {
        // A benefit per person and occasion above a billion đồng is a typing slip, and would overflow the totals.
        guard ([amount] + Array(tiers.values)).allSatisfy({ (0...Self.largestAmount).contains($0) }),
              (cap ?? 0) <= Self.largestAmount else {
            throw RegistryError("invalid_amount", vi: "Số tiền phải từ 0 đến 1.000.000.000 đồng cho mỗi người mỗi lần.",
                                en: "Amounts are whole đồng from 0 to 1,000,000,000 per person and occasion.")
        }
        if let cap {
            let tierValues = tiers.sorted(by: { $0.key.rawValue < $1.key.rawValue }).map { ("--tiers \($0.key.rawValue)", $0.value) }
            for (label, value) in [("--amount", amount)] + tierValues where value > cap {
                throw RegistryError("above_cap",
                                    vi: "\(label) \(Money.format(value)) đ vượt mức tối đa \(Money.format(cap)) đ của \(kind.label.vi.lowercased()); mức tối đa do văn bản pháp luật quy định.",
                                    en: "\(label) \(Money.format(value)) đ is above the legal cap of \(Money.format(cap)) đ for \(kind.label.en.lowercased()).")
            }
        }
        guard (0...60).contains(leadDays) else {
            throw RegistryError("invalid_lead_days", vi: "--lead-days phải từ 0 đến 60 ngày.", en: "--lead-days must be 0 to 60 days.")
        }
        guard (0...Self.largestAdvance).contains(advanceDays) else {
            throw RegistryError("invalid_advance_days", vi: "--advance-days phải từ 0 đến \(Self.largestAdvance) ngày.",
                                en: "--advance-days must be 0 to \(Self.largestAdvance) days.")
        }
        if let perYear, !(1...366).contains(perYear) {
            throw RegistryError("invalid_per_year", vi: "--per-year phải từ 1 trở lên.", en: "--per-year must be at least 1.")
        }
    }

    /// The tiers as `uytin rule set --tiers` writes them: "central=3000000,province=1500000".
    public var tiersText: String {
        Level.allCases.compactMap { level in tiers[level].map { "\(level.rawValue)=\($0)" } }.joined(separator: ",")
    }

    public static func parseTiers(_ text: String) throws(RegistryError) -> [Level: Int] {
        var tiers: [Level: Int] = [:]
        for part in text.split(separator: ",") {
            let pair = part.split(separator: "=")
            guard pair.count == 2, let level = Level(parsing: String(pair[0])),
                  let value = Int(pair[1].trimmingCharacters(in: .whitespaces)) else {
                throw RegistryError("malformed_tiers", .malformed,
                                    vi: "--tiers cần dạng trung ương=3000000,tỉnh=1500000,huyện=800000,xã=500000 hoặc central=3000000,province=1500000,... (nhận được \"\(Inputs.shown(text))\").",
                                    en: "--tiers needs the form central=3000000,province=1500000,... (got \"\(Inputs.shown(text))\").")
            }
            tiers[level] = value
        }
        return tiers
    }

    /// A stable text of the rule, for the run's fingerprint.
    public var fingerprintText: String {
        [kind.rawValue, validFrom.iso, String(amount), cap.map(String.init) ?? "", tiersText, perYear.map(String.init) ?? "",
         String(leadDays), funding.rawValue, normalMethod.rawValue, contingencyPolicy.rawValue].joined(separator: "|")
            // Written only when set, so a rule version from before creation ahead keeps the fingerprint its runs recorded.
            + (advanceDays == 0 ? "" : "|advance=\(advanceDays)")
    }
}

/// Whole đồng as clerks read them: 1.500.000.
public enum Money {
    public static func format(_ amount: Int) -> String {
        let digits = String(abs(amount))
        var groups: [String] = []
        var end = digits.endIndex
        while end > digits.startIndex {
            let start = digits.index(end, offsetBy: -3, limitedBy: digits.startIndex) ?? digits.startIndex
            groups.insert(String(digits[start..<end]), at: 0)
            end = start
        }
        return (amount < 0 ? "-" : "") + groups.joined(separator: ".")
    }
}

/// The rules `uytin init` installs: the caps DOMAIN.md §4 confirms, and labelled samples for the rest.
public enum ShippedRules {
    static let qd12 = "QĐ 12/2018/QĐ-TTg, Điều 5"
    static let qd28 = "QĐ 28/2023/QĐ-TTg (sửa đổi QĐ 12/2018)"

    /// [configurable] Tết gifts are created a month before their due date, so the accountant can approve them and
    /// gifts be bought: an example figure, labelled as such, that a province replaces with `rule set --advance-days`.
    public static let sampleAdvance = 30

    public static func all() -> [BenefitRule] {
        let start = Day(year: 2018, month: 4, day: 24)!
        let qd28Start = Day(year: 2024, month: 1, day: 15)!
        return [
            BenefitRule(kind: .lunarNewYearGift, validFrom: start, amount: 500_000, cap: 500_000, perYear: 2, leadDays: 10,
                        advanceDays: sampleAdvance, advanceIsSample: true, funding: .province, normalMethod: .ceremony,
                        contingencyPolicy: .homeDelivery,
                        basis: qd12 + ": tối đa 500.000 đ/người/lần, không quá 2 lần/năm", source: .confirmed),
            BenefitRule(kind: .festivalGift, validFrom: start, amount: 500_000, cap: 500_000, perYear: 2, leadDays: 5,
                        funding: .province, normalMethod: .homeVisit, contingencyPolicy: .homeDelivery,
                        basis: qd12 + ": tối đa 500.000 đ/người/lần, không quá 2 lần/năm (cùng với Tết Nguyên đán)", source: .confirmed),
            BenefitRule(kind: .sickVisit, validFrom: start, amount: 800_000, cap: 3_000_000,
                        tiers: [.central: 3_000_000, .province: 1_500_000, .district: 800_000], perYear: 1, leadDays: 0,
                        funding: .province, normalMethod: .homeVisit, contingencyPolicy: .unchanged,
                        basis: qd12 + ": trung ương 3.000.000 đ, tỉnh 1.500.000 đ, huyện 800.000 đ; tối đa 1 lần/năm", source: .confirmed),
            BenefitRule(kind: .sickVisit, validFrom: qd28Start, amount: 500_000, cap: 3_000_000,
                        tiers: [.central: 3_000_000, .province: 1_500_000, .district: 800_000, .commune: 500_000], perYear: 1,
                        leadDays: 0, funding: .province, normalMethod: .homeVisit, contingencyPolicy: .unchanged,
                        basis: qd28 + ": theo tuyến cơ sở điều trị: trung ương 3.000.000 đ, tỉnh 1.500.000 đ, huyện 800.000 đ, xã 500.000 đ",
                        source: .confirmed),
            BenefitRule(kind: .hardshipSupport, validFrom: start, amount: 2_000_000, cap: 2_000_000, perYear: nil, leadDays: 0,
                        funding: .province, normalMethod: .homeVisit, contingencyPolicy: .transfer,
                        basis: qd12 + ": hỗ trợ tối đa 2.000.000 đ/hộ khi gặp thiên tai, hỏa hoạn, rủi ro", source: .confirmed),
            BenefitRule(kind: .condolence, validFrom: start, amount: 2_000_000, cap: nil, perYear: nil, leadDays: 0,
                        funding: .province, normalMethod: .homeVisit, contingencyPolicy: .unchanged,
                        basis: "Mẫu — tỉnh tự quy định mức thăm viếng khi người có uy tín qua đời", source: .sample),
            BenefitRule(kind: .relativeCondolence, validFrom: start, amount: 1_000_000, cap: nil, perYear: nil, leadDays: 0,
                        funding: .province, normalMethod: .homeVisit, contingencyPolicy: .unchanged,
                        basis: "Mẫu — tỉnh tự quy định mức thăm viếng khi thân nhân (bố, mẹ, vợ/chồng, con) qua đời", source: .sample),
            BenefitRule(kind: .newspaper, validFrom: start, amount: 50_000, cap: nil, perYear: nil, leadDays: 0,
                        funding: .central, normalMethod: .mail, contingencyPolicy: .unchanged,
                        basis: "Mẫu — Báo Dân tộc và Phát triển và 01 tờ báo địa phương, cấp không thu tiền (ngân sách trung ương)",
                        source: .sample),
            BenefitRule(kind: .training, validFrom: start, amount: 300_000, cap: nil, perYear: nil, leadDays: 7,
                        funding: .province, normalMethod: .ceremony, contingencyPolicy: .online,
                        basis: "Mẫu — hội nghị cung cấp thông tin, tập huấn theo kế hoạch năm", source: .sample),
            BenefitRule(kind: .studyTour, validFrom: start, amount: 3_000_000, cap: nil, perYear: nil, leadDays: 14,
                        funding: .province, normalMethod: .ceremony, contingencyPolicy: .postpone,
                        basis: "Mẫu — tham quan, học tập theo kế hoạch năm", source: .sample),
            BenefitRule(kind: .commendation, validFrom: start, amount: 500_000, cap: nil, perYear: nil, leadDays: 0,
                        funding: .province, normalMethod: .ceremony, contingencyPolicy: .homeDelivery,
                        basis: "Mẫu — khen thưởng tại hội nghị biểu dương cuối năm", source: .sample),
        ]
    }
}
