import Registry
import Scheduler
import Testing

/// The clerk's words for the benefits' fixed choices (issue 11): kinds, levels, statuses, methods, policies, funding,
/// events and plans, with or without diacritics, in any case, besides their codes.
@Suite("Clerk's words for benefit choices")
struct BenefitChoiceWordsTests {
    @Test("benefit kinds", arguments: [
        ("quà Tết", BenefitKind.lunarNewYearGift), ("QUA TET", .lunarNewYearGift), ("lunar_new_year_gift", .lunarNewYearGift),
        ("quà lễ hội", .festivalGift), ("báo", .newspaper), ("Bao", .newspaper), ("tập huấn", .training),
        ("tham quan học tập", .studyTour), ("thăm ốm", .sickVisit), ("tham om", .sickVisit),
        ("hỗ trợ khó khăn", .hardshipSupport), ("phúng viếng", .condolence), ("phúng viếng thân nhân", .relativeCondolence),
        ("Phung vieng than nhan", .relativeCondolence), ("khen thưởng", .commendation), ("study-tour", .studyTour),
    ])
    func kinds(text: String, kind: BenefitKind) {
        #expect(BenefitKind(parsing: text) == kind)
    }

    @Test("event and facility levels", arguments: [
        ("trung ương", Level.central), ("Trung uong", .central), ("TW", .central), ("tỉnh", .province),
        ("huyện", .district), ("xã", .commune), ("XA", .commune), ("commune", .commune),
    ])
    func levels(text: String, level: Level) {
        #expect(Level(parsing: text) == level)
    }

    @Test("entitlement statuses", arguments: [
        ("dự kiến", EntitlementStatus.planned), ("du kien", .planned), ("đã duyệt", .approved), ("Da duyet", .approved),
        ("đã nhận", .delivered), ("đã trao", .delivered), ("đã hủy", .cancelled), ("da huy", .cancelled), ("cancelled", .cancelled),
    ])
    func statuses(text: String, status: EntitlementStatus) {
        #expect(EntitlementStatus(parsing: text) == status)
    }

    @Test("delivery methods, contingency policies, funding, events and plans")
    func otherChoices() {
        #expect(DeliveryMethod(parsing: "đến tận nhà") == .homeVisit)
        #expect(DeliveryMethod(parsing: "chuyen khoan") == .transfer)
        #expect(DeliveryMethod(parsing: "home_visit") == .homeVisit)
        #expect(DeliveryMethod(parsing: "Home visit") == .homeVisit)
        #expect(ContingencyPolicy(parsing: "hoãn") == .postpone)
        #expect(ContingencyPolicy(parsing: "đến tận nhà") == .homeDelivery)
        #expect(ContingencyPolicy(parsing: "giu nguyen") == .unchanged)
        #expect(FundingLevel(parsing: "ngân sách trung ương") == .central)
        #expect(FundingLevel(parsing: "tỉnh") == .province)
        #expect(EventKind(parsing: "ốm đau") == .hospitalized)
        #expect(EventKind(parsing: "thân nhân qua đời") == .relativeDeath)
        #expect(EventKind(parsing: "từ trần") == .death)
        #expect(PlanKind(parsing: "tham quan học tập") == .studyTour)
        #expect(PlanKind(parsing: "Khen thuong") == .commendation)
    }

    @Test("every choice is named by its code, its labels and its first word; lists read in the clerk's language")
    func tablesAreSound() {
        #expect(BenefitKind.words.conflicts.isEmpty, "\(BenefitKind.words.conflicts)")
        #expect(DeliveryMethod.words.conflicts.isEmpty, "\(DeliveryMethod.words.conflicts)")
        #expect(ContingencyPolicy.words.conflicts.isEmpty, "\(ContingencyPolicy.words.conflicts)")
        #expect(FundingLevel.words.conflicts.isEmpty && Level.words.conflicts.isEmpty, "\(Level.words.conflicts)")
        #expect(EntitlementStatus.words.conflicts.isEmpty, "\(EntitlementStatus.words.conflicts)")
        #expect(EventKind.words.conflicts.isEmpty && PlanKind.words.conflicts.isEmpty, "\(EventKind.words.conflicts)")
        for kind in BenefitKind.allCases {
            #expect(BenefitKind(parsing: kind.rawValue) == kind)
            #expect(BenefitKind(parsing: kind.label.vi) == kind)
            #expect(BenefitKind(parsing: kind.label.en) == kind)
            #expect(BenefitKind(parsing: kind.choiceName.vi) == kind)
        }
        for method in DeliveryMethod.allCases { #expect(DeliveryMethod(parsing: method.label.vi) == method) }
        for policy in ContingencyPolicy.allCases { #expect(ContingencyPolicy(parsing: policy.label.vi) == policy) }
        for level in FundingLevel.allCases { #expect(FundingLevel(parsing: level.rawValue) == level) }
        for level in Level.allCases { #expect(Level(parsing: level.label.vi) == level) }
        for status in EntitlementStatus.allCases { #expect(EntitlementStatus(parsing: status.label.vi) == status) }
        for kind in EventKind.allCases { #expect(EventKind(parsing: kind.rawValue) == kind) }
        for kind in PlanKind.allCases { #expect(PlanKind(parsing: kind.rawValue) == kind) }
        #expect(EntitlementStatus.choiceList.vi == "dự kiến, đã duyệt, đã nhận, đã hủy")
        #expect(EntitlementStatus.choiceList.en == "planned, approved, delivered, cancelled")
        #expect(BenefitKind.choiceList.vi.hasPrefix("quà Tết, quà lễ hội, báo, tập huấn"))
    }

    @Test("an unknown value is refused as malformed, listing the choices")
    func unknown() {
        #expect(BenefitKind(parsing: "quà") == nil)
        do {
            _ = try EntitlementStatus.parse("xong", option: "--status")
            Issue.record("accepted")
        } catch {
            #expect(error.kind == .malformed)
            #expect(error.message.vi.contains("dự kiến, đã duyệt, đã nhận, đã hủy"))
        }
    }

    @Test("tiers take the clerk's level words")
    func tiers() throws {
        let tiers = try BenefitRule.parseTiers("trung ương=3000000, tỉnh=1500000,huyen=800000,xã=500000")
        #expect(tiers == [.central: 3_000_000, .province: 1_500_000, .district: 800_000, .commune: 500_000])
        #expect(try BenefitRule.parseTiers("central=3000000") == [.central: 3_000_000])
    }
}
