import Foundation
import GRDB
@testable import Registry
import Storage
import Testing
import VietnameseCalendar

// Swift compares strings by canonical equivalence ("Đức" in NFC == "Đức" in NFD), so NFC is checked on scalars.
private func scalars(_ text: String) -> [Unicode.Scalar] { Array(text.unicodeScalars) }

private let decomposedName = "Tra\u{0302}\u{0300}n Va\u{0306}n \u{0110}u\u{031B}\u{0301}c"   // "Trần Văn Đức" in NFD
private let composedName = "Tr\u{1EA7}n V\u{0103}n \u{0110}\u{1EE9}c"                          // "Trần Văn Đức" in NFC

@Suite("Vietnamese text and identity")
struct TextAndIdentityTests {
    @Test("normalising composes decomposed text into NFC and collapses spaces")
    func normalisedIsNFC() {
        #expect(scalars(decomposedName) != scalars(composedName))
        #expect(scalars(VietnameseText.normalized(decomposedName)) == scalars(composedName))
        #expect(scalars(VietnameseText.normalized("  Lý \t Thị   Hoa ")) == scalars("Lý Thị Hoa"))
    }

    @Test("a person's name given decomposed is stored in NFC")
    func personNameStoredNFC() throws {
        let fixture = try Fixture()
        let id = try fixture.db.addPerson(NewPerson(
            name: decomposedName, gender: .nam, birthYear: 1970, birthDate: nil, ethnicCode: "18",
            villageId: fixture.xaHuong, idNumber: nil, roles: [], phone: nil)).id
        #expect(scalars(try fixture.db.person(id).name) == scalars(composedName))
        let stored = try fixture.raw().read { db in
            try Row.fetchOne(db, sql: "SELECT hex(full_name) AS bytes, name_key FROM person WHERE id = ?", arguments: [id])!
        }
        #expect(stored["bytes"] as String == composedName.utf8.map { String(format: "%02X", $0) }.joined())
        #expect(stored["name_key"] as String == "tran van duc")
    }

    @Test("a village's name given decomposed is stored in NFC")
    func villageNameStoredNFC() throws {
        let fixture = try Fixture()
        let id = try fixture.db.addVillage(communeCode: Fixture.communeB, name: "Tho\u{0302}n \u{0110}a\u{0300}o", quota: 1)
        let village = try #require(try fixture.db.villages(communeCode: Fixture.communeB).first { $0.id == id })
        #expect(scalars(village.name) == scalars("Th\u{00F4}n \u{0110}\u{00E0}o"))
    }

    @Test("the search key drops accents and case and maps đ to d", arguments: [
        ("Trần Văn Đức", "tran van duc"),
        ("Đ", "d"),
        ("đ", "d"),
        (decomposedName, "tran van duc"),
        ("ĐẶNG VĂN LÂM", "dang van lam"),
        ("  Nguyễn   Thị Ánh  Tuyết ", "nguyen thi anh tuyet"),
        ("Sán Dìu", "san diu"),
    ])
    func searchKey(text: String, key: String) {
        #expect(VietnameseText.searchKey(text) == key)
    }

