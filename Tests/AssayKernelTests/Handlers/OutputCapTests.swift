import AssayCore
import AssayKernel
import AssaySession
import Foundation
import Testing

/// What the kernel publishes is held to its output limits, and a run's progress is also redrawn
/// for terminal consoles, which ignore `update_display_data`.
@Suite("Output caps and progress for terminal consoles")
struct OutputCapTests {
    static let limits = OutputLimits(bytesPerOutput: 1_000, rowsPerTable: nil)

    @Test("a stream past the limit is cut with a notice, and what the cell writes to it afterwards is dropped; other streams are counted apart")
    func streamCap() async throws {
        let harness = try await KernelHarness(limits: Self.limits)
        harness.engine.script("chatty", events: [
            .stream(.stdout, String(repeating: "a", count: 600)),
            .stream(.stdout, String(repeating: "b", count: 600)),
            .stream(.stdout, "after the cut\n"),
            .stream(.stderr, "a warning\n"),
        ])
        let messages = try await harness.exchange(ClientRequest.execute("chatty"))
        let streams = messages.filter { $0.msgType == "stream" }.map { ($0.content["name"]?.stringValue ?? "", $0.content["text"]?.stringValue ?? "") }
        #expect(streams.count == 3)
        #expect(streams[0] == ("stdout", String(repeating: "a", count: 600)))
        #expect(streams[1].0 == "stdout")
        #expect(streams[1].1.hasPrefix(String(repeating: "b", count: 400) + "\n[output cut: 1 kB of the 1.2 kB written to stdout shown"))
        #expect(streams[1].1.contains("ASSAY_OUTPUT_LIMIT"))
        #expect(streams[2] == ("stderr", "a warning\n"))
        #expect(messages.first("execute_reply")?.content["status"] == "ok")
    }

    @Test("a result over the limit keeps its text, cut, with a notice, and loses its HTML; history keeps the cut text")
    func resultCap() async throws {
        let harness = try await KernelHarness(limits: Self.limits)
        let big = MIMEBundle(["text/plain": String(repeating: "row\n", count: 1_000), "text/html": String(repeating: "<p>row</p>", count: 1_000)])
        harness.engine.script("big", events: [.result(big), .display(big, displayID: nil)])
        let messages = try await harness.exchange(ClientRequest.execute("big"))
        for type in ["execute_result", "display_data"] {
            let data = try #require(messages.first(type)?.content["data"]?.objectValue, "\(type)")
            #expect(data["text/html"] == nil)
            let text = try #require(data["text/plain"]?.stringValue)
            #expect(text.hasPrefix("row\nrow\n"))
            #expect(text.contains("[output cut: its text/html is 10 kB and its text/plain is 4 kB"))
            #expect(text.utf8.count < 1_000 + 600, "the text within the limit, and the notice")
        }
        let history = await harness.kernel.shellHandler.history
        #expect(history.entries.last?.output?.contains("[output cut:") == true)
    }

    @Test("each update of a progress display is also a stderr stream for terminal consoles, routed by session, not by the request")
    func progressForTerminals() async throws {
        let harness = try await KernelHarness()
        harness.engine.script("run", events: [
            .display(Self.progress(0, of: 3), displayID: "p1"),
            .updateDisplay(Self.progress(1, of: 3), displayID: "p1"),
            .updateDisplay(Self.progress(3, of: 3, final: true), displayID: "p1"),
            .result(MIMEBundle(plainText: "<run>")),
        ])
        let cell = ClientRequest.execute("run")
        let messages = try await harness.exchange(cell)
        // What a notebook sees is unchanged: one display updated in place.
        #expect(messages.trace == [
            "iopub:status(busy)", "iopub:execute_input", "iopub:display_data", "iopub:update_display_data", "iopub:update_display_data",
            "iopub:execute_result", "shell:execute_reply", "iopub:status(idle)",
        ])
        let terminal = harness.transport.sentMessages.filter { $0.parentID == cell.header.msgID + ".terminal" }
        #expect(terminal.map(\.msgType) == ["stream", "stream"])
        #expect(terminal.allSatisfy { $0.parentHeader["session"]?.stringValue == cell.header.session && $0.content["name"] == "stderr" })
        #expect(terminal.map { $0.content["text"]?.stringValue } == ["\rrun 1/3 ", "\rrun 3/3 done\n"])
        // They come before the result, so a console prints the result on a line of its own.
        let order = harness.transport.sentMessages.map(\.header.msgID)
        let result = try #require(messages.first("execute_result"))
        #expect(order.firstIndex(of: terminal[1].header.msgID)! < order.firstIndex(of: result.header.msgID)!)
    }

    @Test("a progress line a run left open is ended before the next output, and at the end of the cell")
    func openLineIsClosed() async throws {
        let harness = try await KernelHarness()
        harness.engine.script("stopped", events: [
            .display(Self.progress(0, of: 9), displayID: "p"),
            .updateDisplay(Self.progress(2, of: 9), displayID: "p"),
            .stream(.stdout, "hello\n"),
            .updateDisplay(Self.progress(4, of: 9), displayID: "p"),
        ], outcome: .interrupted)
        let cell = ClientRequest.execute("stopped")
        _ = try await harness.exchange(cell)
        let sent = harness.transport.sentMessages.filter { $0.parentID?.hasPrefix(cell.header.msgID) == true }
        let streams = sent.filter { $0.msgType == "stream" || $0.msgType == "error" }.map { ($0.parentID == cell.header.msgID ? "" : "terminal:") + ($0.content["text"]?.stringValue ?? $0.msgType) }
        #expect(streams == ["terminal:\rrun 2/9 ", "terminal:\n", "hello\n", "terminal:\rrun 4/9 ", "terminal:\n", "error"])
    }

    @Test("a silent request publishes nothing for terminals either")
    func silent() async throws {
        let harness = try await KernelHarness()
        harness.engine.script("quiet", events: [.display(Self.progress(0, of: 2), displayID: "q"), .updateDisplay(Self.progress(2, of: 2, final: true), displayID: "q")])
        let cell = ClientRequest.execute("quiet", silent: true)
        _ = try await harness.exchange(cell)
        #expect(!harness.transport.sentMessages.contains { $0.parentID == cell.header.msgID + ".terminal" })
    }

    static func progress(_ done: Int, of total: Int, final: Bool = false) -> MIMEBundle {
        MIMEBundle(
            data: ["text/plain": .text("run \(done)/\(total) " + (final ? "done" : "")), "text/html": .text("<progress value=\"\(done)\"></progress>")],
            progress: ProgressReport(done: done, total: total, errors: 0, isFinal: final)
        )
    }
}
