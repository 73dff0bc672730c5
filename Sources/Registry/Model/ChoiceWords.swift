// The words a clerk types for the registry's fixed choices: one table per type, besides each choice's code and labels.
// A word is compared on its search key, so "Sáp nhập", "sap nhap" and "SÁP NHẬP" are the same word.

extension ChoiceTable where Choice: RawRepresentable & CaseIterable, Choice.RawValue == String {
    /// A table of the clerk's words for each choice (the first is how a list of choices names it), with its code and
    /// its labels in both languages besides.
    public init(words: [(Choice, [String])], label: (Choice) -> Message) {
        self.init(Choice.allCases.map { choice in
            (choice, (words.first { $0.0 == choice }?.1 ?? []) + [choice.rawValue, label(choice).vi, label(choice).en])
        })
    }

    /// The first word of a choice.
    public func word(_ choice: Choice) -> String { firstWords(of: [choice]).first ?? choice.rawValue }
}

extension ClerkChoice where Self: RawRepresentable, RawValue == String {
    /// The clerk's first word for the choice in Vietnamese, its code in English.
    public static func choiceName(_ choice: Self, in table: ChoiceTable<Self>) -> Message {
        Message(vi: table.word(choice), en: choice.rawValue)
    }
}

extension Gender: ClerkChoice {
    public var choiceName: Message { Message(vi: self == .nam ? "nam" : "nữ", en: rawValue) }
}

extension AreaLevel: ClerkChoice {
    public static let words = ChoiceTable<AreaLevel>(words: [
        (.province, ["tỉnh", "cấp tỉnh", "thành phố", "thành phố trực thuộc trung ương"]),
        (.district, ["huyện", "cấp huyện", "quận", "thị xã", "thành phố thuộc tỉnh"]),
        (.commune, ["xã", "cấp xã", "phường", "thị trấn", "đặc khu"]),
    ], label: \.label)

    /// The level from its code or the clerk's word (tỉnh, huyện, xã, with or without diacritics).
    public init?(parsing text: String) {
        guard let level = Self.words(text) else { return nil }
        self = level
    }

    public var choiceName: Message { Self.choiceName(self, in: Self.words) }
}

extension ProposalKind: ClerkChoice {
    public static let words = ChoiceTable<ProposalKind>(words: [
        (.recognize, ["công nhận", "công nhận mới", "công nhận bổ sung", "bổ sung", "recognise", "đề nghị công nhận"]),
        (.remove, ["đưa ra khỏi danh sách", "đưa ra", "đưa ra khỏi", "ra khỏi danh sách", "loại khỏi danh sách",
                   "đề nghị đưa ra", "thôi công nhận"]),
        (.replace, ["thay thế", "thay", "đề nghị thay thế", "thay thế người có uy tín"]),
        (.rebind, ["gắn lại thôn", "gắn lại", "gắn lại thôn mới", "gắn lại thôn sau sáp nhập", "re-bind"]),
    ], label: \.label)

    /// The kind from its code or the clerk's words (công nhận, đưa ra khỏi danh sách, thay thế, gắn lại thôn).
    public init?(parsing text: String) {
        guard let kind = Self.words(text) else { return nil }
        self = kind
    }

    public var choiceName: Message { Self.choiceName(self, in: Self.words) }
}

extension ProposalStatus: ClerkChoice {
    public static let words = ChoiceTable<ProposalStatus>(words: [
        (.pending, ["chờ quyết định", "chờ", "đang chờ", "chờ duyệt", "chưa quyết định"]),
        (.approved, ["được phê duyệt", "đã duyệt", "phê duyệt", "đã phê duyệt", "được duyệt"]),
        (.rejected, ["bị từ chối", "từ chối", "không duyệt"]),
        (.withdrawn, ["đã rút", "rút", "rút lại"]),
    ], label: \.label)

    /// The status from its code or the clerk's words (chờ quyết định, đã duyệt, bị từ chối, đã rút).
    public init?(parsing text: String) {
        guard let status = Self.words(text) else { return nil }
        self = status
    }

    public var choiceName: Message { Self.choiceName(self, in: Self.words) }
}

extension RemovalReason {
    /// The clerk's words for the shipped reasons, by code; the first is how a list of reasons names it. A reason a
    /// province adds is known by its code and its names.
    public static let words: [String: [String]] = [
        "death": ["từ trần", "mất", "đã mất", "chết", "qua đời", "tử vong", "đã từ trần"],
        "health": ["sức khỏe", "lý do sức khỏe", "ốm", "ốm đau", "sức khỏe yếu"],
        "merger": ["sáp nhập thôn", "sáp nhập", "sát nhập", "sát nhập thôn", "nhập thôn"],
        "moved": ["chuyển đi", "chuyển nơi cư trú", "chuyển nơi ở", "chuyển", "chuyển khỏi địa bàn"],
        "violation": ["vi phạm pháp luật", "vi phạm", "phạm pháp"],
        "resigned": ["xin thôi", "tự nguyện xin thôi", "thôi", "tự nguyện"],
        "criteria": ["không còn đủ tiêu chuẩn", "không đủ tiêu chuẩn", "hết tiêu chuẩn", "không còn uy tín"],
    ]

    /// How a list of reasons names this one: the clerk's first word, or its name.
    public var choiceName: Message {
        Message(vi: Self.words[code]?.first ?? label.vi, en: code)
    }

    /// The code of the reason, among `reasons` (the database's table), that a clerk's text names: its code, its
    /// names in either language, or a word of `words` ("mất" → death, "chuyen di" → moved).
    public static func code(parsing text: String, among reasons: [RemovalReason]) -> String? {
        guard text.utf8.count <= 200 else { return nil }
        let typed = VietnameseText.choiceKey(text)
        // "Lý do sức khỏe", as sheets write it, is "sức khỏe" too.
        let keys: Set<String> = typed.hasPrefix("ly do ") ? [typed, String(typed.dropFirst("ly do ".count))] : [typed]
        for reason in reasons where [reason.code, reason.label.vi, reason.label.en].contains(where: { keys.contains(VietnameseText.choiceKey($0)) }) {
            return reason.code
        }
        return reasons.first { reason in (words[reason.code] ?? []).contains { keys.contains(VietnameseText.choiceKey($0)) } }?.code
    }

    /// The reasons as a list of choices names them, in both languages.
    public static func choiceList(_ reasons: [RemovalReason]) -> Message {
        Message(vi: reasons.map(\.choiceName.vi).joined(separator: ", "), en: reasons.map(\.choiceName.en).joined(separator: ", "))
    }
}
