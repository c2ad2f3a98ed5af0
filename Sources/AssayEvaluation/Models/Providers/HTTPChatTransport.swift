import AssayCore
import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// Posts one JSON request for a provider and turns every failure into a ``ModelCallError``.
///
/// It knows HTTP, not providers: the provider builds the URL, headers and body and parses the
/// answer. Every message it produces passes through the key's redaction.
struct HTTPChatTransport: Sendable {
    /// The largest answer body read; bigger ones are malformed for a chat completion.
    static let maximumBodyBytes = 32 << 20

    /// The client for plain-HTTP requests without a proxy; nil sends every request through
    /// AsyncHTTPClient.
    let plain: PlainHTTPClient?

    /// A transport over the shared clients.
    static let shared = HTTPChatTransport(plain: .shared)

    /// Whether ``post(url:headers:body:timeout:key:providerName:)`` to `url` ends by its timeout
    /// whatever the server does: true where the plain-HTTP client serves it.
    func endsAtDeadline(_ url: String) -> Bool {
        plain?.target(for: url) != nil
    }

    /// Posts `body` to `url` and returns the parsed JSON answer of a 2xx reply.
    ///
    /// - Parameters:
    ///   - url: The full URL, query included.
    ///   - headers: Headers besides `content-type`, the key's among them.
    ///   - body: The JSON body.
    ///   - timeout: The deadline for the whole exchange.
    ///   - key: The key, so that messages can be scrubbed of it.
    ///   - providerName: Names the provider in messages (`OpenAI`, `Anthropic`).
    /// - Returns: The answer's JSON.
    /// - Throws: ``ModelCallError`` of the matching kind.
    func post(
        url: String, headers: [(String, String)], body: JSONValue, timeout: Duration, key: APIKey?, providerName: String
    ) async throws(ModelCallError) -> JSONValue {
        let redact: (String) -> String = { key?.redact($0) ?? $0 }
        if Task.isCancelled { throw ModelCallError(.cancelled, "the call to \(providerName) was cancelled") }
        let status: Int
        let responseHeaders: HTTPHeaders
        let text: String
        let deadline = NIODeadline.now() + TimeAmount(timeout)
        do {
            if let plain, let target = plain.target(for: url) {
                var requestHeaders = HTTPHeaders()
                requestHeaders.reserveCapacity(headers.count + 2)
                requestHeaders.add(name: "content-type", value: "application/json")
                requestHeaders.add(name: "accept", value: "application/json")
                for (name, value) in headers { requestHeaders.add(name: name, value: value) }
                let response = try await plain.post(target, headers: requestHeaders, body: ByteBuffer(string: body.serialized()),
                                                    deadline: deadline, maximumBodyBytes: Self.maximumBodyBytes)
                status = response.status
                responseHeaders = response.headers
                text = String(buffer: response.body)
            } else {
                let request = Self.request(url: url, headers: headers, body: body, accept: "application/json")
                let response = try await ModelHTTPClient.client(for: url).execute(request, deadline: deadline)
                status = Int(response.status.code)
                responseHeaders = response.headers
                let buffer = try await response.body.collect(upTo: Self.maximumBodyBytes)
                text = String(buffer: buffer)
            }
        } catch {
            throw Self.map(error, providerName: providerName, url: url, timeout: timeout, redact: redact)
        }
        guard (200..<300).contains(status) else {
            throw Self.statusError(status, headers: responseHeaders, body: text, providerName: providerName, url: url, redact: redact)
        }
        do throws(JSONSyntaxError) {
            return try JSONValue.parse(text)
        } catch {
            throw ModelCallError(.malformedResponse,
                                 "\(providerName) answered with invalid JSON (\(error.line):\(error.column): \(error.message))")
        }
    }

    /// The error for a non-2xx status, with the provider's own message when it sent one.
    static func statusError(
        _ status: Int, headers: HTTPHeaders, body: String, providerName: String, url: String, redact: (String) -> String
    ) -> ModelCallError {
        let serverMessage = providerMessage(in: body)
        var wait: Duration?
        if status == 429 {
            wait = RetryAfter.parse(headers.first(name: "retry-after"), milliseconds: headers.first(name: "retry-after-ms"))
        }
        let waitText = wait.map { ", retry after \(Self.describe($0))" } ?? ""
        let message = redact(HTTPFailureText.status(status, providerName: providerName, url: url, serverMessage: serverMessage, waitText: waitText))
        switch status {
        case 429: return ModelCallError(.rateLimited(retryAfter: wait), message)
        case 408, 409, 500...599: return ModelCallError(.server(status: status), message)
        default: return ModelCallError(.client(status: status), message)
        }
    }

    /// `error.message` (OpenAI, Azure, Anthropic), `message`, or a string `error`, when present.
    static func providerMessage(in body: String) -> String? {
        guard let json = try? JSONValue.parse(body), let object = json.objectValue else {
            let trimmed = body.trimmingCharacters(in: .whitespacesAndNewlines)
            return trimmed.isEmpty ? nil : String(trimmed.prefix(300))
        }
        if let error = object["error"]?.objectValue, let message = error["message"]?.stringValue { return message }
        if let message = object["error"]?.stringValue ?? object["message"]?.stringValue { return message }
        return nil
    }

    /// Maps a client-side failure to a kind: deadline → timeout, cancellation → cancelled,
    /// everything about the connection → transport, each told as a sentence naming the endpoint.
    static func map(
        _ error: any Error, providerName: String, url: String, timeout: Duration, redact: (String) -> String
    ) -> ModelCallError {
        if Task.isCancelled || error is CancellationError {
            return ModelCallError(.cancelled, "the call to \(providerName) was cancelled")
        }
        if let client = error as? HTTPClientError {
            switch client {
            case .deadlineExceeded, .readTimeout, .writeTimeout:
                return ModelCallError(.timeout, redact(HTTPFailureText.timeout(providerName: providerName, url: url, after: describe(timeout))))
            case .cancelled:
                return ModelCallError(.cancelled, "the call to \(providerName) was cancelled")
            case .invalidURL, .emptyHost, .emptyScheme:
                return ModelCallError(.client(status: 0), redact("the \(providerName) URL '\(url)' is not valid (\(client)): check the endpoint in models.json"))
            default:
                break
            }
        }
        if error is NIOTooManyBytesError {
            return ModelCallError(.malformedResponse, "\(HTTPFailureText.place(providerName, url)) answered more than \(maximumBodyBytes) bytes")
        }
        let failure = HTTPFailureText.connectionError(error, providerName: providerName, url: url)
        return ModelCallError(failure.kind, redact(failure.message))
    }

    /// The host of `url`, lowercased, without the brackets of an IPv6 address.
    static func host(of url: String) -> String? {
        URLComponents(string: url)?.host?.lowercased()
    }

    /// `2 s`, `1.5 s` or `250 ms`, for messages.
    static func describe(_ duration: Duration) -> String {
        let milliseconds = duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000
        if milliseconds < 1000 { return "\(milliseconds) ms" }
        if milliseconds % 1000 == 0 { return "\(milliseconds / 1000) s" }
        return "\(Double(milliseconds) / 1000) s"
    }
}

extension HTTPChatTransport {
    /// A JSON POST to `url` with the provider's headers, asking for `accept` (JSON, or server-sent
    /// events when streaming).
    static func request(url: String, headers: [(String, String)], body: JSONValue, accept: String) -> HTTPClientRequest {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "content-type", value: "application/json")
        request.headers.add(name: "accept", value: accept)
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        request.body = .bytes(ByteBuffer(string: body.serialized()))
        return request
    }
}
