import Registry

/// The console's words in both languages, by key (`{{t.key}}` in a template). Each page's words sit in their own
/// table (`Words+Pages.swift`), merged here; a key missing in one language is a test failure, not a blank.
public enum Words {
    /// Every key with its Vietnamese and English text.
    static let all: [String: Message] = {
        var all: [String: Message] = [:]
        for table in [common, pages, office, personPages, decisions, lists] {
            all.merge(table) { first, _ in first }
        }
        return all
    }()

    private static let vi: [String: String] = all.mapValues(\.vi)
    private static let en: [String: String] = all.mapValues(\.en)

    /// The words of one language.
    public static func table(_ language: Language) -> [String: String] { language == .vi ? vi : en }

    static let common: [String: Message] = [
        "app.name": Message(vi: "Người có uy tín", en: "Reputable persons"),
        "menu.overview": Message(vi: "Tổng quan", en: "Overview"),
        "menu.persons": Message(vi: "Người có uy tín", en: "Persons"),
        "menu.proposals": Message(vi: "Đề nghị", en: "Proposals"),
        "menu.decisions": Message(vi: "Quyết định", en: "Decisions"),
        "menu.lists": Message(vi: "Danh sách", en: "Lists"),
        "menu.benefits": Message(vi: "Chế độ", en: "Benefits"),
        "menu.calendar": Message(vi: "Lịch", en: "Calendar"),
        "menu.audit": Message(vi: "Nhật ký", en: "Audit log"),
        "menu.accounts": Message(vi: "Tài khoản", en: "Accounts"),
        "signOut": Message(vi: "Đăng xuất", en: "Sign out"),
        "signIn": Message(vi: "Đăng nhập", en: "Sign in"),
        "login": Message(vi: "Tên đăng nhập", en: "Login"),
        "password": Message(vi: "Mật khẩu", en: "Password"),
        "signIn.failed": Message(vi: "Sai tên đăng nhập hoặc mật khẩu.", en: "Wrong login or password."),
        "signIn.expired": Message(vi: "Phiên làm việc đã hết hạn sau 30 phút không dùng; hãy đăng nhập lại.",
                                  en: "Your session ended after 30 idle minutes; sign in again."),
        "signIn.signedOut": Message(vi: "Đã đăng xuất.", en: "Signed out."),
        "error.title": Message(vi: "Không thực hiện được", en: "Could not be done"),
        "error.notFound": Message(vi: "Không tìm thấy trang hoặc hồ sơ này.", en: "No such page or record."),
        "error.forbidden": Message(vi: "Vai trò của tài khoản này không được mở trang hoặc làm việc này.",
                                   en: "This account's role may not open this page or do this."),
        "error.csrf": Message(vi: "Biểu mẫu đã cũ hoặc không phải từ trang này (thiếu mã bảo vệ). Hãy mở lại trang và gửi lại.",
                              en: "The form is stale or did not come from this console (its token is missing). Reload the page and send it again."),
        "error.busy": Message(vi: "Cơ sở dữ liệu đang bận; chưa có gì được ghi. Hãy thử lại sau ít phút.",
                              en: "The database is busy; nothing was written. Try again in a moment."),
        "error.internal": Message(vi: "Lỗi nội bộ của chương trình; chưa có gì được ghi. Hãy báo cho quản trị, kèm mã sự cố:",
                                  en: "An internal fault; nothing was written. Tell the administrator, with the incident code:"),
        "error.tooLarge": Message(vi: "Tệp hoặc biểu mẫu quá lớn.", en: "The file or form is too large."),
        "error.throttled": Message(vi: "Đăng nhập sai quá 5 lần; hãy chờ rồi thử lại sau (phút):",
                                   en: "More than 5 failed sign-ins; wait and try again in (minutes):"),
        "back": Message(vi: "Quay lại", en: "Back"),
        "search": Message(vi: "Tìm", en: "Search"),
        "save": Message(vi: "Lưu", en: "Save"),
        "name": Message(vi: "Họ và tên", en: "Full name"),
        "village": Message(vi: "Thôn", en: "Village"),
        "commune": Message(vi: "Xã", en: "Commune"),
        "ethnic": Message(vi: "Dân tộc", en: "Ethnic group"),
        "birthYear": Message(vi: "Năm sinh", en: "Born"),
        "gender": Message(vi: "Giới tính", en: "Gender"),
        "status": Message(vi: "Trạng thái", en: "Status"),
        "date": Message(vi: "Ngày", en: "Date"),
        "none": Message(vi: "Không có.", en: "None."),
    ]
}
