extension Day {
    /// A day given as text (ISO or dd/mm/yyyy) as a Vietnamese sentence shows it: dd/mm/yyyy; other text unchanged.
    public static func shown(_ text: String) -> String {
        Day(parsing: text)?.vietnamese ?? text
    }
}
