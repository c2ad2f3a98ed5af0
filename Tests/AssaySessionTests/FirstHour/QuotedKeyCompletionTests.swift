import AssaySession
import Testing

/// Keys that are not names complete as quoted path steps.
@Suite("Completion of keys that need quotes")
struct QuotedKeyCompletionTests {
    @Test("a key with a space completes as a quoted step")
    func keyWithSpace() async {
        let fixture = SessionFixture()
        await fixture.run(#"rec = {"odd key": 1, plain: 2, "2nd": 3}"#)
        #expect(await fixture.session.complete("rec/od", cursor: 6).matches == [#""odd key""#])
        #expect(await fixture.session.complete("rec/pl", cursor: 6).matches == ["plain"])
        #expect(await fixture.session.complete("rec/2", cursor: 5).matches == [#""2nd""#])
    }
}
