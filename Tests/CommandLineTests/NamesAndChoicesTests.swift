import Foundation
import Testing

/// Issue 11, "names and choices": a clerk types words, not codes, and names, not internal numbers — fixed choices in
/// the clerk's words, persons, villages, communes and districts by name, id ranges, ĐN- proposal numbers.
@Suite("Names instead of numbers, the clerk's words instead of codes")
struct NamesAndChoicesTests {
    /// Two communes, each with a Thôn Đồng Giếng; two persons named Diệp Đức Hùng; Lục Hữu Dũng with a citizen ID,
    /// on the 2019 list.
    struct Registry {
        let uytin: Uytin
        let hung1: Int64, hung2: Int64, dung: Int64
        let gieng1: Int64, gieng2: Int64

        init() throws {
            uytin = try Uytin()
            try uytin("init")
            try uytin("area", "add", "--level", "xã", "--code", "24801", "--name", "Xã Đạo Trù", "--parent", "248")
            try uytin("area", "add", "--level", "commune", "--code", "24803", "--name", "Xã Bồ Lý", "--parent", "tam dao")
            gieng1 = try uytin.createdId("village", "add", "--commune", "dao tru", "--name", "Thôn Đồng Giếng", "--quota", "2")
            gieng2 = try uytin.createdId("village", "add", "--commune", "Xã Bồ Lý", "--name", "Thôn Đồng Giếng")
            hung1 = try uytin.createdId("person", "add", "--name", "Diệp Đức Hùng", "--gender", "nam", "--birth", "1971",
                                        "--ethnic", "18", "--village", String(gieng1))
            hung2 = try uytin.createdId("person", "add", "--name", "Diệp Đức Hùng", "--gender", "nam", "--birth", "1965",
                                        "--ethnic", "18", "--village", String(gieng2))
            dung = try uytin.createdId("person", "add", "--name", "Lục Hữu Dũng", "--gender", "nu", "--birth", "1957",
                                       "--ethnic", "18", "--village", "Đồng Giếng, Đạo Trù", "--id-number", "026157000123")
        }

        /// Everybody on the 2019 list, by one decision.
        func listEverybody() throws {
            var proposals: [String] = []
            for person in [hung1, hung2, dung] {
                let proposal = try uytin.createdId("propose", "recognize", "--person", String(person))
                proposals.append("ĐN-\(proposal)")
            }
            let decision = try uytin("decision", "record", "--number", "574/QĐ-UBND", "--date", "2019-02-19", "--issuer", "UBND tỉnh",
                                     "--approve", proposals.joined(separator: ","), "--list-year", "2019")
            #expect(decision.code == 0, "\(decision.err)")
        }
    }

