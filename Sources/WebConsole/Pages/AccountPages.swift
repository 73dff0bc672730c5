import Composition
import Foundation
import Hummingbird
import Registry
import Storage
import VietnameseCalendar

/// Tài khoản (the administrator's): the accounts, adding one, disabling one, setting a password — through the same
/// storage and password rules as `uytin user add|disable|password`. A password hash is never shown.
struct AccountPages {
    let server: ConsoleServer

    func add(to router: Router<ConsoleContext>) {
        router.get("/accounts") { request, context -> Response in
            let signedIn = try context.require(.manageAccounts)
            let query = request.uri.queryParameters
            let words = Words.table(context.language)
            let notice: String? = if let login = query.get("added") { "\(words["accountsAdded"] ?? "") \(login)." }
                else if let login = query.get("disabled") { "\(words["accountsDisabledNotice"] ?? "") \(login)." }
                else if let login = query.get("password") { "\(words["accountsPasswordSet"] ?? "") \(login)." }
                else { nil }
            return try page(context, signedIn, notice: notice)
        }

        router.post("/accounts") { _, context -> Response in
            let signedIn = try context.require(.manageAccounts)
            let form = context.form
            do {
                let login = form["login"] ?? ""
                guard let role = form["role"].flatMap(AccountRole.init(rawValue:)) else {
                    throw ConsoleError.badForm(field: "role", Words.message("accountsChooseRole"))
                }
                // The commune goes with a commune officer's account only; a province role leaves the choice aside.
                let commune = role.isBoundToCommune ? form["commune"] : nil
                let hash = try Self.passwordHash(form)
                let account = try signedIn.database.addAccount(login: login, role: role, communeCode: commune, passwordHash: hash)
                return Views.seeOther("/accounts?added=" + AuditPages.encoded(account.login))
            } catch {
                guard let message = FormRefusal.message(error, context.language) else { throw error }
                return try page(context, signedIn, addError: message, typed: form, status: .unprocessableContent)
            }
        }

        router.post("/accounts/:login/disable") { _, context -> Response in
            let signedIn = try context.require(.manageAccounts)
            let account = try Self.account(context, signedIn)
            do {
                _ = try signedIn.database.disableAccount(login: account.login)
            } catch {
                guard let message = FormRefusal.message(error, context.language) else { throw error }
                return try page(context, signedIn, rowError: (account.login, message), status: .unprocessableContent)
            }
            return Views.seeOther("/accounts?disabled=" + AuditPages.encoded(account.login))
        }

        router.post("/accounts/:login/password") { _, context -> Response in
            let signedIn = try context.require(.manageAccounts)
            let account = try Self.account(context, signedIn)
            do {
                try signedIn.database.setPasswordHash(login: account.login, try Self.passwordHash(context.form))
            } catch {
                guard let message = FormRefusal.message(error, context.language) else { throw error }
                return try page(context, signedIn, rowError: (account.login, message), status: .unprocessableContent)
            }
            return Views.seeOther("/accounts?password=" + AuditPages.encoded(account.login))
        }
    }

    /// The account the URL names; an unknown login is no page.
    static func account(_ context: ConsoleContext, _ signedIn: SignedIn) throws -> Account {
        guard let login = context.parameters.get("login"), let account = try signedIn.database.account(login: login) else {
            throw ConsoleError.notFound
        }
        return account
    }

    /// The hash of the password typed twice, under the rules of `Passwords`.
    static func passwordHash(_ form: SubmittedForm) throws -> String {
        let password = form.fields["password"]?.first ?? ""
        guard password == (form.fields["password2"]?.first ?? "") else {
            throw ConsoleError.badForm(field: "password2", Words.message("accountsPasswordsDiffer"))
        }
        return try Passwords.hash(password)
    }

    private func page(_ context: ConsoleContext, _ signedIn: SignedIn, notice: String? = nil, addError: String? = nil,
                      typed: SubmittedForm = SubmittedForm(), rowError: (login: String, message: String)? = nil,
                      status: HTTPResponse.Status = .ok) throws -> Response {
        let language = context.language
        let words = Words.table(language)
        let database = signedIn.database
        let today = Day.todayInVietnam(now: server.now())
        let model: [String: Any] = [
            "accounts": try database.accounts().map { account -> [String: Any] in
                [
                    "login": account.login, "role": account.role.name.text(language),
                    "commune": account.communeName.map { "\($0) (\(account.communeCode ?? ""))" } ?? "",
                    "createdBy": account.createdBy, "createdAt": Wording.vietnamTime(account.createdAt),
                    "disabledAt": account.disabledAt.map(Wording.vietnamTime) as Any,
                    "enabled": !account.isDisabled, "path": AuditPages.encoded(account.login),
                    "rowError": rowError.flatMap { Actors.same($0.login, account.login) ? $0.message : nil } as Any,
                ]
            },
            "roles": AccountRole.allCases.map { role -> [String: Any] in
                ["code": role.rawValue, "label": role.name.text(language), "selected": role.rawValue == typed["role"]]
            },
            "communes": try database.areas(on: today, level: .commune).map { area -> [String: Any] in
                ["code": area.code, "name": area.name, "selected": area.code == typed["commune"]]
            },
            "typedLogin": typed["login"] ?? "",
            "notice": notice as Any, "addError": addError as Any,
            "minimumLength": Passwords.minimumLength,
        ]
        return server.views.page("accounts", title: words["menu.accounts"] ?? "", context: context, status: status, model)
    }
}
