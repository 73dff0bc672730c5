import Composition
import Foundation
import Hummingbird
import Registry
import Scheduler
import Storage
import VietnameseCalendar

/// Tổng quan: the list's size and composition, what is due and waiting, the last cron run, contingencies in force.
/// One storage call (`overview(on:)`, a few aggregate queries on one snapshot); the charts are drawn here.
struct OverviewPage {
    let server: ConsoleServer

    func add(to router: Router<ConsoleContext>) {
        router.get("/") { _, context -> Response in
            let signedIn = try context.require(.read)
            let words = Words.table(context.language)
            let language = context.language
            let today = Day.todayInVietnam(now: server.now())
            let overview = try signedIn.database.overview(on: today)
            func bars(_ shares: [UytinDatabase.Overview.Share], label: (UytinDatabase.Overview.Share) -> String) -> [BarChart.Bar] {
                shares.map { BarChart.Bar(label: label($0), value: $0.count) }
            }
            let ethnic = BarChart.top(bars(overview.byEthnicGroup) { $0.name }, 11, others: words["overviewOthers"] ?? "")
            let gender = bars(overview.byGender) { Gender(rawValue: $0.code)?.label.text(language) ?? $0.code }
            let communes = BarChart.top(bars(overview.byCommune) { $0.name }, 14, others: words["overviewOthers"] ?? "")
            let due: [[String: Any]]? = overview.due.map { totals in
                totals.map { ["kind": $0.kind.shortLabel.text(language), "count": Money.format($0.count), "amount": Money.format($0.amount)] }
            }
            var model: [String: Any] = [
                "day": today.vietnamese,
                "listed": Money.format(overview.listed),
                "scopeCommune": signedIn.account.communeName as Any,
                "ethnicChart": BarChart.svg(title: words["overviewByEthnic"] ?? "", bars: ethnic),
                "genderChart": BarChart.svg(title: words["overviewByGender"] ?? "", bars: gender),
                "communeChart": BarChart.svg(title: words["overviewByCommune"] ?? "", bars: communes),
                "communeCount": overview.byCommune.count,
                "ethnicCount": overview.byEthnicGroup.count,
                "dueThrough": overview.dueThrough.vietnamese,
                "pendingProposals": Money.format(overview.pendingProposals),
                "contingencies": overview.contingencies.map { period -> [String: Any] in
                    ["id": period.id, "from": period.from.vietnamese, "to": period.to?.vietnamese ?? "…",
                     "area": period.area ?? (words["overviewWholeProvince"] ?? ""), "reason": period.reason,
                     "decision": period.decision as Any]
                },
            ]
            if let due {
                model["benefits"] = [
                    "due": due, "dueEmpty": due.isEmpty,
                    "years": "\(overview.waitingYears.lowerBound)–\(overview.waitingYears.upperBound)",
                    "dueCount": Money.format(overview.due?.reduce(0) { $0 + $1.count } ?? 0),
                    "dueAmount": Money.format(overview.due?.reduce(0) { $0 + $1.amount } ?? 0),
                    "planned": Money.format(overview.planned?.count ?? 0),
                    "plannedAmount": Money.format(overview.planned?.amount ?? 0),
                    "approved": Money.format(overview.approved?.count ?? 0),
                    "approvedAmount": Money.format(overview.approved?.amount ?? 0),
                    "overdue": Money.format(overview.overdue?.count ?? 0),
                    "overdueAmount": Money.format(overview.overdue?.amount ?? 0),
                    "link": signedIn.may(.readAudit),
                    "capped": overview.waitingCapped,
                    "limit": Money.format(UytinDatabase.waitingScanLimit),
                ] as [String: Any]
            }
            if let run = overview.lastRun {
                model["lastRun"] = [
                    "id": run.id, "actor": run.actor, "finished": Wording.vietnamTime(run.finishedAt),
                    "from": run.from.vietnamese, "to": run.to.vietnamese, "created": Money.format(run.created),
                    "updated": Money.format(run.updated), "cancelled": Money.format(run.cancelled),
                ] as [String: Any]
            }
            // The audit log's head is an anchor to note down; an account that may not read the log does not see it.
            if signedIn.may(.readAudit), let head = overview.auditHead {
                model["auditHead"] = ["id": head.id, "hash": head.hashPrefix, "anchor": head.text] as [String: Any]
            }
            return server.views.page("overview", title: words["menu.overview"] ?? "", context: context, model)
        }
    }
}
