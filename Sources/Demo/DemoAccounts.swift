import Registry

/// The demo's console accounts, one per role, all with the same published password: for trying the console on the
/// demo database only (`scripts/demo` prints them). A real office makes its own with `uytin user add`.
public enum DemoAccounts {
    public static let password = "uytin-demo-2026"

    public struct Entry: Sendable {
        public let login: String
        public let role: AccountRole
        /// A commune officer's commune (Xã Đạo Trù, the demo's largest commune since 01/07/2025).
        public let communeCode: String?
    }

    public static let all: [Entry] = [
        Entry(login: "quantri", role: .administrator, communeCode: nil),
        Entry(login: "lanhdao", role: .leader, communeCode: nil),
        Entry(login: "canbo", role: .officer, communeCode: nil),
        Entry(login: "ketoan", role: .accountant, communeCode: nil),
        Entry(login: "canboxa", role: .communeOfficer, communeCode: "09040"),
        Entry(login: "xem", role: .viewer, communeCode: nil),
    ]
}
