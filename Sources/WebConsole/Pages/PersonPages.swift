import Foundation
import Hummingbird
import Registry
import Scheduler
import Storage
import VietnameseCalendar

/// Người có uy tín: search as you type (accent-insensitive, by name or citizen ID), a person's page (record, stays
/// across terms, benefits, corrections, proposals, history) and registering a nominee. Everything goes through the
/// signed-in account's database handle, so a person outside a commune officer's commune is simply not found.
struct PersonPages {
    let server: ConsoleServer

    /// The most persons one search shows.
    static let searchLimit = 50

    func add(to router: Router<ConsoleContext>) {
        router.get("/persons") { request, context -> Response in
            let signedIn = try context.require(.read)
            let query = request.uri.queryParameters.get("q") ?? ""
            let results = try Self.results(query, signedIn: signedIn)
            if request.uri.queryParameters.get("partial") == "1" {
                return Views.html(server.views.renderAlone("persons-results", context: context, results))
            }
            let words = Words.table(context.language)
            var page = results
            page["q"] = query
            page["canAdd"] = signedIn.may(.editPersons)
            if signedIn.scope.communeCode != nil { page["scopeCommune"] = signedIn.account.communeName }
            return server.views.page("persons", title: words["menu.persons"] ?? "", context: context, page)
        }
        router.get("/persons/new") { _, context -> Response in
            let signedIn = try context.require(.editPersons)
            return try form(context, signedIn: signedIn, values: [:], errors: [:])
        }
        router.post("/persons") { _, context -> Response in
            let signedIn = try context.require(.editPersons)
            return try register(context, signedIn: signedIn)
        }
        router.get("/persons/:id") { request, context -> Response in
            let signedIn = try context.require(.read)
            guard let id = context.parameters.get("id").flatMap(Int64.init), id > 0 else { throw ConsoleError.notFound }
            let record = try signedIn.database.personRecord(id)
            let added = request.uri.queryParameters.get("added") != nil
            let duplicates = (request.uri.queryParameters.get("dup") ?? "").split(separator: ",").compactMap { Int64($0) }.prefix(20)
            return server.views.page("person", title: record.person.name, context: context,
                                      Self.personModel(record, signedIn: signedIn, language: context.language, added: added,
                                                       duplicates: Array(duplicates)))
        }
    }

    // MARK: search

    /// The results fragment's model: shared by the full page and the `partial=1` answer the script asks for.
    static func results(_ query: String, signedIn: SignedIn) throws -> [String: Any] {
        let trimmed = query.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { return ["typeSomething": true] }
        let found = try signedIn.database.searchPersonsInScope(trimmed, limit: searchLimit)
        let hits: [[String: Any]] = found.hits.map { hit in
            Self.model([
                "id": hit.person.id, "name": hit.person.name, "birthYear": hit.person.birthYear, "ethnic": hit.person.ethnicGroup,
                "village": hit.person.village, "commune": hit.person.commune, "onList": hit.onList,
                "died": hit.person.deathDate?.vietnamese,
            ])
        }
        var model: [String: Any] = ["hits": hits, "more": found.more]
        if hits.isEmpty {
            model["none"] = true
            if trimmed.allSatisfy({ $0.isNumber || $0 == " " || $0 == "." }),
               trimmed.filter(\.isNumber).count < UytinDatabase.citizenIDPrefixLength {
                model["none"] = nil
                model["typeSomething"] = true
            }
        } else {
            model["hasHits"] = true
        }
        return model
    }

    /// A template's model without its missing values: a dictionary's nil would render as the text "nil" and open
    /// its section, so a value that is not there is left out.
    static func model(_ values: [String: Any?]) -> [String: Any] { values.compactMapValues { $0 } }

    // MARK: a person's page

