@testable import AssayEvaluation
import Foundation
import Synchronization

/// A test-double model: answers with a script, counts calls and calls in flight, and remembers
/// every request.
final class ScriptedModel: ChatModel {
    typealias Script = @Sendable (ModelRequest, _ attempt: Int) async throws(ModelCallError) -> ModelResponse

    let descriptor: ModelDescriptor
    /// A secret held only by the model object, never by its descriptor (like an API key).
    let key: String?
    private let script: Script
    private let state = Mutex(State())

    struct State {
        var calls = 0
        var answered = 0
        var inFlight = 0
        var maxInFlight = 0
        var attempts: [String: Int] = [:]
        var requests: [ModelRequest] = []
    }

    init(
        name: String = "scripted", parameters: ModelParameters = ModelParameters(), answersDependOnCase: Bool = false,
        key: String? = nil, price: ModelPrice? = nil, script: @escaping Script
    ) {
        descriptor = ModelDescriptor(
            name: name, provider: "mock", endpoint: "http://localhost:1/v1", model: "scripted-1",
            parameters: parameters, answersDependOnCase: answersDependOnCase, price: price
        )
        self.key = key
        self.script = script
    }

    func complete(_ request: ModelRequest) async throws(ModelCallError) -> ModelResponse {
        let attempt = state.withLock { state in
            state.calls += 1
            state.inFlight += 1
            state.maxInFlight = max(state.maxInFlight, state.inFlight)
            state.requests.append(request)
            let id = Self.requestID(request)
            let attempt = state.attempts[id, default: 0]
            state.attempts[id] = attempt + 1
            return attempt
        }
        defer { state.withLock { $0.inFlight -= 1 } }
        let response = try await script(request, attempt)
        state.withLock { $0.answered += 1 }
        return response
    }

    var calls: Int { state.withLock { $0.calls } }
    var answered: Int { state.withLock { $0.answered } }
    var maxInFlight: Int { state.withLock { $0.maxInFlight } }
    var requests: [ModelRequest] { state.withLock { $0.requests } }

    /// Case id and sample of a request.
    static func requestID(_ request: ModelRequest) -> String {
        "\(request.testCase?.id ?? "-")#\(request.sampleIndex)"
    }

    /// A model whose answer is a pure function of the request (after an optional pause).
    static func answering(
        name: String = "scripted", parameters: ModelParameters = ModelParameters(), pause: Duration? = nil,
        _ answer: @escaping @Sendable (ModelRequest) -> String
    ) -> ScriptedModel {
        ScriptedModel(name: name, parameters: parameters) { request, _ throws(ModelCallError) in
            if let pause { try await sleepOrCancel(pause) }
            return ModelResponse(text: answer(request), usage: TokenUsage(prompt: 10, completion: 2))
        }
    }

    /// Answers the case's expected value as text.
    static func perfect(pause: Duration? = nil) -> ScriptedModel {
        answering(pause: pause) { request in
            request.testCase?.expected.map { $0.stringValue ?? $0.serialized() } ?? ""
        }
    }
}

/// Sleeps, turning cancellation into the model contract's cancelled error.
func sleepOrCancel(_ duration: Duration) async throws(ModelCallError) {
    do {
        try await Task.sleep(for: duration)
    } catch {
        throw ModelCallError(.cancelled, "cancelled")
    }
}

/// A stable number in 0..<100 for a text (FNV-1a), for deterministic "random" failures.
func percentile(_ text: String) -> Int {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in text.utf8 {
        hash ^= UInt64(byte)
        hash = hash &* 0x100_0000_01b3
    }
    return Int(hash % 100)
}
