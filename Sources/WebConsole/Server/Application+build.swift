import Foundation
import Hummingbird
import HummingbirdAuth
import Logging
import Registry
import Storage

/// How `uytin serve` runs.
public struct ConsoleConfiguration: Sendable {
    public var databasePath: String
    public var host: String
    public var port: Int
    /// Where downloads are written before they are sent, and signed decisions' PDFs kept: a folder beside the
    /// database (`<database>.files/`), never left by a download.
    public var filesFolder: String

    public init(databasePath: String, host: String = "127.0.0.1", port: Int = 8080, filesFolder: String? = nil) {
        self.databasePath = databasePath
        self.host = host
        self.port = port
        self.filesFolder = filesFolder ?? databasePath + ".files"
    }
}

/// What every page of the console shares: the database, the templates, the sign-in throttle, the clock.
public struct ConsoleServer: Sendable {
    public let database: UytinDatabase
    public let views: Views
    public let configuration: ConsoleConfiguration
    let throttle: LoginThrottle
    public let now: @Sendable () -> Date

    public init(database: UytinDatabase, configuration: ConsoleConfiguration, now: @escaping @Sendable () -> Date = Date.init) throws {
        self.database = database
        self.views = try Views()
        self.configuration = configuration
        self.throttle = LoginThrottle(now: now)
        self.now = now
    }

    /// The router with its middleware and every page, in one place.
    public func router() -> Router<ConsoleContext> {
        let router = Router(context: ConsoleContext.self)
        router.add(middleware: SecurityHeadersMiddleware())
        router.add(middleware: LanguageMiddleware())
        router.add(middleware: ConsoleSessionMiddleware(storage: MemoryPersistDriver()))
        router.add(middleware: SignInMiddleware(database: database, now: now))
        router.add(middleware: ErrorPageMiddleware(views: views))
        router.add(middleware: FormMiddleware())
        AssetPages.add(to: router)
        SignInPages(server: self).add(to: router)
        OverviewPage(server: self).add(to: router)
        OfficePages.add(server: self, to: router)
        PersonPages(server: self).add(to: router)
        ProposalPages(server: self).add(to: router)
        DecisionPages(server: self).add(to: router)
        ListPages(server: self).add(to: router)
        return router
    }

    /// The application, ready to run or to test.
    public func application(logger: Logger = Logger(label: "uytin.console")) -> some ApplicationProtocol {
        Application(router: router(),
                    configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "uytin"),
                    logger: logger)
    }

    /// Opens the database for concurrent readers and serves the console until the process is stopped.
    public static func serve(_ configuration: ConsoleConfiguration, ready: @escaping @Sendable (String) -> Void) async throws {
        let database = try UytinDatabase.open(path: configuration.databasePath, actor: "console", concurrentReaders: true)
        let server = try ConsoleServer(database: database, configuration: configuration)
        var logger = Logger(label: "uytin.console")
        logger.logLevel = .info
        let app = Application(router: server.router(),
                              configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "uytin"),
                              onServerRunning: { _ in ready("http://\(configuration.host):\(configuration.port)/") },
                              logger: logger)
        try await app.runService()
    }
}

/// The stylesheet and the one small script, served by uytin itself (no CDN; the office may be offline).
enum AssetPages {
    static func add(to router: Router<ConsoleContext>) {
        router.get("/assets/:name") { _, context -> Response in
            guard let name = context.parameters.get("name"), let text = EmbeddedFiles.assets[name] else { throw ConsoleError.notFound }
            let type = name.hasSuffix(".css") ? "text/css; charset=utf-8" : name.hasSuffix(".js") ? "text/javascript; charset=utf-8" : "image/svg+xml"
            var response = Response(status: .ok, headers: [.contentType: type], body: .init(byteBuffer: ByteBuffer(string: text)))
            response.headers[.cacheControl] = "max-age=3600"
            return response
        }
        router.get("/health") { _, _ in "ok" }
        router.get("/lang") { request, context -> Response in
            let language = request.uri.queryParameters.get("to") == "en" ? "en" : "vi"
            let back = request.uri.queryParameters.get("back").flatMap(SafeRedirect.path) ?? "/"
            var response = Views.seeOther(back)
            response.setCookie(Cookie(name: LanguageMiddleware.cookieName, value: language, maxAge: 365 * 86400, path: "/",
                                      secure: context.overTLS, httpOnly: true, sameSite: .lax))
            return response
        }
    }
}

/// A redirect target from a query string is a path of this console, never another site.
enum SafeRedirect {
    static func path(_ text: String) -> String? {
        guard text.hasPrefix("/"), !text.hasPrefix("//"), !text.contains("\\"), !text.contains("\r"), !text.contains("\n") else { return nil }
        return text
    }
}
