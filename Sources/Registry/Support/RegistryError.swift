import Foundation
import VietnameseCalendar

/// An error of the registry: a stable `code` for scripts and tests, a sentence for the clerk, and its kind.
public struct RegistryError: ClerkFacingError, Equatable, CustomStringConvertible {
    public let code: String
    public let kind: FailureKind
    public let message: Message

    public init(_ code: String, _ kind: FailureKind = .refused, vi: String, en: String) {
        self.code = code
        self.kind = kind
        self.message = Message(vi: vi, en: en)
    }

    public var description: String { "\(code): \(message.en)" }
}

// The errors a clerk meets, each saying what was wrong and what to do.
extension RegistryError {
    // MARK: setup
    public static func databaseMissing(_ path: String) -> RegistryError {
        let path = Inputs.shown(path)
        return .init("database_missing", .missingInput,
              vi: "Không tìm thấy cơ sở dữ liệu \(path). Hãy tạo bằng lệnh `uytin init` (hoặc chỉ đúng tệp bằng --db).",
              en: "No database at \(path). Create it with `uytin init` (or point to it with --db).")
    }
    public static func databaseUnreadable(_ path: String, _ detail: String) -> RegistryError {
        .init("database_unreadable", .missingInput,
              vi: "Không mở được cơ sở dữ liệu \(path): \(detail). Hãy kiểm tra đường dẫn và quyền đọc tệp.",
              en: "Cannot open the database \(path): \(detail). Check the path and the file's permissions.")
    }
    /// Another program's SQLite file where uytin's was expected: missing input when reading it, and an output that
    /// cannot be created (73) when asked to create uytin's database there (`init`).
    public static func notUytinDatabase(_ path: String, creating: Bool = false) -> RegistryError {
        let path = Inputs.shown(path)
        return .init("not_uytin_database", creating ? .cannotCreateOutput : .missingInput,
                     vi: "\(path) không phải cơ sở dữ liệu của uytin (là tệp khác hoặc cơ sở dữ liệu SQLite khác); không ghi gì vào đó. Hãy chỉ đúng tệp cơ sở dữ liệu của uytin.",
                     en: "\(path) is not a uytin database (another file, or another SQLite database); nothing was written to it. Point to uytin's database file.")
    }
    public static let notInitialized = RegistryError("not_initialized", .missingInput,
        vi: "Cơ sở dữ liệu chưa được khởi tạo. Hãy chạy `uytin init --province MÃ --term 2019-2023`.",
        en: "The database is not initialised. Run `uytin init --province CODE --term 2019-2023`.")
    public static func initializedDifferently(province: String, term: String) -> RegistryError {
        .init("initialized_differently",
              vi: "Cơ sở dữ liệu này đã được khởi tạo cho tỉnh mã \(province), giai đoạn \(term); không đổi được. Hãy dùng một tệp khác (--db).",
              en: "This database was initialised for province \(province), term \(term); that cannot change. Use another file (--db).")
    }
    public static let busy = RegistryError("busy", .busy,
        vi: "Cơ sở dữ liệu đang bận (một người hoặc tiến trình khác đang ghi). Chưa có gì được ghi; hãy thử lại sau ít phút.",
        en: "The database is busy (someone else is writing). Nothing was written; try again in a moment.")
    public static func fileMissing(_ path: String) -> RegistryError {
        let path = Inputs.shown(path)
        return .init("file_missing", .missingInput,
              vi: "Không đọc được tệp \(path). Hãy kiểm tra đường dẫn và quyền đọc.",
              en: "Cannot read the file \(path). Check the path and permissions.")
    }
    public static func cannotCreate(_ path: String, _ detail: String) -> RegistryError {
        .init("cannot_create_output", .cannotCreateOutput,
              vi: "Không tạo được tệp \(path): \(detail). Hãy chọn thư mục có quyền ghi.",
              en: "Cannot create \(path): \(detail). Choose a folder you can write to.")
    }
    /// The same, for a failed system call: the usual reasons said in the clerk's language.
    public static func cannotCreate(_ path: String, errno code: Int32) -> RegistryError {
        let reason: Message = switch code {
        case ENOENT: Message(vi: "thư mục không tồn tại", en: "the folder does not exist")
        case EACCES, EPERM: Message(vi: "không có quyền ghi vào đó", en: "no permission to write there")
        case ENOSPC: Message(vi: "ổ đĩa đã đầy", en: "the disk is full")
        case EROFS: Message(vi: "ổ đĩa chỉ cho đọc", en: "the disk is read-only")
        case EISDIR: Message(vi: "đó là một thư mục", en: "that is a folder")
        case ENOTDIR: Message(vi: "một phần của đường dẫn không phải thư mục", en: "part of the path is not a folder")
        default: Message(vi: String(cString: strerror(code)), en: String(cString: strerror(code)))
        }
        return cannotCreate(path, reason)
    }

