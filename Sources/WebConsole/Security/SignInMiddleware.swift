import Foundation
import Hummingbird
import HummingbirdAuth
import Registry
import Storage

/// Finds who is signed in: the session's account, looked up again on every request (a disabled account is out at
/// its next click), its scope, and the database acting as it. Ends a session idle for 30 minutes. Pages other than
/// the sign-in page and the assets need an account: a browser is sent to sign in, and comes back after.
struct SignInMiddleware: RouterMiddleware {
    typealias Context = ConsoleContext

    static let idleLimit: TimeInterval = 30 * 60
    /// The cookie that carries the form token before signing in (the sign-in form's own CSRF protection).
    static let anonymousTokenCookie = "uytin_form"

    let database: UytinDatabase
    let now: @Sendable () -> Date

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        context.overTLS = request.headers[.init("X-Forwarded-Proto")!]?.lowercased() == "https"
        var expired = false
        if let session = context.sessions.session {
            if now().timeIntervalSince(session.lastSeen) > Self.idleLimit {
                context.sessions.clearSession()
                expired = true
            } else if let found = try database.credentials(login: session.login), found.account.id == session.accountId {
                context.signedIn = SignedIn(account: found.account, scope: found.scope,
                                            database: database.acting(asAccount: found.account.login, scope: found.scope))
                context.csrfToken = session.csrfToken
                var seen = session
                seen.lastSeen = now()
                _ = context.sessions.updateSession(seen, expiresIn: .seconds(Int64(Self.idleLimit)))
            } else {
                context.sessions.clearSession()
            }
        }
        var newAnonymousToken: String?
        if context.signedIn == nil {
            if let token = request.cookies[Self.anonymousTokenCookie]?.value, token.count == 64 {
                context.csrfToken = token
            } else {
                newAnonymousToken = Tokens.make()
                context.csrfToken = newAnonymousToken!
            }
            if !Self.isPublic(request.uri.path) {
                var response: Response
                if request.method == .get, request.uri.path != "/" || expired {
                    let back = request.uri.path + (request.uri.query.map { "?" + $0 } ?? "")
                    response = Views.seeOther("/login?next=" + (back.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "/")
                                              + (expired ? "&expired=1" : ""))
                } else {
                    response = Views.seeOther(expired ? "/login?expired=1" : "/login")
                }
                if let token = newAnonymousToken { response.setCookie(Self.tokenCookie(token, secure: context.overTLS)) }
                return response
            }
        }
        var response = try await next(request, context)
        if let token = newAnonymousToken { response.setCookie(Self.tokenCookie(token, secure: context.overTLS)) }
        return response
    }

    static func isPublic(_ path: String) -> Bool {
        path == "/login" || path.hasPrefix("/assets/") || path == "/lang" || path == "/health"
    }

    static func tokenCookie(_ token: String, secure: Bool) -> Cookie {
        Cookie(name: anonymousTokenCookie, value: token, path: "/", secure: secure, httpOnly: true, sameSite: .strict)
    }
}

/// The session cookie: HttpOnly and SameSite=Lax always, Secure when the request came through the TLS proxy. Two
/// session middlewares share one store and differ only in that flag.
struct ConsoleSessionMiddleware: RouterMiddleware {
    typealias Context = ConsoleContext
    static let cookieName = "uytin_session"

    let plain: SessionMiddleware<ConsoleContext>
    let secure: SessionMiddleware<ConsoleContext>

    init(storage: any PersistDriver) {
        func middleware(secure: Bool) -> SessionMiddleware<ConsoleContext> {
            let parameters = SessionCookieParameters(name: Self.cookieName, path: "/", secure: secure, sameSite: .lax)
            return SessionMiddleware(sessionStorage: SessionStorage(storage, configuration: .init(sessionCookieParameters: parameters)),
                                     defaultSessionExpiration: .seconds(Int64(SignInMiddleware.idleLimit)))
        }
        plain = middleware(secure: false)
        secure = middleware(secure: true)
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let overTLS = request.headers[.init("X-Forwarded-Proto")!]?.lowercased() == "https"
        return try await (overTLS ? secure : plain).handle(request, context: context, next: next)
    }
}

/// Headers every response carries: nothing from elsewhere runs or frames the console.
struct SecurityHeadersMiddleware: RouterMiddleware {
    typealias Context = ConsoleContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        response.headers[.init("Content-Security-Policy")!] =
            "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
        response.headers[.init("X-Content-Type-Options")!] = "nosniff"
        response.headers[.init("X-Frame-Options")!] = "DENY"
        response.headers[.init("Referrer-Policy")!] = "same-origin"
        return response
    }
}

/// The language: Vietnamese unless the browser chose English with the switch (a cookie).
struct LanguageMiddleware: RouterMiddleware {
    typealias Context = ConsoleContext
    static let cookieName = "uytin_lang"

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        context.language = request.cookies[Self.cookieName]?.value == "en" ? .en : .vi
        return try await next(request, context)
    }
}
