import Composition
import Foundation
import Hummingbird
import Registry
import Storage
import VietnameseCalendar

/// Quyết định: the register of recorded decisions, one decision with its proposals and its signed PDF, and recording a
/// new one — choose pending proposals, read the planner's preview (the same storage call as `decision record
/// --dry-run`), then confirm with the signed PDF (the same `recordDecision` as `decision record --file`).
struct DecisionPages {
    let server: ConsoleServer

    /// Decisions per page of the register.
    static let decisionsPerPage = 50
    /// Pending proposals per page of the form.
    static let proposalsPerPage = 200
    /// The persons of a previewed list shown (the count says how many more).
    static let previewListShown = 100
    /// The largest signed decision accepted (FormMiddleware lets a body a little larger through, for the fields).
    static let largestPDF = 10 << 20

    func add(to router: Router<ConsoleContext>) {
        router.get("/decisions") { request, context -> Response in
            _ = try context.require(.readAudit)
            return try register(request, context)
        }
        router.get("/decisions/new") { request, context -> Response in
            let signedIn = try context.require(.recordDecisions)
            let form = DecisionForm(SubmittedForm())
            return try newForm(form, signedIn: signedIn, context: context, page: PageNumbers.number(request))
        }
        // "Sửa lại" from the preview: the form again, filled with what was previewed.
        router.post("/decisions/new") { _, context -> Response in
            let signedIn = try context.require(.recordDecisions)
            return try newForm(DecisionForm(context.form), signedIn: signedIn, context: context, page: 1)
        }
        router.post("/decisions/preview") { _, context -> Response in
            let signedIn = try context.require(.recordDecisions)
            let form = DecisionForm(context.form)
            let input: DecisionInput
            do {
                input = try form.input(language: context.language)
            } catch let errors as FieldErrors {
                return try newForm(form, signedIn: signedIn, context: context, page: 1, errors: errors.messages, status: .unprocessableContent)
            }
            do {
                let preview = try signedIn.database.previewDecision(input)
                return previewPage(form, preview: preview, context: context)
            } catch let error as any ClerkFacingError where error.kind == .refused || error.kind == .malformed {
                let (field, message) = Self.field(of: error, language: context.language)
                return try newForm(form, signedIn: signedIn, context: context, page: 1,
                                   errors: field.map { [$0: message] } ?? [:], error: field == nil ? message : nil,
                                   status: .unprocessableContent)
            }
        }
        router.post("/decisions") { _, context -> Response in
            let signedIn = try context.require(.recordDecisions)
            return try record(DecisionForm(context.form), signedIn: signedIn, context: context)
        }
        router.get("/decisions/:id") { request, context -> Response in
            let signedIn = try context.require(.readAudit)
            guard let id = context.parameters.get("id").flatMap(Self.id), let decision = try signedIn.database.decision(id: id) else {
                throw ConsoleError.notFound
            }
            let words = Words.table(context.language)
            let notice = request.uri.queryParameters.get("recorded") != nil ? words["decisionRecorded"] : nil
            return server.views.page("decision", title: (words["decisionTitle"] ?? "") + " " + decision.number, context: context,
                                     Self.model(decision, notice: notice, language: context.language))
        }
        router.get("/decisions/:id/file") { _, context -> Response in
            let signedIn = try context.require(.readAudit)
            guard let id = context.parameters.get("id").flatMap(Self.id), let file = try signedIn.database.decisionFile(id: id) else {
                throw ConsoleError.notFound
            }
            var response = Response(status: .ok, headers: [.contentType: "application/pdf"],
                                    body: .init(byteBuffer: ByteBuffer(bytes: file.content)))
            response.headers[.contentDisposition] = DocumentDownload.attachment(DocumentDownload.safeFileName(file.name, defaultStem: "quyet-dinh-\(id)",
                                                                                                   suffix: ".pdf"))
            response.headers[.cacheControl] = "no-store"
            return response
        }
    }

    /// A decision's id from the URL: digits only, else no page (404).
    static func id(_ text: String) -> Int64? {
        guard !text.isEmpty, text.count <= 18, text.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return Int64(text)
    }

    // MARK: the register

