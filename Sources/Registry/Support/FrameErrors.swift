import VietnameseCalendar
// The errors of terms, the map over time and who decides (DOMAIN.md §10), each saying what was wrong and what to do.
extension RegistryError {
    // MARK: terms
    public static func outsideTerms(_ what: String, terms: Terms) -> RegistryError {
        let known = terms.all.isEmpty ? "—" : terms.label
        let next = (terms.all.last?.lastYear ?? 2023) + 1
        let years = "\(next)-\(next + Term.maximumYears - 1)"
        return .init("outside_term",
                     vi: "\(what) không thuộc giai đoạn nào của cơ sở dữ liệu (\(known)). Hãy kiểm tra lại ngày hoặc năm; giai đoạn tiếp theo thêm bằng `uytin term add --years \(years)`.",
                     en: "\(what) falls in no term of this database (\(known)). Check the date or year; add the next term with `uytin term add --years \(years)`.")
    }
    public static func termTooLong(_ first: Int, _ last: Int) -> RegistryError {
        .init("invalid_term",
              vi: "Giai đoạn \(first)–\(last) không hợp lệ: một giai đoạn dài tối đa \(Term.maximumYears) năm, năm đầu không sau năm cuối.",
              en: "The term \(first)–\(last) is not valid: a term lasts at most \(Term.maximumYears) years, its first year not after its last.")
    }
    public static func termNotNext(_ first: Int, expected: Int) -> RegistryError {
        .init("term_order",
              vi: "Giai đoạn mới phải bắt đầu ngay sau giai đoạn trước, tức năm \(expected) (nhận được \(first)).",
              en: "The next term starts the year after the last one ends, \(expected) (got \(first)).")
    }
    public static func noPreviousList(_ term: String) -> RegistryError {
        .init("no_previous_list",
              vi: "Giai đoạn trước giai đoạn \(term) chưa có danh sách năm nào được phê duyệt; không có ai để chuyển tiếp.",
              en: "The term before \(term) has no approved yearly list; there is no one to carry over.")
    }
    public static let carryOverNeedsNewTerm = RegistryError("carry_over_needs_term",
        vi: "Chỉ chuyển tiếp được sang một giai đoạn mới. Hãy thêm giai đoạn mới trước: `uytin term add --years 2024-2028`.",
        en: "Carrying over needs a new term. Add it first: `uytin term add --years 2024-2028`.")

    // MARK: the map
    public static func unknownAreaOn(_ code: String, level: Message?, on day: String) -> RegistryError {
        .init("unknown_area",
              vi: "Không có \(level?.vi ?? "đơn vị") mã \"\(Inputs.shown(code))\" có hiệu lực ngày \(Day.shown(day)). Xem `uytin area list --on \(Day.shown(day))`.",
              en: "No \(level?.en ?? "area") \"\(Inputs.shown(code))\" is in force on \(day). See `uytin area list --on \(day)`.")
    }
    public static let reorgHeader = RegistryError("reorg_header",
        vi: "Tệp sắp xếp cần dòng tiêu đề level,old_code,old_name,new_code,new_name (CSV, UTF-8).",
        en: "A reorganisation file needs the header row level,old_code,old_name,new_code,new_name (CSV, UTF-8).")
    public static let reorgEmpty = RegistryError("reorg_empty",
        vi: "Tệp sắp xếp không có dòng nào sau dòng tiêu đề.", en: "The reorganisation file has no line after its header.")
    public static func reorgLine(_ row: Int, _ problem: Message) -> RegistryError {
        .init("reorg_line", vi: "Dòng \(row): \(problem.vi).", en: "Line \(row): \(problem.en).")
    }
    public static func reorgCodeTaken(_ code: String, level: Message, name: String) -> RegistryError {
        .init("area_code_taken",
              vi: "Mã mới \(code) đang là của \(level.vi) \(name), đơn vị này không được sắp xếp lại trong tệp.",
              en: "The new code \(code) belongs to the \(level.en) \(name), which the file does not reorganise.")
    }
    public static func reorgSplitUnassigned(_ commune: String, villages: [String]) -> RegistryError {
        .init("reorg_split_unassigned",
              vi: "\(commune) được chia cho nhiều xã mới; các thôn sau chưa có dòng village chỉ xã nhận: \(villages.joined(separator: ", ")).",
              en: "\(commune) is split between several new communes; these villages need a village line naming theirs: \(villages.joined(separator: ", ")).")
    }
    public static func reorgVillageClash(_ name: String, villages: [String]) -> RegistryError {
        .init("reorg_village_clash",
              vi: "Các thôn \(villages.joined(separator: ", ")) cùng tên \"\(name)\" trong một xã mới; hãy thêm dòng village đặt tên mới (hoặc ghi rõ việc sáp nhập).",
              en: "Villages \(villages.joined(separator: ", ")) would share the name \"\(name)\" in one new commune; add village lines with their new names (or state the merger).")
    }
    public static let reorgBeforeLastDecision = RegistryError("reorg_order",
        vi: "Ngày sắp xếp phải sau các quyết định và sắp xếp đã ghi (lịch sử không sửa lùi).",
        en: "A reorganisation takes effect after the decisions and reorganisations already recorded (history is not rewritten).")

