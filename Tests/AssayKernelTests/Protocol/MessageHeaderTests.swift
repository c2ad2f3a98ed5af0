import AssayKernel
import Foundation
import Testing

@Suite("Message headers")
struct MessageHeaderTests {
    @Test("dates are UTC ISO 8601 with microseconds")
    func dateFormat() {
        let date = Date(timeIntervalSince1970: 1_700_000_000.123456)
        #expect(MessageTimestamp.string(for: date) == "2023-11-14T22:13:20.123456Z")
        #expect(MessageTimestamp.string(for: Date(timeIntervalSince1970: 0)) == "1970-01-01T00:00:00.000000Z")
    }

    @Test("a new header has every field, version 5.4, and a fresh id")
    func newHeader() {
        let header = MessageHeader(msgType: "status", session: "s1")
        #expect(header.msgType == "status")
        #expect(header.session == "s1")
        #expect(header.version == "5.4")
        #expect(!header.username.isEmpty)
        #expect(header.date.wholeMatch(of: /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z/) != nil)
        #expect(header.msgID != MessageHeader(msgType: "status", session: "s1").msgID)
    }

    @Test("a received header keeps fields it does not know, to echo them as parent")
    func keepsUnknownFields() throws {
        let header = try #require(MessageHeader(["msg_id": "1", "msg_type": "execute_request", "subshell_id": "x"]))
        #expect(header.fields["subshell_id"] == "x")
        #expect(MessageHeader(["msg_type": "execute_request"]) == nil)
        #expect(MessageHeader("not an object") == nil)
    }
}
