import AssayKernel
import Foundation
import Synchronization

/// `assay kernel --stdio` as a child process, driven line by line as a client would.
final class StdioKernelProcess: Sendable {
    private let process: Process
    private let input: FileHandle
    private let received = Locked<[String]>([])
    private let errors = Locked(Data())
    /// Whether standard error has been read to its end.
    private let errorsComplete = Locked(false)

    /// Starts the executable, with `arguments` after `kernel --stdio`, in `directory` if given
    /// (the working folder otherwise), with `environment` added to this process's.
    init(executable: String, arguments: [String] = [], directory: URL? = nil, environment: [String: String] = [:]) throws {
        process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["kernel", "--stdio"] + arguments
        if let directory { process.currentDirectoryURL = directory }
        if !environment.isEmpty { process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 } }
        let stdin = Pipe()
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        input = stdin.fileHandleForWriting
        let received = self.received
        let errors = self.errors
        let errorsComplete = self.errorsComplete
        Self.collect(stdout.fileHandleForReading) { chunk in
            received.withLock { $0.append(contentsOf: chunk) }
        }
        let errorOutput = stderr.fileHandleForReading
        Thread {
            while true {
                let chunk = errorOutput.availableData
                if chunk.isEmpty { break }
                errors.withLock { $0.append(chunk) }
            }
            errorsComplete.withLock { $0 = true }
        }.start()
    }

    /// Writes one message as a line.
    func send(_ message: KernelMessage) {
        input.write(LineCodec.encode(message))
    }

    /// Writes raw text (for lines that are not messages).
    func sendRaw(_ text: String) {
        input.write(Data(text.utf8))
    }

    /// Writes raw bytes (for lines that are not even text).
    func sendRaw(_ bytes: Data) {
        input.write(bytes)
    }

    /// Closes the kernel's stdin.
    func closeInput() {
        try? input.close()
    }

    /// Every line the kernel wrote to stdout so far.
    var lines: [String] {
        received.withLock { $0 }
    }

    /// Sends the kernel a signal (SIGTERM, SIGINT).
    func signal(_ number: Int32) {
        kill(process.processIdentifier, number)
    }

    /// Waits until the kernel has written `text` to stderr.
    func waitForStandardError(containing text: String, timeout: Duration = .seconds(30)) async throws {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        while !standardError.contains(text) {
            guard clock.now < deadline else { throw InMemoryTransport.Timeout(sent: ["(stderr so far: \(standardError))"]) }
            try await Task.sleep(for: .milliseconds(5))
        }
    }

    /// What the kernel wrote to stderr (complete once it exited).
    var standardError: String {
        String(decoding: errors.withLock { $0 }, as: UTF8.self)
    }

    /// Waits until the lines written parse into messages that satisfy `condition`.
    func waitUntil(timeout: Duration = .seconds(30), _ condition: ([KernelMessage]) -> Bool) async throws -> [KernelMessage] {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        while true {
            let messages = try lines.map { try LineCodec.decode(Data($0.utf8)) }
            if condition(messages) { return messages }
            guard clock.now < deadline else { throw InMemoryTransport.Timeout(sent: messages.map(\.msgType)) }
            try await Task.sleep(for: .milliseconds(5))
        }
    }

    /// Sends a request and returns its messages once the kernel is idle after it.
    func exchange(_ request: KernelMessage) async throws -> [KernelMessage] {
        send(request)
        let id = request.header.msgID
        let all = try await waitUntil { messages in
            messages.contains { $0.parentID == id && $0.msgType == "status" && $0.content["execution_state"] == "idle" }
        }
        return all.filter { $0.parentID == id }
    }

    /// Waits for the process to end, and its standard error to be read, and returns its exit status.
    func waitForExit(timeout: Duration = .seconds(30)) async throws -> Int32 {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        while process.isRunning || !errorsComplete.withLock({ $0 }) {
            guard clock.now < deadline else {
                process.terminate()
                throw InMemoryTransport.Timeout(sent: ["(process still running)"])
            }
            try await Task.sleep(for: .milliseconds(10))
        }
        return process.terminationStatus
    }

    private static func collect(_ handle: FileHandle, _ deliver: @escaping @Sendable ([String]) -> Void) {
        Thread {
            var pending = Data()
            while true {
                let chunk = handle.availableData
                if chunk.isEmpty { break }
                pending.append(chunk)
                var lines: [String] = []
                while let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                    lines.append(String(decoding: pending[pending.startIndex..<newline], as: UTF8.self))
                    pending = Data(pending[(newline + 1)...])
                }
                deliver(lines)
            }
        }.start()
    }

    deinit {
        if process.isRunning { process.terminate() }
    }
}
