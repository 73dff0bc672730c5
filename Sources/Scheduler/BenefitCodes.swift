import Registry

/// The benefits the law grants a reputable person (Art. 5 of QĐ 12/2018, DOMAIN.md §4).
public enum BenefitKind: String, Sendable, Codable, CaseIterable {
    case lunarNewYearGift = "lunar_new_year_gift"
    case festivalGift = "festival_gift"
    case newspaper
    case training
    case studyTour = "study_tour"
    case sickVisit = "sick_visit"
    case hardshipSupport = "hardship_support"
    case condolence
    case relativeCondolence = "relative_condolence"
    case commendation

    /// How the scheduler finds the benefit's occasions.
    public enum Schedule: String, Sendable {
        /// Tết Nguyên đán, by the lunar calendar.
        case lunarNewYear
        /// A group's festival, from the festival table.
        case festival
        /// Every month (newspapers).
        case monthly
        /// A planned gathering with participants (`plan add`).
        case plan
        /// A life event (`event record`).
        case event
    }

    public var schedule: Schedule {
        switch self {
        case .lunarNewYearGift: .lunarNewYear
        case .festivalGift: .festival
        case .newspaper: .monthly
        case .training, .studyTour, .commendation: .plan
        case .sickVisit, .hardshipSupport, .condolence, .relativeCondolence: .event
        }
    }

    /// Kinds that share one limit per person per year: the Tết gift and festival gifts are "at most 2 occasions".
    public var limitGroup: String {
        switch self {
        case .lunarNewYearGift, .festivalGift: "gift"
        default: rawValue
        }
    }

    public var label: Message {
        switch self {
        case .lunarNewYearGift: Message(vi: "Thăm hỏi, tặng quà Tết Nguyên đán", en: "Lunar New Year gift")
        case .festivalGift: Message(vi: "Tặng quà Tết, lễ hội truyền thống của dân tộc", en: "Traditional festival gift")
        case .newspaper: Message(vi: "Cấp báo", en: "Newspapers")
        case .training: Message(vi: "Hội nghị, bồi dưỡng, tập huấn", en: "Information conference, training")
        case .studyTour: Message(vi: "Tham quan, học tập", en: "Study tour")
        case .sickVisit: Message(vi: "Thăm hỏi khi ốm đau", en: "Visit when sick")
        case .hardshipSupport: Message(vi: "Hỗ trợ gia đình gặp khó khăn đột xuất", en: "Support in sudden hardship")
        case .condolence: Message(vi: "Thăm viếng khi người có uy tín qua đời", en: "Condolence on the person's death")
        case .relativeCondolence: Message(vi: "Thăm viếng khi thân nhân qua đời", en: "Condolence on a close relative's death")
        case .commendation: Message(vi: "Khen thưởng", en: "Commendation")
        }
    }
}

/// How a benefit reaches the person.
public enum DeliveryMethod: String, Sendable, Codable, CaseIterable {
    case ceremony
    case homeVisit = "home_visit"
    case transfer
    case mail
    case inKind = "in_kind"
    case online

    public var label: Message {
        switch self {
        case .ceremony: Message(vi: "Tổ chức gặp mặt", en: "ceremony")
        case .homeVisit: Message(vi: "Đến tận nhà", en: "home visit")
        case .transfer: Message(vi: "Chuyển khoản", en: "bank transfer")
        case .mail: Message(vi: "Gửi qua bưu điện", en: "mail")
        case .inKind: Message(vi: "Cấp hiện vật", en: "in kind")
        case .online: Message(vi: "Trực tuyến", en: "online")
        }
    }
}

/// What happens to a benefit while a contingency period covers it.
public enum ContingencyPolicy: String, Sendable, Codable, CaseIterable {
    case homeDelivery = "home_delivery"
    case transfer
    case postpone
    case online
    case cancel
    case unchanged

    public var label: Message {
        switch self {
        case .homeDelivery: Message(vi: "chuyển đến tận nhà", en: "deliver at home")
        case .transfer: Message(vi: "chuyển khoản", en: "transfer to an account")
        case .postpone: Message(vi: "hoãn đến khi hết dịch", en: "postpone until the period ends")
        case .online: Message(vi: "tổ chức trực tuyến", en: "hold online")
        case .cancel: Message(vi: "hủy", en: "cancel")
        case .unchanged: Message(vi: "giữ nguyên", en: "unchanged")
        }
    }
}

/// Which budget pays.
public enum FundingLevel: String, Sendable, Codable, CaseIterable {
    case central, province, district

    public var label: Message {
        switch self {
        case .central: Message(vi: "Ngân sách trung ương", en: "central budget")
        case .province: Message(vi: "Ngân sách tỉnh", en: "provincial budget")
        case .district: Message(vi: "Ngân sách huyện", en: "district budget")
        }
    }
}

/// The level of the facility treating (or the authority visiting) a sick person; picks the tier.
public enum Level: String, Sendable, Codable, CaseIterable {
    case central, province, district, commune

    public var label: Message {
        switch self {
        case .central: Message(vi: "trung ương", en: "central")
        case .province: Message(vi: "tỉnh", en: "province")
        case .district: Message(vi: "huyện", en: "district")
        case .commune: Message(vi: "xã", en: "commune")
        }
    }
}

/// An entitlement's lifecycle: planned → approved → delivered, or cancelled.
public enum EntitlementStatus: String, Sendable, Codable, CaseIterable {
    case planned, approved, delivered, cancelled

    public var label: Message {
        switch self {
        case .planned: Message(vi: "dự kiến", en: "planned")
        case .approved: Message(vi: "đã duyệt", en: "approved")
        case .delivered: Message(vi: "đã trao", en: "delivered")
        case .cancelled: Message(vi: "đã hủy", en: "cancelled")
        }
    }
}

/// A life event a clerk records.
public enum EventKind: String, Sendable, Codable, CaseIterable {
    case hospitalized, hardship, death
    case relativeDeath = "relative_death"

    /// The benefit the event brings.
    public var benefit: BenefitKind {
        switch self {
        case .hospitalized: .sickVisit
        case .hardship: .hardshipSupport
        case .death: .condolence
        case .relativeDeath: .relativeCondolence
        }
    }

    public var label: Message {
        switch self {
        case .hospitalized: Message(vi: "Ốm đau, điều trị tại cơ sở y tế", en: "Hospital treatment")
        case .hardship: Message(vi: "Gia đình gặp khó khăn đột xuất", en: "Household hardship")
        case .death: Message(vi: "Người có uy tín qua đời", en: "Death of the person")
        case .relativeDeath: Message(vi: "Thân nhân qua đời", en: "Death of a close relative")
        }
    }
}

/// Where a plan gathers people.
public enum PlanKind: String, Sendable, Codable, CaseIterable {
    case training
    case studyTour = "study_tour"
    case commendation

    public var benefit: BenefitKind {
        switch self {
        case .training: .training
        case .studyTour: .studyTour
        case .commendation: .commendation
        }
    }
}
