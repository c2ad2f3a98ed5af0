import Foundation
import Synchronization
import Testing

/// Runs the built `assay` executable as a child process: to completion, or in the background to
/// be killed.
///
/// Children are awaited on threads of their own: Swift Testing's cooperative pool has as many
/// threads as the machine has cores, and blocking one would stall the tests running beside.
enum AssayCommand {
    /// What a finished command printed and how it ended.
    struct Outcome: Sendable {
        var status: Int32
        var wasKilledBySignal: Bool
        var standardOutput: String
        var standardError: String
    }

    /// The executable: `$ASSAY_BINARY` when set, else the one built beside the test bundle.
    static func executable() throws -> String {
        if let path = ProcessInfo.processInfo.environment["ASSAY_BINARY"], !path.isEmpty { return path }
        let bundleDirectory = Bundle.main.bundleURL.deletingLastPathComponent()
        for candidate in [bundleDirectory.appendingPathComponent("assay"), Bundle.main.bundleURL.appendingPathComponent("assay")]
        where FileManager.default.isExecutableFile(atPath: candidate.path) {
            return candidate.path
        }
        let repository = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent() // Integration
            .deletingLastPathComponent() // Runs
            .deletingLastPathComponent() // AssayEvaluationTests
            .deletingLastPathComponent() // Tests
            .deletingLastPathComponent()
        let built = repository.appendingPathComponent(".build/debug/assay").path
        try #require(FileManager.default.isExecutableFile(atPath: built), "no assay executable; build it first or set ASSAY_BINARY")
        return built
    }

    /// Runs `assay` to completion in `directory`.
    ///
    /// - Parameter fileSizeLimit: When given, the largest file the process may write, in KiB
    ///   (`ulimit -f`, which binds root too): a write past it fails as on a full disk.
    static func run(
        _ arguments: [String], in directory: URL, environment: [String: String], fileSizeLimit: Int? = nil
    ) async throws -> Outcome {
        let child = try start(arguments, in: directory, environment: environment, fileSizeLimit: fileSizeLimit)
        return await child.outcome()
    }

    /// Starts `assay` without waiting for it (with a file size limit, through bash's `ulimit`,
    /// which then becomes `assay` itself).
    static func start(
        _ arguments: [String], in directory: URL, environment: [String: String], fileSizeLimit: Int? = nil
    ) throws -> Child {
        let process = Process()
        if let fileSizeLimit {
            process.executableURL = URL(fileURLWithPath: "/bin/bash")
            process.arguments = ["-c", #"ulimit -f \#(fileSizeLimit) && exec "$0" "$@""#, try executable()] + arguments
        } else {
            process.executableURL = URL(fileURLWithPath: try executable())
            process.arguments = arguments
        }
        process.currentDirectoryURL = directory
        var variables = ProcessInfo.processInfo.environment
        variables["NO_COLOR"] = "1"
        for (name, value) in environment { variables[name] = value }
        process.environment = variables
        let child = Child(process: process)
        try child.launch()
        return child
    }

    /// A running child process whose output is collected as it arrives.
    final class Child: Sendable {
        /// The process; only its thread-safe members are used (`run`, `processIdentifier`,
        /// `waitUntilExit`, `terminationStatus`, `terminationReason`).
        private let process: ProcessBox
        private let output = Mutex(Data())
        private let errors = Mutex(Data())
        private let finished = Mutex<Outcome?>(nil)
        private let waiters = Mutex<[CheckedContinuation<Outcome, Never>]>([])

        fileprivate init(process: Process) {
            self.process = ProcessBox(process)
        }

        fileprivate func launch() throws {
            let standardOutput = Pipe()
            let standardError = Pipe()
            let standardInput = Pipe()
            process.value.standardOutput = standardOutput
            process.value.standardError = standardError
            process.value.standardInput = standardInput
            try process.value.run()
            try standardInput.fileHandleForWriting.close()
            // The readers end at end of file; the waiter waits for them so no output is lost.
            let readers = DispatchGroup()
            let streams: [(FileHandle, @Sendable (Data) -> Void)] = [
                (standardOutput.fileHandleForReading, { [self] chunk in output.withLock { $0.append(chunk) } }),
                (standardError.fileHandleForReading, { [self] chunk in errors.withLock { $0.append(chunk) } }),
            ]
            for (handle, append) in streams {
                readers.enter()
                Thread.detachNewThread {
                    while case let chunk = handle.availableData, !chunk.isEmpty { append(chunk) }
                    readers.leave()
                }
            }
            Thread.detachNewThread { [self] in
                process.value.waitUntilExit()
                readers.wait()
                let outcome = Outcome(
                    status: process.value.terminationStatus,
                    wasKilledBySignal: process.value.terminationReason == .uncaughtSignal,
                    standardOutput: String(decoding: output.withLock { $0 }, as: UTF8.self),
                    standardError: String(decoding: errors.withLock { $0 }, as: UTF8.self)
                )
                let pending = finished.withLock { value -> [CheckedContinuation<Outcome, Never>] in
                    value = outcome
                    return waiters.withLock { list in defer { list = [] }; return list }
                }
                for waiter in pending { waiter.resume(returning: outcome) }
            }
        }

        /// Whether the child has exited and its output is collected.
        var hasExited: Bool {
            finished.withLock { $0 != nil }
        }

        /// Standard output so far.
        var standardOutput: String {
            String(decoding: output.withLock { $0 }, as: UTF8.self)
        }

        /// Sends a signal to the child.
        func send(_ signal: Int32) {
            kill(process.value.processIdentifier, signal)
        }

        /// Waits (without blocking a thread) until the child has exited.
        func outcome() async -> Outcome {
            await withCheckedContinuation { continuation in
                let done = finished.withLock { value -> Outcome? in
                    if let value { return value }
                    waiters.withLock { $0.append(continuation) }
                    return nil
                }
                if let done { continuation.resume(returning: done) }
            }
        }

        /// Waits until standard output holds a line matching `predicate`, polling every 10 ms.
        func line(within seconds: Double, where predicate: (String) -> Bool) async throws -> String {
            let deadline = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
            while ContinuousClock.now < deadline {
                if let line = standardOutput.split(separator: "\n").map(String.init).first(where: predicate) { return line }
                if finished.withLock({ $0 != nil }) { break }
                try await Task.sleep(for: .milliseconds(10))
            }
            // A busy machine may not have run this task for a while: look once more before failing.
            if let line = standardOutput.split(separator: "\n").map(String.init).first(where: predicate) { return line }
            throw CommandError("no matching line within \(seconds) s; output so far: \(standardOutput)")
        }
    }

    /// A `Process` shared between the test task and the waiting thread.
    ///
    /// `Process` is not `Sendable`, but the members used after launch (`processIdentifier`,
    /// `waitUntilExit`, `terminationStatus`, `terminationReason`) are safe to call from any thread,
    /// and the pipes are set before `run()` on the launching thread only.
    private final class ProcessBox: @unchecked Sendable {
        let value: Process
        init(_ value: Process) { self.value = value }
    }
}

/// A failure of the test harness itself (a child that did not print what was expected).
struct CommandError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
