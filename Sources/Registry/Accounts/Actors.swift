import Foundation

/// Who acts, as the audit log and the four-eyes rule see it.
///
/// An actor is a name: a signed-in account's login in the console, the `--actor` typed on the command line, or a
/// system actor such as `cron`. Names compare without regard to case or diacritics ("Ke-Toan" is "kế-toán"), so a
/// typed variant of a name is never a second person. System actors create (a cron run makes entitlements) but never
/// approve anything.
public enum Actors {
    /// The names of programs and of the machine's superuser, not persons: they may create, never approve. `root`
    /// is here because a clerk who forgets `--actor` on a server acts as root, and an approval must name a person.
    public static let system: Set<String> = ["cron", "system", "uytin", "scheduler", "root"]

    /// The key two actor names are compared by.
    public static func key(_ name: String) -> String {
        VietnameseText.searchKey(name.trimmingCharacters(in: .whitespaces))
    }

    /// True when both names are the same actor.
    public static func same(_ a: String, _ b: String) -> Bool { key(a) == key(b) }

    /// True for a program's name.
    public static func isSystem(_ name: String) -> Bool { system.contains(key(name)) }

    /// Refuses an approval by a system actor, or by the actor who created what is approved (`what` names it for
    /// the message: "các khoản này", "đề nghị số 12").
    public static func checkApproval(by approver: String, creators: some Sequence<String>, what: Message) throws(RegistryError) {
        if isSystem(approver) { throw .systemActorApproves(approver) }
        if let creator = creators.first(where: { same($0, approver) }) {
            throw .fourEyes(approver: approver, creator: creator, what: what)
        }
    }
}

extension RegistryError {
    public static func systemActorApproves(_ actor: String) -> RegistryError {
        .init("system_actor_approves",
              vi: "\(actor) là tên của một chương trình hoặc của quản trị máy, không phải một người; chương trình không được duyệt. Hãy duyệt bằng tên của người duyệt (--actor TÊN hoặc UYTIN_ACTOR).",
              en: "\(actor) is a program's or the machine administrator's name, not a person's; programs never approve. Approve under the approver's own name (--actor NAME or UYTIN_ACTOR).")
    }
    public static func fourEyes(approver: String, creator: String, what: Message) -> RegistryError {
        .init("four_eyes",
              vi: "\(approver) đã lập \(what.vi) (người lập: \(creator)) nên không thể tự duyệt; cần một người khác duyệt.",
              en: "\(approver) created \(what.en) (created by \(creator)) and cannot approve it; another person must.")
    }
}
