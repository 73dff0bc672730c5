import Composition
import Foundation
import Hummingbird
import Registry
import Scheduler
import Storage
import VietnameseCalendar

/// Chế độ: what waits for approval and delivery (aggregates by kind, occasion and commune), approval and delivery in
/// bulk with the same selections as `uytin entitlement approve|deliver` (`EntitlementSelection`), per-commune
/// signature sheets and the year's budget, composed as `uytin export entitlements|budget` composes them.
struct BenefitPages {
    let server: ConsoleServer

    /// What the page shows beside the waiting occasions: one kind and year by commune.
    struct Focus {
        var kind: BenefitKind
        var year: Int
    }

    func add(to router: Router<ConsoleContext>) {
        router.get("/benefits") { request, context -> Response in
            let signedIn = try context.require(.readAudit)
            let query = request.uri.queryParameters
            var notice: String?
            let words = Words.table(context.language)
            if let count = query.get("approved").flatMap(Int.init) {
                notice = (count == 0 ? words["benefitsApprovedNone"] : words["benefitsApproved"].map { "\($0) \(count)." }) ?? ""
            } else if let count = query.get("delivered").flatMap(Int.init) {
                notice = (count == 0 ? words["benefitsDeliveredNone"] : words["benefitsDelivered"].map { "\($0) \(count)." }) ?? ""
            }
            return try page(context, signedIn, year: Self.year(query.get("year")),
                            focus: Self.focus(kind: query.get("kind"), year: query.get("year")), notice: notice)
        }

        router.post("/benefits/approve") { _, context -> Response in
            let signedIn = try context.require(.approveEntitlements)
            let form = context.form
            do {
                let selection = try Self.selection(form)
                let count = try signedIn.database.approveEntitlements(selection)
                return Views.seeOther("/benefits?approved=\(count)" + Self.focusQuery(selection))
            } catch {
                guard let message = FormRefusal.message(error, context.language) else { throw error }
                return try page(context, signedIn, year: Self.year(form["year"]), focus: Self.focus(kind: form["kind"], year: form["year"]),
                                approveError: message, status: .unprocessableContent)
            }
        }

        router.post("/benefits/deliver") { _, context -> Response in
            let signedIn = try context.require(.deliverEntitlements)
            let form = context.form
            do {
                let selection = try Self.selection(form)
                guard let text = form["on"], let day = Day(parsing: text) else {
                    throw ConsoleError.badForm(field: "on", Words.message("benefitsBadDay"))
                }
                let count = try signedIn.database.deliverEntitlements(selection, on: day, receipt: form["receipt"])
                return Views.seeOther("/benefits?delivered=\(count)" + Self.focusQuery(selection))
            } catch {
                guard let message = FormRefusal.message(error, context.language) else { throw error }
                return try page(context, signedIn, year: Self.year(form["year"]), focus: Self.focus(kind: form["kind"], year: form["year"]),
                                deliverError: message, status: .unprocessableContent)
            }
        }

        router.get("/benefits/signature-sheet") { request, context -> Response in
            let signedIn = try context.require(.readAudit)
            guard signedIn.may(.deliverEntitlements) || signedIn.may(.export) else { throw ConsoleError.forbidden }
            let query = request.uri.queryParameters
            guard let focus = Self.focus(kind: query.get("kind"), year: query.get("year")),
                  let format = DocumentDownload.format(query.get("format") ?? "xlsx") else { throw ConsoleError.notFound }
            let database = signedIn.database
            let commune = try query.get("commune").map { code -> (code: String, name: String) in
                guard code.count == 5, code.allSatisfy(\.isASCII), code.allSatisfy(\.isNumber) else { throw ConsoleError.notFound }
                return (code, try database.communeName(code: code, year: focus.year))
            }
            let name = "bang-ky-nhan-\(focus.kind.rawValue.replacingOccurrences(of: "_", with: "-"))-\(focus.year)"
                + (commune.map { "-" + $0.code } ?? "") + "." + format.rawValue
            let (language, folder) = (context.language, server.configuration.filesFolder)
            let code = commune?.code, communeName = commune?.name
            return try await Offload.run {
                _ = try database.setting().term(ofYear: focus.year)
                let document = try SignatureSheetDocument(database: database, words: Wording(language), year: focus.year, kind: focus.kind,
                                                          commune: code.map { ($0, communeName ?? $0) })
                return try DocumentDownload.response(document, format: format, fileName: name, database: database, filesFolder: folder)
            }
        }

        router.get("/benefits/budget") { request, context -> Response in
            let signedIn = try context.require(.readAudit)
            let query = request.uri.queryParameters
            let today = Day.todayInVietnam(now: server.now())
            guard let year = query.get("year").map({ Int($0) }) ?? today.year, (1900...2200).contains(year) else {
                throw ConsoleError.notFound
            }
            let database = signedIn.database
            if let formatText = query.get("format") {
                guard signedIn.may(.budget) || signedIn.may(.export) else { throw ConsoleError.forbidden }
                guard let format = DocumentDownload.format(formatText) else { throw ConsoleError.notFound }
                let (language, folder) = (context.language, server.configuration.filesFolder)
                return try await Offload.run {
                    _ = try database.setting().term(ofYear: year)
                    let document = try BudgetDocument(database: database, words: Wording(language), year: year)
                    return try DocumentDownload.response(document, format: format, fileName: "du-toan-\(year).\(format.rawValue)",
                                                         database: database, filesFolder: folder)
                }
            }
            // The budget projects the year's remaining occasions (a rolled-back run): off the event loop.
            let budget = try await Offload.run { try database.budgetWithPersons(year: year) }
            return budgetPage(context, signedIn, year: year, budget: budget)
        }
    }

