import ArgumentParser
import Foundation
import Registry
import Storage
import VietnameseCalendar

/// The options every command takes (CLI.md, "Conventions").
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: .vi("Tệp cơ sở dữ liệu (biến môi trường UYTIN_DB; mặc định uytin.sqlite).", en: "The database file (env UYTIN_DB; default uytin.sqlite)."))
    var db: String?

    @Option(name: .long, help: .vi("Người thực hiện, ghi vào nhật ký (UYTIN_ACTOR; mặc định tên đăng nhập).", en: "Who is acting, for the audit log (env UYTIN_ACTOR; default the login name)."))
    var actor: String?

    @Option(name: .long, help: .vi("vi hoặc en: ngôn ngữ của thông báo và văn bản (UYTIN_LANG; mặc định vi).", en: "vi or en: the language of messages and documents (env UYTIN_LANG; default vi)."))
    var lang: String?

    @Flag(name: .long, help: .vi("In ra một tài liệu JSON (cho chương trình khác).", en: "Print one JSON document on stdout."))
    var json = false

    @Flag(name: .long, help: .vi("In bảng đủ mọi cột, không xuống dòng (mặc định bảng vừa 100 cột hoặc COLUMNS).",
                                 en: "Print tables with every column, unwrapped (by default tables fit 100 columns or COLUMNS)."))
    var wide = false

    static let environment = ProcessInfo.processInfo.environment

    var databasePath: String { db ?? Self.environment["UYTIN_DB"] ?? "uytin.sqlite" }

    var actorName: String {
        if let actor, !actor.isEmpty { return actor }
        if let actor = Self.environment["UYTIN_ACTOR"], !actor.isEmpty { return actor }
        if let password = getpwuid(geteuid()), let name = password.pointee.pw_name { return String(cString: name) }
        return Self.environment["USER"] ?? "unknown"
    }

    var language: Language {
        Language(rawValue: (lang ?? Self.environment["UYTIN_LANG"] ?? "vi").lowercased()) ?? .vi
    }

    /// Seconds to wait for another writer (env UYTIN_BUSY_TIMEOUT, default 5).
    var busyTimeout: TimeInterval {
        Self.environment["UYTIN_BUSY_TIMEOUT"].flatMap(TimeInterval.init) ?? UytinDatabase.defaultBusyTimeout
    }

    mutating func validate() throws {
        if let lang = lang ?? Self.environment["UYTIN_LANG"], Language(rawValue: lang.lowercased()) == nil {
            throw ValidationError(HelpText.pick("--lang phải là vi hoặc en.", "--lang must be vi or en."))
        }
        let actor = actorName
        if VietnameseText.hasControlCharacters(actor) || actor.count > 100 || actor.unicodeScalars.contains("\u{FFFD}") {
            throw ValidationError(HelpText.pick("--actor / UYTIN_ACTOR phải là một tên ngắn, không có ký tự điều khiển.",
                                                 "--actor / UYTIN_ACTOR must be a short name without control characters."))
        }
    }
}
