import Demo
import Foundation
import Hummingbird
import HummingbirdTesting
import Registry
import Storage
import Testing
@testable import WebConsole

/// The demo province through 30/11/2026 with one account per role (`DemoAccounts`), built once per test run; each
/// test gets its own copy, so tests that write run side by side.
enum DemoConsole {
    static let template: String = {
        Passwords.cost = 4
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("uytin-web-\(getpid())-\(UUID().uuidString.prefix(8))")
        try! FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("demo.sqlite").path
        let database = try! UytinDatabase.open(path: path, actor: "demo", create: true)
        var demo = DemoProvince(database: database)
        _ = try! demo.tellStory(persons: DemoProvince.standardPersons, through: DemoProvince.storyEnd)
        let hash = try! Passwords.hash(DemoAccounts.password)
        for entry in DemoAccounts.all {
            _ = try! database.addAccount(login: entry.login, role: entry.role, communeCode: entry.communeCode, passwordHash: hash)
        }
        try! database.checkpoint()
        return path
    }()

    /// A fresh copy of the demo database, served by a new console (its own sessions and throttle).
    static func server(now: @escaping @Sendable () -> Date = Date.init) throws -> ConsoleServer {
        Passwords.cost = 4
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("uytin-web-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("uytin.sqlite").path
        try FileManager.default.copyItem(atPath: template, toPath: path)
        let database = try UytinDatabase.open(path: path, actor: "console", concurrentReaders: true)
        return try ConsoleServer(database: database, configuration: ConsoleConfiguration(databasePath: path), now: now)
    }

    /// Runs `body` with a browser on a fresh console.
    static func withBrowser<Value: Sendable>(now: @escaping @Sendable () -> Date = Date.init,
                                             _ body: @Sendable (inout Browser, ConsoleServer) async throws -> Value) async throws -> Value {
        let server = try server(now: now)
        let app = Application(router: server.router())
        return try await app.test(.router) { client in
            var browser = Browser(client: client)
            return try await body(&browser, server)
        }
    }
}

/// A page as the test browser received it.
struct Page: Sendable {
    let status: HTTPResponse.Status
    let headers: HTTPFields
    let body: String
    let bytes: [UInt8]

    /// The value of the first `name="_csrf"` field of the page.
    var csrfToken: String? {
        guard let range = body.range(of: #"name="_csrf" value=""#) else { return nil }
        return String(body[range.upperBound...].prefix { $0 != "\"" })
    }

    var location: String? { headers[.location] }

    func contains(_ text: String) -> Bool { body.contains(text) }
}

/// A browser without JavaScript: keeps cookies, follows nothing by itself, fills the form token from the last page.
struct Browser: Sendable {
    let client: any TestClientProtocol
    var cookies: [String: String] = [:]
    /// The form token of the last page read (or set by `signIn`).
    var csrfToken: String?

    init(client: any TestClientProtocol) {
        self.client = client
    }

    @discardableResult
    mutating func get(_ path: String, headers extra: HTTPFields = [:]) async throws -> Page {
        let page = try await send(path, method: .get, headers: extra, body: nil)
        if let token = page.csrfToken { csrfToken = token }
        return page
    }

    /// POSTs a url-encoded form; `_csrf` is added from the last page unless `csrf` says otherwise (nil: none).
    @discardableResult
    mutating func post(_ path: String, _ fields: [(String, String)], csrf: String?? = .none) async throws -> Page {
        var all = fields
        let token: String? = switch csrf { case .none: csrfToken; case .some(let given): given }
        if let token { all.append(("_csrf", token)) }
        let body = all.map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }.joined(separator: "&")
        return try await send(path, method: .post, headers: [.contentType: "application/x-www-form-urlencoded"], body: ByteBuffer(string: body))
    }

    /// POSTs a multipart form with one file.
    @discardableResult
    mutating func postMultipart(_ path: String, _ fields: [(String, String)], file: (field: String, name: String, type: String, content: [UInt8])?) async throws -> Page {
        let boundary = "----uytin\(UUID().uuidString)"
        var body: [UInt8] = []
        var all = fields
        if let token = csrfToken { all.append(("_csrf", token)) }
        for (name, value) in all {
            body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8)
        }
        if let file {
            body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(file.field)\"; filename=\"\(file.name)\"\r\nContent-Type: \(file.type)\r\n\r\n".utf8)
            body += file.content + Array("\r\n".utf8)
        }
        body += Array("--\(boundary)--\r\n".utf8)
        return try await send(path, method: .post, headers: [.contentType: "multipart/form-data; boundary=\(boundary)"], body: ByteBuffer(bytes: body))
    }

    /// Signs in through the form; returns the response (303 to the page asked for when it worked).
    @discardableResult
    mutating func signIn(_ login: String, password: String = DemoAccounts.password) async throws -> Page {
        try await get("/login")
        let page = try await post("/login", [("login", login), ("password", password), ("next", "/")])
        if page.status == .seeOther { try await get("/") }
        return page
    }

    private mutating func send(_ path: String, method: HTTPRequest.Method, headers extra: HTTPFields, body: ByteBuffer?) async throws -> Page {
        var headers = extra
        if !cookies.isEmpty { headers[.cookie] = cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ") }
        let response = try await client.execute(uri: path, method: method, headers: headers, body: body)
        for header in response.headers[values: .setCookie] {
            let pair = header.split(separator: ";")[0].split(separator: "=", maxSplits: 1)
            guard pair.count == 2 else { continue }
            let name = String(pair[0]).trimmingCharacters(in: .whitespaces)
            if header.contains("Max-Age=0") || header.contains("Expires=Thu, 01 Jan 1970") || pair[1].isEmpty {
                cookies[name] = nil
            } else {
                cookies[name] = String(pair[1])
            }
        }
        let bytes = Array(response.body.readableBytesView)
        return Page(status: response.status, headers: response.headers, body: String(decoding: bytes, as: UTF8.self), bytes: bytes)
    }

    static func encode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
    }
}
