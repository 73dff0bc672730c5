import Foundation

/// A person's gender as the contract spells it (`--gender nam|nu`).
public enum Gender: String, Sendable, Codable, CaseIterable {
    case nam, nu

    /// Accepts nam/nu, the Vietnamese words with diacritics, and male/female.
    public init?(parsing text: String) {
        switch VietnameseText.searchKey(text) {
        case "nam", "male", "m", "dan ong", "trai": self = .nam
        case "nu", "female", "f", "dan ba", "gai": self = .nu
        default: return nil
        }
    }

    public var label: Message { self == .nam ? Message(vi: "Nam", en: "Male") : Message(vi: "Nữ", en: "Female") }
}

/// The roles a reputable person holds in the community (several per person).
public enum Role: String, Sendable, Codable, CaseIterable {
    case retiredCadre = "retired_cadre"
    case villageHead = "village_head"
    case villageElder = "village_elder"
    case partySecretary = "party_secretary"
    case clanHead = "clan_head"
    case religiousDignitary = "religious_dignitary"
    case ritualPractitioner = "ritual_practitioner"
    case intellectual
    case business
    case artisan
    case partyMember = "party_member"
    case other

    /// The words clerks write for the role; the first is the one documents print.
    public var vietnameseWords: [String] {
        switch self {
        case .retiredCadre: ["Cán bộ hưu trí", "cán bộ nghỉ hưu", "hưu trí"]
        case .villageHead: ["Trưởng thôn", "trưởng bản", "trưởng ấp", "trưởng xóm", "trưởng làng", "trưởng phum", "trưởng sóc"]
        case .villageElder: ["Già làng"]
        case .partySecretary: ["Bí thư chi bộ", "bí thư"]
        case .clanHead: ["Trưởng dòng họ", "tộc trưởng", "trưởng họ"]
        case .religiousDignitary: ["Chức sắc tôn giáo", "chức sắc", "chức việc", "chức việc tôn giáo"]
        case .ritualPractitioner: ["Thầy cúng", "thầy mo", "bà bóng", "thầy tào", "thầy lang"]
        case .intellectual: ["Trí thức", "bác sĩ", "giáo viên", "nhà giáo", "y sĩ"]
        case .business: ["Người sản xuất, kinh doanh giỏi", "người sản xuất giỏi", "sản xuất giỏi", "kinh doanh giỏi", "người kinh doanh giỏi", "sản xuất kinh doanh giỏi"]
        case .artisan: ["Nghệ nhân"]
        case .partyMember: ["Đảng viên"]
        case .other: ["Khác"]
        }
    }

    public var label: Message {
        let en: String = switch self {
        case .retiredCadre: "retired cadre"
        case .villageHead: "village head"
        case .villageElder: "village elder"
        case .partySecretary: "Party-cell secretary"
        case .clanHead: "clan head"
        case .religiousDignitary: "religious dignitary"
        case .ritualPractitioner: "ritual practitioner"
        case .intellectual: "intellectual"
        case .business: "good producer / business"
        case .artisan: "folk artisan"
        case .partyMember: "Party member"
        case .other: "other"
        }
        return Message(vi: vietnameseWords[0], en: en)
    }

    /// A role from its code ("village_head") or any of the Vietnamese words for it ("trưởng thôn", "Thầy cúng").
    public init?(parsing text: String) {
        let key = VietnameseText.searchKey(text)
        if let byCode = Role(rawValue: key.replacingOccurrences(of: " ", with: "_")) {
            self = byCode
            return
        }
        guard let found = Role.byWordKey[key] else { return nil }
        self = found
    }

    /// Every Vietnamese word for a role, by its search key (keyed once: an import parses a role list on every row).
    static let byWordKey: [String: Role] = {
        var roles: [String: Role] = [:]
        for role in Role.allCases {
            for word in role.vietnameseWords where roles[VietnameseText.searchKey(word)] == nil {
                roles[VietnameseText.searchKey(word)] = role
            }
        }
        return roles
    }()

    /// The search key of the business role's own name, which holds a comma.
    static let businessPhraseKey = VietnameseText.searchKey(Role.business.vietnameseWords[0])

