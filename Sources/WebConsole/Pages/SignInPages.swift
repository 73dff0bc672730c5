import Foundation
import Hummingbird
import Registry

/// Signing in and out. A wrong login and a wrong password answer the same sentence; five failures for a login or
/// from an address lock it for 15 minutes; a new session (new id, new form token) starts at each sign-in.
struct SignInPages {
    let server: ConsoleServer

    func add(to router: Router<ConsoleContext>) {
        router.get("/login") { request, context -> Response in
            if context.signedIn != nil { return Views.seeOther("/") }
            let words = Words.table(context.language)
            let notice = request.uri.queryParameters.get("expired") != nil ? words["signIn.expired"]
                : request.uri.queryParameters.get("out") != nil ? words["signIn.signedOut"] : nil
            return form(context, next: request.uri.queryParameters.get("next") ?? "/", login: "", notice: notice, error: nil)
        }
        router.post("/login") { request, context -> Response in
            let login = context.form["login"] ?? ""
            let password = context.form.fields["password"]?.first ?? ""
            let next = context.form["next"].flatMap(SafeRedirect.path) ?? "/"
            let address = Self.address(request, context)
            let wait = await server.throttle.wait(login: login, address: address)
            if wait > 0 { throw ConsoleError.throttled(retryAfterSeconds: wait) }
            // bcrypt takes a quarter of a second on purpose: off the event loop, so other pages keep answering.
            let found = try server.database.credentials(login: login)
            let verified = try await Offload.run { found.map { Passwords.verify(password, hash: $0.passwordHash) } ?? false }
            guard let found, verified else {
                await server.throttle.failed(login: login, address: address)
                return form(context, next: next, login: login, notice: nil,
                            error: Words.table(context.language)["signIn.failed"], status: .unauthorized)
            }
            await server.throttle.succeeded(login: login)
            context.sessions.createSession(ConsoleSession(accountId: found.account.id, login: found.account.login,
                                                          csrfToken: Tokens.make(), lastSeen: server.now()),
                                           expiresIn: .seconds(Int64(SignInMiddleware.idleLimit)))
            return Views.seeOther(next)
        }
        router.post("/logout") { _, context -> Response in
            context.sessions.clearSession()
            return Views.seeOther("/login?out=1")
        }
    }

    private func form(_ context: ConsoleContext, next: String, login: String, notice: String?, error: String?,
                      status: HTTPResponse.Status = .ok) -> Response {
        server.views.page("login", title: Words.table(context.language)["signIn"] ?? "", context: context, status: status,
                           ["next": SafeRedirect.path(next) ?? "/", "login": login, "notice": notice as Any, "error": error as Any])
    }

    /// The client's address: the proxy's X-Real-IP when it came through one on this machine, else the socket's.
    static func address(_ request: Request, _ context: ConsoleContext) -> String {
        let socket = context.remoteAddress?.ipAddress ?? "?"
        if socket == "127.0.0.1" || socket == "::1", let real = request.headers[.init("X-Real-IP")!] { return real }
        return socket
    }
}
