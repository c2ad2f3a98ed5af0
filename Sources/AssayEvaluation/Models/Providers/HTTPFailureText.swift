import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// The errors of the HTTP layer as sentences: what happened, at which endpoint, and what to do.
///
/// `cannot connect to the OpenAI-compatible server at http://127.0.0.1:9/v1/chat/completions: the
/// connection was refused. Is the server running? Check the endpoint in models.json.`
enum HTTPFailureText {
    /// What went wrong with a connection, told apart from the client's error values.
    enum ConnectionProblem: Equatable {
        case refused
        case unknownHost
        case tls(String)
        case closed
        case unreachable
        case connectTimeout
        case other(String)
    }

    /// `OpenAI at https://api.openai.com/v1/chat/completions` (the query left out).
    static func place(_ providerName: String, _ url: String) -> String {
        "\(providerName) at \(url.prefix { $0 != "?" })"
    }

    /// The error for a failed exchange that never produced a status.
    static func connectionError(_ error: any Error, providerName: String, url: String) -> ModelCallError {
        ModelCallError(.transport, connectionSentence(problem(error), place: place(providerName, url), url: url,
                                                      setting: "the endpoint in models.json", retried: true))
    }

    /// What went wrong with a connection as a sentence: `cannot connect to MLflow at http://…: the
    /// connection was refused. Is the server running on that port? Check the endpoint in models.json.`
    ///
    /// - Parameters:
    ///   - problem: The kind of failure (``problem(_:)``).
    ///   - place: The service and its URL (``place(_:_:)``).
    ///   - url: The URL, for its host.
    ///   - setting: Where the user wrote the URL (`the endpoint in models.json`, `the MLflow URL`).
    ///   - retried: Whether the caller retries a dropped connection (runs and `ask()` do).
    static func connectionSentence(_ problem: ConnectionProblem, place: String, url: String, setting: String, retried: Bool) -> String {
        switch problem {
        case .refused:
            return "cannot connect to \(place): the connection was refused. Is the server running on that port? Check \(setting)."
        case .unknownHost:
            let host = URL(string: url)?.host ?? url
            return "cannot connect to \(place): the host name '\(host)' does not resolve. "
                + "Check the spelling of \(setting), and the network or DNS settings."
        case .tls(let detail):
            return "the TLS handshake with \(place) failed (\(detail)). "
                + "Use https only for servers that speak TLS, and check the server's certificate."
        case .closed:
            return "\(place) closed the connection before answering in full. "
                + (retried ? "Runs and ask() retry this; if it goes on, check the server's log." : "Try again; if it goes on, check the server's log.")
        case .unreachable:
            return "cannot connect to \(place): the network is unreachable. Check the network connection and any proxy."
        case .connectTimeout:
            return "cannot connect to \(place): no connection within the connect timeout. "
                + "Check \(setting) and that the network lets the connection through."
        case .other(let detail):
            return "cannot reach \(place): \(detail). Check \(setting)."
        }
    }

    /// The sentence for a timed-out exchange.
    static func timeout(providerName: String, url: String, after limit: String) -> String {
        "\(place(providerName, url)) did not answer within \(limit). "
            + "Raise the timeout (timeout: of the run or of ask(), or the model's in models.json), or try again later."
    }

    /// The sentence for a non-2xx status, with the server's own message when it sent one.
    static func status(_ status: Int, providerName: String, url: String, serverMessage: String?, waitText: String) -> String {
        let reason = HTTPResponseStatus(statusCode: status).reasonPhrase
        let said = serverMessage.map { ": \($0)" } ?? ""
        let head = "\(place(providerName, url)) answered HTTP \(status) (\(reason))\(waitText)\(said)"
        let advice: String
        switch status {
        case 401, 403:
            advice = "Check the key: the model's key or key_env in models.json, or .credentials.json."
        case 404:
            advice = "Check the endpoint and the model name in models.json."
        case 429:
            advice = "The server is limiting requests; lower the run's concurrency: or set rate_limit:."
        case 408, 409, 500...599:
            advice = "The server failed, not the request; runs and ask() retry this, or try again later."
        default:
            advice = "The server refused the request; check the model's parameters in models.json and the run's."
        }
        return head + (head.hasSuffix(".") ? " " : ". ") + advice
    }

    /// Tells the kind of a connection failure from the error values AsyncHTTPClient and NIO throw.
    static func problem(_ error: any Error) -> ConnectionProblem {
        if let client = error as? HTTPClientError {
            switch client {
            case .remoteConnectionClosed: return .closed
            case .connectTimeout: return .connectTimeout
            default: break
            }
        }
        if let io = error as? IOError {
            switch io.errnoCode {
            case ECONNREFUSED: return .refused
            case ECONNRESET, EPIPE: return .closed
            case ENETUNREACH, EHOSTUNREACH: return .unreachable
            default: break
            }
        }
        let typeName = String(reflecting: type(of: error))
        let text = String(describing: error)
        if typeName.contains("SSL") || typeName.contains("TLS") { return .tls(text) }
        if text.contains("Connection refused") { return .refused }
        if typeName.contains("SocketAddressError") || text.contains("dnsAError") || text.contains("getaddrinfo")
            || text.contains("Name or service not known") || text.contains("name resolution") {
            return .unknownHost
        }
        if text.contains("Network is unreachable") || text.contains("No route to host") { return .unreachable }
        return .other(text)
    }
}
