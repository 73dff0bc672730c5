// Reference data, from the project's copy of ../shared/reference (ethnic_groups.csv, provinces.csv,
// vinh_phuc_districts.csv). RegistryTests checks this file against those CSVs when they are present.

/// One of the 54 ethnic groups, with its code from Quyết định 121-TCTK/PPCĐ and its local names.
public struct EthnicGroup: Sendable, Equatable {
    public let code: String
    public let name: String
    public let aliases: [String]
}

/// A province (63 codes in force until mid-2025).
public struct Province: Sendable, Equatable {
    public let code: String
    public let name: String
}

/// A district known to the project, loaded by `uytin init` for its province.
public struct KnownDistrict: Sendable, Equatable {
    public let code: String
    public let name: String
    public let provinceCode: String
}

public enum ReferenceData {
    /// A province's name as an area of the map: "Tỉnh Vĩnh Phúc", "Thành phố Hà Nội".
    public static func provinceAreaName(_ name: String) -> String {
        name.hasPrefix("Thành phố ") || name.hasPrefix("Tỉnh ") ? name : "Tỉnh " + name
    }

    public static let ethnicGroups: [EthnicGroup] = [
        .init(code: "01", name: "Kinh", aliases: ["Việt"]),
        .init(code: "02", name: "Tày", aliases: []),
        .init(code: "03", name: "Thái", aliases: []),
        .init(code: "04", name: "Hoa", aliases: ["Hán"]),
        .init(code: "05", name: "Khơ-me", aliases: ["Khmer", "Khơ Me", "Khơme"]),
        .init(code: "06", name: "Mường", aliases: []),
        .init(code: "07", name: "Nùng", aliases: []),
        .init(code: "08", name: "Mông", aliases: ["Hmông", "H'Mông", "HMông", "Mèo"]),
        .init(code: "09", name: "Dao", aliases: ["Mán"]),
        .init(code: "10", name: "Gia-rai", aliases: ["Gia Rai", "Jrai"]),
        .init(code: "11", name: "Ngái", aliases: []),
        .init(code: "12", name: "Ê-đê", aliases: ["Ê Đê", "Êđê", "Rhađê"]),
        .init(code: "13", name: "Ba-na", aliases: ["Ba Na", "Bahnar"]),
        .init(code: "14", name: "Xơ-đăng", aliases: ["Xơ Đăng", "Sê Đăng"]),
        .init(code: "15", name: "Sán Chay", aliases: ["Cao Lan", "Sán Chỉ", "Cao Lan-Sán Chỉ"]),
        .init(code: "16", name: "Cơ-ho", aliases: ["Cơ Ho", "K'Ho"]),
        .init(code: "17", name: "Chăm", aliases: ["Chàm"]),
        .init(code: "18", name: "Sán Dìu", aliases: ["Trại", "Sán Déo"]),
        .init(code: "19", name: "Hrê", aliases: ["H're"]),
        .init(code: "20", name: "Mnông", aliases: ["M'Nông", "Mơ Nông"]),
        .init(code: "21", name: "Ra-glai", aliases: ["Raglai", "Ra Glai"]),
        .init(code: "22", name: "Xtiêng", aliases: ["Xa Điêng", "S'tiêng"]),
        .init(code: "23", name: "Bru-Vân Kiều", aliases: ["Bru", "Vân Kiều"]),
        .init(code: "24", name: "Thổ", aliases: []),
        .init(code: "25", name: "Giáy", aliases: []),
        .init(code: "26", name: "Cơ-tu", aliases: ["Cơ Tu", "Katu"]),
        .init(code: "27", name: "Gié-Triêng", aliases: ["Gié Triêng", "Giẻ Triêng"]),
        .init(code: "28", name: "Mạ", aliases: []),
        .init(code: "29", name: "Khơ-mú", aliases: ["Khơ Mú", "Khmu"]),
        .init(code: "30", name: "Co", aliases: []),
        .init(code: "31", name: "Tà-ôi", aliases: ["Tà Ôi", "Pa Kô"]),
        .init(code: "32", name: "Chơ-ro", aliases: ["Chơ Ro"]),
        .init(code: "33", name: "Kháng", aliases: []),
        .init(code: "34", name: "Xinh-mun", aliases: ["Xinh Mun"]),
        .init(code: "35", name: "Hà Nhì", aliases: []),
        .init(code: "36", name: "Chu-ru", aliases: ["Chu Ru"]),
        .init(code: "37", name: "Lào", aliases: []),
        .init(code: "38", name: "La Chí", aliases: []),
        .init(code: "39", name: "La Ha", aliases: []),
        .init(code: "40", name: "Phù Lá", aliases: []),
        .init(code: "41", name: "La Hủ", aliases: []),
        .init(code: "42", name: "Lự", aliases: []),
        .init(code: "43", name: "Lô Lô", aliases: []),
        .init(code: "44", name: "Chứt", aliases: []),
        .init(code: "45", name: "Mảng", aliases: []),
        .init(code: "46", name: "Pà Thẻn", aliases: []),
        .init(code: "47", name: "Cơ Lao", aliases: ["Co Lao"]),
        .init(code: "48", name: "Cống", aliases: []),
        .init(code: "49", name: "Bố Y", aliases: []),
        .init(code: "50", name: "Si La", aliases: []),
        .init(code: "51", name: "Pu Péo", aliases: []),
        .init(code: "52", name: "Brâu", aliases: []),
        .init(code: "53", name: "Ơ Đu", aliases: []),
        .init(code: "54", name: "Rơ-măm", aliases: ["Rơ Măm"]),
    ]

