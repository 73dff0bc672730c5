import Foundation
import GRDB
import Registry
import VietnameseCalendar

/// The console's accounts (`uytin user …`): made, listed, disabled, their password changed, each write audited.
/// Storage keeps the bcrypt hash it is given and never sees a password.
extension UytinDatabase {
    /// Makes an account. A commune officer's account names its commune by code (the commune in force today); other
    /// roles take none.
    public func addAccount(login: String, role: AccountRole, communeCode: String?, passwordHash: String) throws -> Account {
        let login = try Account.checkedLogin(login)
        if role.isBoundToCommune, communeCode == nil { throw RegistryError.communeOfficerNeedsCommune }
        if !role.isBoundToCommune, communeCode != nil { throw RegistryError.onlyCommuneOfficersHaveCommune(role) }
        let id: Int64 = try write { db in
            if try Self.accountRow(db, login: login) != nil { throw RegistryError.accountExists(login) }
            let commune = try communeCode.map { code in try Self.communeInForce(db, code, on: Self.today()) }
            try db.execute(sql: """
                INSERT INTO account (login, role, area_id, password_hash, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?)
                """, arguments: [login, role.rawValue, commune?.id, passwordHash, actor, Self.timestamp()])
            let id = db.lastInsertedRowID
            try audit(db, "account.add", entity: "account", id: id,
                      ["login": login, "role": role.rawValue, "commune": commune?.code ?? ""])
            return id
        }
        return try read { db in try Self.accountRow(db, id: id) }!.account
    }

    /// Every account, enabled ones first, by login.
    public func accounts() throws -> [Account] {
        try read { db in
            try AccountRow.fetchAll(db, sql: Self.accountSelect + " ORDER BY a.disabled_at IS NOT NULL, a.login").map(\.account)
        }
    }

    /// The account of a login (any case), disabled or not.
    public func account(login: String) throws -> Account? {
        try read { db in try Self.accountRow(db, login: login)?.account }
    }

    /// What signing in needs: the enabled account of a login with its password hash and scope; nil for an unknown or
    /// disabled login.
    public func credentials(login: String) throws -> (account: Account, passwordHash: String, scope: Scope)? {
        try read { db in
            guard let row = try Self.accountRow(db, login: login), row.account.disabledAt == nil else { return nil }
            let scope: Scope = if let areaId = row.areaId, let code = row.account.communeCode { .commune(areaId: areaId, code: code) } else { .province }
            return (row.account, row.passwordHash, scope)
        }
    }

    /// Disables an account for good; its sessions end at their next request.
    public func disableAccount(login: String) throws -> Account {
        try write { db in
            guard let row = try Self.accountRow(db, login: login) else { throw RegistryError.noAccount(login) }
            guard row.account.disabledAt == nil else { return row.account }
            try db.execute(sql: "UPDATE account SET disabled_at = ? WHERE id = ?", arguments: [Self.timestamp(), row.account.id])
            try audit(db, "account.disable", entity: "account", id: row.account.id, ["login": row.account.login])
            return try Self.accountRow(db, id: row.account.id)!.account
        }
    }

    /// Replaces an enabled account's password hash.
    public func setPasswordHash(login: String, _ passwordHash: String) throws {
        try write { db in
            guard let row = try Self.accountRow(db, login: login) else { throw RegistryError.noAccount(login) }
            guard row.account.disabledAt == nil else { throw RegistryError.accountDisabled(row.account.login) }
            try db.execute(sql: "UPDATE account SET password_hash = ? WHERE id = ?", arguments: [passwordHash, row.account.id])
            try audit(db, "account.password", entity: "account", id: row.account.id, ["login": row.account.login])
        }
    }

    struct AccountRow: FetchableRecord, Decodable {
        var id: Int64
        var login: String
        var role: AccountRole
        var areaId: Int64?
        var communeCode: String?
        var communeName: String?
        var passwordHash: String
        var disabledAt: String?
        var createdBy: String
        var createdAt: String

        static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase

        var account: Account {
            Account(id: id, login: login, role: role, communeCode: communeCode, communeName: communeName,
                    disabledAt: disabledAt, createdBy: createdBy, createdAt: createdAt)
        }
    }

    static let accountSelect = """
        SELECT a.id, a.login, a.role, a.area_id, c.code AS commune_code, c.name AS commune_name, a.password_hash,
               a.disabled_at, a.created_by, a.created_at
        FROM account a LEFT JOIN area c ON c.id = a.area_id
        """

    static func accountRow(_ db: Database, login: String) throws -> AccountRow? {
        try AccountRow.fetchOne(db, sql: accountSelect + " WHERE a.login = ? COLLATE NOCASE", arguments: [login.trimmingCharacters(in: .whitespaces)])
    }

    static func accountRow(_ db: Database, id: Int64) throws -> AccountRow? {
        try AccountRow.fetchOne(db, sql: accountSelect + " WHERE a.id = ?", arguments: [id])
    }
}

extension AccountRole: DatabaseValueConvertible {}

extension RegistryError {
    public static func accountExists(_ login: String) -> RegistryError {
        .init("account_exists", vi: "Đã có tài khoản \(login) (tên đăng nhập không phân biệt chữ hoa, chữ thường). Xem `uytin user list`.",
              en: "There is already an account \(login) (logins ignore case). See `uytin user list`.")
    }
    public static func noAccount(_ login: String) -> RegistryError {
        .init("no_account", vi: "Không có tài khoản \(Inputs.shown(login)). Xem `uytin user list`.",
              en: "No account \(Inputs.shown(login)). See `uytin user list`.")
    }
    public static func accountDisabled(_ login: String) -> RegistryError {
        .init("account_disabled", vi: "Tài khoản \(login) đã bị khóa; hãy tạo một tài khoản mới.",
              en: "The account \(login) is disabled; make a new account instead.")
    }
    public static let communeOfficerNeedsCommune = RegistryError("commune_officer_needs_commune", .malformed,
        vi: "Tài khoản cán bộ xã cần --area MÃ_XÃ: xã mà cán bộ làm việc. Xem `uytin area list`.",
        en: "A commune officer's account needs --area COMMUNE_CODE: the commune they work on. See `uytin area list`.")
    public static func onlyCommuneOfficersHaveCommune(_ role: AccountRole) -> RegistryError {
        .init("area_for_province_role", .malformed,
              vi: "Vai trò \(role.name.vi) làm việc trên cả tỉnh; chỉ tài khoản cán bộ xã có --area.",
              en: "The \(role.name.en) role works on the whole province; only commune officers take --area.")
    }
}
