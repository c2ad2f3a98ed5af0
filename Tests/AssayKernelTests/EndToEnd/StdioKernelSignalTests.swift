import AssayKernel
import Foundation
import Testing

/// SIGTERM on the built `assay kernel --stdio`: the request being handled is finished, then the
/// kernel exits cleanly.
@Suite("assay kernel and SIGTERM")
struct StdioKernelSignalTests {
    @Test("SIGTERM during a cell waiting for input: the cell finishes and is answered, the queued one is not, exit 0")
    func sigtermFinishesTheCurrentRequest() async throws {
        let executable = try #require(BuiltExecutable.assay, "build the assay executable first (swift build)")
        let kernel = try StdioKernelProcess(executable: executable, arguments: ["--no-init"])
        let cell = ClientRequest.execute("name = input(\"name: \")\n\"hello \" + name", allowStdin: true)
        let queued = ClientRequest.execute("\"queued\"")
        kernel.send(cell)
        kernel.send(queued)
        let question = try #require(try await kernel.waitUntil { $0.contains { $0.msgType == "input_request" } }.first("input_request"))

        kernel.signal(SIGTERM)
        try await kernel.waitForStandardError(containing: "SIGTERM")
        var answer = ClientRequest.make("input_reply", ["value": "world"], channel: .stdin)
        answer.parentHeader = question.header.fields

        kernel.send(answer)
        #expect(try await kernel.waitForExit() == 0)
        let messages = try kernel.lines.map { try LineCodec.decode(Data($0.utf8)) }
        let mine = messages.filter { $0.parentID == cell.header.msgID }
        #expect(mine.first("execute_reply")?.content["status"] == "ok")
        #expect(mine.first("execute_result")?.content["data"]?["text/plain"] == "hello world")
        #expect(mine.last?.msgType == "status" && mine.last?.content["execution_state"] == "idle")
        #expect(!messages.contains { $0.parentID == queued.header.msgID }, "the queued request is dropped")
    }
}
