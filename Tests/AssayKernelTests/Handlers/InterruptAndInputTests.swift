import AssayKernel
import AssaySession
import Foundation
import Testing

@Suite("Control while a cell runs, and input on stdin")
struct InterruptAndInputTests {
    @Test("interrupt_request on control stops the running cell, which replies with an error")
    func interruptRequest() async throws {
        let harness = try await KernelHarness()
        harness.engine.scriptBlockingUntilInterrupted("loop")
        let cell = ClientRequest.execute("loop")
        harness.send(cell)
        _ = try await harness.transport.waitUntil { $0.contains { $0.parentID == cell.header.msgID && $0.msgType == "execute_input" } }
        let interrupt = try await harness.exchange(ClientRequest.make("interrupt_request", channel: .control))
        #expect(interrupt.trace == ["iopub:status(busy)", "control:interrupt_reply", "iopub:status(idle)"])
        let reply = try await harness.reply(to: cell.header.msgID)
        #expect(reply.content["status"] == "error")
        #expect(reply.content["ename"] == "Interrupted")
        #expect(harness.engine.interruptions == 1)
    }

    @Test("kernel_info on control is answered while a cell runs on shell")
    func controlIsNotBlocked() async throws {
        let harness = try await KernelHarness()
        harness.engine.scriptBlockingUntilInterrupted("loop")
        harness.send(ClientRequest.execute("loop"))
        let info = try await harness.exchange(ClientRequest.make("kernel_info_request", channel: .control))
        #expect(info.first("kernel_info_reply")?.channel == .control)
        harness.kernel.interrupt()
    }

    @Test("with allow_stdin, input() asks on stdin, routed to the shell client, and gets the reply")
    func inputRequest() async throws {
        let harness = try await KernelHarness()
        harness.engine.script("ask") { request, sink, _ in
            let answer = await offThePool { request.readInput?("Name: ", false) }
            sink(.result(MIMEBundle(plainText: answer ?? "<no input>")))
            return .success
        }
        let cell = ClientRequest.execute("ask", allowStdin: true)
        harness.send(cell)
        let sent = try await harness.transport.waitUntil { $0.contains { $0.msgType == "input_request" } }
        let question = try #require(sent.first("input_request"))
        #expect(question.channel == .stdin)
        #expect(question.identities == cell.identities)
        #expect(question.parentID == cell.header.msgID)
        #expect(question.content == ["prompt": "Name: ", "password": false])
        // A reply to some other request is ignored; the right one is used.
        var stray = ClientRequest.make("input_reply", ["value": "wrong"], channel: .stdin)
        stray.parentHeader = ["msg_id": "not-the-request"]
        harness.send(stray)
        var answer = ClientRequest.make("input_reply", ["value": "Ada"], channel: .stdin)
        answer.parentHeader = question.header.fields
        harness.send(answer)
        let messages = try await harness.messages(for: cell.header.msgID)
        #expect(messages.first("execute_result")?.content["data"] == ["text/plain": "Ada"])
    }

    @Test("an input_reply without a parent header (as jupyter_client's input() sends it) answers the pending request")
    func inputReplyWithoutParent() async throws {
        let harness = try await KernelHarness()
        harness.engine.script("ask") { request, sink, _ in
            let answer = await offThePool { request.readInput?("Name: ", false) }
            sink(.result(MIMEBundle(plainText: answer ?? "<no input>")))
            return .success
        }
        // With nothing pending, an answer is dropped rather than kept for a later question.
        harness.send(ClientRequest.make("input_reply", ["value": "too early"], channel: .stdin))
        let cell = ClientRequest.execute("ask", allowStdin: true)
        harness.send(cell)
        _ = try await harness.transport.waitUntil { $0.contains { $0.msgType == "input_request" } }
        let answer = ClientRequest.make("input_reply", ["value": "Ada"], channel: .stdin)
        #expect(answer.parentHeader.isEmpty)
        harness.send(answer)
        let messages = try await harness.messages(for: cell.header.msgID)
        #expect(messages.first("execute_result")?.content["data"] == ["text/plain": "Ada"])
    }

    @Test("without allow_stdin the cell gets no way to read input, so input() cannot hang")
    func noStdin() async throws {
        let harness = try await KernelHarness()
        harness.engine.script("ask") { request, sink, _ in
            sink(.result(MIMEBundle(plainText: request.readInput == nil ? "no reader" : "reader")))
            return .success
        }
        let messages = try await harness.exchange(ClientRequest.execute("ask", allowStdin: false))
        #expect(messages.first("execute_result")?.content["data"] == ["text/plain": "no reader"])
    }

    @Test("an interrupt while input() waits ends the wait")
    func interruptDuringInput() async throws {
        let harness = try await KernelHarness()
        harness.engine.script("ask") { request, _, _ in
            await offThePool { request.readInput?("? ", true) } == nil ? .interrupted : .success
        }
        let cell = ClientRequest.execute("ask", allowStdin: true)
        harness.send(cell)
        _ = try await harness.transport.waitUntil { $0.contains { $0.msgType == "input_request" } }
        harness.kernel.interrupt()
        #expect(try await harness.reply(to: cell.header.msgID).content["ename"] == "Interrupted")
    }
}
