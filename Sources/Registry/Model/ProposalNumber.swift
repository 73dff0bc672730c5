/// A proposal's number as people read and type it: `ĐN-7` (đề nghị 7), so that it is never mistaken for a person's
/// number (`#7`). JSON keeps the plain integer id.
public enum ProposalNumber {
    /// "ĐN-7".
    public static func text(_ id: Int64) -> String { "ĐN-\(id)" }

    /// What a clerk typed for one proposal or a range of them: `ĐN-7`, `DN-7`, `đn7`, `ĐN 7`, `7`, or a range
    /// `ĐN-3-ĐN-7`, `ĐN-3-7`, `3-7`. `marked` says the text carried the ĐN prefix, so it cannot mean a person.
    public struct Typed: Sendable, Equatable {
        public let first: Int64
        public let last: Int64
        public let marked: Bool
    }

    /// Reads one part of a list of proposal numbers (nil when it is not one).
    public static func parse(_ text: Substring) -> Typed? {
        var rest = Substring(VietnameseText.searchKey(String(text)))
        guard let (first, firstMarked) = number(&rest) else { return nil }
        guard !rest.isEmpty else { return Typed(first: first, last: first, marked: firstMarked) }
        guard rest.first == "-" else { return nil }
        rest = rest.dropFirst()
        guard let (last, lastMarked) = number(&rest), rest.isEmpty else { return nil }
        return Typed(first: first, last: last, marked: firstMarked || lastMarked)
    }

    /// Takes "dn-7", "dn 7", "dn7" or "7" off the front of `rest`.
    private static func number(_ rest: inout Substring) -> (Int64, Bool)? {
        var marked = false
        if rest.hasPrefix("dn") {
            marked = true
            rest = rest.dropFirst(2)
            if let separator = rest.first, separator == "-" || separator == " " || separator == "." || separator == "#" {
                rest = rest.dropFirst()
            }
        } else if rest.hasPrefix("#") {
            rest = rest.dropFirst()
        }
        let digits = rest.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, digits.count <= 18, let value = Int64(digits), value > 0 else { return nil }
        rest = rest.dropFirst(digits.count)
        return (value, marked)
    }
}