    /// The same, with the reason in both languages.
    public static func cannotCreate(_ path: String, _ reason: Message) -> RegistryError {
        .init("cannot_create_output", .cannotCreateOutput,
              vi: "Không tạo được tệp \(path): \(reason.vi). Hãy chọn thư mục có quyền ghi.",
              en: "Cannot create \(path): \(reason.en). Choose a folder you can write to.")
    }
    /// A backup onto an existing file: an output that cannot be created without destroying another (73), not a
    /// wrong value (65).
    public static func backupExists(_ path: String) -> RegistryError {
        let path = Inputs.shown(path)
        return .init("backup_exists", .cannotCreateOutput,
              vi: "Không ghi bản sao lưu vào \(path) vì tệp này đã có: ghi đè sẽ mất bản sao lưu cũ. Hãy chọn tên tệp khác, hoặc thêm --force nếu thật sự muốn thay tệp đó.",
              en: "Not writing the backup to \(path): that file already exists and would be lost. Choose another file name, or add --force to replace it.")
    }
    public static func internalFault(_ detail: String) -> RegistryError {
        .init("internal", .internalFault,
              vi: "Lỗi nội bộ của chương trình: \(detail). Chưa có gì được ghi; hãy báo cho người quản trị.",
              en: "Internal fault: \(detail). Nothing was written; please report it.")
    }