    private func register(_ request: Request, _ context: ConsoleContext) throws -> Response {
        let signedIn = try context.require(.readAudit)
        let words = Words.table(context.language)
        let page = PageNumbers.number(request)
        let (lines, total) = try signedIn.database.decisionLines(offset: (page - 1) * Self.decisionsPerPage, limit: Self.decisionsPerPage)
        let language = context.language
        let rows: [[String: Any]] = lines.map { line in
            Self.present(["id": line.id, "number": line.number, "issuer": line.issuer,
             "decidedOn": Self.day(line.decidedOn, language), "effectiveOn": Self.day(line.effectiveOn, language),
             "level": line.issuerLevel.label.text(language), "area": line.issuerArea, "areaCode": line.issuerAreaCode,
             "approved": line.approvedCount, "rejected": line.rejectedCount, "listYear": line.listYear,
             "fileName": line.fileName, "sha256": line.fileSha256 ?? ""])
        }
        return server.views.page("decisions", title: words["decisionsTitle"] ?? "", context: context, Self.present([
            "lines": rows, "hasLines": !rows.isEmpty, "total": total, "canRecord": signedIn.may(.recordDecisions),
            "paging": PageNumbers.links(path: "/decisions", query: [], page: page, total: total, perPage: Self.decisionsPerPage),
        ]))
    }

    // MARK: one decision

    static func model(_ decision: Decision, notice: String?, language: Language) -> [String: Any] {
        func proposals(_ list: [Proposal]) -> [[String: Any]] {
            list.map { proposal in
                ["number": ProposalNumber.text(proposal.id), "kind": proposal.kind.label.text(language),
                 "person": "\(proposal.person) (#\(proposal.personId))", "detail": detail(proposal, language: language),
                 "createdBy": proposal.createdBy]
            }
        }
        return present([
            "id": decision.id, "number": decision.number, "issuer": decision.issuer, "level": decision.issuerLevel.label.text(language),
            "area": decision.issuerArea, "areaCode": decision.issuerAreaCode,
            "decidedOn": day(decision.decidedOn, language), "effectiveOn": day(decision.effectiveOn, language),
            "listYear": decision.listYear.map { present(["year": $0, "count": decision.listCount]) },
            "file": decision.fileName.map { ["name": $0, "sha256": decision.fileSha256 ?? ""] },
            "recordedBy": decision.recordedBy, "recordedAt": Wording.vietnamTime(decision.recordedAt) + " (UTC+7)",
            "approved": proposals(decision.approved), "hasApproved": !decision.approved.isEmpty, "approvedCount": decision.approved.count,
            "rejected": proposals(decision.rejected), "hasRejected": !decision.rejected.isEmpty, "rejectedCount": decision.rejected.count,
            "notice": notice,
        ])
    }

    /// A template's fields without the absent ones: a key left out hides its section (an optional's `nil` inside
    /// `Any` would render as "nil").
    static func present(_ fields: [String: Any?]) -> [String: Any] { fields.compactMapValues { $0 } }

    /// A proposal's details as `proposal list` prints them: who replaces, which village, why, from when.
    static func detail(_ proposal: Proposal, language: Language) -> String {
        let wording = Wording(language)
        var parts: [String] = []
        if let name = proposal.replacement, let id = proposal.replacementId { parts.append(wording.say("bởi ", "by ") + "\(name) (#\(id))") }
        if let village = proposal.village { parts.append(wording.say("thôn ", "village ") + village) }
        if let reason = proposal.reason { parts.append(wording.say("lý do ", "reason ") + Wording.inSentence(wording.reasonLabel(reason))) }
        if let day = proposal.effectiveOn { parts.append(wording.say("hiệu lực ", "effective ") + Self.day(day, language)) }
        return parts.joined(separator: "; ")
    }

    static func day(_ day: Day, _ language: Language) -> String { language == .vi ? day.vietnamese : day.iso }

    // MARK: choosing proposals

