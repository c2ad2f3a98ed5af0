import AssayCore
import AssayKernel
import Foundation
import Testing

@Suite("complete, inspect, is_complete, kernel_info, comms, shutdown")
struct OtherRequestTests {
    @Test("complete_reply gives matches and the replaced range in code points")
    func complete() async throws {
        let harness = try await KernelHarness()
        // "é" is one code point but two UTF-8 bytes; "👍🏽" is one grapheme but two code points.
        let code = "x = \"\u{E9}\u{1F44D}\u{1F3FD}\"; pri"
        let messages = try await harness.exchange(ClientRequest.make("complete_request", ["code": .string(code)]))
        let reply = try #require(messages.first("complete_reply"))
        #expect(reply.content == ["status": "ok", "matches": ["print", "println"], "cursor_start": 11, "cursor_end": 14, "metadata": [:]])
        #expect(messages.trace == ["iopub:status(busy)", "shell:complete_reply", "iopub:status(idle)"])
    }

    @Test("an explicit cursor is used, and clamped to the code")
    func completeAtCursor() async throws {
        let harness = try await KernelHarness()
        let inside = try await harness.exchange(ClientRequest.make("complete_request", ["code": "le + x", "cursor_pos": 2]))
        #expect(inside.first("complete_reply")?.content["matches"] == ["len"])
        let beyond = try await harness.exchange(ClientRequest.make("complete_request", ["code": "lo", "cursor_pos": 99]))
        #expect(beyond.first("complete_reply")?.content["cursor_end"] == 2)
    }

    @Test("inspect_reply says whether documentation was found")
    func inspect() async throws {
        let harness = try await KernelHarness()
        let found = try await harness.exchange(ClientRequest.make("inspect_request", ["code": "len", "cursor_pos": 3, "detail_level": 0]))
        #expect(found.first("inspect_reply")?.content == [
            "status": "ok", "found": true, "data": ["text/plain": "len(x): the number of elements of x"], "metadata": [:],
        ])
        let missing = try await harness.exchange(ClientRequest.make("inspect_request", ["code": "zzz", "cursor_pos": 3]))
        #expect(missing.first("inspect_reply")?.content == ["status": "ok", "found": false, "data": [:], "metadata": [:]])
    }

    @Test("is_complete_reply maps the engine's verdict", arguments: [
        ("print(", JSONValue.object(["status": "incomplete", "indent": "    "])),
        ("1 + 1", JSONValue.object(["status": "complete"])),
        ("1 )", JSONValue.object(["status": "invalid"])),
    ])
    func isComplete(code: String, expected: JSONValue) async throws {
        let harness = try await KernelHarness()
        let messages = try await harness.exchange(ClientRequest.make("is_complete_request", ["code": .string(code)]))
        #expect(messages.first("is_complete_reply").map { JSONValue.object($0.content) } == expected)
    }

    @Test("kernel_info is answered on shell and on control with the language info")
    func kernelInfo() async throws {
        let harness = try await KernelHarness()
        for channel in [Channel.shell, .control] {
            let messages = try await harness.exchange(ClientRequest.make("kernel_info_request", channel: channel))
            let reply = try #require(messages.first("kernel_info_reply"))
            #expect(reply.channel == channel)
            #expect(reply.header.version == "5.4")
            #expect(reply.content["protocol_version"] == "5.4")
            #expect(reply.content["implementation_version"] == "9.9.9")
            #expect(reply.content["language_info"]?["name"] == "assay")
            #expect(reply.content["language_info"]?["file_extension"] == ".assay")
            #expect(reply.content["language_info"]?["mimetype"] == "text/x-assay")
        }
    }

    @Test("no comms exist: comm_info lists none and a comm_open is closed at once")
    func comms() async throws {
        let harness = try await KernelHarness()
        let info = try await harness.exchange(ClientRequest.make("comm_info_request", ["target_name": "jupyter.widget"]))
        #expect(info.first("comm_info_reply")?.content == ["status": "ok", "comms": [:]])
        let open = try await harness.exchange(ClientRequest.make("comm_open", ["comm_id": "c1", "target_name": "jupyter.widget", "data": [:]]))
        #expect(open.first("comm_close")?.content == ["comm_id": "c1", "data": [:]])
    }

    @Test("unknown message types get busy and idle but no reply")
    func unknownType() async throws {
        let harness = try await KernelHarness()
        let messages = try await harness.exchange(ClientRequest.make("frobnicate_request"))
        #expect(messages.trace == ["iopub:status(busy)", "iopub:status(idle)"])
    }

    @Test("shutdown_request is answered with its restart flag, then the kernel stops and closes the transport", arguments: [true, false])
    func shutdown(restart: Bool) async throws {
        let harness = try await KernelHarness()
        let messages = try await harness.exchange(ClientRequest.make("shutdown_request", ["restart": .bool(restart)], channel: .control))
        #expect(messages.first("shutdown_reply")?.content == ["status": "ok", "restart": .bool(restart)])
        #expect(await harness.exit.value == .shutdown(restart: restart))
        #expect(harness.transport.isClosed)
    }

    @Test("at the end of input, requests already received are answered before the kernel stops")
    func endOfInput() async throws {
        let harness = try await KernelHarness()
        harness.engine.script("slow") { _, sink, _ in
            try? await Task.sleep(for: .milliseconds(50))
            sink(.result(.init(plainText: "done")))
            return .success
        }
        let first = ClientRequest.execute("slow")
        let second = ClientRequest.execute("after")
        harness.send(first)
        harness.send(second)
        harness.transport.endInput()
        #expect(await harness.exit.value == .endOfInput)
        let sent = harness.transport.sentMessages
        #expect(sent.contains { $0.parentID == second.header.msgID && $0.msgType == "execute_reply" })
        #expect(harness.transport.isClosed)
    }
}