    // MARK: values
    public static func invalidText(field: Message, reason: Message) -> RegistryError {
        .init("invalid_text", vi: "\(field.vi) không hợp lệ: \(reason.vi).", en: "Invalid \(field.en): \(reason.en).")
    }
    public static func invalidDate(_ text: String) -> RegistryError {
        let text = Inputs.shown(text)
        return .init("invalid_date", vi: "Ngày \"\(text)\" không tồn tại. Hãy nhập ngày có thật, dạng 2021-04-15 hoặc 15/04/2021.",
              en: "The date \"\(text)\" does not exist. Enter a real date as 2021-04-15 or 15/04/2021.")
    }
    public static func malformedDate(_ text: String) -> RegistryError {
        let text = Inputs.shown(text)
        return .init("malformed_date", .malformed,
              vi: "\"\(text)\" không phải là ngày. Hãy nhập dạng 2021-04-15 hoặc 15/04/2021.",
              en: "\"\(text)\" is not a date. Use 2021-04-15 or 15/04/2021.")
    }
    public static func outsideTerm(_ what: String, term: ClosedRange<Int>) -> RegistryError {
        .init("outside_term",
              vi: "\(what) nằm ngoài giai đoạn \(term.lowerBound)–\(term.upperBound). Hãy kiểm tra lại ngày hoặc năm.",
              en: "\(what) falls outside the term \(term.lowerBound)–\(term.upperBound). Check the date or year.")
    }
    public static func birthOutOfRange(_ year: Int) -> RegistryError {
        .init("invalid_birth", vi: "Năm sinh \(year) không hợp lệ (phải từ 1900 đến năm nay).",
              en: "Birth year \(year) is not valid (1900 to this year).")
    }
    public static func unknownEthnicGroup(_ text: String) -> RegistryError {
        let text = Inputs.shown(text)
        return .init("unknown_ethnic_group",
              vi: "Không có dân tộc \"\(text)\". Hãy nhập mã 2 chữ số (18 = Sán Dìu) hoặc tên (Sán Chay, Cao Lan, Dao...).",
              en: "No ethnic group \"\(text)\". Give its 2-digit code (18 = Sán Dìu) or a name (Sán Chay, Cao Lan, Dao...).")
    }
    public static func unknownProvince(_ code: String) -> RegistryError {
        .init("unknown_province", vi: "Không có tỉnh mã \"\(code)\". Mã tỉnh gồm 2 chữ số, ví dụ 26 là Vĩnh Phúc.",
              en: "No province with code \"\(code)\". A province code has 2 digits, e.g. 26 for Vĩnh Phúc.")
    }
    public static func unknownRole(_ text: String) -> RegistryError {
        let text = Inputs.shown(text)
        return .init("unknown_role",
              vi: "Không có thành phần \"\(text)\". Các mã: \(Role.allCases.map(\.rawValue).joined(separator: ", ")).",
              en: "No role \"\(text)\". Roles: \(Role.allCases.map(\.rawValue).joined(separator: ", ")).")
    }
    public static func unknownReason(_ text: String, known: Message) -> RegistryError {
        let text = Inputs.shown(text)
        return .init("unknown_reason", vi: "Không có lý do \"\(text)\". Các lý do: \(known.vi).",
              en: "No reason \"\(text)\". Reasons: \(known.en).")
    }
    public static func invalidCitizenID(_ reason: Message) -> RegistryError {
        .init("invalid_id_number", vi: "Số CCCD/CMND không hợp lệ: \(reason.vi).", en: "Invalid citizen ID: \(reason.en).")
    }
    public static func citizenIDTaken(_ number: String, person: Int64) -> RegistryError {
        .init("id_number_taken", vi: "Số CCCD/CMND \(number) đã thuộc về người #\(person). Hãy kiểm tra lại; mỗi số chỉ của một người.",
              en: "Citizen ID \(number) already belongs to person #\(person). Check it; each number belongs to one person.")
    }
    public static func invalidPhone(_ text: String) -> RegistryError {
        let text = Inputs.shown(text)
        return .init("invalid_phone", vi: "Số điện thoại \"\(text)\" không hợp lệ (8–15 chữ số, có thể bắt đầu bằng +).",
              en: "Phone number \"\(text)\" is not valid (8–15 digits, optionally starting with +).")
    }

    // MARK: things that do not exist
    public static func unknownArea(_ code: String) -> RegistryError {
        .init("unknown_area", vi: "Không có huyện/xã mã \(code). Xem danh sách bằng `uytin area list`.",
              en: "No district or commune with code \(code). See `uytin area list`.")
    }
    public static func areaLevelMismatch(_ code: String, expected: Message) -> RegistryError {
        .init("area_level", vi: "Mã \(code) không phải là \(expected.vi).", en: "Code \(code) is not a \(expected.en).")
    }
    public static func areaExists(_ code: String, name: String) -> RegistryError {
        .init("area_exists", vi: "Mã \(code) đã có (\(name)).", en: "Code \(code) already exists (\(name)).")
    }
    public static func unknownVillage(_ id: Int64) -> RegistryError {
        .init("unknown_village", vi: "Không có thôn #\(id). Xem danh sách bằng `uytin village list`.",
              en: "No village #\(id). See `uytin village list`.")
    }
    public static func villageExists(_ name: String, commune: String) -> RegistryError {
        .init("village_exists", vi: "\(commune) đã có thôn tên \"\(name)\".", en: "\(commune) already has a village named \"\(name)\".")
    }
    public static func villageMerged(_ name: String, on day: String) -> RegistryError {
        .init("village_merged", vi: "\(name) đã sáp nhập từ ngày \(Day(parsing: day)?.vietnamese ?? day). Hãy dùng thôn mới sau sáp nhập.",
              en: "\(name) was merged on \(day). Use the village it merged into.")
    }
    public static let mergeNeedsTwo = RegistryError("merge_needs_two",
        vi: "Sáp nhập cần ít nhất hai thôn khác nhau (--from ID,ID).", en: "A merger needs at least two different villages (--from ID,ID).")
    public static let mergeAcrossCommunes = RegistryError("merge_across_communes",
        vi: "Các thôn sáp nhập phải cùng một xã.", en: "Merged villages must belong to the same commune.")
    public static func unknownPerson(_ id: Int64) -> RegistryError {
        .init("unknown_person", vi: "Không có người #\(id). Tìm bằng `uytin person search TÊN`.",
              en: "No person #\(id). Find them with `uytin person search NAME`.")
    }
    public static func unknownProposal(_ id: Int64) -> RegistryError {
        .init("unknown_proposal", vi: "Không có đề nghị \(ProposalNumber.text(id)). Xem bằng `uytin proposal list`.",
              en: "No proposal \(ProposalNumber.text(id)). See `uytin proposal list`.")
    }
    public static func unknownDecision(_ number: String) -> RegistryError {
        let number = Inputs.shown(number)
        return .init("unknown_decision", vi: "Chưa ghi nhận quyết định số \(number). Xem bằng `uytin decision list`.",
              en: "No decision number \(number) is recorded. See `uytin decision list`.")
    }

