import Foundation
import Hummingbird
import Registry

/// Tổng quan: the list's size and composition, what is due and waiting, the last cron run, contingencies in force.
struct OverviewPage {
    let server: ConsoleServer

    func add(to router: Router<ConsoleContext>) {
        router.get("/") { _, context -> Response in
            let signedIn = try context.require(.read)
            let words = Words.table(context.language)
            return server.views.page("overview", title: words["menu.overview"] ?? "", context: context,
                                      ["login": signedIn.account.login])
        }
    }
}
