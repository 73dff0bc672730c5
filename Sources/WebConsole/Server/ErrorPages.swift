import Foundation
import Hummingbird
import Logging
import Registry

/// Turns every failure into a page in the clerk's language, with the one status table of the console: a refused
/// rule is 422, busy is 503 ("thử lại"), a record outside the account's scope is 404. No stack trace or SQL is ever
/// shown; an unexpected fault gets an incident code, and the log has the details under it.
struct ErrorPageMiddleware: RouterMiddleware {
    typealias Context = ConsoleContext
    let views: Views

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            return page(for: error, request: request, context: context)
        }
    }

    func page(for error: any Error, request: Request, context: Context) -> Response {
        let words = Words.table(context.language)
        let (status, message) = Self.describe(error, words: words, language: context.language)
        if case ConsoleError.signInRequired = error { return Views.seeOther("/login") }
        var shown = message
        if status == .internalServerError {
            let incident = String(Tokens.make().prefix(8))
            context.logger.error("incident \(incident): \(request.method) \(request.uri.path): \(String(reflecting: error))")
            shown = (words["error.internal"] ?? "") + " " + incident
        }
        var response = views.page("error", title: words["error.title"] ?? "", context: context, status: status,
                                  ["message": shown, "status": Int(status.code), "back": request.method == .get ? "/" : (request.headers[.referer] ?? "/")])
        if status == .serviceUnavailable { response.headers[.retryAfter] = "5" }
        if case ConsoleError.throttled(let seconds) = error { response.headers[.retryAfter] = String(seconds) }
        return response
    }

    /// The status and the sentence for a failure: the one mapping of the console.
    static func describe(_ error: any Error, words: [String: String], language: Language) -> (HTTPResponse.Status, String) {
        switch error {
        case let error as ConsoleError:
            switch error {
            case .signInRequired: return (.unauthorized, words["signIn"] ?? "")
            case .forbidden: return (.forbidden, words["error.forbidden"] ?? "")
            case .notFound: return (.notFound, words["error.notFound"] ?? "")
            case .csrfRefused: return (.forbidden, words["error.csrf"] ?? "")
            case .throttled(let seconds): return (.tooManyRequests, (words["error.throttled"] ?? "") + " \((seconds + 59) / 60)")
            case .tooLarge(let limit): return (.contentTooLarge, (words["error.tooLarge"] ?? "") + " (≤ \(limit >> 20) MiB)")
            case .badForm(_, let message): return (.unprocessableContent, message.text(language))
            }
        case let error as any ClerkFacingError:
            let status: HTTPResponse.Status = switch error.kind {
            case .malformed, .refused: .unprocessableContent
            case .busy: .serviceUnavailable
            case .notFound, .missingInput: .notFound
            case .cannotCreateOutput, .internalFault: .internalServerError
            }
            return (status, error.kind == .busy ? words["error.busy"] ?? "" : error.message.text(language))
        case let error as HTTPError:
            switch error.status {
            case .notFound, .methodNotAllowed: return (.notFound, words["error.notFound"] ?? "")
            case .contentTooLarge: return (.contentTooLarge, words["error.tooLarge"] ?? "")
            case .badRequest: return (.badRequest, words["error.csrf"] ?? "")
            default: return (.internalServerError, "")
            }
        default:
            return (.internalServerError, "")
        }
    }
}
