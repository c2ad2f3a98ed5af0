/// A misbehaviour the mock server can inject into one request.
public enum MockFault: String, Sendable, Hashable, CaseIterable {
    /// 429 with `Retry-After`.
    case rateLimited = "rate_limited"
    /// 500.
    case serverError = "server_error"
    /// No answer (or a late one).
    case hang
    /// 200 with a body that is not JSON.
    case malformed
    /// The connection closed without an answer.
    case reset
    /// The connection closed in the middle of the answer: after some events of a stream, or part of a body.
    case dropped

    /// Draws the fault for one request, or nil for a normal answer.
    ///
    /// - Parameters:
    ///   - unit: A number in [0, 1) drawn for the request.
    ///   - rates: The configured rates.
    /// - Returns: The fault whose slice of [0, 1) holds `unit`; slices in the order
    ///   reset, hang, rate limited, server error, malformed, dropped.
    static func draw(_ unit: Double, rates: MockServerConfiguration.FaultRates) -> MockFault? {
        var threshold = 0.0
        let slices: [(MockFault, Double)] = [
            (.reset, rates.reset), (.hang, rates.hang), (.rateLimited, rates.rateLimited),
            (.serverError, rates.serverError), (.malformed, rates.malformed), (.dropped, rates.dropped),
        ]
        for (fault, rate) in slices {
            threshold += rate
            if unit < threshold { return fault }
        }
        return nil
    }
}