    /// Parses a cell or flag holding several roles: "village_head,clan_head" or "Thầy cúng, Người sản xuất giỏi".
    /// The business role's own name contains a comma, so it is matched before splitting.
    public static func parseList(_ text: String) throws(RegistryError) -> [Role] {
        var rest = VietnameseText.searchKey(text)
        var roles: [Role] = []
        let longPhrase = Role.businessPhraseKey
        if rest.contains(longPhrase) {
            roles.append(.business)
            rest = rest.replacingOccurrences(of: longPhrase, with: "")
        }
        for part in rest.split(whereSeparator: { $0 == "," || $0 == ";" || $0 == "|" }) {
            let word = part.trimmingCharacters(in: .whitespaces)
            if word.isEmpty { continue }
            guard let role = Role(parsing: word) else { throw .unknownRole(word) }
            if !roles.contains(role) { roles.append(role) }
        }
        return roles.sorted { $0.rawValue < $1.rawValue }
    }
}

/// The level of an administrative area the registry keeps.
public enum AreaLevel: String, Sendable, Codable, CaseIterable, Comparable {
    case province, district, commune

    public var label: Message {
        switch self {
        case .province: Message(vi: "tỉnh", en: "province")
        case .district: Message(vi: "huyện", en: "district")
        case .commune: Message(vi: "xã", en: "commune")
        }
    }

    /// The number of digits of the level's official code.
    public var codeLength: Int {
        switch self {
        case .province: 2
        case .district: 3
        case .commune: 5
        }
    }

    /// The level an issuer's name states ("UBND tỉnh Vĩnh Phúc" → province, "UBND huyện Tam Đảo" → district,
    /// "Chủ tịch UBND xã Đạo Trù" → commune); nil when it does not say ("UBND thành phố ..." may be either).
    public init?(issuer: String) {
        let words = " " + VietnameseText.searchKey(issuer) + " "
        if words.contains(" ubnd tinh ") || words.contains(" uy ban nhan dan tinh ") {
            self = .province
        } else if [" ubnd huyen ", " ubnd quan ", " ubnd thi xa ", " uy ban nhan dan huyen "].contains(where: words.contains) {
            self = .district
        } else if [" ubnd xa ", " ubnd phuong ", " ubnd thi tran ", " uy ban nhan dan xa "].contains(where: words.contains) {
            self = .commune
        } else {
            return nil
        }
    }

    /// Higher levels first: province < district < commune.
    public static func < (lhs: AreaLevel, rhs: AreaLevel) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// What a proposal asks of a decision.
public enum ProposalKind: String, Sendable, Codable, CaseIterable {
    case recognize, remove, replace, rebind

    public var label: Message {
        switch self {
        case .recognize: Message(vi: "Công nhận", en: "Recognise")
        case .remove: Message(vi: "Đưa ra khỏi danh sách", en: "Remove")
        case .replace: Message(vi: "Thay thế", en: "Replace")
        case .rebind: Message(vi: "Gắn lại thôn sau sáp nhập", en: "Re-bind after merger")
        }
    }
}

public enum ProposalStatus: String, Sendable, Codable, CaseIterable {
    case pending, approved, rejected, withdrawn

    public var label: Message {
        switch self {
        case .pending: Message(vi: "chờ quyết định", en: "pending")
        case .approved: Message(vi: "được phê duyệt", en: "approved")
        case .rejected: Message(vi: "bị từ chối", en: "rejected")
        case .withdrawn: Message(vi: "đã rút", en: "withdrawn")
        }
    }
}

/// A reason a person leaves the list. The list is data (table removal_reason); these ship with every database.
public struct RemovalReason: Sendable, Codable, Equatable {
    public let code: String
    public let label: Message
    /// True for the reasons read in a public source (death, health, merger); the others are expected practice.
    public let confirmed: Bool

    public init(code: String, label: Message, confirmed: Bool) {
        self.code = code
        self.label = label
        self.confirmed = confirmed
    }

    public static let death = "death"
    public static let merger = "merger"

    public static let shipped: [RemovalReason] = [
        .init(code: "death", label: Message(vi: "Từ trần", en: "death"), confirmed: true),
        .init(code: "health", label: Message(vi: "Lý do sức khỏe", en: "health"), confirmed: true),
        .init(code: "merger", label: Message(vi: "Sáp nhập thôn", en: "village merger"), confirmed: true),
        .init(code: "moved", label: Message(vi: "Chuyển nơi cư trú", en: "moved away"), confirmed: false),
        .init(code: "violation", label: Message(vi: "Vi phạm pháp luật", en: "law violation"), confirmed: false),
        .init(code: "resigned", label: Message(vi: "Tự nguyện xin thôi", en: "voluntary resignation"), confirmed: false),
        .init(code: "criteria", label: Message(vi: "Không còn đủ tiêu chuẩn", en: "no longer meets the criteria"), confirmed: false),
    ]
}