    private func newForm(_ form: DecisionForm, signedIn: SignedIn, context: ConsoleContext, page: Int,
                         errors: [String: String] = [:], error: String? = nil,
                         status: HTTPResponse.Status = .ok) throws -> Response {
        let words = Words.table(context.language)
        let language = context.language
        let (pending, total) = try signedIn.database.pendingProposals(offset: (page - 1) * Self.proposalsPerPage, limit: Self.proposalsPerPage)
        let approving = Set(form.approve), rejecting = Set(form.reject)
        let rows: [[String: Any]] = pending.map { proposal in
            var detail: [String] = []
            if let name = proposal.replacement, let id = proposal.replacementId { detail.append((words["decProposalBy"] ?? "") + " \(name) (#\(id))") }
            if let reason = proposal.reason { detail.append((words["decProposalReason"] ?? "") + " " + Wording.inSentence(Wording(language).reasonLabel(reason))) }
            if let day = proposal.effectiveOn { detail.append(Self.day(day, language)) }
            return ["id": proposal.id, "number": ProposalNumber.text(proposal.id), "kind": proposal.kind.label.text(language),
                    "person": "\(proposal.person) (#\(proposal.personId))", "village": proposal.village, "commune": proposal.commune,
                    "communeCode": proposal.communeCode, "detail": detail.joined(separator: "; "), "createdBy": proposal.createdBy,
                    "approved": approving.contains(proposal.id), "rejected": rejecting.contains(proposal.id)]
        }
        var model = form.model(language: language)
        model["errors"] = errors
        model["error"] = error
        model["proposals"] = rows
        model["hasProposals"] = !rows.isEmpty
        model["pendingTotal"] = total
        model["paging"] = PageNumbers.links(path: "/decisions/new", query: [], page: page, total: total, perPage: Self.proposalsPerPage)
        return server.views.page("decision-new", title: words["decisionsNew"] ?? "", context: context, status: status, model)
    }

    // MARK: the preview

    private func previewPage(_ form: DecisionForm, preview: UytinDatabase.DecisionPreview?, context: ConsoleContext,
                             errors: [String: String] = [:], error: String? = nil,
                             status: HTTPResponse.Status = .ok) -> Response {
        let words = Words.table(context.language)
        let language = context.language
        let wording = Wording(language)
        var model: [String: Any] = ["hidden": form.hiddenFields, "errors": errors]
        model["error"] = error
        if let preview {
            func change(_ change: UytinDatabase.DecisionPreview.Change, note: String) -> [String: Any] {
                ["proposal": ProposalNumber.text(change.proposalId), "person": "\(change.name) (#\(change.personId))",
                 "village": change.village, "fromVillage": change.fromVillage ?? "", "date": Self.day(change.date, language), "note": note]
            }
            let entering = preview.entering.map { item in
                change(item, note: item.counterpart.map { (words["decPreviewReplaces"] ?? "") + " " + $0 } ?? "")
            }
            let leaving = preview.leaving.map { item in
                var reason = item.reason.map(wording.reasonLabel) ?? ""
                if let successor = item.counterpart { reason += " — " + (words["decProposalBy"] ?? "") + " " + successor }
                return change(item, note: reason)
            }
            let rebound = preview.rebound.map { change($0, note: "") }
            var shown: [String: Any] = [
                "number": preview.number, "issuer": preview.issuer, "level": preview.issuerLevel.label.text(language),
                "area": preview.issuerArea, "areaCode": preview.issuerAreaCode, "decidedOn": Self.day(preview.decidedOn, language),
                "effectiveOn": Self.day(preview.effectiveOn, language), "approveCount": preview.approve.count,
                "rejectCount": preview.reject.count,
                "entering": entering, "hasEntering": !entering.isEmpty, "enteringCount": entering.count,
                "leaving": leaving, "hasLeaving": !leaving.isEmpty, "leavingCount": leaving.count,
                "rebound": rebound, "hasRebound": !rebound.isEmpty, "reboundCount": rebound.count,
                "unchanged": entering.isEmpty && leaving.isEmpty && rebound.isEmpty,
                "warnings": preview.warnings.map { $0.message.text(language) }, "hasWarnings": !preview.warnings.isEmpty,
            ]
            if let year = preview.listYear, let list = preview.list {
                shown["list"] = [
                    "year": year, "listCount": list.count, "more": list.count > Self.previewListShown,
                    "entries": list.prefix(Self.previewListShown).map { entry -> [String: Any] in
                        ["position": entry.position, "name": "\(entry.name) (#\(entry.personId))", "village": entry.village,
                         "commune": entry.commune]
                    },
                ] as [String: Any]
            }
            model["preview"] = shown
        }
        return server.views.page("decision-preview", title: words["decPreviewTitle"] ?? "", context: context, status: status, model)
    }

    // MARK: recording