    /// The benefits page: what waits in a year (the year asked for, else this year if anything waits in it, else the
    /// latest year where something waits), the focused kind and year by occasion and commune, and the forms.
    private func page(_ context: ConsoleContext, _ signedIn: SignedIn, year asked: Int?, focus: Focus?, notice: String? = nil,
                      approveError: String? = nil, deliverError: String? = nil,
                      status: HTTPResponse.Status = .ok) throws -> Response {
        let language = context.language
        let words = Words.table(language)
        let database = signedIn.database
        let today = Day.todayInVietnam(now: server.now())
        let names = try database.occasionNames()
        let mayApprove = signedIn.may(.approveEntitlements)
        let mayDeliver = signedIn.may(.deliverEntitlements)
        let maySheets = mayDeliver || signedIn.may(.export)
        let years = try database.yearsWithWaitingEntitlements()
        let year = asked ?? (years.contains(today.year) ? today.year : years.first ?? today.year)
        let waiting = try database.waitingOccasions(year: year)
        // What an approval takes at once: a kind and a year. Its occasions are listed when it is focused.
        let groups = Dictionary(grouping: waiting) { "\($0.year)|\($0.kind.rawValue)" }.values.map { occasions -> [String: Any] in
            let first = occasions[0]
            let planned = occasions.reduce(0) { $0 + $1.planned }
            let firstDue = occasions.map(\.firstDue).min()!, lastDue = occasions.map(\.lastDue).max()!
            return [
                "kind": first.kind.rawValue, "kindLabel": first.kind.shortLabel.text(language), "year": first.year,
                "occasions": occasions.count,
                "due": firstDue == lastDue ? firstDue.vietnamese : "\(firstDue.vietnamese) – \(lastDue.vietnamese)",
                "planned": Money.format(planned), "plannedAmount": Money.format(occasions.reduce(0) { $0 + $1.plannedAmount }),
                "approved": Money.format(occasions.reduce(0) { $0 + $1.approved }),
                "approvedAmount": Money.format(occasions.reduce(0) { $0 + $1.approvedAmount }),
                "canApprove": mayApprove && planned > 0,
                "order": first.year * 100 + (BenefitKind.allCases.firstIndex(of: first.kind) ?? 0),
            ]
        }.sorted { ($0["order"] as? Int ?? 0) > ($1["order"] as? Int ?? 0) }
        var focusWaiting = waiting
        if let focus, focus.year != year { focusWaiting = try database.waitingOccasions(year: focus.year) }
        let focusOccasions = focusWaiting.filter { $0.kind == focus?.kind && $0.year == focus?.year }.map { occasion -> [String: Any] in
            let label = occasion.period.map {
                PeriodLabel.label(kind: occasion.kind, period: $0, occasion: occasion.occasionDate, festivals: names.festivals,
                                  plans: names.plans).text(language)
            } ?? "\(occasion.kind.shortLabel.text(language)) \(occasion.year)"
            return [
                "occasion": label,
                "due": occasion.firstDue == occasion.lastDue ? occasion.firstDue.vietnamese
                    : "\(occasion.firstDue.vietnamese) – \(occasion.lastDue.vietnamese)",
                "planned": Money.format(occasion.planned), "plannedAmount": Money.format(occasion.plannedAmount),
                "approved": Money.format(occasion.approved), "approvedAmount": Money.format(occasion.approvedAmount),
            ]
        }
        var model: [String: Any] = [
            "groups": groups, "groupsEmpty": groups.isEmpty, "year": year,
            "years": years.map { ["year": $0, "current": $0 == year] }, "hasYears": !years.isEmpty,
            "notice": notice as Any, "approveError": approveError as Any, "deliverError": deliverError as Any,
            "mayApprove": mayApprove, "mayDeliver": mayDeliver, "today": today.iso,
            "budgetYear": focus?.year ?? today.year,
            "kinds": BenefitKind.allCases.map { kind -> [String: Any] in
                ["code": kind.rawValue, "label": kind.shortLabel.text(language), "selected": kind == focus?.kind]
            },
            "formYear": focus.map { String($0.year) } ?? "",
            "formKind": focus?.kind.rawValue ?? "",
        ]
        var communes = try database.areas(on: today, level: .commune).map { (code: $0.code, name: $0.name) }
        if let focus {
            let rows = try database.entitlementsByCommune(kind: focus.kind, year: focus.year)
            // The year's own communes first: a selection by commune places persons where they were listed that year.
            let known = Set(rows.map(\.communeCode))
            communes = rows.map { (code: $0.communeCode, name: $0.commune) } + communes.filter { !known.contains($0.code) }
            model["focus"] = [
                "kindLabel": focus.kind.label.text(language), "kind": focus.kind.rawValue, "year": focus.year,
                "maySheets": maySheets, "occasions": focusOccasions,
                "communes": rows.map { row -> [String: Any] in
                    [
                        "code": row.communeCode, "name": row.commune,
                        "planned": Money.format(row.planned), "plannedAmount": Money.format(row.plannedAmount),
                        "approved": Money.format(row.approved), "approvedAmount": Money.format(row.approvedAmount),
                        "delivered": Money.format(row.delivered), "deliveredAmount": Money.format(row.deliveredAmount),
                        "canApprove": mayApprove && row.planned > 0, "canDeliver": mayDeliver && row.approved > 0,
                    ]
                },
                "communesEmpty": rows.isEmpty,
                "totalPlanned": Money.format(rows.reduce(0) { $0 + $1.planned }),
                "totalApproved": Money.format(rows.reduce(0) { $0 + $1.approved }),
                "totalDelivered": Money.format(rows.reduce(0) { $0 + $1.delivered }),
                "totalAmount": Money.format(rows.reduce(0) { $0 + $1.plannedAmount + $1.approvedAmount + $1.deliveredAmount }),
            ] as [String: Any]
        }
        model["communeOptions"] = communes.map { ["code": $0.code, "name": $0.name] }
        return server.views.page("benefits", title: words["menu.benefits"] ?? "", context: context, status: status, model)
    }

