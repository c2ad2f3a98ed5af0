import AssayCore
import AssayKernel
import AssaySession
import Foundation
import Testing

@Suite("execute_request over an in-memory transport")
struct ExecuteRequestTests {
    @Test("busy, execute_input, outputs in order, the reply, then idle")
    func ordering() async throws {
        let harness = try await KernelHarness()
        harness.engine.script("work", events: [
            .stream(.stdout, "hello\n"), .display(MIMEBundle(plainText: "shown"), displayID: "d1"),
            .updateDisplay(MIMEBundle(plainText: "updated"), displayID: "d1"), .clearOutput(wait: true),
            .stream(.stderr, "careful\n"), .result(MIMEBundle(["text/plain": "42", "text/html": "<b>42</b>"])),
        ])
        let messages = try await harness.exchange(ClientRequest.execute("work"))
        #expect(messages.trace == [
            "iopub:status(busy)", "iopub:execute_input", "iopub:stream", "iopub:display_data", "iopub:update_display_data",
            "iopub:clear_output", "iopub:stream", "iopub:execute_result", "shell:execute_reply", "iopub:status(idle)",
        ])
        #expect(messages[2].content == ["name": "stdout", "text": "hello\n"])
        #expect(messages[3].content["transient"] == ["display_id": "d1"])
        #expect(messages[4].content["data"] == ["text/plain": "updated"])
        #expect(messages[5].content["wait"] == true)
        #expect(messages[6].content["name"] == "stderr")
        #expect(messages[7].content["data"] == ["text/html": "<b>42</b>", "text/plain": "42"])
        #expect(messages[7].content["execution_count"] == 1)
        let reply = messages[8]
        #expect(reply.content["status"] == "ok")
        #expect(reply.identities == [Data("client-identity".utf8)])
    }

    @Test("only store_history requests advance the counter; the others report its current value")
    func counter() async throws {
        let harness = try await KernelHarness()
        let counts = [
            (ClientRequest.execute("a"), 1), (ClientRequest.execute("b", storeHistory: false), 1),
            (ClientRequest.execute("c"), 2), (ClientRequest.execute("d", silent: true), 2), (ClientRequest.execute("e"), 3),
        ]
        for (request, expected) in counts {
            let messages = try await harness.exchange(request)
            #expect(messages.first("execute_reply")?.content["execution_count"] == .int(expected), "\(request.content["code"]!)")
            if request.content["silent"] == false {
                #expect(messages.first("execute_input")?.content["execution_count"] == .int(expected))
            }
        }
        #expect(await harness.kernel.shellHandler.executionCount == 3)
    }

    @Test("a silent request publishes nothing but busy and idle, and is not stored in history")
    func silent() async throws {
        let harness = try await KernelHarness()
        harness.engine.script("noisy", events: [.stream(.stdout, "out\n"), .result(MIMEBundle(plainText: "1"))])
        let messages = try await harness.exchange(ClientRequest.execute("noisy", silent: true))
        #expect(messages.trace == ["iopub:status(busy)", "shell:execute_reply", "iopub:status(idle)"])
        #expect(await harness.kernel.shellHandler.history.entries.isEmpty)
        harness.engine.script("failing", events: [], outcome: .failure(ErrorReport(name: "E", message: "m", lines: ["m"])))
        let failed = try await harness.exchange(ClientRequest.execute("failing", silent: true))
        #expect(failed.trace == ["iopub:status(busy)", "shell:execute_reply", "iopub:status(idle)"])
        #expect(failed.first("execute_reply")?.content["status"] == "error")
    }

    @Test("a failure publishes one error message and replies with ename, evalue and the caret traceback")
    func error() async throws {
        let harness = try await KernelHarness()
        let report = ErrorReport(
            name: "PathError", message: "no key 'bertscore' in r/summary",
            lines: ["<cell>:1:11: error: no key 'bertscore' in r/summary", "r/summary/bertscore", "          ^~~~~~~~~"]
        )
        harness.engine.script("r/summary/bertscore", events: [.error(report)], outcome: .failure(report))
        let messages = try await harness.exchange(ClientRequest.execute("r/summary/bertscore"))
        #expect(messages.trace == ["iopub:status(busy)", "iopub:execute_input", "iopub:error", "shell:execute_reply", "iopub:status(idle)"])
        let expected: JSONObject = [
            "ename": "PathError", "evalue": "no key 'bertscore' in r/summary",
            "traceback": ["<cell>:1:11: error: no key 'bertscore' in r/summary", "r/summary/bertscore", "          ^~~~~~~~~"],
        ]
        #expect(messages[2].content == expected)
        let reply = messages[3].content
        #expect(reply["status"] == "error")
        #expect(reply["ename"] == expected["ename"])
        #expect(reply["evalue"] == expected["evalue"])
        #expect(reply["traceback"] == expected["traceback"])
        #expect(reply["execution_count"] == 1)
    }

    @Test("a failure reported only by the outcome still publishes its error once")
    func errorFromOutcomeOnly() async throws {
        let harness = try await KernelHarness()
        harness.engine.script("boom", events: [], outcome: .failure(ErrorReport(name: "Boom", message: "boom", lines: ["boom"])))
        let messages = try await harness.exchange(ClientRequest.execute("boom"))
        #expect(messages.filter { $0.msgType == "error" }.count == 1)
    }

    @Test("with stop_on_error, a failure aborts the execute requests already queued, and only those")
    func stopOnError() async throws {
        let harness = try await KernelHarness()
        harness.engine.script("fail") { _, _, engine in
            // Let the requests behind this one arrive while it runs.
            try? await Task.sleep(for: .milliseconds(100))
            return .failure(ErrorReport(name: "E", message: "failed", lines: ["failed"]))
        }
        let failing = ClientRequest.execute("fail")
        let queued = ClientRequest.execute("queued")
        let completion = ClientRequest.make("complete_request", ["code": "pr", "cursor_pos": 2])
        harness.send(failing)
        harness.send(queued)
        harness.send(completion)
        let aborted = try await harness.reply(to: queued.header.msgID)
        #expect(aborted.content["status"] == "aborted")
        #expect(try await harness.reply(to: completion.header.msgID).content["status"] == "ok")
        let later = try await harness.exchange(ClientRequest.execute("later"))
        #expect(later.first("execute_reply")?.content["status"] == "ok")
        #expect(harness.engine.executedCode == ["fail", "later"])
    }

    @Test("without stop_on_error, queued requests still run")
    func keepGoing() async throws {
        let harness = try await KernelHarness()
        harness.engine.script("fail") { _, _, _ in
            try? await Task.sleep(for: .milliseconds(50))
            return .failure(ErrorReport(name: "E", message: "failed", lines: ["failed"]))
        }
        harness.send(ClientRequest.execute("fail", stopOnError: false))
        let next = ClientRequest.execute("next")
        harness.send(next)
        #expect(try await harness.reply(to: next.header.msgID).content["status"] == "ok")
    }

    @Test("help pages go into the reply's payload, not iopub; :quit asks the front end to exit")
    func payloads() async throws {
        let harness = try await KernelHarness()
        harness.engine.script("help(len)", events: [.page(MIMEBundle(plainText: "len(x)\n\nThe number of elements."))])
        let messages = try await harness.exchange(ClientRequest.execute("help(len)"))
        #expect(!messages.contains { $0.channel == .iopub && $0.msgType != "status" && $0.msgType != "execute_input" })
        #expect(messages.first("execute_reply")?.content["payload"] == [
            ["source": "page", "data": ["text/plain": "len(x)\n\nThe number of elements."], "start": 0],
        ])
        harness.engine.script(":quit", events: [], outcome: .quitRequested)
        let quit = try await harness.exchange(ClientRequest.execute(":quit"))
        #expect(quit.first("execute_reply")?.content["payload"] == [["source": "ask_exit", "keepkernel": false]])
    }

    @Test("user_expressions are evaluated quietly into MIME bundles or errors")
    func userExpressions() async throws {
        let harness = try await KernelHarness()
        harness.engine.script("bad", events: [.stream(.stdout, "never shown")], outcome: .failure(ErrorReport(name: "E", message: "bad", lines: ["bad"])))
        let messages = try await harness.exchange(ClientRequest.execute("x", userExpressions: ["good": "1 + 1", "broken": "bad"]))
        let expressions = messages.first("execute_reply")?.content["user_expressions"]
        #expect(expressions?["good"] == ["status": "ok", "data": ["text/plain": "1 + 1"], "metadata": [:]])
        #expect(expressions?["broken"]?["status"] == "error")
        #expect(expressions?["broken"]?["ename"] == "E")
        #expect(!messages.contains { $0.msgType == "stream" })
    }
}