    private func record(_ form: DecisionForm, signedIn: SignedIn, context: ConsoleContext) throws -> Response {
        let words = Words.table(context.language)
        var input: DecisionInput
        do {
            input = try form.input(language: context.language)
        } catch let errors as FieldErrors {
            return try newForm(form, signedIn: signedIn, context: context, page: 1, errors: errors.messages, status: .unprocessableContent)
        }
        // The upload is checked before anything is written; a refusal shows the preview again, the message beside the
        // file's field.
        switch Self.checkedPDF(context.form.files["pdf"]) {
        case .failure(let refusal):
            return try again(form, input: input, signedIn: signedIn, context: context,
                             errors: ["pdf": words[refusal.word] ?? ""], status: refusal.status)
        case .success(let file):
            input.file = file
        }
        do {
            let decision = try signedIn.database.recordDecision(input)
            return Views.seeOther("/decisions/\(decision.id)?recorded=1")
        } catch let error as any ClerkFacingError where error.kind == .refused || error.kind == .malformed {
            let (field, message) = Self.field(of: error, language: context.language)
            return try again(form, input: input, signedIn: signedIn, context: context, errors: field.map { [$0: message] } ?? [:],
                             error: field == nil ? message : nil, status: .unprocessableContent)
        }
    }

    /// The preview again with what went wrong; when the preview itself is now refused, the form with its message.
    private func again(_ form: DecisionForm, input: DecisionInput, signedIn: SignedIn, context: ConsoleContext,
                       errors: [String: String], error: String? = nil, status: HTTPResponse.Status) throws -> Response {
        var withoutFile = input
        withoutFile.file = nil
        do {
            let preview = try signedIn.database.previewDecision(withoutFile)
            return previewPage(form, preview: preview, context: context, errors: errors, error: error, status: status)
        } catch let refused as any ClerkFacingError where refused.kind == .refused || refused.kind == .malformed {
            let (field, message) = Self.field(of: refused, language: context.language)
            var all = errors
            if let field { all[field] = message }
            return try newForm(form, signedIn: signedIn, context: context, page: 1, errors: all,
                               error: error ?? (field == nil ? message : nil), status: status)
        }
    }

    /// Why an upload is refused: the word to show and the status.
    struct UploadRefusal: Error, Equatable {
        let word: String
        let status: HTTPResponse.Status
    }

    /// The signed decision's PDF, checked: present, at most 10 MiB, named .pdf, declared application/pdf, and
    /// starting as a PDF does ("%PDF-"). Its name is kept without any folder the browser sent.
    static func checkedPDF(_ file: UploadedFile?) -> Result<(name: String, content: [UInt8]), UploadRefusal> {
        guard let file, !file.content.isEmpty else { return .failure(UploadRefusal(word: "decUploadMissing", status: .unprocessableContent)) }
        guard file.content.count <= largestPDF else { return .failure(UploadRefusal(word: "decUploadTooLarge", status: .contentTooLarge)) }
        let name = DocumentDownload.baseName(file.fileName)
        let type = file.contentType.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
        guard name.lowercased().hasSuffix(".pdf"), name.count > 4, type == "application/pdf",
              file.content.starts(with: Array("%PDF-".utf8)) else {
            return .failure(UploadRefusal(word: "decUploadNotPDF", status: .unprocessableContent))
        }
        return .success((name, file.content))
    }

    /// The form field a refusal of the storage is about (nil: the form as a whole), and its message.
    static func field(of error: any ClerkFacingError, language: Language) -> (String?, String) {
        let message = error.message.text(language)
        let code = (error as? RegistryError)?.code ?? ""
        let field: String? = switch code {
        case "decision_exists": "number"
        case "invalid_text":
            error.message.vi.hasPrefix("Số quyết định") ? "number" : error.message.vi.hasPrefix("Cơ quan ban hành") ? "issuer" : nil
        case "issuer_level": "issuerLevel"
        case "issuer_area", "issuer_area_needed", "outside_issuer_area", "unknown_area_code": "issuerArea"
        case "outside_term", "decision_out_of_order": "date"
        case "list_year_after_decision", "list_frozen": "listYear"
        case "malformed_date", "invalid_date": "date"
        default: nil
        }
        return (field, message)
    }
}

/// The fields of the decision form as typed, kept to fill the form again and to carry into the confirmation.
struct DecisionForm {
    var number = "", issuer = "", issuerLevel = "", issuerArea = "", date = "", effective = "", listYear = ""
    var approvePending = false
    var pendingCommune = ""
    var approveText: [String] = []
    var rejectText: [String] = []