    // MARK: rules of the list
    public static func alreadyListed(_ person: String, village: String) -> RegistryError {
        .init("already_listed", vi: "\(person) đang có tên trong danh sách (\(village)); mỗi người chỉ có tên một lần. Không cần công nhận lại.",
              en: "\(person) is already on the list (village \(village)); a person is listed once. No recognition is needed.")
    }
    public static func notListed(_ person: String) -> RegistryError {
        .init("not_listed", vi: "\(person) hiện không có tên trong danh sách. Hãy kiểm tra bằng `uytin history --person ID`.",
              en: "\(person) is not on the list now. Check with `uytin history --person ID`.")
    }
    public static func personDead(_ person: String, on day: String) -> RegistryError {
        .init("person_dead", vi: "\(person) đã mất ngày \(Day.shown(day)); không thể đưa vào danh sách.",
              en: "\(person) died on \(day) and cannot be added to the list.")
    }
    public static func quotaFull(village: String, quota: Int, occupants: [String]) -> RegistryError {
        .init("quota_full",
              vi: "\(village) chỉ được \(quota) người có uy tín, đã có: \(occupants.joined(separator: ", ")). Hãy đề nghị thay thế hoặc đưa người đó ra khỏi danh sách trong cùng quyết định.",
              en: "\(village) may have \(quota) reputable person(s) and already has: \(occupants.joined(separator: ", ")). Propose a replacement or a removal in the same decision.")
    }
    public static func sameVillage(_ person: String) -> RegistryError {
        .init("same_village", vi: "\(person) đã gắn với thôn này; không cần gắn lại.", en: "\(person) is already bound to that village.")
    }
    public static func pendingProposalExists(_ id: Int64, person: String) -> RegistryError {
        .init("pending_exists", vi: "\(person) đã có đề nghị \(ProposalNumber.text(id)) đang chờ quyết định. Hãy rút đề nghị đó trước (`uytin proposal withdraw \(ProposalNumber.text(id))`).",
              en: "\(person) already has proposal \(ProposalNumber.text(id)) awaiting a decision. Withdraw it first (`uytin proposal withdraw \(ProposalNumber.text(id))`).")
    }
    public static func proposalNotPending(_ id: Int64, status: ProposalStatus) -> RegistryError {
        .init("proposal_decided", vi: "Đề nghị \(ProposalNumber.text(id)) đã \(status.label.vi); mỗi đề nghị chỉ được quyết định một lần. Hãy lập đề nghị mới.",
              en: "Proposal \(ProposalNumber.text(id)) is already \(status.label.en); a proposal is decided once. Draft a new proposal.")
    }
    public static func proposalTwice(_ id: Int64) -> RegistryError {
        .init("proposal_twice", vi: "Đề nghị \(ProposalNumber.text(id)) vừa được phê duyệt vừa bị từ chối; hãy chọn một.",
              en: "Proposal \(ProposalNumber.text(id)) is both approved and rejected; choose one.")
    }
    public static func personInTwoProposals(_ person: String) -> RegistryError {
        .init("person_twice", vi: "\(person) có mặt trong hai đề nghị được phê duyệt cùng lúc; hãy phê duyệt từng đề nghị trong các quyết định riêng.",
              en: "\(person) appears in two approved proposals of one decision; approve them in separate decisions.")
    }
    public static func decisionOutOfOrder(_ day: String, latest: String) -> RegistryError {
        .init("decision_out_of_order", vi: "Quyết định ngày \(Day.shown(day)) sớm hơn quyết định đã áp dụng ngày \(Day.shown(latest)). Hãy ghi các quyết định theo thứ tự ngày.",
              en: "A decision dated \(day) is earlier than the one applied on \(latest). Record decisions in date order.")
    }
    public static func endBeforeStart(_ person: String, day: String) -> RegistryError {
        .init("end_before_start", vi: "Ngày hiệu lực \(Day.shown(day)) không sau ngày \(person) được công nhận; hãy kiểm tra ngày hiệu lực.",
              en: "The effective date \(day) is not after \(person) was recognised; check the effective date.")
    }
    public static func nothingPending(communeCode: String?) -> RegistryError {
        let place = communeCode.map { Message(vi: " của xã mã \($0)", en: " in commune \($0)") } ?? Message(vi: "", en: "")
        return .init("nothing_pending",
              vi: "Không có đề nghị nào\(place.vi) đang chờ quyết định; chưa ghi gì. Xem `uytin proposal list --status pending`.",
              en: "No proposal\(place.en) awaits a decision; nothing was written. See `uytin proposal list --status pending`.")
    }
    public static func listYearAfterDecision(_ year: Int, decidedOn: Day) -> RegistryError {
        .init("list_year_after_decision",
              vi: "Quyết định ngày \(decidedOn.vietnamese) không phê duyệt được danh sách năm \(year): năm đó chưa đến. Danh sách năm \(year) do quyết định ký trong năm \(year) phê duyệt; hãy kiểm tra --list-year và --date.",
              en: "A decision of \(decidedOn.iso) cannot approve the list of \(year), a later year. The list of \(year) is approved by a decision signed in \(year); check --list-year and --date.")
    }
    public static let emptyDecision = RegistryError("empty_decision",
        vi: "Quyết định không phê duyệt, từ chối hay phê duyệt danh sách nào. Hãy dùng --approve, --reject hoặc --list-year.",
        en: "The decision approves, rejects and lists nothing. Use --approve, --reject or --list-year.")
    public static func yearNotApproved(_ year: Int) -> RegistryError {
        .init("year_not_approved", vi: "Danh sách năm \(year) chưa được phê duyệt bằng quyết định.", en: "The list of \(year) is not approved by a decision yet.")
    }
    /// A document with nothing in it (a signature sheet or a budget with no entitlement) is not written: a sheet of
    /// "0 người … Không đồng" cannot be signed. `document` names it ("bảng ký nhận Quà Tết năm 2019"); `hint` says
    /// what would fill it.
    public static func nothingToExport(_ document: Message, hint: Message) -> RegistryError {
        .init("nothing_to_export",
              vi: "Không có gì để xuất: \(document.vi) chưa có khoản nào. \(hint.vi) Không ghi tệp nào.",
              en: "Nothing to export: the \(document.en) holds no entitlement. \(hint.en) No file was written.")
    }
    /// A document of a year that has not come yet (a change list of next year): refused, nothing written.
    public static func yearToCome(_ document: Message, year: Int, thisYear: Int) -> RegistryError {
        .init("year_to_come",
              vi: "Chưa lập được \(document.vi): năm \(year) chưa đến (nay là năm \(thisYear)), chưa có quyết định nào của năm đó. Không ghi tệp nào.",
              en: "No \(document.en) yet: \(year) has not come (this is \(thisYear)) and has no decision. No file was written.")
    }
    public static func schemaRule(_ rule: String, _ detail: String) -> RegistryError {
        .init(rule, vi: "Cơ sở dữ liệu từ chối thay đổi này (quy tắc \(rule)): \(detail). Chưa có gì được ghi.",
              en: "The database refused this change (rule \(rule)): \(detail). Nothing was written.")
    }
}
