import AssayCore
@testable import AssayEvaluation
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// `assay mock-server` started as a child process.
struct MockServerProcess {
    let child: AssayCommand.Child
    /// `http://127.0.0.1:PORT/v1`, as the server printed it.
    let baseURL: String

    /// Starts the server with `options` and waits for its `listening on` line.
    static func start(_ options: [String], in directory: URL) async throws -> MockServerProcess {
        let child = try AssayCommand.start(["mock-server", "--port", "0"] + options, in: directory, environment: [:])
        let line = try await child.line(within: 20) { $0.hasPrefix("listening on ") }
        return MockServerProcess(child: child, baseURL: String(line.dropFirst("listening on ".count)))
    }

    /// The number of requests the server has received, from `GET /stats`.
    func requestCount() async throws -> Int {
        let url = URL(string: String(baseURL.dropLast("/v1".count)) + "/stats")!
        let (data, _) = try await URLSession.shared.data(from: url)
        let stats = try JSONValue.parse(String(decoding: data, as: UTF8.self))
        guard let count = stats.objectValue?["requests_total"]?.intValue else { throw CommandError("no requests_total in /stats") }
        return count
    }

    /// Stops the server with SIGTERM and waits for it.
    func stop() async {
        child.send(SIGTERM)
        _ = await child.outcome()
    }
}