    static func personModel(_ record: UytinDatabase.PersonRecord, signedIn: SignedIn, language: Language, added: Bool,
                            duplicates: [Int64]) -> [String: Any] {
        let person = record.person
        let say = { (message: Message) in message.text(language) }
        let setting = try? signedIn.database.setting()
        let stays: [[String: Any]] = record.stays.map { stay in
            let started = stay.startDecision.map { number in
                number + (stay.startDecidedOn.map { " (\($0.vietnamese))" } ?? "")
            } ?? stay.startBasis ?? ""
            let ended = stay.endDecision.map { number in
                number + (stay.endDecidedOn.map { " (\($0.vietnamese))" } ?? "")
            } ?? stay.endBasis ?? ""
            return Self.model([
                "village": stay.village, "commune": stay.commune, "from": stay.from.vietnamese,
                "until": stay.until?.vietnamese, "term": setting?.terms.term(of: stay.from)?.label ?? "",
                "started": started, "ended": ended,
                "reason": stay.endReason.map { say(Self.endReasonLabel($0)) } ?? "",
            ])
        }
        let benefits: [[String: Any]] = record.entitlements.map { entitlement in
            [
                "kind": say(entitlement.kind.label), "period": entitlement.period, "occasion": entitlement.occasionDate.vietnamese,
                "due": entitlement.dueDate.vietnamese, "amount": Money.format(entitlement.amount),
                "status": say(entitlement.status.label), "delivered": entitlement.deliveredOn?.vietnamese ?? "",
            ]
        }
        let corrections: [[String: Any]] = record.corrections.map { item in
            [
                "date": item.correction.on.vietnamese, "field": say(item.correction.field.label), "old": item.correction.oldValue,
                "new": item.correction.newValue, "reason": item.reason, "by": item.correctedBy,
            ]
        }
        let events: [[String: Any]] = record.events.map { ["date": $0.date.vietnamese, "text": say($0.text)] }
        var actions: [[String: Any]] = []
        if signedIn.may(.propose), record.withdrawnOn == nil {
            let listed = record.onList || record.stays.contains { $0.until == nil }
            let kinds: [ProposalKind] = listed ? [.remove, .replace, .rebind] : (person.deathDate == nil ? [.recognize] : [])
            actions = kinds.map { ["href": "/proposals/new?kind=\($0.rawValue)&person=\(person.id)", "label": say($0.label)] }
        }
        var details: [[String: Any]] = [
            ["label": say(Message(vi: "Số hiệu", en: "Id")), "value": "#\(person.id)"],
            ["label": say(Message(vi: "Giới tính", en: "Sex")), "value": say(person.gender.label)],
            ["label": say(Message(vi: "Sinh", en: "Born")), "value": person.birthDate?.vietnamese ?? String(person.birthYear)],
            ["label": say(Message(vi: "Dân tộc", en: "Ethnic group")), "value": "\(person.ethnicGroup) (\(person.ethnicCode))"],
            ["label": say(Message(vi: "Thôn", en: "Village")), "value": person.village],
            ["label": say(Message(vi: "Xã, huyện", en: "Commune, district")),
             "value": [person.commune, person.district].filter { !$0.isEmpty }.joined(separator: ", ")],
            ["label": say(Message(vi: "Thành phần", en: "Roles")), "value": person.roles.map { say($0.label) }.joined(separator: ", ")],
            ["label": say(Message(vi: "Số CCCD/CMND", en: "Citizen ID")), "value": person.idNumber ?? ""],
            ["label": say(Message(vi: "Điện thoại", en: "Phone")), "value": person.phone ?? ""],
            ["label": say(Message(vi: "Trạng thái", en: "Status")),
             "value": say(record.onList ? Message(vi: "Có tên trong danh sách hôm nay", en: "On the list today")
                                        : Message(vi: "Không có tên trong danh sách hôm nay", en: "Not on the list today"))],
        ]
        if let died = person.deathDate {
            details.append(["label": say(Message(vi: "Từ trần", en: "Died")), "value": died.vietnamese])
        }
        if let withdrawn = record.withdrawnOn {
            details.append(["label": say(Message(vi: "Hồ sơ trùng đã rút", en: "Withdrawn duplicate")),
                            "value": "\(withdrawn.vietnamese): \(record.withdrawReason ?? "")"])
        }
        return [
            "id": person.id, "details": details, "added": added,
            "duplicates": duplicates.map { ["id": $0] }, "hasDuplicates": !duplicates.isEmpty,
            "actions": actions, "hasActions": !actions.isEmpty,
            "stays": stays, "hasStays": !stays.isEmpty,
            "benefits": benefits, "hasBenefits": !benefits.isEmpty, "moreBenefits": record.moreEntitlements,
            "corrections": corrections, "hasCorrections": !corrections.isEmpty,
            "proposals": ProposalPages.rows(record.proposals, language: language), "hasProposals": !record.proposals.isEmpty,
            "events": events,
        ]
    }

