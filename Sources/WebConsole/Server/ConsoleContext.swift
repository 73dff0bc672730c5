import Foundation
import Hummingbird
import NIOCore
import HummingbirdAuth
import Registry
import Storage

/// What the console keeps between two requests of one browser: who signed in, the form token, and when the browser
/// was last seen (idle sessions end).
public struct ConsoleSession: Codable, Sendable {
    public var accountId: Int64
    public var login: String
    /// The token every form of this session carries back (`_csrf`).
    public var csrfToken: String
    public var lastSeen: Date
}

/// The signed-in account of a request, with the database acting for it within its scope.
public struct SignedIn: Sendable {
    public let account: Account
    public let scope: Scope
    /// The database, acting as this account: writes are audited under its login; reads and writes see its scope.
    public let database: UytinDatabase

    public func may(_ permission: Permission) -> Bool { account.role.permits(permission) }
}

/// The request context of every route: the session, the account, the language, and the form the middleware read.
public struct ConsoleContext: RequestContext, SessionRequestContext {
    public var coreContext: CoreRequestContextStorage
    public let sessions: SessionContext<ConsoleSession>
    /// Set by `SignInMiddleware`; nil on the sign-in page and the assets.
    public var signedIn: SignedIn?
    /// Vietnamese unless the browser chose English (`/lang`).
    public var language: Language = .vi
    /// The POSTed form, read and checked (size, CSRF token) by `FormMiddleware` before any handler runs.
    public var form: SubmittedForm = SubmittedForm()
    /// The token to put in this page's forms.
    public var csrfToken: String = ""
    /// True when the request came through a TLS proxy (cookies are then Secure).
    public var overTLS = false

    /// The connected peer (the proxy's, behind nginx).
    public let remoteAddress: SocketAddress?

    public init(source: Source) {
        coreContext = .init(source: source)
        sessions = .init()
        remoteAddress = source.channel.remoteAddress
    }

    /// Bodies are read by `FormMiddleware` under its own limits.
    public var maxUploadSize: Int { FormMiddleware.largestUpload }

    /// The signed-in account, or a redirect to the sign-in page.
    public func requireSignIn() throws -> SignedIn {
        guard let signedIn else { throw ConsoleError.signInRequired }
        return signedIn
    }

    /// The signed-in account if it may do this; otherwise 403 (a page of another role) — scope violations answer
    /// 404 from the storage queries instead.
    public func require(_ permission: Permission) throws -> SignedIn {
        let signedIn = try requireSignIn()
        guard signedIn.may(permission) else { throw ConsoleError.forbidden }
        return signedIn
    }
}
