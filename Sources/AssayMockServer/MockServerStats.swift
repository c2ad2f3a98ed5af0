import AssayCore
import AssayEvaluation

/// What a ``MockServer`` has seen so far: counters, every request, and the retries of 429s.
///
/// `GET /stats` serves the same as JSON (``json``); requests to `/stats` are not counted.
public struct MockServerStats: Sendable, Hashable {
    /// One request as it arrived, and what the server did with it.
    public struct Request: Sendable, Hashable {
        /// 0 for the first request the server received, then 1, 2, …
        public var index: Int
        /// `POST`, `GET`, …
        public var method: String
        /// The request target: path and query.
        public var uri: String
        /// The headers, in order, names as sent.
        public var headers: [Header]
        /// The body, as text.
        public var body: String
        /// When it arrived, measured from the server's start.
        public var arrival: Duration
        /// A hash of the body, the same for retries of the same request.
        public var bodyHash: String
        /// The status answered; nil when the connection was reset or the request hangs.
        public var status: Int?
        /// The injected fault, if any.
        public var fault: MockFault?
        /// The `Retry-After` sent with a 429.
        public var retryAfter: Duration?

        /// The value of the first header named `name` (case-insensitively), if any.
        public func header(_ name: String) -> String? {
            headers.first { $0.name.lowercased() == name.lowercased() }?.value
        }

        /// The path, without the query.
        public var path: String {
            String(uri.prefix { $0 != "?" })
        }

        /// The query, without the `?`, if any.
        public var query: String? {
            uri.firstIndex(of: "?").map { String(uri[uri.index(after: $0)...]) }
        }
    }

    /// A header name and value.
    public struct Header: Sendable, Hashable {
        /// The name, as sent.
        public var name: String
        /// The value.
        public var value: String
    }

    /// A request answered 429, and when the same body arrived again.
    public struct RateLimitedRetry: Sendable, Hashable {
        /// The hash of the request's body.
        public var bodyHash: String
        /// When the rejected request arrived.
        public var rejectedAt: Duration
        /// The wait the server asked for.
        public var retryAfter: Duration
        /// When the same body arrived next; nil if it has not.
        public var retriedAt: Duration?

        /// How long the client waited before retrying; nil if it has not.
        public var waited: Duration? {
            retriedAt.map { $0 - rejectedAt }
        }
    }

    /// Every request, in arrival order.
    public var requests: [Request]

    /// The number of requests received (`/stats` excluded).
    public var totalRequests: Int {
        requests.count
    }

    /// The number of requests answered with each status.
    public var byStatus: [Int: Int] {
        requests.reduce(into: [:]) { counts, request in
            if let status = request.status { counts[status, default: 0] += 1 }
        }
    }

    /// The number of requests that received each fault.
    public var byFault: [MockFault: Int] {
        requests.reduce(into: [:]) { counts, request in
            if let fault = request.fault { counts[fault, default: 0] += 1 }
        }
    }

    /// Each 429 with the arrival of its retry, in order of rejection.
    public var rateLimitedRetries: [RateLimitedRetry] {
        requests.filter { $0.fault == .rateLimited }.map { rejected in
            let retry = requests.first { $0.index > rejected.index && $0.bodyHash == rejected.bodyHash }
            return RateLimitedRetry(bodyHash: rejected.bodyHash, rejectedAt: rejected.arrival,
                                    retryAfter: rejected.retryAfter ?? .zero, retriedAt: retry?.arrival)
        }
    }

    /// The stats as JSON: `requests_total`, `by_status`, `by_fault`, `requests` and
    /// `rate_limited_retries`, times in milliseconds from the server's start.
    public var json: JSONValue {
        let statuses = byStatus.sorted { $0.key < $1.key }.map { (String($0.key), JSONValue.int($0.value)) }
        let faults = byFault.sorted { $0.key.rawValue < $1.key.rawValue }.map { ($0.key.rawValue, JSONValue.int($0.value)) }
        let requestList: [JSONValue] = requests.map { request in
            .object(JSONObject([
                ("index", .int(request.index)), ("method", .string(request.method)), ("path", .string(request.uri)),
                ("headers", .object(JSONObject(request.headers.map { ($0.name, JSONValue.string($0.value)) }))),
                ("body", .string(request.body)), ("arrival_ms", .double(Self.milliseconds(request.arrival))),
                ("body_hash", .string(request.bodyHash)), ("status", request.status.map(JSONValue.int) ?? .null),
                ("fault", request.fault.map { .string($0.rawValue) } ?? .null),
            ]))
        }
        let retries: [JSONValue] = rateLimitedRetries.map { retry in
            .object(JSONObject([
                ("body_hash", .string(retry.bodyHash)), ("rejected_at_ms", .double(Self.milliseconds(retry.rejectedAt))),
                ("retry_after_s", .double(Self.milliseconds(retry.retryAfter) / 1000)),
                ("retried_at_ms", retry.retriedAt.map { .double(Self.milliseconds($0)) } ?? .null),
                ("waited_ms", retry.waited.map { .double(Self.milliseconds($0)) } ?? .null),
            ]))
        }
        return .object(JSONObject([
            ("requests_total", .int(totalRequests)), ("by_status", .object(JSONObject(statuses))),
            ("by_fault", .object(JSONObject(faults))), ("requests", .array(requestList)),
            ("rate_limited_retries", .array(retries)),
        ]))
    }

    static func milliseconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
    }
}
