import AssaySession
import Foundation
import Testing

@Suite("classify and labels_from")
struct ClassifyTests {
    /// Four support tickets; the expected labels are written with stray case and spaces, as
    /// annotators write them.
    static let tickets = """
    {"id": "t1", "input": "my card was charged twice", "expected": "billing"}
    {"id": "t2", "input": "the app crashes on start", "expected": " Bug"}
    {"id": "t3", "input": "please add dark mode", "expected": "feature"}
    {"id": "t4", "input": "refund my last invoice", "expected": "BILLING"}

    """

    private func fixture() async throws -> RunSessionFixture {
        let fixture = try RunSessionFixture()
        try fixture.write("tickets.jsonl", Self.tickets)
        await fixture.run(#"s = load("tickets.jsonl")"#)
        return fixture
    }

    @Test("labels_from lists a field's distinct values in order of first appearance, list items each")
    func labelsFrom() async throws {
        let fixture = try RunSessionFixture()
        defer { fixture.remove() }
        #expect(await fixture.value(#"labels_from([{expected: "b"}, {expected: "a"}, {expected: "b"}, {other: 1}])"#) == #"["b", "a"]"#)
        #expect(await fixture.value(#"labels_from([{topics: ["x", "y"]}, {topics: ["y", "z"]}], "topics")"#) == #"["x", "y", "z"]"#)
        let cell = await fixture.run(#"labels_from([{input: "a"}])"#)
        #expect(cell.outcome != .success)
        #expect(cell.events.errorLines.joined().contains("no case has a value in 'expected'"))
    }

    @Test("the prompt lists the labels in the system message and sends examples as earlier turns")
    func promptWithExampleMessages() async throws {
        let fixture = try await fixture()
        defer { fixture.remove() }
        await fixture.run(#"c = classify(s, labels: ["billing", "bug", "feature"], model: "perfect", instructions: "You triage tickets for {{ id }}.", examples: {"I was billed wrong": "billing", "it freezes": "bug"})"#)
        #expect(await fixture.value("c/cases/0/prompt/*/role") == #"["system", "user", "assistant", "user", "assistant", "user"]"#)
        let system = await fixture.value("c/cases/0/prompt/0/content")
        #expect(system.hasPrefix("You triage tickets for t1.\n\nClassify the text into exactly one of these labels:\n- billing\n- bug\n- feature"))
        #expect(await fixture.value("c/cases/0/prompt/1/content") == "I was billed wrong")
        #expect(await fixture.value("c/cases/0/prompt/2/content") == "billing")
        #expect(await fixture.value("c/cases/0/prompt/5/content") == "my card was charged twice")
        #expect(await fixture.value("c/config/template/examples/1/assistant") == "bug")
    }

    @Test("examples_as: \"prompt\" writes the examples into the system message instead")
    func promptWithInlineExamples() async throws {
        let fixture = try await fixture()
        defer { fixture.remove() }
        await fixture.run(#"c = classify(s, labels: ["billing", "bug", "feature"], model: "perfect", examples: [{text: "it freezes", label: "bug"}], examples_as: "prompt")"#)
        #expect(await fixture.value("c/cases/0/prompt/*/role") == #"["system", "user"]"#)
        #expect(await fixture.value("c/cases/0/prompt/0/content").contains("Examples:\n\nText: it freezes\nLabel: bug"))
    }

    @Test("answers are held to the labels ignoring case and spaces; anything else is extract_error with the raw answer kept")
    func extractionConstrained() async throws {
        let fixture = try await fixture()
        defer { fixture.remove() }
        await fixture.run(#"c = classify(s, labels: ["billing", "bug", "feature"], model: "perfect")"#)
        #expect(await fixture.value("c/cases/*/extracted") == #"["billing", "bug", "feature", "billing"]"#)
        #expect(await fixture.value("c/summary/exact/mean") == "1")
        await fixture.run(#"e = classify(s, labels: ["billing", "bug", "feature"], model: "echo")"#)
        #expect(await fixture.value("e/cases/0/status") == "extract_error")
        #expect(await fixture.value("e/cases/0/output") == "my card was charged twice")
        #expect(await fixture.value("e/cases/0/error").contains("none of the labels"))
    }

    @Test("the result shows the classification report, with expected labels read as answers are")
    func reportShown() async throws {
        let fixture = try await fixture()
        defer { fixture.remove() }
        let shown = await fixture.value(#"classify(s, labels: ["billing", "bug", "feature"], model: "perfect")"#)
        #expect(shown.contains("accuracy 1.0000 (4 of 4 correct)"), "\(shown)")
        #expect(shown.contains("confusion matrix (rows: expected, columns: predicted)"))
        await fixture.run(#"c = classify(s, labels: ["billing", "bug", "feature"], model: "perfect")"#)
        #expect(await fixture.value("c/report/labels/billing/support") == "2")
        #expect(await fixture.value("c/report/confusion/bug/bug") == "1")
        let html = (await fixture.run("c")).events.results.last?.text(for: "text/html") ?? ""
        #expect(html.contains("<th>expected \\ predicted</th>"), "\(html)")
    }

    @Test("multi_label asks for every label that applies and scores the label sets")
    func multiLabel() async throws {
        let fixture = try RunSessionFixture()
        defer { fixture.remove() }
        try fixture.write("topics.jsonl", """
        {"id": "a", "input": "refund and a crash", "expected": "bug, billing"}
        {"id": "b", "input": "dark mode", "expected": "feature"}

        """)
        await fixture.run(#"c = classify(load("topics.jsonl"), labels: ["billing", "bug", "feature"], model: "perfect", multi_label: true)"#)
        #expect(await fixture.value("c/cases/0/extracted") == #"["billing", "bug"]"#)
        #expect(await fixture.value("c/cases/1/extracted") == #"["feature"]"#)
        #expect(await fixture.value("c/summary/label_set/f1/mean") == "1")
        #expect(await fixture.value("c/cases/0/prompt/0/content").contains("every label that applies"))
        await fixture.run(#"d = classify([{id: "x", input: "q", expected: "bug"}], labels: ["billing", "bug"], model: model("echo"), multi_label: true)"#)
        #expect(await fixture.value("d/cases/0/status") == "extract_error")
    }

    @Test("mistakes in the call are named: an example's unknown label, examples_as, a missing field, repeated labels")
    func argumentErrors() async throws {
        let fixture = try await fixture()
        defer { fixture.remove() }
        let cases: [(String, String)] = [
            (#"classify(s, labels: ["billing", "bug"], model: "perfect", examples: {"x": "feature"})"#, "labelled 'feature', which is not one of the labels"),
            (#"classify(s, labels: ["billing", "bug"], model: "perfect", examples_as: "inline")"#, #"examples_as must be "messages" or "prompt""#),
            (#"classify(s, labels: ["billing", "bug"], model: "perfect", field: "text")"#, "case t1 has no 'text' field"),
            (#"classify(s, labels: ["bug", "Bug"], model: "perfect")"#, "the label 'Bug' is listed twice"),
            (#"classify(s, labels: [], model: "perfect")"#, "a non-empty list of labels"),
        ]
        for (code, message) in cases {
            let cell = await fixture.run(code)
            #expect(cell.outcome != .success, "\(code)")
            #expect(cell.events.errorLines.joined(separator: "\n").contains(message), "\(code): \(cell.events.errorLines)")
        }
    }
}
