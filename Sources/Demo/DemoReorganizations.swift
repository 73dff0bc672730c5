import Registry
import Storage
import VietnameseCalendar

/// The two reorganisation tables of the demo's story, in the CSV format of `uytin reorg apply`
/// (`level,old_code,old_name,new_code,new_name`).
///
/// They are SAMPLES shaped like the official old→new tables — the Nghị quyết of the Standing Committee of the National
/// Assembly (UBTVQH) on the arrangement of commune-level units, and Nghị quyết 202/2025/QH15 with the 2025 commune
/// arrangement of Phú Thọ — NOT the official codes: the demo's communes have synthetic codes (`DemoProvince.communes`),
/// and a village line names a village by its id in the demo's database. The same tables ship as files in `samples/`
/// (a test keeps them equal to these constants); the demo reads the constants, so the binary needs no resource file.
public enum DemoReorganizations {
    public struct Table: Sendable {
        /// The file's name in `samples/`.
        public var fileName: String
        public var effectiveOn: Day
        public var basis: String
        public var csv: String

        /// The table's lines, read as `reorg apply` reads a file (the cells hold no commas or quotes).
        public var lines: [ReorgPlanner.Line] {
            get throws {
                let rows = csv.split(separator: "\n", omittingEmptySubsequences: true)
                    .map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
                switch ReorgPlanner.lines(rows) {
                case .success(let lines): return lines
                case .failure(let errors): throw errors
                }
            }
        }

        public var sha256: String { SHA256.hex(csv) }
    }

    /// 01/01/2025, the district level still in place: two pairs of communes merge. Xã Tam Quan takes in Xã Hồ Sơn and
    /// keeps its code (a code is unique on a date, not forever); Xã Quang Yên and Xã Nhân Đạo become a new Xã Quang
    /// Yên under a new code. The villages whose names would meet another's get new names.
    public static let communeMerger2025 = Table(
        fileName: "reorg-2025-01-01-sample.csv",
        effectiveOn: Day(year: 2025, month: 1, day: 1)!,
        basis: "Nghị quyết của UBTVQH về sắp xếp ĐVHC cấp xã tỉnh Vĩnh Phúc 2023–2025 (bảng MẪU)",
        csv: """
            level,old_code,old_name,new_code,new_name
            commune,24805,Xã Tam Quan,24805,Xã Tam Quan
            commune,24806,Xã Hồ Sơn,24805,Xã Tam Quan
            commune,25302,Xã Quang Yên,25304,Xã Quang Yên
            commune,25303,Xã Nhân Đạo,25304,Xã Quang Yên
            village,38,Thôn Đồng Giếng,24805,Thôn Đồng Giếng Hồ Sơn
            village,39,Thôn Thạch Bàn,24805,Thôn Thạch Bàn Hồ Sơn
            village,40,Thôn Đồng Bùa,24805,Thôn Đồng Bùa Hồ Sơn
            village,41,Thôn Đồng Mỏ,24805,Thôn Đồng Mỏ Hồ Sơn
            village,67,Thôn Đồng Giếng,25304,Thôn Đồng Giếng Nhân Đạo
            village,68,Thôn Thạch Bàn,25304,Thôn Thạch Bàn Nhân Đạo

            """)

    /// 01/07/2025: Vĩnh Phúc becomes part of Phú Thọ (province 25), every district ends, and the communes merge into
    /// new 5-digit codes under the province. Xã Văn Quán is split between Xã Quang Sơn and Xã Thái Hòa, village by
    /// village; its Thôn Đồng Giếng joins Xã Quang Sơn's village of the same name (two villages become one).
    public static let phuTho2025 = Table(
        fileName: "reorg-2025-07-01-phu-tho-sample.csv",
        effectiveOn: Day(year: 2025, month: 7, day: 1)!,
        basis: "Nghị quyết 202/2025/QH15; Nghị quyết của UBTVQH về sắp xếp ĐVHC cấp xã tỉnh Phú Thọ năm 2025 (bảng MẪU)",
        csv: """
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
            commune,24807,Xã Minh Quang,09046,Xã Tam Đảo
            commune,24804,Xã Đại Đình,09052,Xã Đại Đình
            commune,24805,Xã Tam Quan,09052,Xã Đại Đình
            commune,24901,Xã Trung Mỹ,08960,Xã Bình Xuyên
            commune,24601,Xã Quang Sơn,08896,Xã Quang Sơn
            commune,24602,Xã Văn Quán,08896,Xã Quang Sơn
            commune,24602,Xã Văn Quán,08899,Xã Thái Hòa
            commune,25301,Xã Lãng Công,08950,Xã Sông Lô
            commune,25304,Xã Quang Yên,08950,Xã Sông Lô
            commune,24401,Xã Ngọc Thanh,08830,Xã Ngọc Thanh
            village,17,Thôn Tân Tiến,09040,Thôn Tân Tiến Yên Dương
            village,18,Thôn Đồng Pheo,09040,Thôn Đồng Pheo Yên Dương
            village,42,Thôn Đồng Giếng,09046,Thôn Đồng Giếng Minh Quang
            village,43,Thôn Thạch Bàn,09046,Thôn Thạch Bàn Minh Quang
            village,44,Thôn Đồng Bùa,09046,Thôn Đồng Bùa Minh Quang
            village,45,Thôn Đồng Mỏ,09046,Thôn Đồng Mỏ Minh Quang
            village,46,Thôn Tân Tiến,09046,Thôn Tân Tiến Minh Quang
            village,47,Thôn Đồng Pheo,09046,Thôn Đồng Pheo Minh Quang
            village,83,Thôn Đồng Bùa,09052,Thôn Đồng Bùa Tam Quan
            village,84,Thôn Đồng Mỏ,09052,Thôn Đồng Mỏ Tam Quan
            village,85,Thôn Tân Tiến,09052,Thôn Tân Tiến Tam Quan
            village,58,Thôn Đồng Giếng,08896,Thôn Đồng Giếng
            village,59,Thôn Thạch Bàn,08899,Thôn Thạch Bàn
            village,90,Thôn Đồng Giếng,08950,Thôn Đồng Giếng Quang Yên
            village,91,Thôn Thạch Bàn,08950,Thôn Thạch Bàn Quang Yên
            village,92,Thôn Đồng Bùa,08950,Thôn Đồng Bùa Quang Yên

            """)

    public static let all = [communeMerger2025, phuTho2025]
}
