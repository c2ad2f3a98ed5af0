import AssayCore
import AsyncHTTPClient
import NIOCore
import NIOHTTP1

extension HTTPChatTransport {
    /// Posts `body` (which asks for a stream) and reads the answer's server-sent events into
    /// `answer` as they arrive, timing the first piece of output.
    ///
    /// A stream that stops before its end marker (a dropped connection, a server that gave up) is a
    /// ``ModelCallError/Kind/transport`` error, which the runner retries: a cut-off answer is never
    /// returned as if it were whole.
    ///
    /// - Returns: The answer, with its ``StreamTiming``.
    /// - Throws: ``ModelCallError`` of the matching kind.
    func stream<Answer: StreamedAnswer>(
        url: String, headers: [(String, String)], body: JSONValue, timeout: Duration, key: APIKey?, providerName: String,
        into answer: Answer
    ) async throws(ModelCallError) -> ModelResponse {
        let redact: (String) -> String = { key?.redact($0) ?? $0 }
        if Task.isCancelled { throw ModelCallError(.cancelled, "the call to \(providerName) was cancelled") }
        let request = Self.request(url: url, headers: headers, body: body, accept: "text/event-stream")
        let clock = ContinuousClock()
        let start = clock.now
        var answer = answer
        var firstToken: Duration?
        var events = 0
        do {
            let response = try await ModelHTTPClient.client(for: url).execute(request, deadline: .now() + TimeAmount(timeout))
            let status = Int(response.status.code)
            guard (200..<300).contains(status) else {
                let text = String(buffer: try await response.body.collect(upTo: Self.maximumBodyBytes))
                throw Self.statusError(status, headers: response.headers, body: text, providerName: providerName, url: url, redact: redact)
            }
            var parser = ServerSentEvents()
            for try await buffer in response.body {
                for event in parser.feed(buffer.readableBytesView) {
                    events += 1
                    if try answer.take(event), firstToken == nil { firstToken = clock.now - start }
                }
            }
        } catch let error as ModelCallError {
            throw error
        } catch {
            let mapped = Self.map(error, providerName: providerName, url: url, timeout: timeout, redact: redact)
            guard mapped.kind == .transport else { throw mapped }
            throw ModelCallError(.transport, mapped.message + " (after \(events) events of the stream)")
        }
        guard answer.isComplete else {
            throw ModelCallError(.transport, redact("\(HTTPFailureText.place(providerName, url)) ended its stream after \(events) events, before the answer's end; the answer is incomplete"))
        }
        let total = clock.now - start
        return answer.response(timing: StreamTiming(firstToken: firstToken ?? total, total: total, pieces: answer.pieces))
    }
}