    /// Why a stay ended, as a person reads it.
    static func endReasonLabel(_ code: String) -> Message {
        switch code {
        case "replaced": Message(vi: "được thay thế", en: "replaced")
        case "rebound": Message(vi: "gắn lại thôn sau sáp nhập", en: "re-bound after a merger")
        case "term_end": Message(vi: "hết giai đoạn", en: "end of the term")
        case "reorganized": Message(vi: "sắp xếp lại đơn vị hành chính", en: "reorganisation of the map")
        default: RemovalReason.shipped.first { $0.code == code }?.label ?? Message(vi: code, en: code)
        }
    }

    // MARK: registering

    /// The fields of the registration form, as `uytin person add` takes them.
    static let fields = ["name", "gender", "birth", "ethnic", "village", "idNumber", "phone"]

    private func register(_ context: ConsoleContext, signedIn: SignedIn) throws -> Response {
        let form = context.form
        let language = context.language
        var values: [String: String] = [:]
        for field in Self.fields { values[field] = form[field] ?? "" }
        let roles = form.all("roles")
        var errors = RegistryFormErrors(language: language)
        let name = errors.check("name") { () throws -> String in
            guard let typed = form["name"] else { throw RegistryFormErrors.required }
            return try Inputs.name(VietnameseText.titleCased(typed) ?? typed, field: Message(vi: "Họ và tên", en: "Name"))
        }
        let gender = errors.check("gender") { () throws -> Gender in
            guard let typed = form["gender"] else { throw RegistryFormErrors.required }
            guard let gender = Gender(parsing: typed) else { throw RegistryFormErrors.required }
            return gender
        }
        let born = errors.check("birth") { () throws -> (year: Int, date: Day?) in
            guard let typed = form["birth"] else { throw RegistryFormErrors.required }
            guard (typed.count == 4 && Int(typed) != nil) || Day.looksLikeDate(typed) else {
                throw RegistryError("malformed_birth", .malformed, vi: "Cần năm sinh (1957) hoặc ngày sinh (02/03/1957).",
                                    en: "Give a birth year (1957) or date (02/03/1957).")
            }
            return try Inputs.birth(typed, today: Day.todayInVietnam())
        }
        let ethnicCode = errors.check("ethnic") { () throws -> String in
            guard let typed = form["ethnic"] else { throw RegistryFormErrors.required }
            return try signedIn.database.ethnicCode(for: typed)
        }
        let villageId = errors.check("village") { () throws -> Int64 in
            guard let typed = form["village"] else { throw RegistryFormErrors.required }
            // A village id that is not a number names no village: the same answer as one outside the scope.
            guard let id = Int64(typed), id > 0 else { throw ConsoleError.notFound }
            return id
        }
        let idNumber = errors.check("idNumber") { () throws -> String? in
            guard let typed = form["idNumber"] else { return nil }
            guard let gender, let born else { return typed }
            return try CitizenID.validate(typed, gender: gender, birthYear: born.year)
        }
        let phone = errors.check("phone") { () throws -> String? in try form["phone"].map(Inputs.phone) }
        let parsedRoles = errors.check("roles") { () throws -> [Role] in
            try roles.map { code in
                guard let role = Role(rawValue: code) else { throw RegistryFormErrors.required }
                return role
            }
        }
        if errors.notFound { throw ConsoleError.notFound }
        guard errors.isEmpty, let name, let gender, let born, let ethnicCode, let villageId, let idNumber, let phone, let parsedRoles else {
            return try self.form(context, signedIn: signedIn, values: values, roles: roles, errors: errors.messages)
        }
        let person = NewPerson(name: name, gender: gender, birthYear: born.year, birthDate: born.date, ethnicCode: ethnicCode,
                               villageId: villageId, idNumber: idNumber, roles: parsedRoles, phone: phone)
        do {
            let result = try signedIn.database.addPerson(person)
            let duplicates = result.possibleDuplicates.isEmpty ? "" : "&dup=" + result.possibleDuplicates.map(String.init).joined(separator: ",")
            return Views.seeOther("/persons/\(result.id)?added=1" + duplicates)
        } catch let error as any ClerkFacingError where [.refused, .malformed].contains(error.kind) {
            let field = Self.field(ofStorageError: error)
            return try self.form(context, signedIn: signedIn, values: values, roles: roles,
                            errors: [field: error.message.text(language)])
        }
    }

