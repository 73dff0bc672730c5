import Dispatch

/// Long work of a request (walking the whole audit chain, composing a document, projecting a budget) run off the
/// server's event loop, so that the other clerks' pages keep answering meanwhile.
enum Offload {
    static func run<Value: Sendable>(_ work: @escaping @Sendable () throws -> Value) async throws -> Value {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global(qos: .userInitiated).async {
                continuation.resume(with: Result { try work() })
            }
        }
    }
}
