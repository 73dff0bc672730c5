import Foundation
import Testing

/// Corrections, audited, never silent (issue 11, part 5) and the minimum age (part 4), through the built binary.
@Suite("Corrections with a reason, dated names, undelivery, rule and plan corrections, the minimum age")
struct CorrectionTests {
    /// A 2019–2023 database with one commune, two villages and two persons on the approved list of 2019.
    struct Province {
        let uytin: Uytin
        let giếng: Int64
        let bàn: Int64
        let hùng: Int64
        let thắng: Int64

        init() throws {
            uytin = try Uytin()
            #expect(try uytin("init", "--province", "26", "--term", "2019-2023").code == 0)
            #expect(try uytin("area", "add", "--level", "commune", "--code", "24801", "--name", "Xã Đạo Trù", "--parent", "248").code == 0)
            giếng = try uytin.createdId("village", "add", "--commune", "24801", "--name", "Thôn Đồng Giếng")
            bàn = try uytin.createdId("village", "add", "--commune", "24801", "--name", "Thôn Thạch Bàn")
            hùng = try uytin.createdId("person", "add", "--name", "Diệp Đức Hung", "--gender", "nam", "--birth", "1971",
                                       "--ethnic", "Sán Dìu", "--village", String(giếng), "--id-number", "026071675535")
            thắng = try uytin.createdId("person", "add", "--name", "Tiêu Đức Thắng", "--gender", "nam", "--birth", "02/03/1958",
                                        "--ethnic", "Cao Lan", "--village", String(bàn))
            let p1 = try uytin.createdId("propose", "recognize", "--person", String(hùng))
            let p2 = try uytin.createdId("propose", "recognize", "--person", String(thắng))
            let recorded = try uytin("decision", "record", "--number", "574/QĐ-UBND", "--date", "19/02/2019",
                                     "--issuer", "UBND tỉnh Vĩnh Phúc", "--approve", "\(p1),\(p2)", "--list-year", "2019")
            #expect(recorded.code == 0, "\(recorded.err)")
        }
    }

