import Composition
import Foundation
import Hummingbird
import Registry
import Storage

/// Nhật ký: the audit log newest first, a page at a time (paged by row id), filtered by actor and action; and the
/// verification of its hash chain, with an anchor noted down earlier, as `uytin audit verify [--anchor]` does.
struct AuditPages {
    let server: ConsoleServer

    /// Rows on a page.
    static let pageSize = 50

    func add(to router: Router<ConsoleContext>) {
        router.get("/audit") { request, context -> Response in
            let signedIn = try context.require(.readAudit)
            let query = request.uri.queryParameters
            // Ids in the query are row ids: anything else is no page.
            func id(_ name: String) throws -> Int64? {
                guard let text = query.get(name) else { return nil }
                guard let id = Int64(text), id >= 0 else { throw ConsoleError.notFound }
                return id
            }
            let filter = UytinDatabase.AuditFilter(actor: Self.blankless(query.get("actor")), action: Self.blankless(query.get("action")))
            return try page(context, signedIn, filter: filter, before: try id("before"), after: try id("after"))
        }

        router.post("/audit/verify") { _, context -> Response in
            let signedIn = try context.require(.readAudit)
            let words = Words.table(context.language)
            let text = context.form["anchor"]
            var anchor: UytinDatabase.AuditAnchor?
            if let text {
                // As `audit verify --anchor` reads it: ROW:HASH, at least 16 hexadecimal digits.
                guard let parsed = UytinDatabase.AuditAnchor(parsing: text) else {
                    return try page(context, signedIn, filter: .init(), anchorText: text,
                                    verifyError: Words.message("auditBadAnchor").text(context.language), status: .unprocessableContent)
                }
                anchor = parsed
            }
            let database = signedIn.database
            let checked = anchor
            let result = try await Offload.run { try database.verifyAudit(anchor: checked) }
            var verification: [String: Any] = ["ok": result.ok, "rows": result.rows]
            if result.ok {
                verification["head"] = result.lastHash.map { "\(result.rows):\($0.prefix(16))" } ?? "-"
                verification["anchor"] = anchor.map { "\(words["auditAnchorHeld"] ?? "") #\($0.id)" } as Any
            } else {
                verification["badRow"] = result.firstBadRow ?? 0
                verification["holdsThrough"] = max((result.firstBadRow ?? 1) - 1, 0)
                verification["problem"] = result.problem?.text(context.language) ?? ""
            }
            return try page(context, signedIn, filter: .init(), anchorText: text, verification: verification)
        }
    }

    /// A query field with something in it.
    static func blankless(_ text: String?) -> String? {
        guard let text = text?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
        return String(text.prefix(100))
    }

    private func page(_ context: ConsoleContext, _ signedIn: SignedIn, filter: UytinDatabase.AuditFilter, before: Int64? = nil,
                      after: Int64? = nil, anchorText: String? = nil, verifyError: String? = nil,
                      verification: [String: Any]? = nil, status: HTTPResponse.Status = .ok) throws -> Response {
        let language = context.language
        let words = Words.table(language)
        let database = signedIn.database
        let found = try database.auditPage(filter, before: before, after: after, limit: Self.pageSize)
        var filterQuery = ""
        if let actor = filter.actor { filterQuery += "&actor=" + Self.encoded(actor) }
        if let action = filter.action { filterQuery += "&action=" + Self.encoded(action) }
        let actions = Set(try database.recentAuditActions()).union(filter.action.map { [$0] } ?? []).sorted()
        let model: [String: Any] = [
            "rows": found.entries.map { entry -> [String: Any] in
                ["id": entry.id, "at": Wording.vietnamTime(entry.at), "actor": entry.actor,
                 "action": AuditWording.action(entry.action, language), "code": entry.action,
                 "entity": AuditWording.entity(entry.entity, entry.entityId, language),
                 "decision": entry.decisionId.map { "#\($0)" } as Any,
                 "detail": AuditWording.detail(entry.detail, language), "hash": String(entry.hash.prefix(16))]
            },
            "empty": found.entries.isEmpty,
            "older": found.olderBefore.map { "/audit?before=\($0)" + filterQuery } as Any,
            "newer": found.newerAfter.map { "/audit?after=\($0)" + filterQuery } as Any,
            "newest": (before != nil || after != nil ? "/audit?" + String(filterQuery.dropFirst()) : nil) as String? as Any,
            "actor": filter.actor ?? "",
            "actions": actions.map { code -> [String: Any] in
                ["code": code, "label": AuditWording.action(code, language), "selected": code == filter.action]
            },
            "anchorText": anchorText ?? "", "verifyError": verifyError as Any, "verification": verification as Any,
        ]
        return server.views.page("audit", title: words["menu.audit"] ?? "", context: context, status: status, model)
    }

    /// A value for a query string.
    static func encoded(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
    }
}
