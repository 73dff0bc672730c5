/// A value out of a fixed list that a clerk types: its code (`lunar_new_year_gift`) or the clerk's words for it
/// ("quà Tết", "qua tet", "QUÀ TẾT"), compared on their search key.
public protocol ClerkChoice: CaseIterable, Hashable, Sendable {
    /// The choice a clerk's text names, or nil.
    init?(parsing text: String)
    /// How a list of the choices names this one: the clerk's usual word in Vietnamese, the code in English.
    var choiceName: Message { get }
}

/// The words of one type's choices, keyed once by their search key.
public struct ChoiceTable<Choice: Hashable & Sendable>: Sendable {
    private let byKey: [String: Choice]
    /// Each choice's words, in the table's order (the first word is how a list of choices names it).
    public let entries: [(choice: Choice, words: [String])]

    /// The words that name two choices (the first choice keeps them); tests require none.
    public let conflicts: [String]

    /// A table from each choice's words.
    public init(_ entries: [(Choice, [String])]) {
        var byKey: [String: Choice] = [:]
        var conflicts: [String] = []
        for (choice, words) in entries {
            for word in words {
                let key = Self.key(word)
                if let known = byKey[key] {
                    if known != choice { conflicts.append(word) }
                } else {
                    byKey[key] = choice
                }
            }
        }
        self.byKey = byKey
        self.conflicts = conflicts
        self.entries = entries.map { (choice: $0.0, words: $0.1) }
    }

    /// The choice a text names: its search key, with `_` and `-` read as spaces ("home_visit" ~ "Home visit").
    public func callAsFunction(_ text: String) -> Choice? {
        guard text.utf8.count <= 200 else { return nil }
        return byKey[Self.key(text)]
    }

    /// The first word of each choice: how a list of the choices reads.
    public func firstWords(of choices: [Choice]) -> [String] {
        choices.compactMap { choice in entries.first { $0.choice == choice }?.words.first }
    }

    static func key(_ text: String) -> String { VietnameseText.choiceKey(text) }
}

extension VietnameseText {
    /// The key a choice's word is compared on: its search key, with `_` and `-` read as spaces.
    public static func choiceKey(_ text: String) -> String {
        let key = searchKey(text)
        guard key.contains("_") || key.contains("-") else { return key }
        return key.replacingOccurrences(of: "_", with: " ").replacingOccurrences(of: "-", with: " ")
            .split(separator: " ").joined(separator: " ")
    }
}

extension ClerkChoice {
    /// Every choice as a list of choices names it, in the clerk's language: "quà Tết, quà lễ hội, báo…".
    public static var choiceList: Message {
        Message(vi: allCases.map(\.choiceName.vi).joined(separator: ", "), en: allCases.map(\.choiceName.en).joined(separator: ", "))
    }

    /// The choice a clerk's text names, or the refusal that lists the choices (exit 64: a value outside a fixed list
    /// the help names is a malformed command).
    public static func parse(_ text: String, option: String) throws(RegistryError) -> Self {
        guard let value = Self(parsing: text) else { throw RegistryError.unknownChoice(text, option: option, choices: choiceList) }
        return value
    }
}

extension RegistryError {
    /// A value outside a fixed list of choices, with the choices in the clerk's language.
    public static func unknownChoice(_ text: String, option: String, choices: Message,
                                     kind: FailureKind = .malformed) -> RegistryError {
        .init("unknown_choice", kind,
              vi: "\(option) phải là một trong: \(choices.vi) (nhận được \"\(Inputs.shown(text))\").",
              en: "\(option) must be one of: \(choices.en) (got \"\(Inputs.shown(text))\").")
    }
}
