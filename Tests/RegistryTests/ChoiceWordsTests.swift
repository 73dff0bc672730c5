import Foundation
@testable import Registry
import Storage
import Testing
import VietnameseCalendar

/// The clerk's words for the registry's fixed choices, names typed in lower case, proposal numbers, and the storage
/// lookups behind names on the command line (issue 11, "names and choices").
@Suite("Clerk's words for choices, names and proposal numbers")
struct ChoiceWordsTests {
    @Test("area levels: codes and the clerk's words, with or without diacritics, any case", arguments: [
        ("tỉnh", AreaLevel.province), ("TINH", .province), ("province", .province), ("cấp tỉnh", .province),
        ("huyện", .district), ("Huyen", .district), ("quận", .district), ("thị xã", .district),
        ("xã", .commune), ("XA", .commune), ("phường", .commune), ("thi tran", .commune), ("commune", .commune),
    ])
    func areaLevels(text: String, level: AreaLevel) {
        #expect(AreaLevel(parsing: text) == level)
    }

    @Test("proposal kinds and statuses take their codes, labels and the clerk's words")
    func proposalWords() {
        #expect(ProposalKind(parsing: "công nhận") == .recognize)
        #expect(ProposalKind(parsing: "Dua ra khoi danh sach") == .remove)
        #expect(ProposalKind(parsing: "THAY THẾ") == .replace)
        #expect(ProposalKind(parsing: "gan lai thon") == .rebind)
        #expect(ProposalKind(parsing: "rebind") == .rebind)
        #expect(ProposalStatus(parsing: "chờ quyết định") == .pending)
        #expect(ProposalStatus(parsing: "da duyet") == .approved)
        #expect(ProposalStatus(parsing: "bị từ chối") == .rejected)
        #expect(ProposalStatus(parsing: "withdrawn") == .withdrawn)
        #expect(ProposalStatus(parsing: "maybe") == nil)
    }

