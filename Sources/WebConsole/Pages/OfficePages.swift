import Hummingbird

/// The office's pages beside the overview: Chế độ, Lịch, Nhật ký, Tài khoản (one registration in the router).
enum OfficePages {
    static func add(server: ConsoleServer, to router: Router<ConsoleContext>) {
        BenefitPages(server: server).add(to: router)
        CalendarPage(server: server).add(to: router)
        AuditPages(server: server).add(to: router)
        AccountPages(server: server).add(to: router)
    }
}
