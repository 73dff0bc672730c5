import ArgumentParser
import Foundation
import Registry
import Storage
import WebConsole

/// `uytin user add|list|disable|password`: the web console's accounts.
struct UserCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user",
        abstract: HelpText.pick("Tài khoản của trang quản lý: tạo, xem, khóa, đổi mật khẩu.",
                                "The web console's accounts: add, list, disable, change a password."),
        subcommands: [Add.self, List.self, Disable.self, Password.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: HelpText.pick("Tạo tài khoản (mật khẩu hỏi khi chạy, hoặc đọc từ --password-stdin).",
                                    "Add an account (the password is asked for, or read with --password-stdin)."))
        @OptionGroup var options: GlobalOptions
        @Option(help: .vi("Tên đăng nhập: chữ không dấu, số, . - _ (2–40 ký tự).", en: "The login: letters, digits, . - _ (2–40)."))
        var login: String
        @Option(help: .vi("Vai trò: quản trị, lãnh đạo, cán bộ, kế toán, cán bộ xã, chỉ xem.",
                          en: "The role: admin, leader, officer, accountant, commune officer, viewer."))
        var role: String
        @Option(help: .vi("Mã xã của cán bộ xã (xem `uytin area list`).", en: "A commune officer's commune code (see `uytin area list`)."))
        var area: String?
        @Flag(help: .vi("Đọc mật khẩu từ dòng đầu của đầu vào chuẩn.", en: "Read the password from the first line of standard input."))
        var passwordStdin = false

        func run() throws {
            try Console.run(options) { console in
                // Everything but the password is checked before the password is asked for.
                guard let role = AccountRole(typed: role) else { throw RegistryError.unknownAccountRole(role) }
                let login = try Account.checkedLogin(login)
                if role.isBoundToCommune, area == nil { throw RegistryError.communeOfficerNeedsCommune }
                if !role.isBoundToCommune, area != nil { throw RegistryError.onlyCommuneOfficersHaveCommune(role) }
                let database = try console.database()
                if try database.account(login: login) != nil { throw RegistryError.accountExists(login) }
                let hash = try Passwords.hash(try PasswordInput.read(console, fromStandardInput: passwordStdin, confirm: true))
                let account = try database.addAccount(login: login, role: role, communeCode: area, passwordHash: hash)
                if options.json { return try console.json(account) }
                let commune = account.communeName.map { console.say(", xã \($0)", ", commune \($0)") } ?? ""
                console.line(console.say("Đã tạo tài khoản \(account.login) (\(role.name.vi)\(commune)).",
                                         "Added the account \(account.login) (\(role.name.en)\(commune))."))
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: HelpText.pick("Liệt kê các tài khoản.", "List the accounts."))
        @OptionGroup var options: GlobalOptions

        func run() throws {
            try Console.run(options) { console in
                let accounts = try console.database().accounts()
                if options.json { return try console.json(accounts) }
                guard !accounts.isEmpty else {
                    return console.line(console.say("Chưa có tài khoản nào. Tạo bằng `uytin user add`.", "No accounts yet. Add one with `uytin user add`."))
                }
                console.table([console.say("Tên đăng nhập", "Login"), console.say("Vai trò", "Role"), console.say("Xã", "Commune"),
                               console.say("Trạng thái", "Status"), console.say("Tạo lúc", "Created")],
                              accounts.map { account in
                                  [account.login, console.say(account.role.name), account.communeName.map { "\($0) (\(account.communeCode ?? ""))" } ?? "",
                                   account.isDisabled ? console.say("đã khóa", "disabled") : console.say("đang dùng", "active"), account.createdAt]
                              })
            }
        }
    }

    struct Disable: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: HelpText.pick("Khóa một tài khoản (không xóa; nhật ký vẫn giữ tên).",
                                                                                "Disable an account (never deleted; the audit log keeps its name)."))
        @OptionGroup var options: GlobalOptions
        @Option(help: .vi("Tên đăng nhập.", en: "The login.")) var login: String

        func run() throws {
            try Console.run(options) { console in
                let account = try console.database().disableAccount(login: login)
                console.line(console.say("Tài khoản \(account.login) đã bị khóa từ \(account.disabledAt ?? "").",
                                         "The account \(account.login) is disabled since \(account.disabledAt ?? "")."))
            }
        }
    }

    struct Password: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: HelpText.pick("Đặt mật khẩu mới cho một tài khoản.", "Set an account's new password."))
        @OptionGroup var options: GlobalOptions
        @Option(help: .vi("Tên đăng nhập.", en: "The login.")) var login: String
        @Flag(help: .vi("Đọc mật khẩu từ dòng đầu của đầu vào chuẩn.", en: "Read the password from the first line of standard input."))
        var passwordStdin = false

        func run() throws {
            try Console.run(options) { console in
                let database = try console.database()
                guard let account = try database.account(login: login) else { throw RegistryError.noAccount(login) }
                let hash = try Passwords.hash(try PasswordInput.read(console, fromStandardInput: passwordStdin, confirm: true))
                try database.setPasswordHash(login: account.login, hash)
                console.line(console.say("Đã đổi mật khẩu của \(account.login).", "Changed the password of \(account.login)."))
            }
        }
    }
}

/// A password typed at a prompt that does not echo it (asked twice), or the first line of standard input.
enum PasswordInput {
    static func read(_ console: Console, fromStandardInput: Bool, confirm: Bool) throws -> String {
        if fromStandardInput {
            guard let line = Swift.readLine(strippingNewline: true) else { throw RegistryError.passwordTooShort }
            return line
        }
        guard isatty(STDIN_FILENO) == 1 else {
            throw RegistryError("password_needs_terminal", .malformed,
                                vi: "Không có bàn phím để hỏi mật khẩu; hãy dùng --password-stdin.",
                                en: "No terminal to ask for the password; use --password-stdin.")
        }
        let first = prompt(console.say("Mật khẩu: ", "Password: "))
        try Passwords.check(first)
        if confirm, prompt(console.say("Nhập lại mật khẩu: ", "Repeat the password: ")) != first {
            throw RegistryError("passwords_differ", vi: "Hai lần nhập mật khẩu khác nhau; chưa có gì được ghi.",
                                en: "The two passwords differ; nothing was written.")
        }
        return first
    }

    private static func prompt(_ text: String) -> String {
        guard let pointer = getpass(text) else { return "" }
        return String(cString: pointer)
    }
}

extension RegistryError {
    static func unknownAccountRole(_ text: String) -> RegistryError {
        .init("unknown_account_role", .malformed,
              vi: "Không có vai trò \(Inputs.shown(text)). Các vai trò: \(AccountRole.typedNames.vi).",
              en: "No role \(Inputs.shown(text)). The roles: \(AccountRole.typedNames.en).")
    }
}
