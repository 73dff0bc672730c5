import Foundation

/// The key texts are compared by when their accents, case and punctuation should not matter: "Họ và tên",
/// "HỌ VÀ TÊN" and "Ho va ten:" all give "ho va ten".
public enum TextKey {
    /// Decomposes (NFD), drops the combining marks, turns đ into d, lowers the case, and replaces every run of
    /// characters other than letters and digits by one space, trimmed at both ends.
    public static func of(_ text: String) -> String {
        var key = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in text.decomposedStringWithCanonicalMapping.unicodeScalars {
            switch scalar.properties.generalCategory {
            case .nonspacingMark, .spacingMark, .enclosingMark:
                continue
            default:
                break
            }
            let letter: Unicode.Scalar = scalar == "đ" || scalar == "Đ" ? "d" : scalar
            if letter.properties.isAlphabetic || letter.properties.numericType != nil {
                if pendingSpace && !key.isEmpty {
                    key.append(" ")
                }
                pendingSpace = false
                key.append(contentsOf: String(letter).lowercased().unicodeScalars)
            } else {
                pendingSpace = true
            }
        }
        return String(key)
    }
}
