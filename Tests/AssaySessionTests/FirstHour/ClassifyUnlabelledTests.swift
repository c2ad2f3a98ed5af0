import AssaySession
import Testing

/// `classify` on inputs without `expected` labels them: no metrics, and it says so.
@Suite("classify on unlabelled inputs")
struct ClassifyUnlabelledTests {
    @Test("cases without expected run without metrics and the run is ok")
    func unlabelled() async throws {
        let fixture = try RunSessionFixture()
        defer { fixture.remove() }
        try fixture.write("inbox.jsonl", """
        {"id": "u1", "input": "bug"}
        {"id": "u2", "input": "billing"}

        """)
        let cell = await fixture.run(#"c = classify(load("inbox.jsonl"), labels: ["billing", "bug"], model: "echo")"#)
        #expect(cell.outcome == .success, "\(cell.events.errorLines)")
        #expect(cell.standardError.contains("no case has an expected label"), "\(cell.standardError)")
        #expect(await fixture.value("c/counts/ok") == "2")
        #expect(await fixture.value("c/cases/*/extracted") == #"["bug", "billing"]"#)
        #expect(await fixture.value("c/cases/0/metrics") == "{}")
    }
}