    /// The form field a refusal of `addPerson` is about (the form's top for the others).
    static func field(ofStorageError error: any ClerkFacingError) -> String {
        let code = (error as? RegistryError)?.code ?? ""
        if code.contains("citizen") || code.contains("id_number") { return "idNumber" }
        if code.contains("village") { return "village" }
        if code.contains("ethnic") { return "ethnic" }
        if code.contains("birth") || code.contains("age") { return "birth" }
        if code.contains("phone") { return "phone" }
        if code.contains("text") || code.contains("name") { return "name" }
        return "form"
    }

    private func form(_ context: ConsoleContext, signedIn: SignedIn, values: [String: String], roles: [String] = [],
                      errors: [String: String]) throws -> Response {
        let language = context.language
        let words = Words.table(language)
        let ethnic = try signedIn.database.ethnicGroups().map { group -> [String: Any] in
            ["value": group.name, "label": group.name, "selected": values["ethnic"] == group.name]
        }
        let villages = try signedIn.database.villagesInScope()
        var groups: [[String: Any]] = []
        for village in villages {
            let option: [String: Any] = ["value": String(village.id), "label": village.name, "selected": values["village"] == String(village.id)]
            let commune = [village.commune, village.district].filter { !$0.isEmpty }.joined(separator: ", ")
            if var last = groups.last, last["commune"] as? String == commune {
                last["options"] = (last["options"] as? [[String: Any]] ?? []) + [option]
                groups[groups.count - 1] = last
            } else {
                groups.append(["commune": commune, "options": [option]])
            }
        }
        let genders: [[String: Any]] = Gender.allCases.map {
            ["value": $0.rawValue, "label": $0.label.text(language), "selected": values["gender"] == $0.rawValue]
        }
        let roleChoices: [[String: Any]] = Role.allCases.map {
            ["value": $0.rawValue, "label": $0.label.text(language), "checked": roles.contains($0.rawValue)]
        }
        return server.views.page("person-new", title: words["newPersonTitle"] ?? "", context: context,
                                  status: errors.isEmpty ? .ok : .unprocessableContent,
                                  Self.model(["values": values, "errors": errors, "hasErrors": !errors.isEmpty, "ethnicGroups": ethnic,
                                              "villageGroups": groups, "genders": genders, "roles": roleChoices,
                                              "formError": errors["form"]]))
    }
}

/// The messages of a form's fields, filled while each field is read; a page re-renders the form with them (422).
struct RegistryFormErrors {
    /// A field left blank, or a choice that is none of the form's.
    struct Required: Error {}
    static let required = Required()

    let language: Language
    private(set) var messages: [String: String] = [:]
    /// A reference (an id) that names nothing the account may see: the page answers 404 rather than a form.
    private(set) var notFound = false

    init(language: Language) {
        self.language = language
    }

    var isEmpty: Bool { messages.isEmpty }

    /// Reads one field; its failure is kept as the field's message and nil returned.
    mutating func check<Value>(_ field: String, _ read: () throws -> Value) -> Value? {
        do {
            return try read()
        } catch is Required {
            messages[field] = Words.table(language)["fieldRequired"] ?? ""
        } catch let error as ConsoleError where error == .notFound {
            notFound = true
        } catch let error as any ClerkFacingError where error.kind == .notFound {
            notFound = true
        } catch let error as any ClerkFacingError {
            messages[field] = error.message.text(language)
        } catch {
            messages[field] = Words.table(language)["fieldRequired"] ?? ""
        }
        return nil
    }

    mutating func set(_ field: String, _ message: String) { messages[field] = message }
}

extension Views {
    /// A template rendered alone, without the layout: the fragment a page's script swaps in (`partial=1`). The model
    /// sees the words (`t`) as a page does.
    func renderAlone(_ name: String, context: ConsoleContext, _ model: [String: Any]) -> String {
        var model = model
        model["t"] = Words.table(context.language)
        model["csrf"] = context.csrfToken
        return library.render(model, withTemplate: name) ?? ""
    }
}
