import AssaySession
import Foundation
import Synchronization

/// The `assay kernel` command: runs a Jupyter kernel over stdio or ZeroMQ, or installs its kernelspec.
///
/// ```swift
/// let session = Session(options: KernelCommand.sessionOptions())
/// let status = KernelCommand.runConnectionFile(path, session: session, version: "1.0.0")
/// exit(status)
/// ```
///
/// The kernel stops after a `shutdown_request`, at the end of stdin (`--stdio`), on SIGTERM once
/// the request it is handling is answered, and when the process named by `JPY_PARENT_PID` (the
/// Jupyter client that started it) goes away.
public enum KernelCommand {
    /// The options of a kernel's session: the working directory and environment, and the
    /// notebook's output limits (``AssaySession/OutputLimits/notebook(environment:)``); a limit
    /// variable that is not understood is logged and its default used.
    public static func sessionOptions(environment: [String: String] = ProcessInfo.processInfo.environment) -> SessionOptions {
        let (limits, problems) = OutputLimits.notebook(environment: environment)
        problems.forEach(log)
        return SessionOptions(environment: environment, outputLimits: limits)
    }

    /// Serves the Jupyter protocol as JSON lines on stdin and stdout (`assay kernel --stdio`)
    /// until a shutdown request or the end of stdin.
    ///
    /// Standard output carries only protocol lines: anything else written to it is sent to
    /// standard error instead.
    ///
    /// - Parameters:
    ///   - session: The session that runs the cells.
    ///   - version: The Assay version `kernel_info_reply` reports.
    ///   - runsInitScript: Whether the project's `assay.init` runs first (see ``runInitScript(_:)``).
    /// - Returns: The process exit status: 0 after a clean shutdown.
    public static func runStdio(session: Session, version: String, runsInitScript: Bool = true) -> Int32 {
        fflush(nil)
        // Keep the real stdout for protocol lines and point descriptor 1 at stderr, so no stray
        // write can corrupt the protocol stream.
        let protocolOutput = dup(STDOUT_FILENO)
        guard protocolOutput >= 0, dup2(STDERR_FILENO, STDOUT_FILENO) >= 0 else {
            log("cannot set up standard output: \(String(cString: strerror(errno)))")
            return 1
        }
        if runsInitScript { runInitScript(session) }
        let transport = StdioTransport(input: STDIN_FILENO, output: protocolOutput, log: log)
        return serve(engine: session, transport: transport, version: version, limits: session.options.outputLimits)
    }

    /// Serves the Jupyter protocol on the ZeroMQ sockets of a connection file
    /// (`assay kernel -f CONNECTION_FILE`, as the kernelspec starts it).
    ///
    /// - Parameters:
    ///   - path: The connection file Jupyter wrote.
    ///   - session: The session that runs the cells.
    ///   - version: The Assay version `kernel_info_reply` reports.
    ///   - runsInitScript: Whether the project's `assay.init` runs first (see ``runInitScript(_:)``).
    /// - Returns: The process exit status: 0 after a shutdown request, 1 when the connection file
    ///   is unreadable or a socket cannot be bound.
    public static func runConnectionFile(_ path: String, session: Session, version: String, runsInitScript: Bool = true) -> Int32 {
        let transport: ZeroMQTransport
        do {
            transport = try ZeroMQTransport(connection: ConnectionInfo(contentsOf: path), log: log)
        } catch {
            log("cannot use connection file \(path): \(error)")
            return 1
        }
        if runsInitScript { runInitScript(session) }
        return serve(engine: session, transport: transport, version: version, limits: session.options.outputLimits)
    }

    /// Installs the kernelspec so Jupyter can start this executable (`assay kernel install`).
    ///
    /// - Parameters:
    ///   - destination: Where: the user's Jupyter folder, the active Python environment, or a prefix.
    ///   - executablePath: The binary the kernelspec starts; this process's own executable when nil.
    /// - Returns: The folder written (it contains `kernel.json` and the logos).
    /// - Throws: ``KernelspecError`` when the destination cannot be found or written.
    public static func install(_ destination: KernelspecDestination, executablePath: String? = nil) throws -> String {
        guard let executable = executablePath ?? currentExecutable() else { throw KernelspecError.executableNotFound }
        return try KernelspecInstaller().install(executable: executable, to: destination)
    }

    /// Runs the project's `assay.init` before the kernel answers its first request, so that the
    /// first cell sees its variables and pipelines.
    ///
    /// Nothing reaches the notebook: what the script prints and its error (at `assay.init:LINE:COL`)
    /// are logged to standard error, and the kernel starts anyway.
    ///
    /// - Parameter session: The session the kernel will run cells in.
    public static func runInitScript(_ session: Session) {
        let outcome = session.runInitScript { event in
            switch event {
            case .stream(_, let text):
                for line in text.split(separator: "\n") { log("assay.init: \(line)") }
            case .error(let report):
                // Unprefixed, so that the caret stays under the source line.
                writeToLog(report.lines.map { $0 + "\n" }.joined())
            default:
                break
            }
        }
        switch outcome {
        case .failure?: log("assay.init failed; the kernel starts without the rest of it")
        case .interrupted?: log("assay.init was interrupted; the kernel starts without the rest of it")
        default: break
        }
    }

    static func serve(engine: any KernelEngine, transport: any KernelTransport, version: String, limits: OutputLimits) -> Int32 {
        // A client going away mid-write must not kill the kernel with SIGPIPE.
        signal(SIGPIPE, SIG_IGN)
        let kernel = Kernel(
            engine: engine, transport: transport, info: KernelInfo(version: version), log: log,
            limits: limits, parent: ParentProcess.named(in: ProcessInfo.processInfo.environment)
        )
        let interrupts = SignalHandler(SIGINT) { kernel.interrupt() }
        let terminations = SignalHandler(SIGTERM) {
            log("SIGTERM: stopping once the request being handled is answered")
            kernel.terminate()
        }
        let finished = DispatchSemaphore(value: 0)
        let exit = Mutex<KernelExit?>(nil)
        Task.detached {
            let reason = await kernel.run()
            exit.withLock { $0 = reason }
            finished.signal()
        }
        finished.wait()
        interrupts.cancel()
        terminations.cancel()
        switch exit.withLock({ $0 }) {
        case .transportFailed(let reason):
            log(reason)
            return 1
        default:
            return 0
        }
    }

    /// The absolute path of the running executable.
    private static func currentExecutable() -> String? {
        #if os(Linux)
        if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return path }
        #endif
        return Bundle.main.executablePath.map { URL(fileURLWithPath: $0).resolvingSymlinksInPath().path }
    }

    /// Writes a line to standard error.
    static func log(_ message: String) {
        writeToLog("assay kernel: \(message)\n")
    }

    /// Writes text to standard error as it is.
    private static func writeToLog(_ text: String) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { write(STDERR_FILENO, $0.baseAddress, $0.count) }
    }
}