    public static let provinces: [Province] = [
        .init(code: "01", name: "Thành phố Hà Nội"),
        .init(code: "02", name: "Hà Giang"),
        .init(code: "04", name: "Cao Bằng"),
        .init(code: "06", name: "Bắc Kạn"),
        .init(code: "08", name: "Tuyên Quang"),
        .init(code: "10", name: "Lào Cai"),
        .init(code: "11", name: "Điện Biên"),
        .init(code: "12", name: "Lai Châu"),
        .init(code: "14", name: "Sơn La"),
        .init(code: "15", name: "Yên Bái"),
        .init(code: "17", name: "Hoà Bình"),
        .init(code: "19", name: "Thái Nguyên"),
        .init(code: "20", name: "Lạng Sơn"),
        .init(code: "22", name: "Quảng Ninh"),
        .init(code: "24", name: "Bắc Giang"),
        .init(code: "25", name: "Phú Thọ"),
        .init(code: "26", name: "Vĩnh Phúc"),
        .init(code: "27", name: "Bắc Ninh"),
        .init(code: "30", name: "Hải Dương"),
        .init(code: "31", name: "Thành phố Hải Phòng"),
        .init(code: "33", name: "Hưng Yên"),
        .init(code: "34", name: "Thái Bình"),
        .init(code: "35", name: "Hà Nam"),
        .init(code: "36", name: "Nam Định"),
        .init(code: "37", name: "Ninh Bình"),
        .init(code: "38", name: "Thanh Hoá"),
        .init(code: "40", name: "Nghệ An"),
        .init(code: "42", name: "Hà Tĩnh"),
        .init(code: "44", name: "Quảng Bình"),
        .init(code: "45", name: "Quảng Trị"),
        .init(code: "46", name: "Thừa Thiên Huế"),
        .init(code: "48", name: "Thành phố Đà Nẵng"),
        .init(code: "49", name: "Quảng Nam"),
        .init(code: "51", name: "Quảng Ngãi"),
        .init(code: "52", name: "Bình Định"),
        .init(code: "54", name: "Phú Yên"),
        .init(code: "56", name: "Khánh Hoà"),
        .init(code: "58", name: "Ninh Thuận"),
        .init(code: "60", name: "Bình Thuận"),
        .init(code: "62", name: "Kon Tum"),
        .init(code: "64", name: "Gia Lai"),
        .init(code: "66", name: "Đắk Lắk"),
        .init(code: "67", name: "Đắk Nông"),
        .init(code: "68", name: "Lâm Đồng"),
        .init(code: "70", name: "Bình Phước"),
        .init(code: "72", name: "Tây Ninh"),
        .init(code: "74", name: "Bình Dương"),
        .init(code: "75", name: "Đồng Nai"),
        .init(code: "77", name: "Bà Rịa - Vũng Tàu"),
        .init(code: "79", name: "Thành phố Hồ Chí Minh"),
        .init(code: "80", name: "Long An"),
        .init(code: "82", name: "Tiền Giang"),
        .init(code: "83", name: "Bến Tre"),
        .init(code: "84", name: "Trà Vinh"),
        .init(code: "86", name: "Vĩnh Long"),
        .init(code: "87", name: "Đồng Tháp"),
        .init(code: "89", name: "An Giang"),
        .init(code: "91", name: "Kiên Giang"),
        .init(code: "92", name: "Thành phố Cần Thơ"),
        .init(code: "93", name: "Hậu Giang"),
        .init(code: "94", name: "Sóc Trăng"),
        .init(code: "95", name: "Bạc Liêu"),
        .init(code: "96", name: "Cà Mau"),
    ]

    public static let districts: [KnownDistrict] = [
        .init(code: "243", name: "Thành phố Vĩnh Yên", provinceCode: "26"),
        .init(code: "244", name: "Thành phố Phúc Yên", provinceCode: "26"),
        .init(code: "246", name: "Huyện Lập Thạch", provinceCode: "26"),
        .init(code: "247", name: "Huyện Tam Dương", provinceCode: "26"),
        .init(code: "248", name: "Huyện Tam Đảo", provinceCode: "26"),
        .init(code: "249", name: "Huyện Bình Xuyên", provinceCode: "26"),
        .init(code: "251", name: "Huyện Yên Lạc", provinceCode: "26"),
        .init(code: "252", name: "Huyện Vĩnh Tường", provinceCode: "26"),
        .init(code: "253", name: "Huyện Sông Lô", provinceCode: "26"),
    ]
}