    @Test("the fast path for Latin letters gives what Unicode normalisation gives")
    func fastPathMatchesGeneralPath() {
        let letters = VietnameseText.LatinTable.shared.letters
        #expect(letters.count > 300)   // every Vietnamese letter, in both cases, and the rest of Latin
        for letter in letters {
            for text in [String(letter), "  X\(letter)y \t\(letter)\n"] {
                #expect(VietnameseText.LatinTable.shared.searchKey(text) == VietnameseText.generalSearchKey(text))
                #expect(VietnameseText.LatinTable.shared.normalized(text).map(scalars) == scalars(VietnameseText.generalNormalized(text)))
            }
        }
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("aAăâđĐeêioôơuưyÀÁẠẢÃẦẤẬẨẪẰẮẶẲẴÈÉẸẺẼỀẾỆỂỄÌÍỊỈĨÒÓỌỎÕỒỐỘỔỖỜỚỢỞỠÙÚỤỦŨỪỨỰỬỮỲÝỴỶỸ \t\n-.,'0123456789")
        for _ in 0..<2_000 {
            let text = String((0..<Int.random(in: 0...30, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! })
            #expect(VietnameseText.searchKey(text) == VietnameseText.generalSearchKey(text))
            #expect(scalars(VietnameseText.normalized(text)) == scalars(VietnameseText.generalNormalized(text)))
        }
        // Texts the table does not handle go the general way.
        #expect(VietnameseText.LatinTable.shared.searchKey(decomposedName) == nil)
        #expect(VietnameseText.LatinTable.shared.normalized("Lý\u{00A0}Hoa") == nil)
        #expect(scalars(VietnameseText.normalized("Lý\u{00A0}Hoa")) == scalars("Lý Hoa"))
    }

    @Test("person search ignores case and accents", arguments: [
        ("duc", true), ("ĐỨC", true), ("tran van", true), ("Văn Đức", true), ("TRẦN VĂN ĐỨC", true),
        ("tran van dung", false), ("%", false), ("_", false),
    ])
    func personSearch(query: String, findsDuc: Bool) throws {
        let fixture = try Fixture()
        let found = try fixture.db.searchPersons(query).map(\.id)
        #expect(found.contains(fixture.duc) == findsDuc)
        if query == "tran van" {
            #expect(Set(found) == [fixture.duc])
        }
        if !findsDuc {
            #expect(found.isEmpty)
        }
    }

    @Test("person search finds every person whose name holds the text")
    func personSearchAll() throws {
        let fixture = try Fixture()
        #expect(Set(try fixture.db.searchPersons("TRẦN").map(\.id)) == [fixture.duc, fixture.mai])
        #expect(Set(try fixture.db.searchPersons("văn").map(\.id)) == [fixture.duc, fixture.sang, fixture.lam, fixture.thang, fixture.hung])
        #expect(try fixture.db.searchPersons("   ").isEmpty)
    }

    // MARK: citizen IDs

    @Test("a well-formed citizen ID is accepted", arguments: [
        ("026057001234", Gender.nam, 1957, "026057001234"),   // Vĩnh Phúc, 1900s male
        ("026162004321", .nu, 1962, "026162004321"),            // 1900s female
        ("026203000001", .nam, 2003, "026203000001"),           // 2000s male
        ("001301000002", .nu, 2001, "001301000002"),            // Hà Nội, 2000s female
        ("026 057 001 234", .nam, 1957, "026057001234"),        // spaces dropped
        ("123456789", .nu, 1940, "123456789"),                  // old 9-digit CMND: digits only
    ])
    func validCitizenID(text: String, gender: Gender, birthYear: Int, stored: String) throws {
        #expect(try CitizenID.validate(text, gender: gender, birthYear: birthYear) == stored)
    }

    @Test("a malformed or inconsistent citizen ID is refused", arguments: [
        ("026157001234", Gender.nam, 1957),   // digit 4 says female
        ("026057001234", .nu, 1957),          // digit 4 says male
        ("026057001234", .nam, 1958),         // digits 5–6 say 1957
        ("026257001234", .nam, 1957),         // digit 4 says the 2000s: 2057
        ("026657001234", .nam, 1957),         // digit 4 above 5
        ("099057001234", .nam, 1957),         // no province 99
        ("126057001234", .nam, 1957),         // does not start with 0
        ("02605700123", .nam, 1957),          // 11 digits
        ("0260570012345", .nam, 1957),        // 13 digits
        ("12345678", .nam, 1957),             // 8 digits
        ("02605700123A", .nam, 1957),         // a letter
        ("０２６０５７００１２３４", .nam, 1957), // full-width digits
        ("", .nam, 1957),
    ])
    func invalidCitizenID(text: String, gender: Gender, birthYear: Int) {
        #expect {
            _ = try CitizenID.validate(text, gender: gender, birthYear: birthYear)
        } throws: { error in
            (error as? RegistryError)?.code == "invalid_id_number"
        }
    }

    @Test("masking keeps only the last three digits")
    func masked() {
        #expect(CitizenID.masked("026057001234") == "*********234")
    }

    @Test("a citizen ID belongs to one person: a second person with it is refused")
    func duplicateCitizenID() throws {
        let fixture = try Fixture()
        func person(_ name: String, _ number: String) -> NewPerson {
            NewPerson(name: name, gender: .nam, birthYear: 1957, birthDate: nil, ethnicCode: "18",
                      villageId: fixture.xaHuong, idNumber: number, roles: [], phone: nil)
        }
        let first = try fixture.db.addPerson(person("Triệu Văn Tài", "026057001234")).id
        #expect(try fixture.db.person(first).idNumber == "026057001234")
        try expectRefusal("id_number_taken", in: fixture) {
            _ = try fixture.db.addPerson(person("Triệu Văn Lộc", "026057001234"))
        }
        _ = try fixture.db.addPerson(person("Triệu Văn Lộc", "026057009999"))
    }

    @Test("the same name key, birth year and village is reported as a possible duplicate")
    func possibleDuplicate() throws {
        let fixture = try Fixture()
        func person(_ name: String, born year: Int, in village: Int64) -> NewPerson {
            NewPerson(name: name, gender: .nam, birthYear: year, birthDate: nil, ethnicCode: "18",
                      villageId: village, idNumber: nil, roles: [], phone: nil)
        }
        let same = try fixture.db.addPerson(person("TRAN VAN DUC", born: 1957, in: fixture.dongMo))
        #expect(same.possibleDuplicates == [fixture.duc])
        let third = try fixture.db.addPerson(person("Trần văn Đức", born: 1957, in: fixture.dongMo))
        #expect(third.possibleDuplicates == [fixture.duc, same.id])
        #expect(try fixture.db.addPerson(person("Trần Văn Đức", born: 1958, in: fixture.dongMo)).possibleDuplicates.isEmpty)
        #expect(try fixture.db.addPerson(person("Trần Văn Đức", born: 1957, in: fixture.dongGieng)).possibleDuplicates.isEmpty)
        #expect(try fixture.db.addPerson(person("Trần Văn Được", born: 1957, in: fixture.dongMo)).possibleDuplicates.isEmpty)
    }

