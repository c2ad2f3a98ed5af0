import AssayKernel
import Foundation
import Testing

@Suite("ZeroMQ frames: identities, delimiter, signature, four JSON parts")
struct WireCodecTests {
    let codec = WireCodec(signer: MessageSigner(key: "k3y"))

    func frames(header: String = #"{"msg_id":"m1","msg_type":"execute_request","session":"s","username":"u","date":"2024-01-01T00:00:00.000000Z","version":"5.4"}"#,
                parent: String = "{}", metadata: String = "{}", content: String = #"{"code": "1 + 1"}"#,
                identities: [Data] = [Data([0x00, 0xFF, 0x10, 0x80])]) -> [Data] {
        let parts = [header, parent, metadata, content].map { Data($0.utf8) }
        return identities + [WireCodec.delimiter, Data(codec.signer.signature(of: parts).utf8)] + parts
    }

    @Test("decoding keeps routing identities byte for byte and reads every part")
    func decodesFrames() throws {
        let message = try codec.decode(frames(), channel: .shell)
        #expect(message.identities == [Data([0x00, 0xFF, 0x10, 0x80])])
        #expect(message.msgType == "execute_request")
        #expect(message.header.msgID == "m1")
        #expect(message.content["code"] == "1 + 1")
        #expect(message.channel == .shell)
    }

    @Test("the signature is checked over the bytes received, not over a re-serialisation")
    func verifiesRawBytes() throws {
        // Whitespace and key order that our own serialiser would never produce.
        let spaced = #"{ "msg_type" : "kernel_info_request",  "msg_id":"m2" }"#
        let message = try codec.decode(frames(header: spaced), channel: .control)
        #expect(message.msgType == "kernel_info_request")
    }

    @Test("encoding then decoding gives back the message, identities first")
    func roundTrip() throws {
        let original = KernelMessage(
            channel: .shell, identities: [Data("peer".utf8)],
            header: MessageHeader(msgType: "execute_reply", session: "kernel-session"),
            parentHeader: ["msg_id": "m1"], metadata: ["status": "ok"], content: ["status": "ok", "execution_count": 3]
        )
        let encoded = codec.encode(original)
        #expect(encoded[0] == Data("peer".utf8))
        #expect(encoded[1] == WireCodec.delimiter)
        let decoded = try codec.decode(encoded, channel: .shell)
        #expect(decoded.header == original.header)
        #expect(decoded.parentHeader == original.parentHeader)
        #expect(decoded.content == original.content)
        #expect(decoded.metadata == original.metadata)
    }

    @Test("broken messages are rejected with the reason")
    func rejectsBrokenMessages() {
        let good = frames()
        var tampered = good
        tampered[tampered.count - 1] = Data(#"{"code": "2 + 2"}"#.utf8)
        let cases: [([Data], WireError)] = [
            (good.filter { $0 != WireCodec.delimiter }, .missingDelimiter),
            (Array(good.prefix(5)), .truncated(frameCount: 3)),
            (tampered, .badSignature),
            (frames(content: "{not json"), .malformedJSON(part: "content")),
            (frames(parent: "[1, 2]"), .malformedJSON(part: "parent_header")),
            (frames(header: #"{"msg_id":"m3"}"#), .invalidHeader),
        ]
        for (frames, expected) in cases {
            #expect(throws: expected) { try codec.decode(frames, channel: .shell) }
        }
    }
}
