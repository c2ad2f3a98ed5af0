import AssayCore
import AssayKernel
import Foundation
import Testing

/// Malformed input to the built `assay kernel --stdio`: a line that is not a message is dropped and
/// logged with its line number and the reason, a cell that is malformed gets an error reply naming
/// its place, and the kernel goes on answering and ends cleanly, never with a signal. (Signed
/// ZeroMQ frames that are broken are dropped likewise: Tests/python/test_kernel_garbage.py sends a
/// thousand of them, of seven kinds.)
@Suite("Malformed input to the kernel")
struct MalformedKernelInputTests {
    static func deep(_ open: String, _ middle: String, _ close: String, _ depth: Int) -> String {
        String(repeating: open, count: depth) + middle + String(repeating: close, count: depth)
    }

    static let header = #"{"msg_id": "m1", "msg_type": "execute_request", "session": "s"}"#

    /// Lines that are not messages, and the reason the log must give.
    static let lines: [(name: String, line: Data, reason: String)] = [
        ("plain text", Data("this is not JSON".utf8), "line is not a JSON object"),
        ("a JSON list", Data("[1, 2]".utf8), "line is not a JSON object"),
        ("bytes that are not UTF-8", Data([0xFF, 0xFE, 0x7B, 0x00, 0x80]), "line is not a JSON object"),
        ("an object cut short", Data(#"{"channel": "shell", "header": {"msg_id": "#.utf8), "line is not a JSON object"),
        ("20,000 nested lists", Data(deep("[", "", "]", 20_000).utf8), "line is not a JSON object"),
        ("content nested 20,000 deep", Data((#"{"channel": "shell", "header": \#(header), "content": "# + deep("{\"a\": ", "1", "}", 20_000) + "}").utf8),
         "line is not a JSON object"),
        ("an unknown channel", Data(#"{"channel": "hb", "header": \#(header)}"#.utf8), #"unknown channel "hb""#),
        ("no channel", Data(#"{"header": \#(header)}"#.utf8), #"unknown channel """#),
        ("a header without msg_type", Data(#"{"channel": "shell", "header": {"msg_id": "m1"}}"#.utf8), "header without msg_id or msg_type"),
        ("a header that is a string", Data(#"{"channel": "shell", "header": "m1"}"#.utf8), "header without msg_id or msg_type"),
        ("content that is a list", Data(#"{"channel": "shell", "header": \#(header), "content": [1]}"#.utf8), "content is not a JSON object"),
        ("metadata that is a number", Data(#"{"channel": "shell", "header": \#(header), "metadata": 3}"#.utf8), "metadata is not a JSON object"),
    ]

    @Test("a line that is not a message is logged with its line number and reason; the kernel answers the next and ends cleanly",
          arguments: lines.indices)
    func notAMessage(index: Int) async throws {
        let (_, line, reason) = Self.lines[index]
        let executable = try #require(BuiltExecutable.assay, "build the assay executable first (swift build)")
        let kernel = try StdioKernelProcess(executable: executable)
        kernel.sendRaw(line + Data("\n".utf8))
        let request = ClientRequest.execute("1 + 1")
        let replies = try await kernel.exchange(request)
        #expect(replies.first("execute_reply")?.content["status"] == "ok")
        kernel.closeInput()
        #expect(try await kernel.waitForExit() == 0)
        #expect(kernel.standardError.contains("stdin:1: dropped a line that is not a message: \(reason)"), "\(kernel.standardError)")
        let messages = try kernel.lines.map { try LineCodec.decode(Data($0.utf8)) }
        #expect(messages.allSatisfy { $0.parentID == nil || $0.parentID == request.header.msgID }, "nothing answers the bad line")
    }

    /// Cells that are malformed, and the place the error reply must name.
    static let cells: [(name: String, code: String, place: String)] = [
        ("a missing operand", "1 +", "<cell>:1:4: error: expected a value"),
        ("an unterminated string on line 2", "x = 1\n\"abc", "<cell>:2:1: error:"),
        ("20,000 nested parentheses", deep("(", "1", ")", 20_000), "<cell>:1:257: error: nesting deeper than 256"),
        ("20,000 nested lists", deep("[", "", "]", 20_000), "<cell>:1:257: error: nesting deeper than 256"),
        ("runaway recursion", "f = n => f(n + 1)\nf(0)", "<cell>:1:10: error: calls nest more than 400 deep"),
        ("an unknown command", ":nope", "<cell>:1:1: error: unknown command ':nope'"),
        ("a suite that is not there", #"load("missing.jsonl")"#, "<cell>:1:6: error: missing.jsonl: no such file"),
    ]

    @Test("a malformed cell gets an error reply naming its place, and the kernel answers the next", arguments: cells.indices)
    func malformedCell(index: Int) async throws {
        let (_, code, place) = Self.cells[index]
        let executable = try #require(BuiltExecutable.assay, "build the assay executable first (swift build)")
        let kernel = try StdioKernelProcess(executable: executable)
        let failed = try await kernel.exchange(ClientRequest.execute(code))
        let reply = try #require(failed.first("execute_reply")).content
        #expect(reply["status"] == "error")
        let traceback = (reply["traceback"]?.arrayValue ?? []).compactMap(\.stringValue)
            .map { $0.replacing(/\u{1B}\[[0-9;]*m/, with: "") }.joined(separator: "\n")
        #expect(traceback.contains(place), "\(traceback.prefix(400))")
        let next = try await kernel.exchange(ClientRequest.execute("1 + 1"))
        #expect(next.first("execute_reply")?.content["status"] == "ok")
        kernel.closeInput()
        #expect(try await kernel.waitForExit() == 0)
    }
}
