import Foundation
import Storage
import Testing

/// A reorganisation of the map through the built binary (issue 10, part 2): a small province made with the CLI, an
/// official-shaped old→new table tried dry (the file stays byte for byte what it was), refused when it is wrong
/// (nothing written), then applied: units closed and opened on the day, every person on the list re-bound by law,
/// their history showing it with the basis, and `reorg list` recording it.
@Suite("Reorganisations through the binary: reorg apply --dry-run, apply, refusals")
struct ReorgCommandTests {
    static let basis = "Nghị quyết 1676/NQ-UBTVQH15 (bảng mẫu)"

    /// The 01/07/2025 shape: the province becomes Phú Thọ, every district ends, two communes merge, one is renamed;
    /// village #3 would meet village #1's name in the merged commune and gets its own.
    static let table = """
        level,old_code,old_name,new_code,new_name
        province,26,Tỉnh Vĩnh Phúc,25,Tỉnh Phú Thọ
        district,243,Thành phố Vĩnh Yên,,
        district,244,Thành phố Phúc Yên,,
        district,246,Huyện Lập Thạch,,
        district,247,Huyện Tam Dương,,
        district,248,Huyện Tam Đảo,,
        district,249,Huyện Bình Xuyên,,
        district,251,Huyện Yên Lạc,,
        district,252,Huyện Vĩnh Tường,,
        district,253,Huyện Sông Lô,,
        commune,24801,Xã Đạo Trù,09040,Xã Đạo Trù
        commune,24802,Xã Yên Dương,09040,Xã Đạo Trù
        commune,24803,Xã Bồ Lý,09046,Xã Tam Đảo
        village,3,Thôn Đồng Giếng,09040,Thôn Đồng Giếng Yên Dương

        """

    /// A province of the 2024–2028 term: three communes of Huyện Tam Đảo, six villages, one person in each, all
    /// recognised by the district chairman's decision that approves the district's part of the 2024 list.
    static func province() throws -> (uytin: Uytin, persons: [Int64]) {
        let uytin = try Uytin()
        #expect(try uytin("init", "--province", "26", "--term", "2024-2028").code == 0)
        for (code, name) in [("24801", "Xã Đạo Trù"), ("24802", "Xã Yên Dương"), ("24803", "Xã Bồ Lý")] {
            let added = try uytin("area", "add", "--level", "commune", "--code", code, "--name", name, "--parent", "248")
            #expect(added.code == 0, "\(added.err)")
        }
        let villages: [(String, String)] = [("24801", "Thôn Đồng Giếng"), ("24801", "Thôn Thạch Bàn"), ("24802", "Thôn Đồng Giếng"),
                                            ("24802", "Thôn Tân Tiến"), ("24803", "Thôn Đồng Bùa"), ("24803", "Thôn Đồng Mỏ")]
        let names = ["Diệp Đức Hùng", "Tiêu Đức Thắng", "Lục Văn Lâm", "Ninh Văn Sơn", "Trương Thị Hoa", "Lý Quang Bình"]
        var persons: [Int64] = []
        var proposals: [Int64] = []
        for ((commune, name), person) in zip(villages, names) {
            let village = try uytin.createdId("village", "add", "--commune", commune, "--name", name)
            let id = try uytin.createdId("person", "add", "--name", person, "--gender", person.contains("Thị") ? "nu" : "nam",
                                         "--birth", "1962", "--ethnic", "Sán Dìu", "--village", String(village))
            persons.append(id)
            proposals.append(try uytin.createdId("propose", "recognize", "--person", String(id)))
        }
        #expect(persons == [1, 2, 3, 4, 5, 6], "the table names villages by id: they must be 1 to 6")
        let decision = try uytin("decision", "record", "--number", "15/QĐ-UBND", "--date", "2024-03-01",
                                 "--issuer", "UBND huyện Tam Đảo", "--issuer-level", "district", "--issuer-area", "248",
                                 "--approve", proposals.map(String.init).joined(separator: ","), "--list-year", "2024")
        #expect(decision.code == 0, "\(decision.err)")
        return (uytin, persons)
    }

