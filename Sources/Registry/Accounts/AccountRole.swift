import Foundation

/// What a signed-in account may do in the office's console. A role is a job in the office, not a list of rights:
/// the rights follow from it (`permits`), so a reader sees in one place who may do what.
public enum AccountRole: String, Sendable, CaseIterable, Codable {
    /// Quản trị: manages accounts; reads everything, writes nothing of the registry.
    case administrator = "admin"
    /// Lãnh đạo: records decisions and approves the lists.
    case leader
    /// Cán bộ: persons, proposals, life events, exports, for the whole province.
    case officer
    /// Kế toán: approves and delivers entitlements, the budget.
    case accountant
    /// Cán bộ xã: persons and proposals of one commune only.
    case communeOfficer = "commune-officer"
    /// Chỉ xem: reads everything, the audit log included; writes nothing.
    case viewer

    /// The role's name as the office says it.
    public var name: Message {
        switch self {
        case .administrator: Message(vi: "quản trị", en: "administrator")
        case .leader: Message(vi: "lãnh đạo", en: "leader")
        case .officer: Message(vi: "cán bộ", en: "officer")
        case .accountant: Message(vi: "kế toán", en: "accountant")
        case .communeOfficer: Message(vi: "cán bộ xã", en: "commune officer")
        case .viewer: Message(vi: "chỉ xem", en: "viewer")
        }
    }

    /// Reads a role as a clerk types it: the Vietnamese name with or without diacritics ("can bo xa"), the English
    /// name, or the stored code; nil when it is none of them.
    public init?(typed text: String) {
        let key = VietnameseText.searchKey(text).replacingOccurrences(of: "-", with: " ")
        guard let role = AccountRole.allCases.first(where: { role in
            [role.name.vi, role.name.en, role.rawValue].contains { VietnameseText.searchKey($0).replacingOccurrences(of: "-", with: " ") == key }
        }) else { return nil }
        self = role
    }

    /// Whether the role may do an action; the one table of rights.
    public func permits(_ permission: Permission) -> Bool {
        switch permission {
        case .read: true
        case .readAudit: self != .communeOfficer
        case .manageAccounts: self == .administrator
        case .recordDecisions, .approveLists: self == .leader
        case .editPersons, .propose: [.officer, .communeOfficer].contains(self)
        case .recordEvents, .export: self == .officer
        case .approveEntitlements, .deliverEntitlements, .budget: self == .accountant
        }
    }

    /// Whether the role works on one commune only (its account carries the commune).
    public var isBoundToCommune: Bool { self == .communeOfficer }

    /// The roles as a clerk may type them, for messages.
    public static var typedNames: Message {
        Message(vi: allCases.map(\.name.vi).joined(separator: ", "), en: allCases.map(\.name.en).joined(separator: ", "))
    }
}

/// One right of the console, checked before a page or a form does anything.
public enum Permission: Sendable, CaseIterable {
    case read, readAudit, manageAccounts
    case recordDecisions, approveLists
    case editPersons, propose, recordEvents, export
    case approveEntitlements, deliverEntitlements, budget
}

/// The part of the province an account sees: all of it, or one commune (the area row in force when the account was
/// made). Storage queries take it, so a person or proposal of another commune is not found, whatever the URL says.
public enum Scope: Sendable, Equatable, Hashable, Codable {
    case province
    case commune(areaId: Int64, code: String)

    /// The commune's code, nil for the whole province.
    public var communeCode: String? {
        if case .commune(_, let code) = self { return code }
        return nil
    }

    /// The commune's area id, nil for the whole province.
    public var communeAreaId: Int64? {
        if case .commune(let id, _) = self { return id }
        return nil
    }
}

/// An account of the console, as `user list` and the pages show it (never its password hash).
public struct Account: Sendable, Equatable, Codable {
    public var id: Int64
    public var login: String
    public var role: AccountRole
    /// A commune officer's commune: its code and name.
    public var communeCode: String?
    public var communeName: String?
    public var disabledAt: String?
    public var createdBy: String
    public var createdAt: String

    public init(id: Int64, login: String, role: AccountRole, communeCode: String?, communeName: String?, disabledAt: String?,
                createdBy: String, createdAt: String) {
        self.id = id
        self.login = login
        self.role = role
        self.communeCode = communeCode
        self.communeName = communeName
        self.disabledAt = disabledAt
        self.createdBy = createdBy
        self.createdAt = createdAt
    }

    public var isDisabled: Bool { disabledAt != nil }

    /// A login as typed: 2 to 40 letters without accents, digits, dots, dashes or underscores, not a program's
    /// name (Actors.system).
    public static func checkedLogin(_ text: String) throws(RegistryError) -> String {
        let login = text.trimmingCharacters(in: .whitespaces)
        let allowed = login.unicodeScalars.allSatisfy { $0.isASCII && (CharacterSet.alphanumerics.contains($0) || "._-".unicodeScalars.contains($0)) }
        guard (2...40).contains(login.count), allowed else { throw RegistryError.malformedLogin(text) }
        guard !Actors.isSystem(login) else { throw RegistryError.systemLogin(login) }
        return login
    }
}

extension RegistryError {
    public static func malformedLogin(_ text: String) -> RegistryError {
        .init("malformed_login", .malformed,
              vi: "Tên đăng nhập \(Inputs.shown(text)) không hợp lệ: cần 2–40 ký tự gồm chữ không dấu, chữ số, dấu chấm, gạch ngang hoặc gạch dưới.",
              en: "The login \(Inputs.shown(text)) is not valid: 2–40 letters without accents, digits, dots, dashes or underscores.")
    }
    public static func systemLogin(_ login: String) -> RegistryError {
        .init("system_login", vi: "\(login) là tên dành cho chương trình (lịch chạy tự động), không dùng làm tên đăng nhập.",
              en: "\(login) is reserved for programs (the scheduled run); it cannot be a login.")
    }
}
