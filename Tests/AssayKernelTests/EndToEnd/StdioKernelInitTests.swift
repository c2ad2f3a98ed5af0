import AssayKernel
import Foundation
import Testing

/// `assay kernel --stdio` in a project with an `assay.init`: the first cell sees what it defined,
/// `--no-init` skips it, and an error in it goes to the log while the kernel serves on.
@Suite("assay kernel --stdio with assay.init")
struct StdioKernelInitTests {
    /// A project folder with a suite, an `assay.init` and a store of its own.
    struct Project {
        let directory: URL
        var environment: [String: String] {
            ["ASSAY_HOME": directory.appendingPathComponent(".assay-home").path,
             "XDG_CONFIG_HOME": directory.appendingPathComponent("config").path]
        }

        init(initScript: String) throws {
            directory = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("assay-kernel-init-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let lines = (0..<3).map { #"{"id": "c\#($0)", "input": "question \#($0)", "expected": "answer \#($0)"}"# }
            try (lines.joined(separator: "\n") + "\n").write(to: directory.appendingPathComponent("cases.jsonl"), atomically: true, encoding: .utf8)
            try initScript.write(to: directory.appendingPathComponent("assay.init"), atomically: true, encoding: .utf8)
        }

        func kernel(_ arguments: String...) throws -> StdioKernelProcess {
            let executable = try #require(BuiltExecutable.assay, "build the assay executable first (swift build)")
            return try StdioKernelProcess(executable: executable, arguments: arguments, directory: directory, environment: environment)
        }

        func remove() {
            try? FileManager.default.removeItem(at: directory)
        }
    }

    static let initScript = """
        print("defining menu")
        menu = pipeline(name: "menu", template: "{{ input }}", model: "perfect", metrics: ["exact"])
        menu
        """

    static let firstCell = #"run(load("cases.jsonl"), menu)/summary/exact/mean"#

    @Test("the first cell runs a pipeline assay.init defined; nothing of assay.init reaches the notebook")
    func firstCellUsesThePipeline() async throws {
        let project = try Project(initScript: Self.initScript)
        defer { project.remove() }
        let kernel = try project.kernel()
        let messages = try await kernel.exchange(ClientRequest.execute(Self.firstCell))
        #expect(messages.first("execute_reply")?.content["status"] == "ok", "\(messages.map(\.content))")
        #expect(messages.first("execute_reply")?.content["execution_count"] == 1, "assay.init is not a cell")
        #expect(messages.first("execute_result")?.content["data"]?["text/plain"] == "1")
        #expect(!messages.contains { $0.msgType == "stream" }, "assay.init's print stays out of the notebook")
        kernel.closeInput()
        #expect(try await kernel.waitForExit() == 0)
        #expect(kernel.standardError.contains("assay.init: defining menu"), "what assay.init prints is logged: \(kernel.standardError)")
        for line in kernel.lines {
            #expect(!line.contains("defining menu"), "stdout carries only protocol lines")
        }
    }

    @Test("--no-init skips assay.init: the first cell fails with a name error")
    func noInit() async throws {
        let project = try Project(initScript: Self.initScript)
        defer { project.remove() }
        let kernel = try project.kernel("--no-init")
        let messages = try await kernel.exchange(ClientRequest.execute(Self.firstCell))
        let reply = try #require(messages.first("execute_reply")).content
        #expect(reply["status"] == "error")
        #expect(reply["ename"] == "NameError")
        #expect(reply["evalue"] == "'menu' is not defined")
        kernel.closeInput()
        #expect(try await kernel.waitForExit() == 0)
        #expect(!kernel.standardError.contains("defining menu"))
    }

    @Test("an error in assay.init is logged at assay.init:LINE:COL; the kernel serves with what came before it")
    func brokenInit() async throws {
        let project = try Project(initScript: "before = 41\nbroken = before/nothing\n")
        defer { project.remove() }
        let kernel = try project.kernel()
        let messages = try await kernel.exchange(ClientRequest.execute("before + 1"))
        #expect(messages.first("execute_result")?.content["data"]?["text/plain"] == "42")
        kernel.closeInput()
        #expect(try await kernel.waitForExit() == 0)
        let log = kernel.standardError
        #expect(log.contains("assay.init:2:17: error: 'nothing' is not defined\nbroken = before/nothing\n                ^~~~~~~\n"), "\(log)")
        #expect(log.contains("assay.init failed; the kernel starts without the rest of it"))
    }
}
