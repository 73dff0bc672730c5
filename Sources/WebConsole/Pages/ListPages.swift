import Composition
import Foundation
import Hummingbird
import Registry
import Storage
import VietnameseCalendar

/// Danh sách: each year's list with its approved and pending parts (the same storage as `uytin list --year`), a page
/// at a time, and its documents — the approved list and the year's changes — composed as `uytin export list|changes`
/// composes them. Citizen ID numbers are masked unless the role has the export right.
struct ListPages {
    let server: ConsoleServer

    /// Persons per page of a list.
    static let personsPerPage = 100

    func add(to router: Router<ConsoleContext>) {
        router.get("/lists") { request, context -> Response in
            try show(request, context)
        }
        router.get("/lists/:year/download") { request, context -> Response in
            try download(request, context, changes: false)
        }
        router.get("/lists/:year/changes") { request, context -> Response in
            try download(request, context, changes: true)
        }
    }

    /// A year from the URL: four digits, else no page (404).
    static func year(_ text: String) -> Int? {
        guard text.count == 4, text.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return Int(text)
    }

    // MARK: the page

    private func show(_ request: Request, _ context: ConsoleContext) throws -> Response {
        let signedIn = try context.require(.readAudit)
        let words = Words.table(context.language)
        let language = context.language
        let database = signedIn.database
        let years = try database.listYears()
        let year: Int?
        if let text = request.uri.queryParameters.get("year") {
            // Only a year a list can be asked for: a year to come would show today's list under its number.
            guard let asked = Self.year(text), years.contains(where: { $0.year == asked }) else { throw ConsoleError.notFound }
            year = asked
        } else {
            year = years.first(where: { $0.approvedPersons != nil })?.year ?? years.first?.year
        }
        var model: [String: Any] = [
            "hasYears": !years.isEmpty,
            "years": years.map { item -> [String: Any] in
                DecisionPages.present(["year": item.year, "approved": item.approvedPersons, "selected": item.year == year])
            },
        ]
        if let year {
            let page = PageNumbers.number(request)
            let shown = try database.listPage(year: year, offset: (page - 1) * Self.personsPerPage, limit: Self.personsPerPage)
            let full = signedIn.may(.export)
            let withDistricts = shown.entries.contains { !$0.district.isEmpty }
            let entries: [[String: Any]] = shown.entries.enumerated().map { index, person in
                DecisionPages.present([
                    "position": shown.offset + index + 1, "name": person.name, "gender": person.gender.label.text(language),
                    "birthYear": person.birthYear, "ethnic": person.ethnicGroup, "village": person.village,
                    "commune": person.commune, "district": person.district,
                    "roles": person.roles.map { $0.label.text(language) }.joined(separator: ", "),
                    "citizenId": person.idNumber.map { full ? $0 : CitizenID.masked($0) } ?? "",
                    "died": person.deathDate.map { DecisionPages.day($0, language) },
                ])
            }
            let parts: [[String: Any]] = (shown.approved?.parts ?? []).map { part in
                ["area": part.area, "areaCode": part.areaCode, "decisionId": part.decision.id, "number": part.decision.number,
                 "issuer": part.decision.issuer, "decidedOn": DecisionPages.day(part.decision.decidedOn, language),
                 "asOf": DecisionPages.day(part.asOf, language), "persons": part.personCount]
            }
            model["list"] = DecisionPages.present([
                "year": year, "total": shown.total, "entries": entries, "hasEntries": !entries.isEmpty, "withDistricts": withDistricts,
                "parts": parts, "hasParts": !parts.isEmpty,
                "pending": shown.pendingParts.map { ["name": $0.name, "code": $0.code] }, "hasPending": !shown.pendingParts.isEmpty,
                "inForceOn": shown.inForceOn.map { DecisionPages.day($0, language) },
                "hasDocuments": true, "approvedDocument": shown.approved != nil,
                "idsNote": words[full ? "listsIdsFull" : "listsIdsMasked"] ?? "",
                "paging": PageNumbers.links(path: "/lists", query: [("year", String(year))], page: page, total: shown.total,
                                            perPage: Self.personsPerPage),
            ])
        }
        return server.views.page("lists", title: words["menu.lists"] ?? "", context: context, model)
    }

    // MARK: documents

    /// The approved list (or the year's changes) as XLSX, CSV or HTML, composed and audited as `uytin export` does it,
    /// written into the downloads folder, streamed, and removed.
    private func download(_ request: Request, _ context: ConsoleContext, changes: Bool) throws -> Response {
        let signedIn = try context.require(.readAudit)
        guard let year = context.parameters.get("year").flatMap(Self.year) else { throw ConsoleError.notFound }
        let formats: [ExportSink.Format] = [.xlsx, .csv, .html]
        guard let text = request.uri.queryParameters.get("format"), let format = ExportSink.Format(rawValue: text),
              formats.contains(format) else {
            let words = Words.all
            throw ConsoleError.badForm(field: "format", words["listsFormat"] ?? Message(vi: "", en: ""))
        }
        let database = signedIn.database
        _ = try database.setting().term(ofYear: year)
        let wording = Wording(context.language)
        // Citizen IDs are personal data: masked for every role but the one that exports (cán bộ), whose download
        // carries them in full and says so in the audit log, with why.
        let ids: UytinDatabase.ExportedCitizenIDs = signedIn.may(.export) ? .full : .masked
        let document: any ComposedDocument = changes
            ? try ChangeListDocument(database: database, words: wording, year: year)
            : try YearlyListDocument(database: database, words: wording, year: year, ids: ids)
        let name = (changes ? "bien-dong-\(year)" : "danh-sach-\(year)") + "." + format.rawValue
        return try DocumentDownload.response(document, format: format, fileName: name, database: database,
                                             filesFolder: server.configuration.filesFolder, citizenIds: changes ? .none : ids,
                                             reason: !changes && ids == .full ? "tải về trên bảng điều khiển (vai trò có quyền xuất)" : nil)
    }
}