    init(_ form: SubmittedForm) {
        number = form["number"] ?? ""
        issuer = form["issuer"] ?? ""
        issuerLevel = form["issuerLevel"] ?? ""
        issuerArea = form["issuerArea"] ?? ""
        date = form["date"] ?? ""
        effective = form["effective"] ?? ""
        listYear = form["listYear"] ?? ""
        approvePending = form["approvePending"] != nil
        pendingCommune = form["pendingCommune"] ?? ""
        // At most one form's worth of boxes: a page holds `DecisionPages.proposalsPerPage` of each.
        approveText = Array(form.all("approve").prefix(10_000))
        rejectText = Array(form.all("reject").prefix(10_000))
    }

    var approve: [Int64] { approveText.compactMap(DecisionPages.id) }
    var reject: [Int64] { rejectText.compactMap(DecisionPages.id) }

    /// The `DecisionInput` the fields say (without its file), or every field that cannot be read, with why.
    func input(language: Language) throws -> DecisionInput {
        let words = Words.table(language)
        var errors: [String: String] = [:]
        func day(_ text: String, field: String) -> Day? {
            do {
                return try Inputs.day(text)
            } catch {
                errors[field] = error.message.text(language)
                return nil
            }
        }
        if number.isEmpty { errors["number"] = words["decFormRequired"] }
        if issuer.isEmpty { errors["issuer"] = words["decFormRequired"] }
        var level: AreaLevel?
        if !issuerLevel.isEmpty {
            level = AreaLevel(rawValue: issuerLevel)
            if level == nil { errors["issuerLevel"] = words["decFormNotNumber"] }
        }
        let decidedOn = date.isEmpty ? nil : day(date, field: "date")
        if date.isEmpty { errors["date"] = words["decFormRequired"] }
        let effectiveOn = effective.isEmpty ? decidedOn : day(effective, field: "effective")
        var year: Int?
        if !listYear.isEmpty {
            year = listYear.count == 4 && listYear.allSatisfy({ $0.isASCII && $0.isNumber }) ? Int(listYear) : nil
            if year == nil { errors["listYear"] = words["decFormYear"] }
        }
        if approveText.count != approve.count || rejectText.count != reject.count { errors["proposals"] = words["decFormNotNumber"] }
        if !pendingCommune.isEmpty, !pendingCommune.allSatisfy({ $0.isASCII && $0.isNumber }) || pendingCommune.count > 10 {
            errors["pendingCommune"] = words["decFormNotNumber"]
        }
        guard errors.isEmpty, let decidedOn, let effectiveOn else { throw FieldErrors(messages: errors) }
        var input = DecisionInput(number: number, issuer: issuer, issuerLevel: level, issuerAreaCode: issuerArea.isEmpty ? nil : issuerArea,
                                  decidedOn: decidedOn, effectiveOn: effectiveOn, approve: approve, reject: reject,
                                  listYear: year, file: nil)
        if approvePending {
            input.approvePending = .init(communeCode: pendingCommune.isEmpty ? nil : pendingCommune)
        }
        return input
    }

    /// The fields for the form's template.
    func model(language: Language) -> [String: Any] {
        let words = Words.table(language)
        var levels: [[String: Any]] = [["value": "", "label": words["decisionLevelDefault"] ?? "", "selected": issuerLevel.isEmpty]]
        for level in AreaLevel.allCases {
            levels.append(["value": level.rawValue, "label": level.label.text(language), "selected": issuerLevel == level.rawValue])
        }
        return [
            "fields": ["number": number, "issuer": issuer, "issuerArea": issuerArea, "date": date, "effective": effective,
                       "listYear": listYear, "approvePending": approvePending, "pendingCommune": pendingCommune] as [String: Any],
            "levels": levels,
        ]
    }

    /// The same fields as hidden inputs: the confirmation records exactly what was previewed.
    var hiddenFields: [[String: String]] {
        var fields: [(String, String)] = [("number", number), ("issuer", issuer), ("issuerLevel", issuerLevel), ("issuerArea", issuerArea),
                                          ("date", date), ("effective", effective), ("listYear", listYear),
                                          ("pendingCommune", pendingCommune)]
        if approvePending { fields.append(("approvePending", "1")) }
        fields += approveText.map { ("approve", $0) } + rejectText.map { ("reject", $0) }
        return fields.map { ["name": $0.0, "value": $0.1] }
    }
}

/// The fields of a form that cannot be read, each with its message.
struct FieldErrors: Error {
    var messages: [String: String]
}
