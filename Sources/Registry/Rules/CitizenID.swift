/// Checks the shape of a citizen ID: a 12-digit CCCD (province of birth registration, century and sex, birth
/// year) or an old 9-digit CMND (digits only).
public enum CitizenID {
    /// Returns the number when it is well formed and consistent with the person, or throws saying why not.
    public static func validate(_ text: String, gender: Gender, birthYear: Int) throws(RegistryError) -> String {
        let digits = text.filter { $0 != " " && $0 != "." }
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            throw .invalidCitizenID(Message(vi: "chỉ gồm chữ số (12 số CCCD hoặc 9 số CMND)",
                                            en: "digits only (12 for a CCCD, 9 for an old CMND)"))
        }
        switch digits.count {
        case 9:
            return digits
        case 12:
            let d = Array(digits).map { Int(String($0))! }
            let province = String(digits.prefix(3).dropFirst())
            guard digits.first == "0", ReferenceData.provinces.contains(where: { $0.code == province }) else {
                throw .invalidCitizenID(Message(vi: "3 số đầu \(digits.prefix(3)) không phải mã tỉnh nơi đăng ký khai sinh",
                                                en: "the first 3 digits \(digits.prefix(3)) are not a province code"))
            }
            let century = 1900 + (d[3] / 2) * 100
            guard d[3] <= 5 else {
                throw .invalidCitizenID(Message(vi: "số thứ 4 (\(d[3])) phải từ 0 đến 5 (thế kỷ và giới tính)",
                                                en: "digit 4 (\(d[3])) must be 0–5 (century and sex)"))
            }
            let idGender: Gender = d[3] % 2 == 0 ? .nam : .nu
            guard idGender == gender else {
                throw .invalidCitizenID(Message(vi: "số thứ 4 (\(d[3])) chỉ giới tính \(idGender.label.vi.lowercased()), khác với giới tính đã nhập",
                                                en: "digit 4 (\(d[3])) says \(idGender.label.en.lowercased()), not the gender given"))
            }
            let idYear = century + d[4] * 10 + d[5]
            guard idYear == birthYear else {
                throw .invalidCitizenID(Message(vi: "số thứ 4–6 chỉ năm sinh \(idYear), khác với năm sinh \(birthYear)",
                                                en: "digits 4–6 say born in \(idYear), not \(birthYear)"))
            }
            return digits
        default:
            throw .invalidCitizenID(Message(vi: "có \(digits.count) chữ số; CCCD có 12 số, CMND cũ có 9 số",
                                            en: "\(digits.count) digits; a CCCD has 12, an old CMND 9"))
        }
    }

    /// The number with all but its last 3 digits hidden, for documents that leave the office.
    public static func masked(_ number: String) -> String {
        String(repeating: "*", count: max(0, number.count - 3)) + number.suffix(3)
    }
}
