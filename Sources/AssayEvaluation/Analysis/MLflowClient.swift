import AssayCore
import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// Why an export to MLflow failed: a sentence naming the URL, with the server's own message when
/// it sent one.
public struct MLflowError: Error, Sendable, Hashable {
    /// What went wrong.
    public let message: String
    /// MLflow's `error_code` (`RESOURCE_DOES_NOT_EXIST`, `INVALID_PARAMETER_VALUE` …), when it
    /// answered with one.
    public let code: String?

    /// Creates an error.
    public init(message: String, code: String? = nil) {
        self.message = message
        self.code = code
    }
}

/// The calls of MLflow's REST API 2.0 that an export makes, over the providers' shared HTTP client.
struct MLflowClient: Sendable {
    /// The longest answer read (a page of runs is far smaller).
    static let maximumBodyBytes = 16 << 20

    /// The server's URL without a trailing slash (`http://127.0.0.1:5000`).
    let base: String
    let client: HTTPClient
    let timeout: Duration

    /// A client of the server at `url`.
    ///
    /// - Throws: ``MLflowError`` when `url` is not an `http://` or `https://` URL with a host.
    init(url: String, client: HTTPClient = ModelHTTPClient.shared, timeout: Duration = .seconds(60)) throws(MLflowError) {
        var base = url.trimmingCharacters(in: .whitespaces)
        while base.hasSuffix("/") { base.removeLast() }
        guard let parsed = URL(string: base), let scheme = parsed.scheme?.lowercased(), ["http", "https"].contains(scheme),
              let host = parsed.host, !host.isEmpty else {
            throw MLflowError(message: "'\(url)' is not an MLflow server URL: write it as http://host:5000 (or https://…)")
        }
        self.base = base
        self.client = client
        self.timeout = timeout
    }

    /// `GET /api/2.0/mlflow/<path>?<query>`.
    func get(_ path: String, query: [(String, String)]) async throws(MLflowError) -> JSONValue {
        var components = URLComponents()
        components.queryItems = query.map { URLQueryItem(name: $0.0, value: $0.1) }
        let encoded = (components.percentEncodedQuery ?? "").replacingOccurrences(of: "+", with: "%2B")
        return try await send(.GET, url: "\(base)/api/2.0/mlflow/\(path)?\(encoded)", body: nil, contentType: nil)
    }

    /// `POST /api/2.0/mlflow/<path>` with a JSON body.
    func post(_ path: String, _ body: JSONValue) async throws(MLflowError) -> JSONValue {
        try await send(.POST, url: "\(base)/api/2.0/mlflow/\(path)", body: body.serialized(), contentType: "application/json")
    }

    /// Uploads a file through the server's artifact proxy (`mlflow server --serve-artifacts`, the
    /// default): `PUT /api/2.0/mlflow-artifacts/artifacts/<location>/<name>`.
    ///
    /// - Parameters:
    ///   - text: The file's content.
    ///   - name: Its name in the run's artifacts.
    ///   - artifactURI: The run's `artifact_uri` (`mlflow-artifacts:/1/<run id>/artifacts`).
    func upload(_ text: String, as name: String, artifactURI: String) async throws(MLflowError) {
        guard artifactURI.hasPrefix("mlflow-artifacts:") else {
            throw MLflowError(message: "MLflow at \(base) keeps this run's artifacts at \(artifactURI), which it does not serve, "
                              + "so the results cannot be uploaded through it: start the server with --serve-artifacts "
                              + "(the default unless --default-artifact-root is given)")
        }
        var location = String(artifactURI.dropFirst("mlflow-artifacts:".count))
        if location.hasPrefix("//") {
            // mlflow-artifacts://host:port/path: the path is what the proxy takes.
            location = String(location.dropFirst(2).drop { $0 != "/" })
        }
        let path = location.split(separator: "/").map { $0.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? String($0) }
        let url = "\(base)/api/2.0/mlflow-artifacts/artifacts/\(path.joined(separator: "/"))/\(name)"
        _ = try await send(.PUT, url: url, body: text, contentType: "application/octet-stream")
    }

    private func send(_ method: HTTPMethod, url: String, body: String?, contentType: String?) async throws(MLflowError) -> JSONValue {
        var request = HTTPClientRequest(url: url)
        request.method = method
        request.headers.add(name: "accept", value: "application/json")
        if let contentType { request.headers.add(name: "content-type", value: contentType) }
        if let body { request.body = .bytes(ByteBuffer(string: body)) }
        let status: Int
        let text: String
        do {
            let response = try await client.execute(request, deadline: .now() + TimeAmount(timeout))
            status = Int(response.status.code)
            text = String(buffer: try await response.body.collect(upTo: Self.maximumBodyBytes))
        } catch {
            throw Self.failure(error, url: url, timeout: timeout)
        }
        let json = try? JSONValue.parse(text)
        guard (200..<300).contains(status) else {
            let object = json?.objectValue
            let code = object?["error_code"]?.stringValue
            let isPage = json == nil && text.trimmingCharacters(in: .whitespacesAndNewlines).hasPrefix("<")
            let said = isPage ? "an HTML page, not an answer of MLflow's API: check that the URL is the tracking server's base URL (http://host:5000)"
                : object?["message"]?.stringValue ?? HTTPChatTransport.providerMessage(in: text)
            let reason = HTTPResponseStatus(statusCode: status).reasonPhrase
            throw MLflowError(message: "\(HTTPFailureText.place("MLflow", url)) answered HTTP \(status) (\(reason))"
                              + (code.map { " \($0)" } ?? "") + (said.map { ": \($0)" } ?? ""), code: code)
        }
        if text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { return .object(JSONObject()) }
        guard let json else {
            throw MLflowError(message: "\(HTTPFailureText.place("MLflow", url)) answered with something that is not JSON: "
                              + "is that URL an MLflow tracking server?")
        }
        return json
    }

    /// A failure that never produced a status, as the providers tell it.
    static func failure(_ error: any Error, url: String, timeout: Duration) -> MLflowError {
        let place = HTTPFailureText.place("MLflow", url)
        if let client = error as? HTTPClientError {
            switch client {
            case .deadlineExceeded, .readTimeout, .writeTimeout:
                return MLflowError(message: "\(place) did not answer within \(HTTPChatTransport.describe(timeout)); try again later")
            case .cancelled:
                return MLflowError(message: "the export to \(place) was cancelled")
            default:
                break
            }
        }
        if Task.isCancelled || error is CancellationError { return MLflowError(message: "the export to \(place) was cancelled") }
        if error is NIOTooManyBytesError { return MLflowError(message: "\(place) answered more than \(maximumBodyBytes) bytes") }
        return MLflowError(message: HTTPFailureText.connectionSentence(HTTPFailureText.problem(error), place: place, url: url,
                                                                      setting: "the MLflow URL", retried: false))
    }
}
