import AssayCore
import AssaySession
import Testing

@Suite("MIME bundles hold values")
struct MIMEBundleTests {
    @Test("text representations read back as text; JSON ones have no text")
    func representations() {
        let bundle = MIMEBundle(data: ["text/plain": .text("42"), "application/json": .json(["answer": 42])])
        #expect(bundle.plainText == "42")
        #expect(bundle.text(for: "application/json") == nil)
        #expect(bundle.data["application/json"] == .json(["answer": 42]))
        #expect(MIMEBundle(["text/html": "<b>42</b>"]).text(for: "text/html") == "<b>42</b>")
    }

    @Test("a progress report is read from its fields, not searched for in text", arguments: [false, true])
    func progress(isFinal: Bool) {
        let bundle = MIMEBundle(data: ["text/plain": .text("\"final\": true")], progress: ProgressReport(done: 2, total: 2, errors: 0, isFinal: isFinal))
        #expect(bundle.isProgress)
        #expect(bundle.isFinalProgress == isFinal)
        #expect(!MIMEBundle(plainText: "\"final\": true").isProgress)
    }
}
