import ArgumentParser
import Registry
import Scheduler
import Storage

/// The terms of a benefit rule's version that `rule set` gives a new version and `rule correct` corrects in an unused
/// one: every one optional (the version before, or the one corrected, keeps what is not given).
struct RuleTermsOptions: ParsableArguments {
    @Option(help: .vi("Mức tối đa theo quy định; số tiền cao hơn sẽ bị từ chối.", en: "The legal cap; an amount above it is refused."))
    var cap: String?
    @Option(help: .vi("Mức theo cấp: trung ương=3000000,tỉnh=1500000,...", en: "Amounts by level: central=3000000,province=1500000,..."))
    var tiers: String?
    @Option(name: .customLong("per-year"), help: .vi("Mỗi người mỗi năm nhiều nhất bấy nhiêu lần.", en: "At most this many occasions per person per year."))
    var perYear: Int?
    @Option(name: .customLong("lead-days"), help: .vi("Cấp phát trước dịp bấy nhiêu ngày.", en: "Deliver this many days before the occasion."))
    var leadDays: Int?
    @Option(name: .customLong("advance-days"),
            help: .vi("Lập khoản chế độ trước hạn trao bấy nhiêu ngày, để kế toán kịp duyệt và mua quà (quà Tết: mẫu 30 ngày).",
                      en: "Create the entitlements this many days before they are due, so they can be approved and gifts bought (Tết gifts: sample 30)."))
    var advanceDays: Int?
    @Option(help: .vi("Nguồn kinh phí: trung ương, tỉnh hoặc huyện.", en: "central, province or district.")) var funding: String?
    @Option(help: .vi("Cách cấp phát thông thường.", en: "The normal delivery method.")) var normal: String?
    @Option(help: .vi("Cách xử lý khi có tình huống đặc biệt.", en: "The contingency policy.")) var contingency: String?
    @Option(help: .vi("Căn cứ pháp lý.", en: "The legal basis.")) var basis: String?

    /// The terms typed, checked, with the version's amount.
    func change(amount: Int) throws -> UytinDatabase.RuleChange {
        UytinDatabase.RuleChange(
            amount: amount,
            cap: try cap.map { .some(try BenefitParse.money($0, option: "--cap")) },
            tiers: try tiers.map { try BenefitRule.parseTiers($0) },
            perYear: perYear.map { .some($0) }, leadDays: leadDays, advanceDays: advanceDays,
            funding: try funding.map { try BenefitParse.choice($0, FundingLevel.self, option: "--funding") },
            normalMethod: try normal.map { try BenefitParse.choice($0, DeliveryMethod.self, option: "--normal") },
            contingencyPolicy: try contingency.map { try BenefitParse.choice($0, ContingencyPolicy.self, option: "--contingency") },
            basis: try basis.map { try Inputs.name($0, field: Message(vi: "Căn cứ", en: "Basis"), maxLength: 500) })
    }
}
