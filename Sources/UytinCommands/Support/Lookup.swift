import Foundation
import Registry
import Storage
import VietnameseCalendar

/// What a clerk types to name a person, a village, a commune or a district on the command line, turned into the
/// registry's ids and codes. Every option and argument that names one of these goes through here.
enum Lookup {
    /// A person: their id (`12`, `#12`).
    static func person(_ text: String, option: String = "--person", in database: UytinDatabase) throws -> Int64 {
        try number(text, option: option)
    }

    /// A village: its id.
    static func village(_ text: String, option: String = "--village", in database: UytinDatabase,
                        on day: Day = Day.todayInVietnam()) throws -> Int64 {
        try number(text, option: option)
    }

    /// A commune: its code (`24801`).
    static func commune(_ text: String, option: String = "--commune", in database: UytinDatabase,
                        on day: Day = Day.todayInVietnam()) throws -> String {
        text.trimmingCharacters(in: .whitespaces)
    }

    /// A district: its code (`248`).
    static func district(_ text: String, option: String = "--district", in database: UytinDatabase,
                         on day: Day = Day.todayInVietnam()) throws -> String {
        text.trimmingCharacters(in: .whitespaces)
    }

    private static func number(_ text: String, option: String) throws -> Int64 {
        let digits = text.trimmingCharacters(in: .whitespaces).drop { $0 == "#" }
        guard let id = Int64(digits), id > 0 else {
            throw RegistryError("malformed_id", .malformed, vi: "\(option) cần một số hiệu (nhận được \"\(Inputs.shown(text))\").",
                                en: "\(option) needs an id (got \"\(Inputs.shown(text))\").")
        }
        return id
    }
}
