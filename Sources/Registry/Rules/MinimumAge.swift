import VietnameseCalendar

/// The minimum age on the recognition date (a province setting; the shipped 18 is a labelled sample).
public enum MinimumAge {
    /// The age a person has on `day`: exact with a birth date; with a birth year only, the age they reach during
    /// `day`'s year (the benefit of the doubt: nobody is refused for a birthday the records do not hold).
    public static func age(birthYear: Int, birthDate: Day?, on day: Day) -> Int {
        guard let born = birthDate else { return day.year - birthYear }
        let hadBirthday = (day.month, day.day) >= (born.month, born.day)
        return day.year - born.year - (hadBirthday ? 0 : 1)
    }

    /// The refusal when the person is under `minimum` on `day`, or nil.
    public static func refusal(person: String, birthYear: Int, birthDate: Day?, on day: Day, minimum: Int,
                               what: Message) -> RegistryError? {
        let age = age(birthYear: birthYear, birthDate: birthDate, on: day)
        guard age < minimum else { return nil }
        let born = birthDate.map { Message(vi: "sinh ngày \($0.vietnamese)", en: "born \($0.iso)") }
            ?? Message(vi: "sinh năm \(birthYear)", en: "born in \(birthYear)")
        return RegistryError("under_minimum_age",
                             vi: "\(person) \(born.vi), ngày \(day.vietnamese) mới \(age) tuổi: chưa đủ \(minimum) tuổi để \(what.vi). Tuổi tối thiểu là cài đặt của tỉnh (`uytin setting list`).",
                             en: "\(person), \(born.en), is \(age) on \(day.iso): under \(minimum), the minimum age to \(what.en). The minimum age is a province setting (`uytin setting list`).")
    }
}
