import Foundation

/// Vietnamese text as the registry stores and compares it.
///
/// Names, places and role words are almost always ASCII and precomposed Latin letters (Vietnamese in NFC). For those,
/// both functions work byte by byte from a table of the Latin letters (built once, from the general path itself);
/// any other text — decomposed marks, other scripts, unusual spaces — takes the general path through Foundation's
/// Unicode normalisation. The two paths give the same result (tests compare them on every letter of the table).
public enum VietnameseText {
    /// Unicode NFC with runs of white space collapsed to one space: how every name is stored.
    public static func normalized(_ text: String) -> String {
        if let fast = LatinTable.shared.normalized(text) { return fast }
        return generalNormalized(text)
    }

    /// The search key of a text: no diacritics, lower case, đ → d, single spaces ("Trần Văn Đức" → "tran van duc").
    public static func searchKey(_ text: String) -> String {
        if let fast = LatinTable.shared.searchKey(text) { return fast }
        return generalSearchKey(text)
    }

    /// True when the text holds a control character (tab, newline, NUL, escape...), which no name may contain.
    public static func hasControlCharacters(_ text: String) -> Bool {
        text.unicodeScalars.contains { scalar in
            if scalar.isASCII { return scalar.value < 0x20 || scalar.value == 0x7F }
            let category = scalar.properties.generalCategory
            return category == .control || category == .format && scalar != "\u{200D}"
        }
    }

    static func generalNormalized(_ text: String) -> String {
        let composed = text.precomposedStringWithCanonicalMapping
        return composed.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    static func generalSearchKey(_ text: String) -> String {
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
        return generalNormalized(String(scalars).lowercased())
    }

    /// The Latin letters the fast path knows: U+0080–U+024F and U+1E00–U+1EFF (every Vietnamese letter), each with
    /// its search key when that key is ASCII and the letter is its own NFC. Anything else sends the text to the
    /// general path.
    struct LatinTable: Sendable {
        static let shared = LatinTable()
        static let ranges: [ClosedRange<UInt32>] = [0x80...0x24F, 0x1E00...0x1EFF]

        /// Per letter, the bytes of its search key; nil when the letter is not handled here.
        private let keys: [UInt32: [UInt8]]

        init() {
            var keys: [UInt32: [UInt8]] = [:]
            for range in Self.ranges {
                for value in range {
                    guard let scalar = Unicode.Scalar(value), !scalar.properties.isWhitespace,
                          scalar.properties.generalCategory != .control, scalar.properties.generalCategory != .format else { continue }
                    let letter = String(scalar)
                    guard Array(letter.precomposedStringWithCanonicalMapping.unicodeScalars) == [scalar] else { continue }
                    let key = generalSearchKey(letter)
                    guard !key.isEmpty, key.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else { continue }
                    keys[value] = Array(key.utf8)
                }
            }
            self.keys = keys
        }

        /// The letters the table handles (for tests).
        var letters: [Unicode.Scalar] { keys.keys.sorted().compactMap(Unicode.Scalar.init) }

        /// Calls `visit` with each scalar of the text, and with nil for each run of ASCII white space between two
        /// of them (none at the ends); stops, returning false, as soon as `visit` does.
        private static func walk(_ text: String, _ visit: (Unicode.Scalar?) -> Bool) -> Bool {
            var started = false
            var pendingSpace = false
            for scalar in text.unicodeScalars {
                if scalar == " " || (0x09...0x0D).contains(scalar.value) {
                    pendingSpace = started
                    continue
                }
                if pendingSpace {
                    guard visit(nil) else { return false }
                    pendingSpace = false
                }
                guard visit(scalar) else { return false }
                started = true
            }
            return true
        }

        /// NFC with single spaces, or nil when the text is not all ASCII and table letters.
        func normalized(_ text: String) -> String? {
            var out = String.UnicodeScalarView()
            let handled = Self.walk(text) { scalar in
                guard let scalar else { out.append(" "); return true }
                guard scalar.isASCII || keys[scalar.value] != nil else { return false }
                out.append(scalar)
                return true
            }
            return handled ? String(out) : nil
        }

        /// The search key, or nil when the text is not all ASCII and table letters.
        func searchKey(_ text: String) -> String? {
            var out: [UInt8] = []
            out.reserveCapacity(text.utf8.count)
            let handled = Self.walk(text) { scalar in
                guard let scalar else { out.append(0x20); return true }
                if scalar.isASCII {
                    let byte = UInt8(scalar.value)
                    out.append((0x41...0x5A).contains(byte) ? byte + 0x20 : byte)
                } else if let key = keys[scalar.value] {
                    out.append(contentsOf: key)
                } else {
                    return false
                }
                return true
            }
            return handled ? String(decoding: out, as: UTF8.self) : nil
        }
    }
}
