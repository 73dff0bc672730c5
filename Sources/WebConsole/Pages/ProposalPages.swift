import Foundation
import Hummingbird
import Registry
import Storage
import VietnameseCalendar

/// Đề nghị: the proposals waiting and settled lately, and the four proposal forms (recognise, remove, replace,
/// re-bind) for one person. A proposal is drafted by the same storage call as `uytin propose …`; the signed-in
/// account's handle refuses a person, replacement or village outside a commune officer's commune as not found.
struct ProposalPages {
    let server: ConsoleServer

    func add(to router: Router<ConsoleContext>) {
        router.get("/proposals") { request, context -> Response in
            let signedIn = try context.require(.read)
            let overview = try signedIn.database.proposalOverview()
            let words = Words.table(context.language)
            let created = request.uri.queryParameters.get("created").flatMap { Int64($0) }
            let page = PersonPages.model([
                "created": created.map { ["number": ProposalNumber.text($0)] },
                "deathRecorded": request.uri.queryParameters.get("died") != nil,
                "pending": Self.rows(overview.pending, language: context.language),
                "hasPending": !overview.pending.isEmpty,
                "pendingCount": overview.pendingCount,
                "pendingTruncated": overview.pendingCount > overview.pending.count,
                "recent": Self.rows(overview.recent, language: context.language),
                "hasRecent": !overview.recent.isEmpty,
                "canPropose": signedIn.may(.propose),
            ])
            return server.views.page("proposals", title: words["menu.proposals"] ?? "", context: context, page)
        }
        router.get("/proposals/new") { request, context -> Response in
            let signedIn = try context.require(.propose)
            guard let kind = request.uri.queryParameters.get("kind").flatMap(ProposalKind.init(rawValue:)),
                  let personId = request.uri.queryParameters.get("person").flatMap({ Int64($0) }), personId > 0 else {
                throw ConsoleError.notFound
            }
            let choices = try signedIn.database.proposalChoices(personId: personId)
            return form(context, kind: kind, choices: choices, values: [:], errors: [:])
        }
        router.post("/proposals") { _, context -> Response in
            let signedIn = try context.require(.propose)
            return try propose(context, signedIn: signedIn)
        }
    }

    /// Proposals as the tables show them.
    static func rows(_ proposals: [Proposal], language: Language) -> [[String: Any]] {
        let say = { (message: Message) in message.text(language) }
        return proposals.map { proposal in
            var detail: [String] = []
            if let name = proposal.replacement, let id = proposal.replacementId {
                detail.append(say(Message(vi: "người vào thay: ", en: "replaced by ")) + "\(name) (#\(id))")
            }
            if let village = proposal.village { detail.append(say(Message(vi: "thôn ", en: "village ")) + village) }
            if let reason = proposal.reason {
                detail.append(say(Message(vi: "lý do: ", en: "reason: ")) + say(PersonPages.endReasonLabel(reason)))
            }
            if let day = proposal.effectiveOn { detail.append(say(Message(vi: "hiệu lực ", en: "effective ")) + day.vietnamese) }
            if let note = proposal.note { detail.append(note) }
            return [
                "number": ProposalNumber.text(proposal.id), "kind": say(proposal.kind.label), "personId": proposal.personId,
                "person": proposal.person, "detail": detail.joined(separator: "; "), "status": say(proposal.status.label),
                "pending": proposal.status == .pending, "createdBy": proposal.createdBy,
                "createdOn": Self.day(ofTimestamp: proposal.createdAt), "decision": proposal.decisionNumber ?? "",
            ]
        }
    }

    /// The Vietnamese day of a stored UTC timestamp ("2026-11-25T17:30:00Z" → "26/11/2026").
    static func day(ofTimestamp text: String) -> String {
        guard let date = ISO8601DateFormatter().date(from: text) else { return String(text.prefix(10)) }
        return Day.todayInVietnam(now: date).vietnamese
    }

    // MARK: drafting

    private func propose(_ context: ConsoleContext, signedIn: SignedIn) throws -> Response {
        let form = context.form
        let language = context.language
        // Anything that names no proposal kind or no person is no form of this console: 404, nothing written.
        guard let kind = form["kind"].flatMap(ProposalKind.init(rawValue:)),
              let personId = form["person"].flatMap({ Int64($0) }), personId > 0 else { throw ConsoleError.notFound }
        // The person within the account's scope, or 404 (a crafted POST for another commune's person ends here).
        let choices = try signedIn.database.proposalChoices(personId: personId)
        var values: [String: String] = [:]
        for field in ["village", "reason", "effective", "died", "by", "byOther", "note"] { values[field] = form[field] ?? "" }
        var errors = RegistryFormErrors(language: language)
        let note = errors.check("note") { () throws -> String? in try Inputs.note(form["note"]) }
        var died: Day?
        var draft: UytinDatabase.ProposalDraft?
        switch kind {
        case .recognize:
            let village = errors.check("village") { () throws -> Int64? in try form["village"].map(Self.id) }
            if let village { draft = .recognize(person: personId, village: village) }
        case .remove:
            let reason = errors.check("reason") { () throws -> String in
                guard let reason = form["reason"] else { throw RegistryFormErrors.required }
                return reason
            }
            let effective = errors.check("effective") { () throws -> Day in
                guard let text = form["effective"] else { throw RegistryFormErrors.required }
                return try Inputs.day(text)
            }
            died = errors.check("died") { () throws -> Day? in try form["died"].map(Inputs.day) } ?? nil
            if let reason, let effective { draft = .remove(person: personId, reason: reason, effectiveOn: effective) }
        case .replace:
            let successor = errors.check("by") { () throws -> Int64 in
                if let typed = form["byOther"] { return try Self.person(typed, in: signedIn) }
                guard let chosen = form["by"] else { throw RegistryFormErrors.required }
                return try Self.id(chosen)
            }
            died = errors.check("died") { () throws -> Day? in try form["died"].map(Inputs.day) } ?? nil
            if let successor { draft = .replace(person: personId, by: successor, reason: form["reason"]) }
        case .rebind:
            let village = errors.check("village") { () throws -> Int64 in
                guard let chosen = form["village"] else { throw RegistryFormErrors.required }
                return try Self.id(chosen)
            }
            if let village { draft = .rebind(person: personId, village: village) }
        }
        if errors.notFound { throw ConsoleError.notFound }
        guard errors.isEmpty, let draft, let note = note else {
            return self.form(context, kind: kind, choices: choices, values: values, errors: errors.messages)
        }
        do {
            let result = try signedIn.database.propose(draft, note: note, died: died)
            return Views.seeOther("/proposals?created=\(result.id)" + (result.deathRecorded ? "&died=1" : ""))
        } catch let error as any ClerkFacingError where [.refused, .malformed].contains(error.kind) {
            return self.form(context, kind: kind, choices: choices, values: values,
                             errors: [Self.field(ofStorageError: error, kind: kind): error.message.text(language)])
        }
    }