    static func object(_ text: String) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]) ?? [:]
    }

    @Test("correcting a name needs a reason; the frozen list keeps its members, a reprint shows the corrected name with the dated correction; audit log and history keep old and new")
    func nameCorrection() throws {
        let province = try Province()
        let uytin = province.uytin
        let before = try uytin.dump()
        let noReason = try uytin("person", "update", String(province.hùng), "--name", "Diệp Đức Hùng")
        #expect(noReason.code == 64 && noReason.err.contains("--reason"), "\(noReason.err)")
        #expect(try uytin.dump() == before, "a refused correction writes nothing")

        let fixed = try uytin("person", "update", String(province.hùng), "--name", "Diệp Đức Hùng", "--reason", "Nhập sai dấu")
        #expect(fixed.code == 0, "\(fixed.err)")
        #expect(fixed.out.contains("Sửa họ tên ngày") && fixed.out.contains("Diệp Đức Hung → Diệp Đức Hùng"), "\(fixed.out)")
        let again = try uytin("person", "update", String(province.hùng), "--name", "Diệp Đức Hùng", "--reason", "Nhập sai dấu")
        #expect(again.code == 0 && again.out.contains("Không có gì thay đổi"), "safe to run twice: \(again.out)")

        let list = try uytin.jsonArray("list", "--year", "2019")
        #expect(list.count == 2, "the frozen list keeps its membership")
        let entry = try #require(list.first { ($0["id"] as? Int).map(Int64.init) == province.hùng })
        #expect(entry["name"] as? String == "Diệp Đức Hùng")
        let corrections = try #require(entry["corrections"] as? [[String: Any]])
        #expect(corrections.first?["oldValue"] as? String == "Diệp Đức Hung")
        #expect(corrections.first?["field"] as? String == "name")
        #expect(try uytin("list", "--year", "2019").out.contains("Sửa họ tên ngày"))
        #expect(list.first { ($0["id"] as? Int).map(Int64.init) == province.thắng }?["corrections"] == nil)

        let csv = uytin.directory.appendingPathComponent("list-2019.csv").path
        #expect(try uytin("export", "list", "--year", "2019", "--format", "csv", "--out", csv).code == 0)
        let sheet = try String(contentsOfFile: csv, encoding: .utf8)
        #expect(sheet.contains("Ghi chú") && sheet.contains("Diệp Đức Hung → Diệp Đức Hùng"), "the reprint notes the correction")

        let log = try uytin("audit", "log", "--limit", "5", "--json")
        #expect(log.out.contains("person.correct") && log.out.contains("Diệp Đức Hung") && log.out.contains("Nhập sai dấu"))
        let history = try uytin("history", "--person", String(province.hùng))
        #expect(history.out.contains("Diệp Đức Hung → Diệp Đức Hùng") && history.out.contains("Nhập sai dấu"), "\(history.out)")
        #expect(try uytin("check").code == 0)
    }

    @Test("birth, sex, ethnic group and citizen ID are corrected with the ID's checks; the registered village is corrected, not moved")
    func otherCorrections() throws {
        let province = try Province()
        let uytin = province.uytin
        let mismatch = try uytin("person", "update", String(province.hùng), "--birth", "1972", "--reason", "Sai năm sinh")
        #expect(mismatch.code == 65, "the citizen ID says 1971: \(mismatch.err)")
        let changeId = try uytin("person", "update", String(province.hùng), "--id-number", "026071675536")
        #expect(changeId.code == 64, "changing a recorded ID needs a reason: \(changeId.err)")
        #expect(try uytin("person", "update", String(province.hùng), "--birth", "1972", "--id-number", "026072675535",
                          "--reason", "Sai năm sinh theo CCCD").code == 0)
        #expect(try uytin("person", "update", String(province.thắng), "--ethnic", "Sán Dìu", "--gender", "nam", "--reason", "Sai dân tộc").code == 0)
        let show = Self.object(try uytin("person", "show", String(province.thắng), "--json").out)
        #expect(show["ethnicCode"] as? String == "18")

        let moved = try uytin("person", "update", String(province.thắng), "--village-name", String(province.giếng), "--reason", "Nhập nhầm thôn")
        #expect(moved.code == 0, "\(moved.err)")
        #expect(Self.object(try uytin("person", "show", String(province.thắng), "--json").out)["villageId"] as? Int == Int(province.giếng))
        let listed = try uytin.jsonArray("list", "--on", "2019-06-01")
        #expect(listed.first { ($0["id"] as? Int).map(Int64.init) == province.thắng }?["villageId"] as? Int == Int(province.bàn),
                "membership stays as decided: not a move, not a re-bind")
        #expect(try uytin("person", "update", String(province.thắng), "--village-name", "99999", "--reason", "Nhập nhầm thôn").code == 65)
        #expect(try uytin("check").code == 0)
    }

    @Test("a duplicate never on a list is withdrawn: gone from search and person list, kept in history and audit; a listed person is refused")
    func withdraw() throws {
        let province = try Province()
        let uytin = province.uytin
        let twin = try uytin.createdId("person", "add", "--name", "Tiêu Đức Thắng", "--gender", "nam", "--birth", "1958",
                                       "--ethnic", "Cao Lan", "--village", String(province.bàn))
        let listed = try uytin("person", "withdraw", String(province.thắng), "--reason", "Trùng hồ sơ")
        #expect(listed.code == 65 && listed.err.contains("19/02/2019"), "\(listed.err)")
        let done = try uytin("person", "withdraw", String(twin), "--reason", "Trùng với hồ sơ #\(province.thắng)")
        #expect(done.code == 0, "\(done.err)")
        #expect(try uytin("person", "withdraw", String(twin), "--reason", "Trùng").code == 65, "withdrawn once")
        let found = try uytin.jsonArray("person", "search", "thang")
        #expect(found.map { $0["id"] as? Int } == [Int(province.thắng)])
        #expect(try uytin.jsonArray("person", "list").count == 2)
        #expect(try uytin("history", "--person", String(twin)).out.contains("Rút hồ sơ trùng"))
        #expect(try uytin("propose", "recognize", "--person", String(twin)).code == 65, "a withdrawn duplicate takes no proposal")
        #expect(try uytin("check").code == 0)
    }

    @Test("village and area names carry dates: lists before the rename print the old name, after it the new one")
    func renames() throws {
        let province = try Province()
        let uytin = province.uytin
        #expect(try uytin("village", "rename", String(province.giếng), "--name", "Thôn Đồng Giếng Mới", "--from", "2020-01-01",
                          "--basis", "Nghị quyết 01/NQ-HĐND").code == 0)
        #expect(try uytin("area", "rename", "24801", "--name", "Xã Đạo Trù Mới", "--from", "2020-06-01").code == 0)
        let old = try uytin.jsonArray("list", "--year", "2019")
        #expect(Set(old.compactMap { $0["village"] as? String }) == ["Thôn Đồng Giếng", "Thôn Thạch Bàn"])
        #expect(Set(old.compactMap { $0["commune"] as? String }) == ["Xã Đạo Trù"])
        let later = try uytin.jsonArray("list", "--on", "2020-07-01")
        #expect(Set(later.compactMap { $0["village"] as? String }) == ["Thôn Đồng Giếng Mới", "Thôn Thạch Bàn"])
        #expect(Set(later.compactMap { $0["commune"] as? String }) == ["Xã Đạo Trù Mới"])
        #expect(try uytin("village", "list").out.contains("Thôn Đồng Giếng Mới"))
        #expect(try uytin("village", "rename", String(province.giếng), "--name", "Thôn Khác", "--from", "2019-06-01").code == 65,
                "names follow each other by date")
        #expect(try uytin("village", "rename", "999", "--name", "Thôn Khác", "--from", "2021-01-01").code == 65)
        #expect(try uytin("area", "rename", "99999", "--name", "Xã Khác", "--from", "2021-01-01").code == 65)
        #expect(try uytin("check").code == 0)
    }

    @Test("minimum age: under 18 on the decision's date is refused; a proposal already when still under it at the term's end; the province may change the setting")
    func minimumAge() throws {
        let province = try Province()
        let uytin = province.uytin
        let child = try uytin.createdId("person", "add", "--name", "Lò Văn Trẻ", "--gender", "nam", "--birth", "2015",
                                        "--ethnic", "18", "--village", String(province.bàn))
        let refused = try uytin("propose", "recognize", "--person", String(child))
        #expect(refused.code == 65 && refused.err.contains("2015") && refused.err.contains("18 tuổi"), "\(refused.err)")
        // 18 today, 14 on the decision's date.
        let young = try uytin.createdId("person", "add", "--name", "Lò Văn Trưởng", "--gender", "nam", "--birth", "2005",
                                        "--ethnic", "18", "--village", String(province.bàn))
        let proposal = try uytin.createdId("propose", "replace", "--person", String(province.thắng), "--by", String(young))
        let decision = try uytin("decision", "record", "--number", "12/QĐ-UBND", "--date", "2019-06-01",
                                 "--issuer", "UBND tỉnh Vĩnh Phúc", "--approve", String(proposal))
        #expect(decision.code == 65 && decision.err.contains("2005") && decision.err.contains("14"), "\(decision.err)")
        let settings = try uytin.jsonArray("setting", "list")
        #expect(settings.first?["value"] as? Int == 18 && settings.first?["source"] as? String == "sample")
        #expect(try uytin("setting", "set", "minimum-age", "10", "--basis", "Quyết định của tỉnh").code == 0)
        #expect(try uytin("propose", "recognize", "--person", String(child)).code == 0)
        #expect(try uytin("setting", "set", "maximum-age", "10", "--basis", "Quyết định của tỉnh").code == 64)
    }

    @Test("entitlements: undeliver goes back to approved; delivery dates are checked; a used rule version is not corrected; plans move and cancel")
    func benefits() throws {
        let province = try Province()
        let uytin = province.uytin
        let plan = try uytin.createdId("plan", "add", "--kind", "training", "--date", "2019-10-01", "--name", "Tập huấn 2019", "--all")
        let unused = try uytin.createdId("rule", "set", "newspaper", "--amount", "60000", "--from", "2023-06-01")
        #expect(try uytin("rule", "correct", "newspaper", "--version", String(unused), "--amount", "65000", "--basis", "Sửa mức").code == 0)
        #expect(try uytin("run", "--date", "2020-01-31", "--actor", "cron").code == 0)

        let gifts = try uytin.jsonArray("entitlement", "list", "--year", "2020", "--kind", "lunar_new_year_gift")
        let gift = try #require(gifts.first?["id"] as? Int)
        #expect(try uytin("entitlement", "approve", "--ids", String(gift), "--actor", "ke-toan").code == 0)
        #expect(try uytin("entitlement", "deliver", "--ids", String(gift), "--on", "2019-01-10").code == 65, "before it exists")
        #expect(try uytin("entitlement", "deliver", "--ids", String(gift), "--on", "2099-01-10").code == 65, "after today")
        #expect(try uytin("entitlement", "deliver", "--ids", String(gift), "--on", "2020-01-20").code == 0)
        #expect(try uytin("entitlement", "undeliver", String(gift), "--reason", "Ghi nhầm người nhận").code == 0)
        let back = try uytin.jsonArray("entitlement", "list", "--year", "2020", "--kind", "lunar_new_year_gift")
        #expect(back.first { $0["id"] as? Int == gift }?["status"] as? String == "approved")
        #expect(try uytin("entitlement", "undeliver", String(gift), "--reason", "Ghi nhầm").code == 65)

        let rules = try uytin.jsonArray("rule", "list")
        let used = try #require(rules.first { $0["kind"] as? String == "lunar_new_year_gift" }?["id"] as? Int)
        let correctUsed = try uytin("rule", "correct", "lunar_new_year_gift", "--version", String(used), "--amount", "400000")
        #expect(correctUsed.code == 65 && correctUsed.err.contains("rule set"), "\(correctUsed.err)")

        let plans = try uytin.jsonArray("plan", "list")
        #expect(plans.first?["planned"] as? Int == 2)
        #expect(try uytin("plan", "reschedule", String(plan), "--date", "2019-10-15").code == 0)
        let training = try uytin.jsonArray("entitlement", "list", "--kind", "training")
        #expect(training.count == 2 && training.allSatisfy { $0["occasionDate"] as? String == "2019-10-15" })
        #expect(try uytin("plan", "reschedule", String(plan), "--date", "2020-10-15").code == 65, "another year")
        let first = try #require(training.first?["id"] as? Int)
        #expect(try uytin("entitlement", "approve", "--ids", String(first), "--actor", "ke-toan").code == 0)
        #expect(try uytin("entitlement", "deliver", "--ids", String(first), "--on", "2019-10-10").code == 65, "before the gathering")
        #expect(try uytin("entitlement", "deliver", "--ids", String(first), "--on", "2019-10-15").code == 0)
        #expect(try uytin("plan", "cancel", String(plan), "--reason", "Dịch bệnh").code == 65, "a delivered entitlement")
        #expect(try uytin("plan", "reschedule", String(plan), "--date", "2019-11-15").code == 65)
        #expect(try uytin("entitlement", "undeliver", String(first), "--reason", "Ghi nhầm").code == 0)
        #expect(try uytin("plan", "cancel", String(plan), "--reason", "Dịch bệnh").code == 0)
        #expect(try uytin.jsonArray("entitlement", "list", "--kind", "training").allSatisfy { $0["status"] as? String == "cancelled" })
        #expect(try uytin("plan", "cancel", String(plan), "--reason", "Dịch bệnh").code == 65, "cancelled once")
        #expect(try uytin("audit", "verify").code == 0)
        #expect(try uytin("check").code == 0)
    }
}
