import AssayEvaluation
import Foundation

/// `assay mock-server`: runs a ``MockServer`` until interrupted.
public enum MockServerCommand {
    /// The help text.
    public static let help = """
        USAGE: assay mock-server [--port P] [--latency-ms N] [--policy echo|oracle:SUITE|fixed:A,B,C]
                                 [--rate-429 X --retry-after S] [--rate-500 X] [--rate-hang X [--hang-ms N]]
                                 [--rate-malformed X] [--rate-reset X] [--rate-drop X] [--seed N]

        Serves OpenAI-compatible chat completions (POST /v1/chat/completions) and Anthropic
        messages (POST /v1/messages) on 127.0.0.1, for rehearsing runs without a real model.
        It refuses with 400 what the real APIs refuse (no model, no messages, fields of the wrong
        type), streams server-sent events for "stream": true, and lists GET /v1/models.
        GET /stats reports every request received as JSON.

        OPTIONS:
          --port P              port to listen on; 0 (the default) picks a free one
          --latency-ms N        wait N milliseconds before every answer (default 0)
          --policy POLICY       echo: answer the last user message (default)
                                oracle:SUITE: answer the expected value of the case of SUITE
                                  whose input appears in the last user message
                                  (each turn of a multi-turn case; each item of a grouped request)
                                fixed:A,B,C: answer A, B, C in turn
          --rate-429 X          answer 429 to a fraction X of requests ...
          --retry-after S       ... with Retry-After: S seconds (default 1)
          --rate-500 X          answer 500 to a fraction X of requests
          --rate-hang X         never answer a fraction X of requests ...
          --hang-ms N           ... or answer them only after N milliseconds
          --rate-malformed X    answer a fraction X of requests with invalid JSON
          --rate-reset X        close the connection of a fraction X of requests
          --rate-drop X         close the connection of a fraction X of requests halfway through
                                the answer (after some events of a stream)
          --seed N              seed of the fault decisions (default 0)
          -h, --help            show this help

        Faults are drawn from the seed, the request body and how often that body arrived before,
        so a retry of a failed request can succeed. Stop the server with Ctrl-C (SIGINT) or SIGTERM.

        EXIT STATUS: 0 after a signal, 1 when the suite cannot be loaded or the port bound, 64 for
        bad arguments.
        """

    /// Parses `arguments` (after `mock-server`), serves until SIGINT or SIGTERM, and returns the
    /// exit status.
    ///
    /// It prints `listening on http://127.0.0.1:PORT/v1` once the port is bound. Call it from
    /// the main thread, outside any task: it blocks until a signal arrives.
    ///
    /// - Parameter arguments: The command's arguments.
    /// - Returns: 0 after a signal or `--help`, 1 for a bad suite or address, 64 for bad arguments.
    public static func run(arguments: [String]) -> Int32 {
        let options: MockServerOptions
        do {
            options = try MockServerOptions.parse(arguments)
        } catch {
            writeError("assay mock-server: \(error)\nRun 'assay mock-server --help' for usage.\n")
            return 64
        }
        if options.isHelpRequested {
            write(help + "\n", to: .standardOutput)
            return 0
        }
        let configuration: MockServerConfiguration
        do {
            configuration = try makeConfiguration(options)
        } catch {
            writeError("assay mock-server: \(error)\n")
            return 1
        }
        // Signals are blocked from their default action before the server starts, so an early
        // Ctrl-C still shuts it down cleanly.
        let stop = DispatchSemaphore(value: 0)
        let sources = [SIGINT, SIGTERM].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { stop.signal() }
            source.resume()
            return source
        }
        let server: MockServer
        do {
            server = try MockServer.bind(configuration).wait()
        } catch {
            writeError("assay mock-server: cannot listen on \(configuration.host):\(configuration.port): \(error)\n")
            return 1
        }
        write("listening on \(server.baseURL)\n", to: .standardOutput)
        stop.wait()
        try? server.shutdownFuture().wait()
        for source in sources { source.cancel() }
        let stats = server.stats
        writeError("assay mock-server: stopped after \(stats.totalRequests) requests\n")
        return 0
    }

    static func makeConfiguration(_ options: MockServerOptions) throws -> MockServerConfiguration {
        let policy: MockServerConfiguration.AnswerPolicy
        switch options.policy {
        case .echo: policy = .echo
        case .fixed(let answers): policy = .fixed(answers)
        case .oracle(let path): policy = .oracle(try SuiteLoader.load(path: path))
        }
        return MockServerConfiguration(
            port: options.port, latency: .milliseconds(options.latencyMilliseconds), policy: policy,
            faults: options.faults, seed: options.seed, hangDelay: options.hangMilliseconds.map { .milliseconds($0) }
        )
    }

    private static func write(_ text: String, to handle: FileHandle) {
        handle.write(Data(text.utf8))
    }

    private static func writeError(_ text: String) {
        write(text, to: .standardError)
    }
}
