import Foundation
import GRDB
import Registry
import Scheduler
import VietnameseCalendar

// How the registry's values are stored, so that GRDB reads them: a day as its TEXT 'YYYY-MM-DD', a code as its raw
// value. A stored value that is not one of them is a decoding error (`RegistryError.unreadableValue`), never a crash:
// read them with `try row.decode(...)`, a `FetchableRecord`, or `Day.fetchOne`, not with `row[...]`, which stops the
// program on a value it cannot convert.

extension Day: DatabaseValueConvertible {
    public var databaseValue: DatabaseValue { iso.databaseValue }

    /// Only the stored form, 'YYYY-MM-DD' of a day that exists (what the schema's CHECKs hold every date column to).
    public static func fromDatabaseValue(_ dbValue: DatabaseValue) -> Day? {
        guard let text = String.fromDatabaseValue(dbValue), let day = Day(parsing: text), day.iso == text else { return nil }
        return day
    }
}

extension Gender: DatabaseValueConvertible {}
extension Role: DatabaseValueConvertible {}
extension AreaLevel: DatabaseValueConvertible {}
extension ProposalKind: DatabaseValueConvertible {}
extension ProposalStatus: DatabaseValueConvertible {}
extension BenefitKind: DatabaseValueConvertible {}
extension DeliveryMethod: DatabaseValueConvertible {}
extension ContingencyPolicy: DatabaseValueConvertible {}
extension FundingLevel: DatabaseValueConvertible {}
extension Level: DatabaseValueConvertible {}
extension EntitlementStatus: DatabaseValueConvertible {}
extension EventKind: DatabaseValueConvertible {}
extension PlanKind: DatabaseValueConvertible {}
extension BenefitRule.Source: DatabaseValueConvertible {}
extension UytinDatabase.ListChange.Change: DatabaseValueConvertible {}

/// A stored value that GRDB's decoding does not see (a list packed in one column, such as a person's roles) and that
/// is not one uytin knows.
struct UnreadableValue: Error {
    var column: String
    var value: String
}

extension RegistryError {
    /// The database holds a value uytin cannot read: a row changed outside uytin (with the sqlite3 shell, say), which
    /// `uytin check` finds. Nothing was written. A damaged file, not a fault of the program: exit 65, as `check`'s.
    static func unreadableValue(column: String?, value: String?) -> RegistryError {
        let found = [column, value].compactMap { $0 }.joined(separator: " = ")
        let shown = found.isEmpty ? "" : " (\(found))"
        return RegistryError("unreadable_value", .refused,
            vi: "Cơ sở dữ liệu có một giá trị uytin không đọc được\(shown), có thể do bị sửa ngoài uytin. Chưa có gì được ghi. Hãy chạy `uytin check` và báo cho người quản trị.",
            en: "The database holds a value uytin cannot read\(shown), perhaps changed outside uytin. Nothing was written. Run `uytin check` and report it to the administrator.")
    }
}

extension UytinDatabase {
    /// The clerk's error for a value that could not be decoded, or nil when `error` is another error. GRDB's own
    /// text names the whole row and the query; only the column and the value are kept (a row may hold a citizen ID).
    static func unreadable(_ error: any Error) -> RegistryError? {
        if let error = error as? UnreadableValue {
            return .unreadableValue(column: error.column, value: error.value)
        }
        guard let error = error as? RowDecodingError else { return nil }
        let text = String(describing: error)
        let summary = text.components(separatedBy: " - ").first ?? text
        guard let valueStart = summary.range(of: "from database value ") else {
            // A column missing from a query: the program's fault, not the file's.
            return .internalFault(summary)
        }
        var column: String?
        if let start = text.range(of: "column: \""), let end = text[start.upperBound...].firstIndex(of: "\"") {
            column = String(text[start.upperBound..<end])
        }
        return .unreadableValue(column: column, value: String(summary[valueStart.upperBound...]))
    }

    /// The day in Vietnam (UTC+7) of a moment stored in UTC ('YYYY-MM-DDTHH:MM:SSZ'): 2026-11-30T18:00:00Z is 01/12/2026.
    static func day(ofTimestamp text: String, column: String) throws -> Day {
        let utf8 = Array(text.utf8)
        guard let day = Day(parsing: String(text.prefix(10))) else { throw UnreadableValue(column: column, value: text) }
        guard utf8.count >= 13, utf8[10] == UInt8(ascii: "T"), let hour = Int(String(decoding: utf8[11..<13], as: UTF8.self)) else {
            return day
        }
        return hour + 7 >= 24 ? day.adding(days: 1) : day
    }
}