    public static func listPartFrozen(_ part: String) -> RegistryError {
        .init("list_frozen", vi: "Danh sách năm \(part) đã được phê duyệt và không thay đổi được. Thay đổi cần một quyết định mới cho năm sau.",
              en: "The list of \(part) is approved and frozen. Changes need a new decision.")
    }

    // MARK: who decides
    public static func levelNotAllowed(_ level: AreaLevel, regime: Regime, listApproval: Bool) -> RegistryError {
        let allowed = listApproval ? regime.approvesList : regime.decides
        let what = listApproval ? Message(vi: "phê duyệt danh sách năm", en: "approving the year's list")
                                : Message(vi: "công nhận, đưa ra khỏi, thay thế", en: "recognising, removing, replacing")
        return .init("issuer_level",
                     vi: "Từ \(regime.validFrom.vietnamese), việc \(what.vi) thuộc cấp \(allowed.label.vi) (\(regime.basis)); quyết định của cấp \(level.label.vi) không được ghi.",
                     en: "From \(regime.validFrom.iso), \(what.en) belongs to the \(allowed.label.en) level (\(regime.basis)); a \(level.label.en)-level decision is refused.")
    }
    public static func outsideIssuerArea(_ persons: [String], area: String, regime: Regime) -> RegistryError {
        .init("outside_issuer_area",
              vi: "Quyết định của \(area) không được áp dụng cho người ngoài địa bàn (\(regime.basis)): \(persons.joined(separator: ", ")).",
              en: "A decision of \(area) cannot touch persons outside its area (\(regime.basis)): \(persons.joined(separator: ", ")).")
    }
    public static func issuerAreaLevel(_ code: String, level: AreaLevel) -> RegistryError {
        .init("issuer_area",
              vi: "Mã \(Inputs.shown(code)) không phải là \(level.label.vi) có hiệu lực vào ngày quyết định.",
              en: "Code \(Inputs.shown(code)) is not a \(level.label.en) in force on the decision's date.")
    }
    public static func regimeNotLater(_ day: String, latest: String) -> RegistryError {
        .init("regime_order",
              vi: "Chế độ mới phải có hiệu lực sau ngày \(Day.shown(latest)) (chế độ hoặc quyết định gần nhất); lịch sử không sửa lùi (nhận được \(Day.shown(day))).",
              en: "A new regime takes effect after \(latest) (the latest regime or decision); history is not rewritten (got \(day)).")
    }
    public static func agencyNotLater(_ day: String, latest: String) -> RegistryError {
        .init("agency_order",
              vi: "Cơ quan ban hành mới phải có hiệu lực sau ngày \(Day.shown(latest)) (nhận được \(Day.shown(day))).",
              en: "A new issuing body takes effect after \(latest) (got \(day)).")
    }
    public static func decisionExistsInYear(_ number: String, issuer: String, year: Int) -> RegistryError {
        .init("decision_exists",
              vi: "Quyết định \(Inputs.shown(number)) của \(Inputs.shown(issuer)) năm \(year) đã được ghi. Mỗi số quyết định chỉ ghi một lần cho một cơ quan trong một năm.",
              en: "Decision \(Inputs.shown(number)) of \(Inputs.shown(issuer)) in \(year) is already recorded. A number is recorded once per issuer and year.")
    }
    public static func rebindNotMerger(_ person: String, village: String) -> RegistryError {
        .init("rebind_not_merger",
              vi: "\(village) không phải là thôn đã nhận thôn của \(person) khi sáp nhập; chuyển đến thôn khác là chuyển đi: hãy đề nghị đưa ra khỏi danh sách (lý do moved) và công nhận ở thôn mới.",
              en: "\(village) did not take in \(person)'s village by a merger; going elsewhere is a move: propose a removal (reason moved) and a recognition in the new village.")
    }
}
