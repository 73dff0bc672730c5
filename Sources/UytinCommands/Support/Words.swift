import Composition
import Foundation
import Registry
import Scheduler
import VietnameseCalendar

/// Words for people: labels instead of codes, Vietnam time instead of UTC stamps, names placed in sentences without
/// repeating their own first word ("thôn Đồng Giếng", not "thôn Thôn Đồng Giếng").
extension Console {
    /// A rule's amounts by level, as a clerk reads them: "trung ương 3.000.000, tỉnh 1.500.000".
    func tiersText(_ rule: BenefitRule) -> String {
        Level.allCases.compactMap { level in rule.tiers[level].map { "\(say(level.label)) \(Money.format($0))" } }
            .joined(separator: ", ")
    }

    /// A stored moment ("2026-11-25T17:00:00Z", UTC) in Vietnam time (UTC+7): "26/11/2026 00:00:00"; English keeps
    /// the same digits with "(UTC+7)" in the header. Text that is not such a moment is shown as it is.
    static func vietnamTime(_ stamp: String) -> String { Wording.vietnamTime(stamp) }

    /// The name of an audit log's action in the clerk's language; an action this release does not know keeps its code.
    func auditAction(_ code: String) -> String { AuditWording.action(code, language) }

    /// What an audit row touched, in words: "người #12".
    func auditEntity(_ entity: String, _ id: Int64?) -> String { AuditWording.entity(entity, id, language) }

    /// An audit row's detail (a JSON object of strings) as "key: value; …", with ISO days as dd/mm/yyyy and, unless
    /// `--wide`, long hashes shortened; text that is not such an object is shown as it is.
    func auditDetail(_ detail: String) -> String { AuditWording.detail(detail, language, wide: options.wide) }

    /// A name placed after the word for its kind ("thôn", "xã"): the name alone, its first letter lowered, when it
    /// already starts with a word of that kind ("Thôn Đồng Giếng" → "thôn Đồng Giếng"), else the word and the name.
    func placed(_ word: Message, _ name: String) -> String {
        let prefixes = ["thon ", "xom ", "ban ", "lang ", "to ", "khu ", "ap ", "buon ", "xa ", "phuong ", "thi tran ", "dac khu "]
        let key = VietnameseText.searchKey(name)
        if prefixes.contains(where: key.hasPrefix) { return name.prefix(1).lowercased() + name.dropFirst() }
        return "\(say(word)) \(name)"
    }

    /// A label placed after "lý do": "Lý do sức khỏe" → "sức khỏe", "Từ trần" → "từ trần".
    func inSentence(_ label: String) -> String { Wording.inSentence(label) }
}

extension Console {
    /// The kind of an administrative unit as its name says it ("Thành phố Vĩnh Yên" is a city, not "huyện"), else
    /// its level's word.
    func unitKind(_ level: AreaLevel, name: String) -> String {
        let kinds: [(String, String, String)] = [
            ("thanh pho ", "thành phố", "city"), ("thi xa ", "thị xã", "town"), ("quan ", "quận", "urban district"),
            ("phuong ", "phường", "ward"), ("thi tran ", "thị trấn", "township"), ("dac khu ", "đặc khu", "special zone"),
        ]
        let key = VietnameseText.searchKey(name)
        if let kind = kinds.first(where: { key.hasPrefix($0.0) }) { return say(kind.1, kind.2) }
        return say(level.label)
    }
}
