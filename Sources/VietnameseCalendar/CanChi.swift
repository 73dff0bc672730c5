extension LunarCalendar {
    /// The ten heavenly stems (can), from the stem of years ending in 4.
    private static let stems = ["Giáp", "Ất", "Bính", "Đinh", "Mậu", "Kỷ", "Canh", "Tân", "Nhâm", "Quý"]
    /// The twelve earthly branches (chi), from the branch of 1984 (Tý, the rat).
    private static let branches = ["Tý", "Sửu", "Dần", "Mão", "Thìn", "Tỵ", "Ngọ", "Mùi", "Thân", "Dậu", "Tuất", "Hợi"]

    /// The can chi name of a lunar year: 2022 → "Nhâm Dần", 1984 → "Giáp Tý".
    public static func yearName(_ lunarYear: Int) -> String {
        let offset = lunarYear - 1984  // 1984 is Giáp Tý, the first year of a 60-year cycle
        let stem = ((offset % 10) + 10) % 10
        let branch = ((offset % 12) + 12) % 12
        return "\(stems[stem]) \(branches[branch])"
    }
}