    func write(_ text: String, _ name: String, in uytin: Uytin) throws -> String {
        let path = uytin.directory.appendingPathComponent(name).path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// The SHA-256 of the database file, read after every command has closed it.
    func fingerprint(_ uytin: Uytin) throws -> String {
        SHA256.hex(try Data(contentsOf: URL(fileURLWithPath: uytin.database)))
    }

    func codes(_ uytin: Uytin, on day: String) throws -> Set<String> {
        Set(try uytin.jsonArray("area", "list", "--on", day).compactMap { $0["code"] as? String })
    }

    @Test("a dry run prints every move and leaves the file byte-identical; applying closes and opens the units, re-binds the persons by law, and is recorded")
    func dryRunThenApply() throws {
        let (uytin, persons) = try Self.province()
        let file = try write(Self.table, "sap-xep-2025.csv", in: uytin)

        // Dry run: what would move, and the database file exactly as it was.
        let before = try fingerprint(uytin)
        let dry = try uytin("reorg", "apply", file, "--effective", "2025-07-01", "--basis", Self.basis, "--dry-run")
        #expect(dry.code == 0, "\(dry.err)")
        #expect(dry.out.contains("CHẠY THỬ"), "\(dry.out)")
        for text in ["Tỉnh Phú Thọ", "09040", "09046", "Xã Tam Đảo", "Thôn Đồng Giếng Yên Dương", "Huyện Tam Đảo",
                     "Diệp Đức Hùng", "Lục Văn Lâm", "Trương Thị Hoa", "gắn lại 6 người"] {
            #expect(dry.out.contains(text), "the dry run does not show \(text):\n\(dry.out)")
        }
        let dryJSON = try uytin("reorg", "apply", file, "--effective", "2025-07-01", "--basis", Self.basis, "--dry-run", "--json")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(dryJSON.out.utf8)) as? [String: Any])
        #expect(report["dryRun"] as? Bool == true)
        #expect(report["reorgId"] == nil || report["reorgId"] is NSNull)
        #expect((report["persons"] as? [Any])?.count == 6)
        #expect((report["villages"] as? [Any])?.count == 6)
        #expect(try fingerprint(uytin) == before, "a dry run changed the database file")
        #expect(try uytin.jsonArray("reorg", "list").isEmpty)

        // The map the day before and the day it takes effect.
        let mapBefore = try codes(uytin, on: "2025-06-30")
        #expect(mapBefore.isSuperset(of: ["26", "248", "24801", "24802", "24803"]))
        #expect(mapBefore.isDisjoint(with: ["25", "09040", "09046"]))

        let applied = try uytin("reorg", "apply", file, "--effective", "2025-07-01", "--basis", Self.basis)
        #expect(applied.code == 0, "\(applied.err)")
        #expect(applied.out.contains("Đã áp dụng sắp xếp #1"), "\(applied.out)")

        let mapAfter = try codes(uytin, on: "2025-07-01")
        #expect(mapAfter == ["25", "09040", "09046"], "\(mapAfter)")
        #expect(try codes(uytin, on: "2025-06-30") == mapBefore, "the map of the day before is history: it stays")
        let communes = try uytin.jsonArray("area", "list", "--on", "2025-07-01", "--level", "commune")
        #expect(communes.allSatisfy { $0["parentCode"] as? String == "25" }, "the communes hang from the new province: \(communes)")

        // The list: the day before in the old units, from the day in the new ones, nobody lost.
        let old = try uytin.jsonArray("list", "--on", "2025-06-30")
        #expect(Set(old.compactMap { $0["communeCode"] as? String }) == ["24801", "24802", "24803"])
        #expect(old.allSatisfy { $0["district"] as? String == "Huyện Tam Đảo" })
        let new = try uytin.jsonArray("list", "--on", "2025-07-01")
        #expect(Set(new.compactMap { ($0["id"] as? Int).map(Int64.init) }) == Set(persons))
        #expect(Set(new.compactMap { $0["communeCode"] as? String }) == ["09040", "09046"])
        #expect(new.allSatisfy { $0["district"] as? String == "" }, "no district after the two-tier reorganisation")
        let lâm = try #require(new.first { $0["id"] as? Int == 3 })
        #expect(lâm["village"] as? String == "Thôn Đồng Giếng Yên Dương" && lâm["commune"] as? String == "Xã Đạo Trù")
        // The 2024 list, approved before, still shows the map of its date.
        let list2024 = try uytin.jsonArray("list", "--year", "2024")
        #expect(list2024.count == 6 && list2024.allSatisfy { $0["district"] as? String == "Huyện Tam Đảo" })

        // The person's history: re-bound by law on the day, with the basis, without a proposal.
        let history = try uytin("history", "--person", "3")
        #expect(history.code == 0)
        #expect(history.out.contains("01/07/2025") && history.out.contains(Self.basis), "\(history.out)")
        #expect(history.out.contains("Thôn Đồng Giếng Yên Dương"), "\(history.out)")
        let historyJSON = try uytin("history", "--person", "3", "--json")
        let events = try #require((try JSONSerialization.jsonObject(with: Data(historyJSON.out.utf8)) as? [String: Any])?["events"] as? [[String: Any]])
        let rebound = events.filter { $0["event"] as? String == "rebound" }
        #expect(rebound.count == 1 && rebound.first?["date"] as? String == "2025-07-01", "\(rebound)")
        #expect(try uytin.jsonArray("proposal", "list").count == 6, "a reorganisation drafts no proposal")

