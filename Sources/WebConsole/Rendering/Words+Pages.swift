import Registry

extension Words {
    /// The pages' own words; each page group adds its keys here.
    static let pages: [String: Message] = [:]
}
