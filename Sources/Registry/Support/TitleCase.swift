extension VietnameseText {
    /// A name typed all in lower case, in title case ("nguyễn văn an" → "Nguyễn Văn An", "thôn đồng giếng" → "Thôn Đồng
    /// Giếng"); nil when the name has a capital letter already (the clerk chose its case) or no letter to capitalise.
    public static func titleCased(_ name: String) -> String? {
        guard name.utf8.count <= 2_000, !hasControlCharacters(name), !name.contains(where: \.isUppercase),
              name.contains(where: \.isLowercase) else { return nil }
        var result = ""
        var startOfWord = true
        for character in name {
            if startOfWord, character.isLowercase {
                result += character.uppercased()
            } else {
                result.append(character)
            }
            startOfWord = character.isWhitespace || character == "(" || character == "\""
        }
        return result
    }
}
