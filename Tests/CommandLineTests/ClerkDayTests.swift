import Foundation
import Testing

/// Where the parts of issue 11 meet: a village found by the name it was renamed to, a withdrawn duplicate no longer
/// found by name, and every action the registry audits named in the clerk's language in `audit log`.
@Suite("A clerk's day across the parts: renamed places by name, withdrawn duplicates, audit actions in words")
struct ClerkDayTests {
    static let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Sources")

    @Test("a village is found by its new name after `village rename`, and by its old one; a withdrawn duplicate is not found by name")
    func renamedAndWithdrawn() throws {
        let uytin = try Uytin()
        let demo = try uytin("demo", "--until", "2022-12-31")
        try #require(demo.code == 0, "\(demo.err)")
        let rename = try uytin("village", "rename", "Đá Ngang, Đạo Trù", "--name", "thôn đá ngang mới", "--from", "01/06/2022")
        #expect(rename.err.contains("Thôn Đá Ngang Mới"), "a name typed in lower case is title-cased, with a notice: \(rename.err)")
        #expect(rename.code == 0, "\(rename.err)")
        for name in ["đá ngang mới", "Thôn Đá Ngang", "da ngang"] {
            let persons = try uytin.jsonArray("person", "list", "--village", name)
            #expect(persons.count == 1, "\(name): \(persons.count) persons")
        }
        let first = try uytin.createdId("person", "add", "--name", "Nguyễn Văn Trùng", "--gender", "nam", "--birth", "1970",
                                        "--ethnic", "Sán Dìu", "--village", "Đá Ngang Mới")
        let duplicate = try uytin.createdId("person", "add", "--name", "Nguyễn Văn Trùng", "--gender", "nam", "--birth", "1970",
                                            "--ethnic", "Sán Dìu", "--village", "9")
        let ambiguous = try uytin("person", "show", "nguyen van trung")
        #expect(ambiguous.code == 65, "two persons of that name: \(ambiguous.err)")
        #expect(try uytin("person", "withdraw", "nguyen van trung", "--reason", "Trùng").code == 65, "which of the two is for the clerk to say")
        #expect(try uytin("person", "withdraw", "#\(duplicate)", "--reason", "Trùng với hồ sơ #\(first)").code == 0)
        let area = try uytin("area", "rename", "Xã Đạo Trù", "--name", "Xã Đạo Trù Mới", "--from", "01/07/2022")
        #expect(area.code == 0 && area.out.contains("24801"), "\(area.out) \(area.err)")
        let show = try uytin("person", "show", "nguyen van trung", "--json")
        #expect(show.code == 0, "\(show.err)")
        let person = try JSONSerialization.jsonObject(with: Data(show.out.utf8)) as? [String: Any]
        #expect((person?["id"] as? Int).map(Int64.init) == first)
        #expect(try uytin("person", "show", String(duplicate)).code == 0, "by its id the withdrawn record still shows")
    }

    @Test("where the parts meet: a death row of a proposals file records its date; a decided proposal's number is not a person's; a comma is no name")
    func deathsAndNumbers() throws {
        let uytin = try Uytin()
        try #require(try uytin("demo", "--until", "2022-12-31").code == 0)
        let sheet = uytin.directory.appendingPathComponent("de-nghi.csv")
        try Data("Loại đề nghị,Họ và tên,Năm sinh,Lý do,Ngày mất\nĐưa ra khỏi danh sách,Hoàng Hữu Thành,1948,Lý do từ trần,02/10/2022\n".utf8)
            .write(to: sheet)
        let imported = try uytin("import", "proposals", sheet.path)
        #expect(imported.code == 0, "\(imported.err)")
        let person = try JSONSerialization.jsonObject(with: Data(try uytin("person", "show", "5", "--json").out.utf8)) as? [String: Any]
        #expect(person?["deathDate"] as? String == "2022-10-02", "the row's date of death is recorded: \(String(describing: person))")
        // Without a date, a death row is refused on its row, and so is a replacement for death.
        try Data("Loại đề nghị,Họ và tên,Năm sinh,Lý do\nĐưa ra khỏi danh sách,Hoàng Minh Tuấn,1951,từ trần\n".utf8).write(to: sheet)
        let undated = try uytin("import", "proposals", sheet.path)
        #expect(undated.code == 65 && undated.err.contains("Ngày mất"), "\(undated.err)")
        #expect(try uytin("propose", "replace", "--person", "3", "--by", "2", "--reason", "từ trần").code == 65)
        // ĐN-1 was approved in 2019: rejecting it again is about the proposal, not a person numbered 1.
        let decided = try uytin("decision", "record", "--number", "1/QĐ-UBND", "--date", "01/12/2022",
                                "--issuer", "UBND tỉnh Vĩnh Phúc", "--reject", "1")
        #expect(decided.code == 65 && !decided.err.contains("số người") && decided.err.contains("ĐN-1"), "\(decided.err)")
        for name in [",", " , ", ", Đạo Trù"] {
            #expect(try uytin("person", "show", name).code == 64, "\"\(name)\" is no name")
        }
    }

    @Test("every action the storage layer audits has a name in both languages for `audit log`")
    func auditActionsHaveNames() throws {
        var written = Set<String>()
        let pattern = try NSRegularExpression(pattern: #"(?:audit|append)\(db, (?:dryRun \? "[a-z_.]+" : )?"([a-z_.]+)""#)
        let storage = Self.sources.appendingPathComponent("Storage")
        let files = FileManager.default.enumerator(at: storage, includingPropertiesForKeys: nil)?
            .compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" } ?? []
        for file in files {
            let text = try String(contentsOf: file, encoding: .utf8)
            for match in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                if let range = Range(match.range(at: 1), in: text) { written.insert(String(text[range])) }
            }
        }
        #expect(written.count > 30, "the scan found the audited actions: \(written.sorted())")
        let words = try String(contentsOf: Self.sources.appendingPathComponent("Composition/Support/AuditWording.swift"), encoding: .utf8)
        let unnamed = written.filter { !words.contains("\"\($0)\": (") }.sorted()
        #expect(unnamed.isEmpty, "audit log would print these codes instead of words: \(unnamed)")
    }
}