    /// The budget of a year: its figures (as `uytin budget` prints them) and the document to download.
    private func budgetPage(_ context: ConsoleContext, _ signedIn: SignedIn, year: Int, budget: UytinDatabase.Budget) -> Response {
        let language = context.language
        let words = Words.table(language)
        let model: [String: Any] = [
            "year": year, "previous": year - 1, "next": year + 1,
            "lines": budget.lines.map { line -> [String: Any] in
                ["kind": line.kind.shortLabel.text(language), "funding": line.funding.shortLabel.text(language),
                 "persons": Money.format(line.persons), "count": Money.format(line.estimatedCount), "estimate": Money.format(line.estimate),
                 "projected": Money.format(line.projectedCount), "projectedAmount": Money.format(line.projectedAmount),
                 "delivered": Money.format(line.deliveredCount), "actual": Money.format(line.actual)]
            },
            "empty": budget.lines.isEmpty,
            "persons": Money.format(budget.persons), "deliveredPersons": Money.format(budget.deliveredPersons),
            "count": Money.format(budget.estimatedCount), "estimate": Money.format(budget.estimate),
            "projected": Money.format(budget.projectedCount), "projectedAmount": Money.format(budget.projectedAmount),
            "delivered": Money.format(budget.deliveredCount), "actual": Money.format(budget.actual),
            "mayDownload": !budget.lines.isEmpty && (signedIn.may(.budget) || signedIn.may(.export)),
        ]
        return server.views.page("budget", title: "\(words["benefitsBudgetTitle"] ?? "") \(year)", context: context, model)
    }

