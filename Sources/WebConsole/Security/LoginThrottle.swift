import Foundation

/// Slows guessing: after 5 failed sign-ins for one login, or from one address, within 15 minutes, that login or
/// address is refused for 15 minutes — even with the right password. Kept in memory: a restart forgets it, which an
/// office server accepts (the hashes cost a quarter of a second each anyway).
actor LoginThrottle {
    static let allowedFailures = 5
    static let window: TimeInterval = 15 * 60

    private var failures: [String: [Date]] = [:]
    private let now: @Sendable () -> Date

    init(now: @escaping @Sendable () -> Date = Date.init) {
        self.now = now
    }

    /// Seconds to wait before the login or address may try again; 0 when it may now.
    func wait(login: String, address: String) -> Int {
        let current = now()
        var longest: TimeInterval = 0
        for key in keys(login: login, address: address) {
            let recent = (failures[key] ?? []).filter { current.timeIntervalSince($0) < Self.window }
            failures[key] = recent.isEmpty ? nil : recent
            if recent.count >= Self.allowedFailures, let oldest = recent.suffix(Self.allowedFailures).first {
                longest = max(longest, Self.window - current.timeIntervalSince(oldest))
            }
        }
        return Int(longest.rounded(.up))
    }

    func failed(login: String, address: String) {
        let current = now()
        for key in keys(login: login, address: address) { failures[key, default: []].append(current) }
        if failures.count > 10_000 { failures = failures.filter { current.timeIntervalSince($0.value.last ?? .distantPast) < Self.window } }
    }

    func succeeded(login: String) {
        failures["login:" + login.lowercased()] = nil
    }

    private func keys(login: String, address: String) -> [String] {
        ["login:" + login.lowercased(), "address:" + address]
    }
}