    // MARK: ethnic groups, roles, genders

    @Test("an ethnic group is found by code, name or local alias", arguments: [
        ("15", "15"), ("5", "05"), ("Sán Chay", "15"), ("Cao Lan", "15"), ("cao lan", "15"), ("Sán Chỉ", "15"),
        ("Trại", "18"), ("Sán Dìu", "18"), ("san diu", "18"), ("Khmer", "05"), ("Khơ-me", "05"), ("Khơ Me", "05"),
        ("Kinh", "01"), ("Dao", "09"), ("H'Mông", "08"),
    ])
    func ethnicLookup(text: String, code: String) throws {
        let db = try UytinDatabase.inMemory()
        try db.initialize(provinceCode: "26", term: 2019...2023)
        #expect(try db.ethnicCode(for: text) == code)
    }

    @Test("an unknown ethnic group is refused", arguments: ["Người Sao Hỏa", "55", "99", ""])
    func unknownEthnicGroup(text: String) throws {
        let db = try UytinDatabase.inMemory()
        try db.initialize(provinceCode: "26", term: 2019...2023)
        #expect {
            _ = try db.ethnicCode(for: text)
        } throws: { error in
            (error as? RegistryError)?.code == "unknown_ethnic_group"
        }
    }

    @Test("roles are parsed from Vietnamese words or codes, several at a time", arguments: [
        ("Thầy cúng, Người sản xuất giỏi", [Role.business, .ritualPractitioner]),
        ("village_head,clan_head", [.clanHead, .villageHead]),
        ("Người sản xuất, kinh doanh giỏi", [.business]),
        ("Già làng; trưởng thôn | Đảng viên", [.partyMember, .villageElder, .villageHead]),
        ("TRƯỞNG THÔN, trưởng thôn", [.villageHead]),
        ("", []),
    ])
    func parseRoles(text: String, roles: [Role]) throws {
        #expect(try Role.parseList(text) == roles)
    }

    @Test("an unknown role is refused")
    func unknownRole() {
        #expect(throws: RegistryError.unknownRole("phu thuy")) {
            try Role.parseList("Già làng, phù thủy")
        }
    }

    @Test("genders are parsed from the contract's and the clerk's words", arguments: [
        ("nam", Gender.nam), ("Nam", .nam), ("male", .nam), ("nu", .nu), ("Nữ", .nu), ("NỮ", .nu), ("female", .nu),
    ])
    func parseGender(text: String, gender: Gender) {
        #expect(Gender(parsing: text) == gender)
    }

    // MARK: inputs

    @Test("an impossible date and a malformed one are told apart", arguments: [
        ("2021-02-30", "invalid_date"), ("31/04/2021", "invalid_date"), ("hôm qua", "malformed_date"),
        ("2021/04/15", "malformed_date"),
    ])
    func badDates(text: String, code: String) {
        #expect {
            _ = try Inputs.day(text)
        } throws: { error in
            (error as? RegistryError)?.code == code
        }
    }

    @Test("dates are read in both forms clerks type")
    func goodDates() throws {
        #expect(try Inputs.day("15/04/2021") == day("2021-04-15"))
        #expect(try Inputs.day("2021-4-5") == day("2021-04-05"))
    }

    @Test("decision numbers compare without case, accents or spaces")
    func decisionKey() {
        #expect(Inputs.key("449/QĐ-UBND") == "449/qd-ubnd")
        #expect(Inputs.key(" 449 / qđ-ubnd ") == Inputs.key("449/QĐ-UBND"))
        #expect(Inputs.key("449/QĐ-UBND") != Inputs.key("494/QĐ-UBND"))
    }

    @Test("a name with a control character is refused")
    func controlCharacters() {
        #expect {
            _ = try Inputs.name("Trần\tVăn Đức", field: Message(vi: "Họ tên", en: "Name"))
        } throws: { error in
            (error as? RegistryError)?.code == "invalid_text"
        }
    }

    // MARK: SHA-256

    @Test("SHA-256 gives the FIPS 180-4 test vectors", arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
         "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
        ("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
         "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"),
    ])
    func sha256Vectors(message: String, digest: String) {
        #expect(SHA256.hex(message) == digest)
        #expect(SHA256.hex(Array(message.utf8)) == digest)
    }

    @Test("SHA-256 of a million 'a' and of inputs around the 55/56/64-byte padding edges")
    func sha256Long() {
        #expect(SHA256.hex([UInt8](repeating: 0x61, count: 1_000_000))
                == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
        // Known digests of "a" repeated 55, 56 and 64 times (one vs two padding blocks).
        #expect(SHA256.hex(String(repeating: "a", count: 55))
                == "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318")
        #expect(SHA256.hex(String(repeating: "a", count: 56))
                == "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a")
        #expect(SHA256.hex(String(repeating: "a", count: 64))
                == "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb")
    }
}
