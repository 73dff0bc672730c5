import Foundation

/// Vietnamese text as the registry stores and compares it.
public enum VietnameseText {
    /// Unicode NFC with runs of white space collapsed to one space: how every name is stored.
    public static func normalized(_ text: String) -> String {
        let composed = text.precomposedStringWithCanonicalMapping
        return composed.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    /// The search key of a text: no diacritics, lower case, đ → d, single spaces ("Trần Văn Đức" → "tran van duc").
    public static func searchKey(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in text.decomposedStringWithCanonicalMapping.unicodeScalars {
            switch scalar.properties.generalCategory {
            case .nonspacingMark, .spacingMark, .enclosingMark:
                continue
            default:
                switch scalar {
                case "đ", "Đ": scalars.append("d")
                default: scalars.append(scalar)
                }
            }
        }
        return normalized(String(scalars).lowercased())
    }

    /// True when the text holds a control character (tab, newline, NUL, escape...), which no name may contain.
    public static func hasControlCharacters(_ text: String) -> Bool {
        text.unicodeScalars.contains { $0.properties.generalCategory == .control || $0.properties.generalCategory == .format && $0 != "\u{200D}" }
    }
}
