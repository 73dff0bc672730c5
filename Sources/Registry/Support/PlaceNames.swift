/// The names of places as clerks type them: with or without the word for the kind of place ("Đồng Giếng" for "Thôn
/// Đồng Giếng", "Đạo Trù" for "Xã Đạo Trù"), with or without diacritics.
public enum PlaceName {
    /// The kinds of place a name may start with.
    public enum Kind: Sendable {
        case village, commune, district
    }

    /// The words that name a kind of place, as search keys, longest first.
    static func prefixes(_ kind: Kind) -> [String] {
        switch kind {
        case .village: ["to dan pho", "khu pho", "thon", "ban", "ap", "xom", "lang", "khu", "phum", "soc", "buon", "plei", "khom", "to", "doi"]
        case .commune: ["thi tran", "dac khu", "phuong", "xa"]
        case .district: ["thanh pho", "thi xa", "huyen", "quan"]
        }
    }

    /// The search keys a typed name may be stored under: the typed key first, then the name without its kind word and
    /// with each kind word ("dong gieng" → "dong gieng", "thon dong gieng", "ban dong gieng", …).
    public static func keys(_ text: String, _ kind: Kind) -> [String] {
        let typed = VietnameseText.searchKey(text)
        guard !typed.isEmpty else { return [] }
        var bare = typed
        for prefix in prefixes(kind) where typed.hasPrefix(prefix + " ") {
            bare = String(typed.dropFirst(prefix.count + 1))
            break
        }
        var keys = [typed]
        for key in [bare] + prefixes(kind).map({ $0 + " " + bare }) where !keys.contains(key) { keys.append(key) }
        return keys
    }
}
