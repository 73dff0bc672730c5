import Registry
import Testing
import VietnameseCalendar

/// The minimum age on the recognition date (issue 11, part 4): pure rules, no database.
@Suite("The minimum age on the recognition date")
struct CorrectionRuleTests {
    static func day(_ text: String) -> Day { Day(parsing: text)! }

    @Test("with a birth date the age is exact: the day before the 18th birthday is 17", arguments: [
        ("2001-03-02", "2019-03-01", 17), ("2001-03-02", "2019-03-02", 18), ("2000-02-29", "2018-02-28", 17),
        ("2000-02-29", "2018-03-01", 18), ("1958-03-02", "2019-02-19", 60),
    ])
    func exactAge(born: String, on: String, age: Int) {
        #expect(MinimumAge.age(birthYear: Self.day(born).year, birthDate: Self.day(born), on: Self.day(on)) == age)
    }

    @Test("with a birth year only, the age reached during the year: nobody is refused for a birthday the records do not hold")
    func yearOnly() {
        #expect(MinimumAge.age(birthYear: 2001, birthDate: nil, on: Self.day("2019-01-01")) == 18)
        #expect(MinimumAge.age(birthYear: 2002, birthDate: nil, on: Self.day("2019-12-31")) == 17)
    }

    @Test("the refusal names the birth date or year, the age and the minimum; none at or above it")
    func refusal() throws {
        let refused = try #require(MinimumAge.refusal(person: "Lò Văn Trẻ (#9)", birthYear: 2005, birthDate: nil, on: Self.day("2019-06-01"),
                                                      minimum: 18, what: Message(vi: "được công nhận", en: "be recognised")))
        #expect(refused.code == "under_minimum_age")
        #expect(refused.message.vi.contains("sinh năm 2005") && refused.message.vi.contains("14 tuổi") && refused.message.vi.contains("18 tuổi"))
        #expect(refused.message.en.contains("born in 2005") && refused.message.en.contains("is 14"))
        #expect(MinimumAge.refusal(person: "A", birthYear: 2001, birthDate: nil, on: Self.day("2019-06-01"), minimum: 18,
                                   what: Message(vi: "", en: "")) == nil)
        #expect(MinimumAge.refusal(person: "A", birthYear: 2005, birthDate: nil, on: Self.day("2019-06-01"), minimum: 14,
                                   what: Message(vi: "", en: "")) == nil, "the province may lower it")
    }
}