        // Recorded: reorg list, and the audit log's chain still holds.
        let reorganizations = try uytin.jsonArray("reorg", "list")
        #expect(reorganizations.count == 1)
        let recorded = try #require(reorganizations.first)
        #expect(recorded["basis"] as? String == Self.basis)
        #expect(recorded["effectiveOn"] as? String == "2025-07-01")
        #expect(recorded["personsRebound"] as? Int == 6)
        #expect(recorded["villagesMoved"] as? Int == 6)
        #expect(recorded["fileName"] as? String == "sap-xep-2025.csv")
        #expect(try uytin("reorg", "list").out.contains(Self.basis))
        #expect(try uytin("check").code == 0)
        #expect(try uytin("audit", "verify").code == 0)

        // Applying it again is refused: history is not rewritten.
        let dump = try uytin.dump()
        let again = try uytin("reorg", "apply", file, "--effective", "2025-07-01", "--basis", Self.basis)
        #expect(again.code == 65)
        #expect(again.err.contains("sau các quyết định và sắp xếp đã ghi"), "\(again.err)")
        #expect(try uytin.dump() == dump)
    }

    @Test("a split commune whose villages are not all assigned is refused, naming them; a file without the header is refused; nothing is written")
    func refusals() throws {
        let (uytin, _) = try Self.province()
        let dump = try uytin.dump()
        let before = try fingerprint(uytin)

        let split = try write("""
            level,old_code,old_name,new_code,new_name
            commune,24803,Xã Bồ Lý,09046,Xã Tam Đảo
            commune,24803,Xã Bồ Lý,09047,Xã Hợp Châu
            village,5,Thôn Đồng Bùa,09046,Thôn Đồng Bùa

            """, "chia-tach.csv", in: uytin)
        let refused = try uytin("reorg", "apply", split, "--effective", "2025-07-01", "--basis", Self.basis)
        #expect(refused.code == 65)
        #expect(refused.err.contains("Xã Bồ Lý") && refused.err.contains("Thôn Đồng Mỏ (#6)"), "\(refused.err)")
        #expect(!refused.err.contains("#5"), "village #5 has its line: \(refused.err)")
        let english = try uytin("reorg", "apply", split, "--effective", "2025-07-01", "--basis", Self.basis, "--lang", "en", "--dry-run")
        #expect(english.code == 65)
        #expect(english.err.contains("split") && english.err.contains("Thôn Đồng Mỏ (#6)"), "\(english.err)")

        // With the missing line the same split is planned.
        let whole = try write("""
            level,old_code,old_name,new_code,new_name
            commune,24803,Xã Bồ Lý,09046,Xã Tam Đảo
            commune,24803,Xã Bồ Lý,09047,Xã Hợp Châu
            village,5,Thôn Đồng Bùa,09046,Thôn Đồng Bùa
            village,6,Thôn Đồng Mỏ,09047,Thôn Đồng Mỏ

            """, "chia-tach-du.csv", in: uytin)
        let planned = try uytin("reorg", "apply", whole, "--effective", "2025-07-01", "--basis", Self.basis, "--dry-run")
        #expect(planned.code == 0, "\(planned.err)")
        #expect(planned.out.contains("Xã Hợp Châu") && planned.out.contains("Thôn Đồng Mỏ"))

        for (name, text) in [("tieu-de-sai.csv", "cap,ma_cu,ten_cu,ma_moi,ten_moi\ncommune,24803,Xã Bồ Lý,09046,Xã Tam Đảo\n"),
                             ("khong-tieu-de.csv", "commune,24803,Xã Bồ Lý,09046,Xã Tam Đảo\n")] {
            let file = try write(text, name, in: uytin)
            let bad = try uytin("reorg", "apply", file, "--effective", "2025-07-01", "--basis", Self.basis)
            #expect(bad.code == 65, "\(name): \(bad.code) \(bad.err)")
            #expect(bad.err.contains("level,old_code,old_name,new_code,new_name"), "\(name): \(bad.err)")
        }
        let unknown = try write("level,old_code,old_name,new_code,new_name\ncommune,24899,Xã Không Có,09046,Xã Tam Đảo\n",
                                "ma-sai.csv", in: uytin)
        let wrongCode = try uytin("reorg", "apply", unknown, "--effective", "2025-07-01", "--basis", Self.basis)
        #expect(wrongCode.code == 65 && wrongCode.err.contains("24899"), "\(wrongCode.err)")
        #expect(try uytin("reorg", "apply", uytin.directory.appendingPathComponent("missing.csv").path,
                          "--effective", "2025-07-01", "--basis", Self.basis).code == 66)

        #expect(try uytin.dump() == dump, "a refused reorganisation wrote something")
        #expect(try fingerprint(uytin) == before)
        #expect(try uytin.jsonArray("reorg", "list").isEmpty)
    }
}
