import AssaySession
import Testing

/// Multi-label answers written as JSON arrays, and the per-label report of a multi-label run.
@Suite("classify with multi_label: JSON arrays and the per-label report")
struct MultiLabelClassifyTests {
    static let topics = """
    {"id": "a", "input": "refund and a crash", "expected": ["billing", "bug"]}
    {"id": "b", "input": "dark mode", "expected": ["feature"]}
    {"id": "c", "input": "charged twice", "expected": ["billing"]}

    """

    @Test("list-valued expected labels answered by perfect (a JSON array) are read as label sets")
    func jsonArrayAnswers() async throws {
        let fixture = try RunSessionFixture()
        defer { fixture.remove() }
        try fixture.write("topics.jsonl", Self.topics)
        await fixture.run(#"c = classify(load("topics.jsonl"), labels: ["billing", "bug", "feature"], model: "perfect", multi_label: true)"#)
        #expect(await fixture.value("c/counts/ok") == "3")
        #expect(await fixture.value("c/cases/0/output") == #"["billing","bug"]"#)
        #expect(await fixture.value("c/cases/0/extracted") == #"["billing", "bug"]"#)
        #expect(await fixture.value("c/summary/label_set/exact/mean") == "1")
    }

    @Test("a multi-label run's report scores each label, with averages and exact-set accuracy")
    func perLabelReport() async throws {
        let fixture = try RunSessionFixture()
        defer { fixture.remove() }
        try fixture.write("topics.jsonl", Self.topics)
        await fixture.run(#"r = classify(load("topics.jsonl"), labels: ["billing", "bug", "feature"], model: "perfect", multi_label: true)"#)
        #expect(await fixture.value("r/report/labels/billing/support") == "2")
        #expect(await fixture.value("r/report/labels/bug/f1") == "1")
        #expect(await fixture.value("r/report/accuracy") == "1")
        #expect(await fixture.value("r/report/micro/f1") == "1")
        let shown = await fixture.value("r")
        #expect(shown.contains("feature"), "\(shown)")
        #expect(shown.contains("exact-set accuracy"), "\(shown)")
    }
}
