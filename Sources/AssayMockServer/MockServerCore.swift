import AssayEvaluation
import NIOConcurrencyHelpers
import NIOCore

/// The state every connection of one ``MockServer`` shares: configuration, counters, channels.
///
/// Handlers run on several event loops at once, so the mutable part sits behind a lock; each
/// method holds it only to read or update a few fields.
final class MockServerCore: Sendable {
    private struct State {
        var requests: [MockServerStats.Request] = []
        var arrivalsByBody: [String: Int] = [:]
        var fixedIndex = 0
        var channels: [ObjectIdentifier: any Channel] = [:]
        var isShuttingDown = false
    }

    let configuration: MockServerConfiguration
    /// For the oracle policy: the suite's answers.
    let oracle: MockOracle
    private let started = ContinuousClock.now
    private let state = NIOLockedValueBox(State())

    init(configuration: MockServerConfiguration) {
        self.configuration = configuration
        if case .oracle(let suite) = configuration.policy {
            oracle = MockOracle(suite: suite)
        } else {
            oracle = MockOracle(suite: Suite(cases: []))
        }
    }

    /// A stable hash of a body, as 16 hexadecimal digits.
    static func hash(_ body: String) -> String {
        var draw = SeededDraw(seed: 0)
        draw.mix(body)
        let digits = String(draw.next(), radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    /// Records an arriving request and draws its fault when `injectsFaults`.
    ///
    /// - Returns: The request's index, to record its outcome, and its fault.
    func admit(
        method: String, uri: String, headers: [MockServerStats.Header], body: String, injectsFaults: Bool
    ) -> (index: Int, fault: MockFault?) {
        let arrival = ContinuousClock.now - started
        let bodyHash = Self.hash(body)
        return state.withLockedValue { state in
            let previous = state.arrivalsByBody[bodyHash, default: 0]
            state.arrivalsByBody[bodyHash] = previous + 1
            var fault: MockFault?
            if injectsFaults {
                var draw = SeededDraw(seed: configuration.seed)
                draw.mix(bodyHash)
                draw.mix(previous)
                fault = MockFault.draw(draw.unit(), rates: configuration.faults)
            }
            let index = state.requests.count
            state.requests.append(MockServerStats.Request(
                index: index, method: method, uri: uri, headers: headers, body: body, arrival: arrival,
                bodyHash: bodyHash, status: nil, fault: fault,
                retryAfter: fault == .rateLimited ? .seconds(configuration.faults.retryAfterSeconds) : nil
            ))
            return (index, fault)
        }
    }

    /// Records the status a request was answered with.
    func answered(_ index: Int, status: Int) {
        state.withLockedValue { $0.requests[index].status = status }
    }

    /// The next answer of the fixed policy, cycling.
    func nextFixedAnswer(_ answers: [String]) -> String {
        guard !answers.isEmpty else { return "" }
        return state.withLockedValue { state in
            defer { state.fixedIndex += 1 }
            return answers[state.fixedIndex % answers.count]
        }
    }

    /// A copy of the statistics.
    var stats: MockServerStats {
        MockServerStats(requests: state.withLockedValue { $0.requests })
    }

    /// Remembers an open connection, to close it at shutdown; false when shutting down already.
    func register(_ channel: any Channel) -> Bool {
        state.withLockedValue { state in
            guard !state.isShuttingDown else { return false }
            state.channels[ObjectIdentifier(channel)] = channel
            return true
        }
    }

    /// Forgets a closed connection.
    func unregister(_ channel: any Channel) {
        _ = state.withLockedValue { $0.channels.removeValue(forKey: ObjectIdentifier(channel)) }
    }

    /// Marks the server as shutting down and returns the connections still open.
    func beginShutdown() -> [any Channel] {
        state.withLockedValue { state in
            state.isShuttingDown = true
            return Array(state.channels.values)
        }
    }
}
