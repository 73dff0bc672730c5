import Registry

// The words a clerk types for the benefits' fixed choices: one table per type, besides each choice's code and labels
// (see Registry's ChoiceWords.swift).

extension BenefitKind: ClerkChoice {
    public static let words = ChoiceTable<BenefitKind>(words: [
        (.lunarNewYearGift, ["quà Tết", "Tết", "Tết Nguyên đán", "quà Tết Nguyên đán", "tặng quà Tết"]),
        (.festivalGift, ["quà lễ hội", "lễ hội", "quà Tết dân tộc", "quà lễ hội truyền thống", "Tết dân tộc"]),
        (.newspaper, ["báo", "cấp báo", "báo chí"]),
        (.training, ["tập huấn", "hội nghị", "bồi dưỡng", "hội nghị tập huấn"]),
        (.studyTour, ["tham quan học tập", "tham quan", "học tập", "Tham quan, học tập"]),
        (.sickVisit, ["thăm ốm", "ốm đau", "thăm hỏi ốm đau", "thăm bệnh", "thăm hỏi khi ốm đau"]),
        (.hardshipSupport, ["hỗ trợ khó khăn", "khó khăn", "hỗ trợ khó khăn đột xuất", "hỗ trợ"]),
        (.condolence, ["phúng viếng", "thăm viếng", "viếng"]),
        (.relativeCondolence, ["phúng viếng thân nhân", "thăm viếng thân nhân", "viếng thân nhân", "thân nhân"]),
        (.commendation, ["khen thưởng", "khen"]),
    ], label: \.label)

    /// The kind from its code or the clerk's words ("quà Tết", "phung vieng than nhan").
    public init?(parsing text: String) {
        guard let kind = Self.words(text) else { return nil }
        self = kind
    }

    public var choiceName: Message { Self.choiceName(self, in: Self.words) }
}

extension DeliveryMethod: ClerkChoice {
    public static let words = ChoiceTable<DeliveryMethod>(words: [
        (.ceremony, ["gặp mặt", "tổ chức gặp mặt", "tập trung", "trao tập trung"]),
        (.homeVisit, ["đến tận nhà", "tận nhà", "tại nhà", "đến nhà", "trao tận nhà"]),
        (.transfer, ["chuyển khoản", "chuyển tiền"]),
        (.mail, ["bưu điện", "gửi qua bưu điện", "gửi bưu điện", "qua bưu điện"]),
        (.inKind, ["hiện vật", "cấp hiện vật", "bằng hiện vật"]),
        (.online, ["trực tuyến"]),
    ], label: \.label)

    /// The method from its code or the clerk's words ("đến tận nhà", "chuyen khoan").
    public init?(parsing text: String) {
        guard let method = Self.words(text) else { return nil }
        self = method
    }

    public var choiceName: Message { Self.choiceName(self, in: Self.words) }
}

extension ContingencyPolicy: ClerkChoice {
    public static let words = ChoiceTable<ContingencyPolicy>(words: [
        (.homeDelivery, ["đến tận nhà", "tận nhà", "tại nhà", "trao tận nhà", "đến nhà"]),
        (.transfer, ["chuyển khoản", "chuyển tiền"]),
        (.postpone, ["hoãn", "tạm hoãn", "hoãn lại"]),
        (.online, ["trực tuyến", "tổ chức trực tuyến"]),
        (.cancel, ["hủy", "hủy bỏ", "không tổ chức"]),
        (.unchanged, ["giữ nguyên", "không đổi", "như thường"]),
    ], label: \.label)

    /// The policy from its code or the clerk's words ("hoãn", "giu nguyen").
    public init?(parsing text: String) {
        guard let policy = Self.words(text) else { return nil }
        self = policy
    }

    public var choiceName: Message { Self.choiceName(self, in: Self.words) }
}

extension FundingLevel: ClerkChoice {
    public static let words = ChoiceTable<FundingLevel>(words: [
        (.central, ["trung ương", "ngân sách trung ương", "TW", "cấp trung ương"]),
        (.province, ["tỉnh", "ngân sách tỉnh", "cấp tỉnh"]),
        (.district, ["huyện", "ngân sách huyện", "cấp huyện"]),
    ], label: \.label)

    /// The funding level from its code or the clerk's words ("trung ương", "ngân sách tỉnh").
    public init?(parsing text: String) {
        guard let level = Self.words(text) else { return nil }
        self = level
    }

    public var choiceName: Message { Self.choiceName(self, in: Self.words) }
}

extension Level: ClerkChoice {
    public static let words = ChoiceTable<Level>(words: [
        (.central, ["trung ương", "TW", "cấp trung ương", "tuyến trung ương"]),
        (.province, ["tỉnh", "cấp tỉnh", "tuyến tỉnh"]),
        (.district, ["huyện", "cấp huyện", "tuyến huyện", "quận", "thị xã"]),
        (.commune, ["xã", "cấp xã", "tuyến xã", "phường", "thị trấn"]),
    ], label: \.label)

    /// The level from its code or the clerk's words ("trung ương", "tỉnh", "huyen", "xã").
    public init?(parsing text: String) {
        guard let level = Self.words(text) else { return nil }
        self = level
    }

    public var choiceName: Message { Self.choiceName(self, in: Self.words) }
}

extension EntitlementStatus: ClerkChoice {
    public static let words = ChoiceTable<EntitlementStatus>(words: [
        (.planned, ["dự kiến", "chưa duyệt", "kế hoạch"]),
        (.approved, ["đã duyệt", "duyệt", "được duyệt"]),
        (.delivered, ["đã nhận", "đã trao", "đã cấp", "nhận", "trao"]),
        (.cancelled, ["đã hủy", "hủy", "canceled"]),
    ], label: \.label)

    /// The status from its code or the clerk's words ("dự kiến", "đã duyệt", "đã nhận", "đã hủy").
    public init?(parsing text: String) {
        guard let status = Self.words(text) else { return nil }
        self = status
    }

    public var choiceName: Message { Self.choiceName(self, in: Self.words) }
}

extension EventKind: ClerkChoice {
    public static let words = ChoiceTable<EventKind>(words: [
        (.hospitalized, ["ốm đau", "ốm", "nằm viện", "điều trị", "nhập viện", "hospitalised"]),
        (.hardship, ["khó khăn", "khó khăn đột xuất", "thiên tai", "hỏa hoạn"]),
        (.death, ["từ trần", "qua đời", "mất", "chết", "tử vong"]),
        (.relativeDeath, ["thân nhân qua đời", "thân nhân mất", "người thân qua đời", "người thân mất", "thân nhân từ trần"]),
    ], label: \.label)

    /// The event from its code or the clerk's words ("ốm đau", "từ trần", "thân nhân qua đời").
    public init?(parsing text: String) {
        guard let kind = Self.words(text) else { return nil }
        self = kind
    }

    public var choiceName: Message { Self.choiceName(self, in: Self.words) }
}

extension PlanKind: ClerkChoice {
    public static let words = ChoiceTable<PlanKind>(words: [
        (.training, ["tập huấn", "hội nghị", "bồi dưỡng", "hội nghị tập huấn"]),
        (.studyTour, ["tham quan học tập", "tham quan", "học tập", "Tham quan, học tập"]),
        (.commendation, ["khen thưởng", "khen"]),
    ], label: { $0.benefit.label })

    /// The kind from its code or the clerk's words ("tập huấn", "tham quan học tập", "khen thưởng").
    public init?(parsing text: String) {
        guard let kind = Self.words(text) else { return nil }
        self = kind
    }

    public var choiceName: Message { Self.choiceName(self, in: Self.words) }
}
