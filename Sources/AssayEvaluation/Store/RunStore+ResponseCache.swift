import AssayCore
import Foundation

extension RunStore {
    /// The cached answer to a request, as runs look it up (same key, same table); nil on a miss or a
    /// failed read.
    ///
    /// For callers outside a run that make calls of their own, such as an LLM judge scoring cases.
    ///
    /// - Parameters:
    ///   - request: The request.
    ///   - descriptor: The model it is sent to.
    /// - Returns: The cached response, if there is one.
    package func cachedResponse(to request: ModelRequest, from descriptor: ModelDescriptor) async -> ModelResponse? {
        let key = ResponseCacheKey.make(for: request, descriptor: descriptor)
        return try? await cachedAnswer(forKey: key)?.response
    }

    /// Keeps an answer in the response cache so that the same request is not sent again.
    ///
    /// - Parameters:
    ///   - response: The model's answer.
    ///   - request: The request it answers.
    ///   - descriptor: The model that answered.
    ///   - latencyMilliseconds: How long the call took.
    package func keep(
        _ response: ModelResponse, answering request: ModelRequest, from descriptor: ModelDescriptor, latencyMilliseconds: Double?
    ) async throws(RunStoreError) {
        let answer = CachedAnswer(key: ResponseCacheKey.make(for: request, descriptor: descriptor), response: response,
                                  latencyMilliseconds: latencyMilliseconds, retries: 0)
        try await writing { db in try Self.keep([answer], stamp: StoreDateText.text(Date()), db) }
    }
}
