import Foundation
import Testing

/// Runs the built `assay` executable as a child process and collects what it printed.
struct AssayProcess {
    struct Result {
        var status: Int32
        /// Whether a signal ended the process (then `status` is the signal's number).
        var wasKilledBySignal = false
        var standardOutput: String
        var standardError: String
    }

    /// The executable: `$ASSAY_BINARY` when set, else the one built beside the test bundle.
    static func executable() throws -> String {
        if let path = ProcessInfo.processInfo.environment["ASSAY_BINARY"], !path.isEmpty { return path }
        let bundleDirectory = Bundle.main.bundleURL.deletingLastPathComponent()
        for candidate in [bundleDirectory.appendingPathComponent("assay"), Bundle.main.bundleURL.appendingPathComponent("assay")] {
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate.path }
        }
        let built = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent(".build/debug/assay").path
        try #require(FileManager.default.isExecutableFile(atPath: built), "no assay executable; run swift build first or set ASSAY_BINARY")
        return built
    }

    /// Runs `assay` with arguments and optional standard input, in a directory.
    ///
    /// The child is awaited on a thread of its own: Swift Testing's cooperative pool has as many
    /// threads as the machine has cores, and blocking them would stall the tests running beside.
    static func run(_ arguments: [String], input: String? = nil, in directory: URL? = nil, environment: [String: String] = [:]) async throws -> Result {
        let executable = try executable()
        return try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread {
                continuation.resume(with: Swift.Result { try runBlocking(executable, arguments, input: input, in: directory, environment: environment) })
            }
        }
    }

    private static func runBlocking(
        _ executable: String, _ arguments: [String], input: String?, in directory: URL?, environment: [String: String]
    ) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        var variables = ProcessInfo.processInfo.environment
        variables["NO_COLOR"] = "1"
        for (key, value) in environment { variables[key] = value }
        process.environment = variables
        let output = Pipe()
        let error = Pipe()
        let stdin = Pipe()
        process.standardOutput = output
        process.standardError = error
        process.standardInput = stdin
        try process.run()
        if let input { stdin.fileHandleForWriting.write(Data(input.utf8)) }
        try stdin.fileHandleForWriting.close()
        // Standard error is read beside standard output, so that neither pipe fills and blocks the child.
        let errorRead = DispatchGroup()
        nonisolated(unsafe) var errorData = Data()
        errorRead.enter()
        Thread.detachNewThread {
            errorData = error.fileHandleForReading.readDataToEndOfFile()
            errorRead.leave()
        }
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        errorRead.wait()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus,
            wasKilledBySignal: process.terminationReason == .uncaughtSignal,
            standardOutput: String(decoding: outputData, as: UTF8.self),
            standardError: String(decoding: errorData, as: UTF8.self)
        )
    }

    /// A fresh temporary directory.
    static func temporaryDirectory() throws -> URL {
        let directory = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("assay-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }
}