    /// An id from a form's select: a number, or the page answers 404 (no option of the form sends anything else).
    static func id(_ text: String) throws -> Int64 {
        guard let id = Int64(text.hasPrefix("#") ? String(text.dropFirst()) : text), id > 0 else { throw ConsoleError.notFound }
        return id
    }

    /// The replacement typed by the clerk: `#12`, `12` or a citizen ID number (9 or 12 digits), within the scope.
    /// A number that finds no one the account may see is a field's message, never a hint about another commune.
    static func person(_ typed: String, in signedIn: SignedIn) throws -> Int64 {
        let compact = typed.filter { $0 != " " && $0 != "." }
        let notFound = RegistryError("replacement_not_found", .refused,
                                     vi: "Không tìm thấy người \(Inputs.shown(typed)); hãy ghi số hiệu (#12) hoặc số CCCD/CMND.",
                                     en: "No person \(Inputs.shown(typed)) found; give their id (#12) or citizen ID number.")
        var id: Int64?
        if !compact.hasPrefix("#"), compact.count == 9 || compact.count == 12, compact.allSatisfy({ $0.isASCII && $0.isNumber }) {
            id = try signedIn.database.searchPersonsInScope(compact, limit: 2).hits.first { $0.person.idNumber == compact }?.person.id
        } else if let number = Int64(compact.hasPrefix("#") ? String(compact.dropFirst()) : compact), number > 0 {
            id = try? signedIn.database.personInScope(number).id
        }
        guard let id else { throw notFound }
        return id
    }

    /// The form field a refusal of `propose` is about (the form's top for the others).
    static func field(ofStorageError error: any ClerkFacingError, kind: ProposalKind) -> String {
        let code = (error as? RegistryError)?.code ?? ""
        if code.contains("reason") { return "reason" }
        if code.contains("death") || code.contains("died") { return "died" }
        if code.contains("term") { return kind == .remove ? "effective" : "form" }
        if code.contains("village") || code.contains("rebind") || code.contains("merge") { return kind == .remove || kind == .replace ? "form" : "village" }
        if code.contains("text") { return "note" }
        return "form"
    }

    private func form(_ context: ConsoleContext, kind: ProposalKind, choices: UytinDatabase.ProposalChoices,
                      values: [String: String], errors: [String: String]) -> Response {
        let language = context.language
        let say = { (message: Message) in message.text(language) }
        let person = choices.person
        let villages: [[String: Any]] = choices.villages.map { village in
            ["value": String(village.id), "label": [village.name, village.commune].joined(separator: ", "),
             "selected": values["village"] == String(village.id)]
        }
        let targets: [[String: Any]] = choices.rebindTargets.map { village in
            ["value": String(village.id), "label": [village.name, village.commune].joined(separator: ", "),
             "selected": values["village"] == String(village.id)]
        }
        let reasons: [[String: Any]] = choices.reasons.map { reason in
            ["value": reason.code, "label": say(reason.label), "selected": values["reason"] == reason.code]
        }
        let replacements: [[String: Any]] = choices.replacements.map { candidate in
            ["value": String(candidate.id), "label": "\(candidate.name) (\(candidate.birthYear)), \(candidate.village) — #\(candidate.id)",
             "selected": values["by"] == String(candidate.id)]
        }
        let model = PersonPages.model([
            "kind": kind.rawValue, "kindLabel": say(kind.label), "personId": person.id, "personName": person.name,
            "personPlace": [person.village, person.commune].filter { !$0.isEmpty }.joined(separator: ", "),
            "stayVillage": choices.stayVillage.map { [$0.name, $0.commune].joined(separator: ", ") },
            "notListed": choices.stayVillage == nil && kind != .recognize,
            "pending": choices.pending.map { ["number": ProposalNumber.text($0.id), "kind": say($0.kind.label)] },
            "isRecognize": kind == .recognize, "isRemove": kind == .remove, "isReplace": kind == .replace, "isRebind": kind == .rebind,
            "villages": villages, "targets": targets, "hasTargets": !targets.isEmpty, "reasons": reasons,
            "replacements": replacements, "values": values, "errors": errors, "hasErrors": !errors.isEmpty,
            "formError": errors["form"],
        ])
        let title = say(Message(vi: "Đề nghị", en: "Proposal")) + ": " + say(kind.label).lowercased() + " — " + person.name
        return server.views.page("proposal-new", title: title, context: context,
                                  status: errors.isEmpty ? .ok : .unprocessableContent, model)
    }
}
