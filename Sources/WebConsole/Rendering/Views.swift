import Foundation
import Hummingbird
import Mustache
import Registry

/// The console's templates, parsed once at start. Every page is a template that fills the `layout` parent's blocks;
/// `{{x}}` escapes HTML, so a name typed by a clerk is never markup.
public struct Views: Sendable {
    let library: MustacheLibrary

    public init() throws {
        var library = MustacheLibrary()
        for (name, text) in EmbeddedFiles.templates.sorted(by: { $0.key < $1.key }) {
            try library.register(text, named: name)
        }
        self.library = library
    }

    /// A page: the template `name` rendered with the layout's fields (menu, account, words, form token) and `page`.
    public func page(_ name: String, title: String, context: ConsoleContext, status: HTTPResponse.Status = .ok,
                     _ page: Any = [String: String]()) -> Response {
        let words = Words.table(context.language)
        let model: [String: Any] = [
            "title": title,
            // Mustache reads a dot as a nested lookup: the dotted key "app.name" cannot be `{{t.app.name}}`.
            "appName": words["app.name"] ?? "",
            "t": words,
            "lang": context.language.rawValue,
            "otherLang": context.language == .vi ? "en" : "vi",
            "otherLangName": context.language == .vi ? "English" : "Tiếng Việt",
            "csrf": context.csrfToken,
            "account": context.signedIn.map { signedIn -> [String: Any] in
                ["login": signedIn.account.login, "role": signedIn.account.role.name.text(context.language),
                 "commune": signedIn.account.communeName as Any]
            } as Any,
            "menu": Menu.items(for: context.signedIn, language: context.language),
            "page": page,
        ]
        let html = library.render(Self.presentable(model), withTemplate: name) ?? ""
        return Self.html(html, status: status)
    }

    /// An HTML response that is never cached (a page shows personal data).
    public static func html(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        var response = Response(status: status, headers: [.contentType: "text/html; charset=utf-8"],
                                body: .init(byteBuffer: ByteBuffer(string: text)))
        response.headers[.cacheControl] = "no-store"
        return response
    }

    /// A redirect after a form (303: the browser then GETs the page).
    public static func seeOther(_ location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location])
    }
}

/// The menu of the layout: the pages an account's role may open, the current one marked.
enum Menu {
    struct Item {
        let href: String
        let label: String
    }

    static func items(for signedIn: SignedIn?, language: Language) -> [Item] {
        guard let signedIn else { return [] }
        let words = Words.table(language)
        var items: [(String, String, Permission)] = [
            ("/", "menu.overview", .read),
            ("/persons", "menu.persons", .read),
            ("/proposals", "menu.proposals", .read),
            ("/decisions", "menu.decisions", .readAudit),
            ("/lists", "menu.lists", .readAudit),
            ("/benefits", "menu.benefits", .readAudit),
            ("/calendar", "menu.calendar", .read),
            ("/audit", "menu.audit", .readAudit),
        ]
        if signedIn.may(.manageAccounts) { items.append(("/accounts", "menu.accounts", .manageAccounts)) }
        return items.filter { signedIn.may($0.2) }.map { Item(href: $0.0, label: words[$0.1] ?? $0.1) }
    }
}