    @Test("genders take nam/nữ with or without diacritics and male/female")
    func genders() {
        for text in ["nam", "Nam", "NAM", "male"] { #expect(Gender(parsing: text) == .nam) }
        for text in ["nữ", "Nữ", "nu", "NỮ", "female"] { #expect(Gender(parsing: text) == .nu) }
        #expect(Gender(parsing: "x") == nil)
    }

    @Test("every table's words are unique to one choice and every choice is named in a list of choices")
    func tablesAreSound() {
        #expect(AreaLevel.words.conflicts.isEmpty && ProposalKind.words.conflicts.isEmpty && ProposalStatus.words.conflicts.isEmpty)
        for level in AreaLevel.allCases { #expect(AreaLevel(parsing: level.rawValue) == level) }
        for kind in ProposalKind.allCases {
            #expect(ProposalKind(parsing: kind.rawValue) == kind)
            #expect(ProposalKind(parsing: kind.label.vi) == kind)
            #expect(ProposalKind(parsing: kind.choiceName.vi) == kind)
        }
        for status in ProposalStatus.allCases {
            #expect(ProposalStatus(parsing: status.label.vi) == status)
            #expect(ProposalStatus(parsing: status.label.en) == status)
        }
        #expect(ProposalStatus.choiceList.vi == "chờ quyết định, được phê duyệt, bị từ chối, đã rút")
        #expect(AreaLevel.choiceList.vi == "tỉnh, huyện, xã")
    }

    @Test("an unknown choice is malformed (64) and lists the choices in the clerk's language")
    func unknownChoice() {
        #expect(throws: RegistryError.self) { _ = try ProposalStatus.parse("xyz", option: "--status") }
        do {
            _ = try AreaLevel.parse("làng", option: "--level")
        } catch {
            #expect(error.kind == .malformed)
            #expect(error.message.vi == "--level phải là một trong: tỉnh, huyện, xã (nhận được \"làng\").")
            #expect(error.message.en == "--level must be one of: province, district, commune (got \"làng\").")
        }
    }

    @Test("removal reasons: codes, names and the clerk's words, against the database's table", arguments: [
        ("từ trần", "death"), ("mất", "death"), ("MAT", "death"), ("qua đời", "death"), ("death", "death"),
        ("sức khỏe", "health"), ("suc khoe", "health"), ("Lý do sức khỏe", "health"),
        ("sáp nhập thôn", "merger"), ("sap nhap", "merger"), ("chuyển đi", "moved"), ("Chuyen di", "moved"),
        ("vi phạm pháp luật", "violation"), ("xin thôi", "resigned"), ("tự nguyện xin thôi", "resigned"),
        ("không còn đủ tiêu chuẩn", "criteria"), ("khong con du tieu chuan", "criteria"), ("criteria", "criteria"),
    ])
    func removalReasons(text: String, code: String) {
        #expect(RemovalReason.code(parsing: text, among: RemovalReason.shipped) == code)
    }

    @Test("a reason the province did not keep is not found, and the list names the clerk's words")
    func removalReasonList() {
        let kept = RemovalReason.shipped.filter { $0.code != "violation" }
        #expect(RemovalReason.code(parsing: "vi phạm", among: kept) == nil)
        #expect(RemovalReason.code(parsing: "lười", among: RemovalReason.shipped) == nil)
        #expect(RemovalReason.choiceList(RemovalReason.shipped).vi
                == "từ trần, sức khỏe, sáp nhập thôn, chuyển đi, vi phạm pháp luật, xin thôi, không còn đủ tiêu chuẩn")
    }

    @Test("a proposal with a reason in the clerk's words stores the reason's code")
    func proposalReasonInWords() throws {
        let f = try Fixture()
        try f.recognizeAll([f.duc])
        let id = try f.db.propose(.remove(person: f.duc, reason: "Sức khoẻ", effectiveOn: nil), note: nil)
        #expect(try f.db.proposals().first { $0.id == id }?.reason == "health")
        do {
            _ = try f.db.propose(.remove(person: f.hoa, reason: "lười", effectiveOn: nil), note: nil)
        } catch let error as RegistryError {
            #expect(["unknown_reason", "not_listed"].contains(error.code))
        }
    }

    @Test("names typed in lower case are put in title case; a name with a capital is left as typed")
    func titleCase() {
        #expect(VietnameseText.titleCased("nguyễn văn an") == "Nguyễn Văn An")
        #expect(VietnameseText.titleCased("thôn đồng giếng") == "Thôn Đồng Giếng")
        #expect(VietnameseText.titleCased("đặng thị ơn") == "Đặng Thị Ơn")
        #expect(VietnameseText.titleCased("Thôn đồng giếng") == nil)
        #expect(VietnameseText.titleCased("Nguyễn Văn An") == nil)
        #expect(VietnameseText.titleCased("123") == nil)
    }

    @Test("proposal numbers read as ĐN-7, DN-7, đn7, 7 and ranges; the ĐN mark is kept")
    func proposalNumbers() {
        #expect(ProposalNumber.text(7) == "ĐN-7")
        #expect(ProposalNumber.parse("ĐN-7") == .init(first: 7, last: 7, marked: true))
        #expect(ProposalNumber.parse("DN-7") == .init(first: 7, last: 7, marked: true))
        #expect(ProposalNumber.parse("đn7") == .init(first: 7, last: 7, marked: true))
        #expect(ProposalNumber.parse("đn 7") == .init(first: 7, last: 7, marked: true))
        #expect(ProposalNumber.parse("7") == .init(first: 7, last: 7, marked: false))
        #expect(ProposalNumber.parse("ĐN-3-ĐN-7") == .init(first: 3, last: 7, marked: true))
        #expect(ProposalNumber.parse("3-7") == .init(first: 3, last: 7, marked: false))
        #expect(ProposalNumber.parse("abc") == nil)
        #expect(ProposalNumber.parse("ĐN-") == nil)
        #expect(ProposalNumber.parse("0") == nil)
    }

    @Test("place names are looked up with or without the word for the kind of place")
    func placeKeys() {
        let bare = PlaceName.keys("Đồng Giếng", .village)
        #expect(bare.first == "dong gieng" && bare.contains("thon dong gieng") && bare.contains("ban dong gieng"))
        #expect(PlaceName.keys("Thôn Đồng Giếng", .village).prefix(2) == ["thon dong gieng", "dong gieng"])
        #expect(PlaceName.keys("dao tru", .commune).contains("xa dao tru"))
        #expect(PlaceName.keys("Tam Đảo", .district).contains("huyen tam dao"))
    }

    @Test("persons by name key and citizen ID, villages and communes by name, on a day's map")
    func storageLookups() throws {
        let f = try Fixture()
        #expect(try f.db.persons(nameKey: "tran van duc").map(\.id) == [f.duc])
        #expect(try f.db.persons(nameKey: "tran").isEmpty)
        #expect(try f.db.persons(nameKeyStartingWith: "tran", limit: 5).map(\.id).sorted() == [f.duc, f.mai].sorted())
        let twin = try f.db.addPerson(NewPerson(name: "Trần Văn Đức", gender: .nam, birthYear: 1970, birthDate: nil,
                                                ethnicCode: "18", villageId: f.xaHuong, idNumber: "026070123456", roles: [], phone: nil)).id
        #expect(try f.db.persons(nameKey: "tran van duc").map(\.id) == [f.duc, twin])
        #expect(try f.db.personId(idNumber: "026070123456") == twin)
        #expect(try f.db.personId(idNumber: "026070999999") == nil)

        let today = Day.todayInVietnam()
        #expect(try f.db.villages(nameKeys: PlaceName.keys("dong gieng", .village), on: today).map(\.id) == [f.dongGieng])
        #expect(try f.db.villages(nameKeys: PlaceName.keys("Thôn Xạ Hương", .village), communeKeys: PlaceName.keys("Bồ Lý", .commune),
                                  on: today).map(\.id) == [f.xaHuong])
        #expect(try f.db.villages(nameKeys: PlaceName.keys("Xạ Hương", .village), communeKeys: PlaceName.keys("Đạo Trù", .commune),
                                  on: today).isEmpty)
        #expect(try f.db.areas(level: .commune, nameKeys: PlaceName.keys("dao tru", .commune), on: today).map(\.code) == [Fixture.communeA])
        #expect(try f.db.areas(level: .district, nameKeys: PlaceName.keys("tam dao", .district), on: today).map(\.code) == [Fixture.district])

        // A merged village is found on a day before the merger; after it, the new village of that name is.
        let merged = try f.db.mergeVillages([f.dongMo, f.dongGieng], into: "Thôn Đồng Giếng", decision: "1/QĐ", on: day("2020-01-10"))
        #expect(try f.db.villages(nameKeys: PlaceName.keys("Đồng Giếng", .village), on: day("2019-06-01")).map(\.id) == [f.dongGieng])
        #expect(try f.db.villages(nameKeys: PlaceName.keys("Đồng Giếng", .village), on: day("2021-06-01")).map(\.id) == [merged])
    }

    @Test("a bare number that is a person's and no pending proposal's is told apart, with the person's pending proposal")
    func personNotProposal() throws {
        let f = try Fixture()
        let proposal = try f.db.propose(.recognize(person: f.hoa, village: nil), note: nil)
        try #require(proposal != f.hoa, "the fixture's first proposal number is not Lý Thị Hoa's person number")
        let found = try f.db.personsNotPendingProposals([proposal, f.hoa, 999])
        #expect(found.map(\.personId) == [f.hoa])
        #expect(found.first?.pendingProposal == proposal)
    }
}
