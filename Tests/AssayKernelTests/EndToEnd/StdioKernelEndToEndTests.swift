import AssayKernel
import Foundation
import Testing

/// Drives the built `assay kernel --stdio` through a whole session, as a notebook front end would.
@Suite("assay kernel --stdio, end to end")
struct StdioKernelEndToEndTests {
    @Test("kernel_info, two executes sharing a variable, a completion, an open bracket, an error, a shutdown")
    func wholeSession() async throws {
        let executable = try #require(BuiltExecutable.assay, "build the assay executable first (swift build)")
        let kernel = try StdioKernelProcess(executable: executable)

        let info = try await kernel.exchange(ClientRequest.make("kernel_info_request"))
        let infoReply = try #require(info.first("kernel_info_reply"))
        #expect(infoReply.channel == .shell)
        #expect(infoReply.content["language_info"]?["name"] == "assay")
        #expect(info.trace == ["iopub:status(busy)", "shell:kernel_info_reply", "iopub:status(idle)"])

        let define = try await kernel.exchange(ClientRequest.execute("answer = 6 * 7"))
        #expect(define.first("execute_reply")?.content["status"] == "ok")
        #expect(define.first("execute_reply")?.content["execution_count"] == 1)

        let use = try await kernel.exchange(ClientRequest.execute("print(\"twice\", answer * 2)\nanswer + 1"))
        #expect(use.trace == [
            "iopub:status(busy)", "iopub:execute_input", "iopub:stream", "iopub:execute_result", "shell:execute_reply", "iopub:status(idle)",
        ])
        #expect(use.first("stream")?.content == ["name": "stdout", "text": "twice 84\n"])
        #expect(use.first("execute_result")?.content["data"]?["text/plain"] == "43")
        #expect(use.first("execute_result")?.content["execution_count"] == 2)

        let completion = try await kernel.exchange(ClientRequest.make("complete_request", ["code": "answer + ans", "cursor_pos": 12]))
        let completionReply = try #require(completion.first("complete_reply")).content
        #expect(completionReply["matches"]?.arrayValue?.contains("answer") == true)
        #expect(completionReply["cursor_start"] == 9)
        #expect(completionReply["cursor_end"] == 12)

        let open = try await kernel.exchange(ClientRequest.make("is_complete_request", ["code": "len([1, 2,"]))
        #expect(open.first("is_complete_reply")?.content["status"] == "incomplete")

        let failure = try await kernel.exchange(ClientRequest.execute("answer/missing"))
        let errorReply = try #require(failure.first("execute_reply")).content
        #expect(errorReply["status"] == "error")
        #expect(errorReply["ename"]?.stringValue?.isEmpty == false)
        #expect(failure.filter { $0.msgType == "error" }.count == 1)
        let traceback = (errorReply["traceback"]?.arrayValue ?? []).compactMap(\.stringValue).map(Self.withoutColour)
        #expect(traceback.contains("answer/missing"), "the source line is shown")
        #expect(traceback.contains { $0.contains("^") }, "a caret marks the failing part")

        let shutdown = try await kernel.exchange(ClientRequest.make("shutdown_request", ["restart": false], channel: .control))
        #expect(shutdown.first("shutdown_reply")?.content == ["status": "ok", "restart": false])
        #expect(try await kernel.waitForExit() == 0)
        for line in kernel.lines {
            #expect(throws: Never.self, "stdout carries only protocol lines") { try LineCodec.decode(Data(line.utf8)) }
        }
    }

    @Test("end of stdin is a clean shutdown, after answering what was sent; junk lines are skipped")
    func endOfInput() async throws {
        let executable = try #require(BuiltExecutable.assay, "build the assay executable first (swift build)")
        let kernel = try StdioKernelProcess(executable: executable)
        kernel.sendRaw("this is not JSON\n")
        let request = ClientRequest.execute("1 + 1")
        kernel.send(request)
        kernel.closeInput()
        #expect(try await kernel.waitForExit() == 0)
        let messages = try kernel.lines.map { try LineCodec.decode(Data($0.utf8)) }
        #expect(messages.contains { $0.parentID == request.header.msgID && $0.msgType == "execute_reply" })
        #expect(kernel.standardError.contains("not a message"))
    }

    private static func withoutColour(_ text: String) -> String {
        text.replacing(/\u{1B}\[[0-9;]*m/, with: "")
    }
}
