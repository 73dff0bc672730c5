import Hummingbird
import Registry

/// The console's own failures; the domain's `ClerkFacingError`s map to statuses in `ErrorPages.status(for:)`.
public enum ConsoleError: Error, Sendable, Equatable {
    /// No session (or it ended): go to the sign-in page.
    case signInRequired
    /// Signed in, but the role may not do this.
    case forbidden
    /// No such page, or a record outside the account's scope.
    case notFound
    /// A form without this session's token.
    case csrfRefused
    /// Too many failed sign-ins for this login or address.
    case throttled(retryAfterSeconds: Int)
    /// A body or upload larger than allowed.
    case tooLarge(limitBytes: Int)
    /// A form field that cannot be read (a date that is not a date, a missing choice).
    case badForm(field: String, Message)
}
