import Foundation
import Hummingbird

/// Reads every POST's body once, under a size limit, and refuses it unless it carries the page's form token
/// (`_csrf`): no handler can forget the check. The parsed form is left in `context.form`.
struct FormMiddleware: RouterMiddleware {
    typealias Context = ConsoleContext

    /// The largest body accepted: a signed decision's PDF (10 MiB) and its form.
    static let largestUpload = 10 << 20 + 64 << 10
    /// The largest body without a file.
    static let largestForm = 256 << 10

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard request.method == .post else { return try await next(request, context) }
        var request = request
        var context = context
        let contentType = request.headers[.contentType] ?? ""
        let boundary = FormParser.boundary(contentType: contentType)
        let limit = boundary == nil ? Self.largestForm : Self.largestUpload
        if let length = request.headers[.contentLength].flatMap(Int.init), length > limit { throw ConsoleError.tooLarge(limitBytes: limit) }
        let body: ByteBuffer
        do {
            body = try await request.collectBody(upTo: limit)
        } catch {
            throw ConsoleError.tooLarge(limitBytes: limit)
        }
        let bytes = Array(body.readableBytesView)
        if let boundary {
            guard let form = FormParser.multipart(bytes, boundary: boundary) else {
                throw ConsoleError.badForm(field: "", .init(vi: "Biểu mẫu gửi lên không đọc được.", en: "The form sent cannot be read."))
            }
            context.form = form
        } else {
            context.form = FormParser.urlEncoded(String(decoding: bytes, as: UTF8.self))
        }
        guard let token = context.form["_csrf"], !context.csrfToken.isEmpty,
              Self.constantTimeEqual(Array(token.utf8), Array(context.csrfToken.utf8)) else {
            throw ConsoleError.csrfRefused
        }
        return try await next(request, context)
    }

    static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        return zip(a, b).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}

/// Random tokens for sessions' forms.
enum Tokens {
    static func make() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<32).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
    }
}