    /// A year a query or form names, when it is one.
    static func year(_ text: String?) -> Int? {
        text.flatMap(Int.init).flatMap { (1900...2200).contains($0) ? $0 : nil }
    }

    /// The kind and year a query or form names, when both are readable.
    static func focus(kind: String?, year: String?) -> Focus? {
        guard let kind = kind.flatMap(BenefitKind.init(rawValue:)), let year = year.flatMap(Int.init), (1900...2200).contains(year) else {
            return nil
        }
        return Focus(kind: kind, year: year)
    }

    /// "&kind=…&year=…" to come back to the kind and year a selection named.
    static func focusQuery(_ selection: UytinDatabase.EntitlementSelection) -> String {
        guard case let .kind(kind, year, _) = selection else { return "" }
        return "&kind=\(kind.rawValue)&year=\(year)"
    }

    /// The entitlements a form selects, as `entitlement approve|deliver` reads its options: a run (optionally in one
    /// commune), or a kind and a year (optionally in one commune); exactly one of the two.
    static func selection(_ form: SubmittedForm) throws -> UytinDatabase.EntitlementSelection {
        let commune = form["commune"]
        if let code = commune, !(code.count == 5 && code.allSatisfy { $0.isASCII && $0.isNumber }) {
            throw ConsoleError.badForm(field: "commune", Words.message("benefitsBadCommune"))
        }
        let byKind = form["kind"] != nil || form["year"] != nil
        if let runText = form["run"] {
            guard !byKind else { throw ConsoleError.badForm(field: "run", Words.message("benefitsOneWay")) }
            guard let run = Int64(runText), run > 0 else { throw ConsoleError.badForm(field: "run", Words.message("benefitsBadRun")) }
            return .run(run, communeCode: commune)
        }
        guard byKind else { throw ConsoleError.badForm(field: "kind", Words.message("benefitsChoose")) }
        guard let kind = form["kind"].flatMap(BenefitKind.init(rawValue:)), let year = form["year"].flatMap(Int.init),
              (1900...2200).contains(year) else {
            throw ConsoleError.badForm(field: "kind", Words.message("benefitsKindAndYear"))
        }
        return .kind(kind, year: year, communeCode: commune)
    }
}

/// A failure a form shows beside itself (status 422) rather than on the error page: a field that cannot be read, or
/// a rule the storage refused. Anything else (busy, a fault) goes to the error page.
enum FormRefusal {
    static func message(_ error: any Error, _ language: Language) -> String? {
        switch error {
        case ConsoleError.badForm(_, let message): return message.text(language)
        case let error as any ClerkFacingError where [.refused, .malformed].contains(error.kind): return error.message.text(language)
        default: return nil
        }
    }
}
