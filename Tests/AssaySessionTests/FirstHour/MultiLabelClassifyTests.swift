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

    /// A session in which `c` is the topics classified by `perfect` with `multi_label: true`.
    static func classified() async throws -> RunSessionFixture {
        let fixture = try RunSessionFixture()
        try fixture.write("topics.jsonl", topics)
        await fixture.run(#"c = classify(load("topics.jsonl"), labels: ["billing", "bug", "feature"], model: "perfect", multi_label: true)"#)
        return fixture
    }

    @Test("list-valued expected labels answered by perfect (a JSON array) are read as label sets")
    func jsonArrayAnswers() async throws {
        let fixture = try await Self.classified()
        defer { fixture.remove() }
        #expect(await fixture.value("c/counts/ok") == "3")
        #expect(await fixture.value("c/cases/0/output") == #"["billing","bug"]"#)
        #expect(await fixture.value("c/cases/0/extracted") == #"["billing", "bug"]"#)
        #expect(await fixture.value("c/summary/label_set/exact/mean") == "1")
    }

    @Test("a multi-label run's report scores each label, with averages and exact-set accuracy")
    func perLabelReport() async throws {
        let fixture = try await Self.classified()
        defer { fixture.remove() }
        #expect(await fixture.value("c/report/labels/billing/support") == "2")
        #expect(await fixture.value("c/report/labels/bug/f1") == "1")
        #expect(await fixture.value("c/report/accuracy") == "1")
        #expect(await fixture.value("c/report/micro/f1") == "1")
        let shown = await fixture.value("c")
        #expect(shown.contains("feature"), "\(shown)")
        #expect(shown.contains("exact-set accuracy"), "\(shown)")
    }
}
