import AssayCore
import AssayKernel
import Foundation
import Testing

@Suite("stdio lines")
struct LineCodecTests {
    @Test("a line holds channel, header, parent_header, metadata and content, and ends in a newline")
    func encodesOneLine() throws {
        let message = KernelMessage(
            channel: .iopub, header: MessageHeader(msgType: "stream", session: "k"),
            parentHeader: ["msg_id": "p"], content: ["name": "stdout", "text": "a\nb"]
        )
        let line = LineCodec.encode(message)
        #expect(line.last == UInt8(ascii: "\n"))
        #expect(!line.dropLast().contains(UInt8(ascii: "\n")))
        let object = try #require(try JSONValue(parsing: line.dropLast()).objectValue)
        #expect(Set(object.keys) == ["channel", "header", "parent_header", "metadata", "content"])
        #expect(object["channel"] == "iopub")
        #expect(object["content"]?["text"] == "a\nb")
    }

    @Test("decoding reads the channel; parent_header and metadata may be missing")
    func decodesLine() throws {
        let line = #"{"channel": "control", "header": {"msg_id": "1", "msg_type": "interrupt_request"}, "content": {}}"#
        let message = try LineCodec.decode(Data(line.utf8))
        #expect(message.channel == .control)
        #expect(message.msgType == "interrupt_request")
        #expect(message.parentHeader.isEmpty)
    }

    @Test("lines that are not messages are rejected with the reason")
    func rejectsBadLines() {
        let cases: [(String, WireError)] = [
            ("{oops", .malformedJSON(part: "line")),
            (#"{"channel": "hb", "header": {"msg_id": "1", "msg_type": "x"}}"#, .unknownChannel("hb")),
            (#"{"channel": "shell", "header": {"msg_id": "1"}}"#, .invalidHeader),
            (#"{"channel": "shell", "header": {"msg_id": "1", "msg_type": "x"}, "content": [1]}"#, .malformedJSON(part: "content")),
        ]
        for (line, expected) in cases {
            #expect(throws: expected) { try LineCodec.decode(Data(line.utf8)) }
        }
    }
}
