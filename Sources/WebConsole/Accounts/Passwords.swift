import HummingbirdBcrypt
import Registry

/// Passwords as the console keeps them: bcrypt hashes (cost 12), never the text. The same rules for `uytin user`
/// and the sign-in form.
public enum Passwords {
    /// bcrypt's cost: about a quarter of a second per check on the office's machine, which is what makes a stolen
    /// database's hashes slow to guess; tests lower it.
    nonisolated(unsafe) public static var cost: UInt8 = 12

    /// The shortest password accepted.
    public static let minimumLength = 10

    /// The hash of a password that meets the rules.
    public static func hash(_ password: String) throws(RegistryError) -> String {
        try check(password)
        return Bcrypt.hash(password, cost: cost)
    }

    /// True when the password is the one hashed.
    public static func verify(_ password: String, hash: String) -> Bool {
        guard password.utf8.count <= 72 * 4 else { return false }
        return Bcrypt.verify(password, hash: hash)
    }

    /// A password is at least `minimumLength` characters, and no longer than bcrypt reads (72 bytes).
    public static func check(_ password: String) throws(RegistryError) {
        guard password.count >= minimumLength else { throw .passwordTooShort }
        guard password.utf8.count <= 72 else { throw .passwordTooLong }
        guard !VietnameseText.hasControlCharacters(password) else { throw .passwordTooShort }
    }
}

extension RegistryError {
    public static let passwordTooShort = RegistryError("password_too_short",
        vi: "Mật khẩu cần ít nhất \(Passwords.minimumLength) ký tự, không có ký tự điều khiển.",
        en: "A password needs at least \(Passwords.minimumLength) characters and no control characters.")
    public static let passwordTooLong = RegistryError("password_too_long",
        vi: "Mật khẩu dài quá 72 byte (bcrypt chỉ đọc 72 byte đầu); hãy chọn mật khẩu ngắn hơn.",
        en: "The password is longer than 72 bytes (bcrypt reads only the first 72); choose a shorter one.")
}