    @Test("names find persons, villages, communes and districts, ignoring accents and case; ids and codes still work")
    func namesResolve() throws {
        let r = try Registry()
        let shown = try r.uytin("person", "show", "luc huu dung", "--json")
        #expect(shown.code == 0, "\(shown.err)")
        #expect(shown.out.contains("\"id\" : \(r.dung)"))
        #expect(try r.uytin("person", "show", "026157000123", "--json").out.contains("\"id\" : \(r.dung)"))
        #expect(try r.uytin("person", "show", String(r.dung), "--json").out.contains("\"id\" : \(r.dung)"))
        #expect(try r.uytin("person", "show", "#\(r.dung)", "--json").out.contains("\"id\" : \(r.dung)"))
        #expect(try r.uytin("person", "show", "Diệp Đức Hùng, Bồ Lý", "--json").out.contains("\"id\" : \(r.hung2)"))
        #expect(try r.uytin("person", "show", "diep duc hung, dong gieng, dao tru", "--json").code == 65, "a village is one place")
        #expect(try r.uytin("person", "show", "diep duc hung, xa dao tru", "--json").out.contains("\"id\" : \(r.hung1)"))
        // Copied from a table or a refusal's list of candidates: the id beside the name is taken.
        #expect(try r.uytin("person", "show", "#\(r.hung2) Diệp Đức Hùng (1965, Thôn Đồng Giếng, Xã Bồ Lý)", "--json").out
                    .contains("\"id\" : \(r.hung2)"))
        #expect(try r.uytin("person", "show", "Diệp Đức Hùng (#\(r.hung1))", "--json").out.contains("\"id\" : \(r.hung1)"))
        #expect(try r.uytin.jsonArray("person", "list", "--village", "Đồng Giếng, Bồ Lý").map { $0["id"] as? Int } == [Int(r.hung2)])
        #expect(try r.uytin.jsonArray("village", "list", "--commune", "DAO TRU").map { $0["id"] as? Int } == [Int(r.gieng1)])
        #expect(try r.uytin.jsonArray("village", "list", "--commune", "24801").map { $0["id"] as? Int } == [Int(r.gieng1)])
        let history = try r.uytin("history", "--person", "Lục hữu dũng")
        #expect(history.code == 0 && history.out.contains("Lục Hữu Dũng"), "\(history.err)")
        let list = try r.uytin("list", "--on", "2021-06-01", "--district", "Tam Đảo", "--commune", "Bồ Lý")
        #expect(list.code == 0, "\(list.err)")
    }

    @Test("a name two levels share is refused where either level may be meant; the full name decides")
    func districtOrCommune() throws {
        let r = try Registry()
        try r.uytin("area", "add", "--level", "xã", "--code", "24809", "--name", "Thị trấn Tam Đảo", "--parent", "248")
        let both = try r.uytin("contingency", "declare", "--from", "2021-05-01", "--area", "Tam Đảo", "--reason", "Dịch")
        #expect(both.code == 65 && both.err.contains("248 Huyện Tam Đảo") && both.err.contains("24809 Thị trấn Tam Đảo"), "\(both.err)")
        #expect(try r.uytin("contingency", "declare", "--from", "2021-05-01", "--area", "huyen tam dao", "--reason", "Dịch").code == 0)
        let periods = try r.uytin.jsonArray("contingency", "list")
        #expect(periods.first?["areaCode"] as? String == "248", "\(periods)")
        #expect(try r.uytin.jsonArray("village", "list", "--commune", "Tam Đảo").isEmpty, "as a commune, Tam Đảo is the township")
    }

    @Test("an ambiguous name is refused (65) listing the candidates with ids and places; an unknown name is 65 with a hint")
    func ambiguousAndUnknown() throws {
        let r = try Registry()
        let before = try r.uytin.dump()
        let person = try r.uytin("propose", "recognize", "--person", "diep duc hung")
        #expect(person.code == 65)
        #expect(person.err.contains("#\(r.hung1) Diệp Đức Hùng (1971, Thôn Đồng Giếng, Xã Đạo Trù)"), "\(person.err)")
        #expect(person.err.contains("#\(r.hung2) Diệp Đức Hùng (1965, Thôn Đồng Giếng, Xã Bồ Lý)"), "\(person.err)")
        let village = try r.uytin("person", "list", "--village", "đồng giếng")
        #expect(village.code == 65)
        #expect(village.err.contains("#\(r.gieng1)") && village.err.contains("#\(r.gieng2)") && village.err.contains("Xã Bồ Lý"))
        let nobody = try r.uytin("history", "--person", "Nguyễn Văn Không")
        #expect(nobody.code == 65)
        #expect(nobody.err.contains("uytin person search"))
        let near = try r.uytin("person", "show", "Diệp Đức")
        #expect(near.code == 65 && near.err.contains("#\(r.hung1)"), "similar names are suggested: \(near.err)")
        let commune = try r.uytin("village", "add", "--commune", "Xã Không Có", "--name", "Thôn X")
        #expect(commune.code == 65)
        #expect(commune.err.contains("uytin area list"))
        let english = try r.uytin("person", "show", "diep duc hung", "--lang", "en")
        #expect(english.code == 65 && english.err.contains("2 persons are named"), "\(english.err)")
        #expect(try r.uytin.dump() == before)
    }

    @Test("fixed choices take the clerk's words; an unknown word lists the choices in the clerk's language")
    func choices() throws {
        let r = try Registry()
        try r.listEverybody()
        #expect(try r.uytin("proposal", "list", "--status", "chờ quyết định").code == 0)
        #expect(try r.uytin("entitlement", "list", "--status", "Đã nhận", "--kind", "qua tet").code == 0)
        #expect(try r.uytin("area", "list", "--level", "HUYỆN").code == 0)
        let rule = try r.uytin("rule", "set", "phúng viếng thân nhân", "--amount", "1000000", "--from", "2019-01-01",
                               "--funding", "ngân sách tỉnh", "--normal", "đến tận nhà", "--contingency", "chuyển khoản")
        #expect(rule.code == 0, "\(rule.err)")
        let event = try r.uytin("event", "record", "--person", "Lục Hữu Dũng", "--kind", "ốm đau", "--date", "2019-05-02",
                                "--level", "trung ương")
        #expect(event.code == 0, "\(event.err)")

        let status = try r.uytin("entitlement", "list", "--status", "xong")
        #expect(status.code == 64)
        #expect(status.err.contains("--status phải là một trong: dự kiến, đã duyệt, đã nhận, đã hủy"), "\(status.err)")
        let english = try r.uytin("entitlement", "list", "--status", "xong", "--lang", "en")
        #expect(english.err.contains("planned, approved, delivered, cancelled"), "\(english.err)")
        let kind = try r.uytin("entitlement", "list", "--kind", "quà")
        #expect(kind.code == 64 && kind.err.contains("quà Tết, quà lễ hội, báo"), "\(kind.err)")
        let gender = try r.uytin("person", "add", "--name", "Tạ Văn Thắng", "--gender", "x", "--birth", "1958", "--ethnic", "18",
                                 "--village", String(r.gieng1))
        #expect(gender.code == 64 && gender.err.contains("nam, nữ"), "\(gender.err)")
    }

    @Test("removal reasons are taken in the clerk's words and stored as codes; an unknown one lists the reasons (65)")
    func reasons() throws {
        let r = try Registry()
        let proposal = try r.uytin.createdId("propose", "recognize", "--person", "026157000123")
        try r.uytin("decision", "record", "--number", "574/QĐ-UBND", "--date", "2019-02-19", "--issuer", "UBND tỉnh",
                    "--approve", "ĐN-\(proposal)", "--list-year", "2019")
        let before = try r.uytin.dump()
        let unknown = try r.uytin("propose", "remove", "--person", "Lục Hữu Dũng", "--reason", "lười")
        #expect(unknown.code == 65)
        #expect(unknown.err.contains("từ trần, sức khỏe, sáp nhập thôn, chuyển đi"), "\(unknown.err)")
        #expect(try r.uytin.dump() == before)
        let removal = try r.uytin.createdId("propose", "remove", "--person", "Lục Hữu Dũng", "--reason", "Mất", "--effective", "2019-06-01")
        let stored = try r.uytin.jsonArray("proposal", "list").first { ($0["id"] as? Int).map(Int64.init) == removal }
        #expect(stored?["reason"] as? String == "death")
    }

    @Test("proposal numbers print as ĐN-N and are taken as ĐN-N, DN-N, đnN or N; a person's number is caught")
    func proposalNumbers() throws {
        let r = try Registry()
        let drafted = try r.uytin("propose", "recognize", "--person", "Lục Hữu Dũng")
        #expect(drafted.code == 0)
        let number = try #require(drafted.out.range(of: #"ĐN-[0-9]+"#, options: .regularExpression).map { String(drafted.out[$0]) })
        let id = Int64(number.dropFirst(3))!
        #expect(try r.uytin("proposal", "list").out.contains(number))

        // The person's own number given for the proposal: refused, naming the proposal meant.
        if id != r.dung {
            let before = try r.uytin.dump()
            let mistaken = try r.uytin("decision", "record", "--number", "574/QĐ-UBND", "--date", "2019-02-19", "--issuer", "UBND tỉnh",
                                       "--approve", String(r.dung), "--list-year", "2019")
            #expect(mistaken.code == 65)
            #expect(mistaken.err.contains("#\(r.dung) là số người, không phải số đề nghị"), "\(mistaken.err)")
            #expect(mistaken.err.contains(number))
            #expect(try r.uytin.dump() == before)
        }
        let recorded = try r.uytin("decision", "record", "--number", "574/QĐ-UBND", "--date", "2019-02-19", "--issuer", "UBND tỉnh",
                                   "--approve", "dn\(id)", "--list-year", "2019")
        #expect(recorded.code == 0, "\(recorded.err)")
        #expect(try r.uytin("decision", "show", "574/QĐ-UBND").out.contains(number))
        #expect(try r.uytin("history", "--person", String(r.dung)).out.contains("Đề nghị \(number)"))
        let again = try r.uytin("proposal", "withdraw", number)
        #expect(again.code == 65 && again.err.contains(number), "\(again.err)")
    }

    @Test("id lists take ranges; a backwards or huge range is refused at once (64)")
    func ranges() throws {
        let r = try Registry()
        try r.listEverybody()
        let plan = try r.uytin("plan", "add", "--kind", "tập huấn", "--date", "2019-06-01", "--name", "Tập huấn 2019",
                               "--persons", "\(r.hung1)-\(r.hung2),Lục Hữu Dũng")
        #expect(plan.code == 0, "\(plan.err)")
        let before = try r.uytin.dump()
        let started = Date()
        let huge = try r.uytin("entitlement", "approve", "--ids", "1-999999999")
        #expect(huge.code == 64 && huge.err.contains("quá lớn"), "\(huge.err)")
        #expect(Date().timeIntervalSince(started) < 10)
        let backwards = try r.uytin("entitlement", "cancel", "--ids", "9-3", "--reason", "Thử")
        #expect(backwards.code == 64, "\(backwards.err)")
        #expect(try r.uytin.dump() == before)
    }

    @Test("festival set --lunar takes 15/01 as festival list prints it, besides 01-15")
    func festivalDayMonth() throws {
        let r = try Registry()
        #expect(try r.uytin("festival", "set", "--name", "Lễ hội Đình", "--ethnic", "18", "--lunar", "15/01").code == 0)
        #expect(try r.uytin("festival", "set", "--name", "Lễ Cầu Mùa", "--ethnic", "18", "--lunar", "03-10").code == 0)
        let list = try r.uytin("festival", "list", "--year", "2022")
        #expect(list.out.contains("âm lịch 15/1") && list.out.contains("âm lịch 10/3"), "\(list.out)")
        #expect(try r.uytin("festival", "set", "--name", "Lễ X", "--ethnic", "18", "--lunar", "15.01").code == 64)
    }

    @Test("names typed in lower case are stored in title case, with a notice")
    func titleCase() throws {
        let r = try Registry()
        let village = try r.uytin("village", "add", "--commune", "24801", "--name", "thôn khe mương")
        #expect(village.code == 0)
        #expect(village.err.contains("Đã viết hoa tên: Thôn Khe Mương"), "\(village.err)")
        let person = try r.uytin("person", "add", "--name", "lò văn quý", "--gender", "nam", "--birth", "1970", "--ethnic", "18",
                                 "--village", "Khe Mương")
        #expect(person.code == 0 && person.err.contains("Đã viết hoa tên: Lò Văn Quý"), "\(person.err)")
        #expect(person.out.contains("Lò Văn Quý"))
        let kept = try r.uytin("person", "add", "--name", "Lò văn Quý", "--gender", "nam", "--birth", "1971", "--ethnic", "18",
                               "--village", "Khe Mương")
        #expect(kept.code == 0 && !kept.err.contains("viết hoa"), "a name with a capital is kept as typed")

        // Villages merged by name (a semicolon between names that carry their commune), into a title-cased name.
        let merged = try r.uytin("village", "merge", "--from", "Đồng Giếng, Đạo Trù; Khe Mương", "--name", "thôn khe giếng",
                                 "--decision", "12/QĐ-UBND", "--date", "2020-01-10", "--quota", "3")
        #expect(merged.code == 0 && merged.out.contains("#\(r.gieng1)") && merged.err.contains("Thôn Khe Giếng"),
                "\(merged.out) \(merged.err)")
    }
}
