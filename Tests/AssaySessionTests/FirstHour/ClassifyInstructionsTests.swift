import AssaySession
import Testing

/// `instructions:` may place the labels and the examples with `{{ labels }}` and `{{ examples }}`;
/// they are appended only when the instructions do not place them.
@Suite("classify's instructions with {{ labels }} and {{ examples }}")
struct ClassifyInstructionsTests {
    private func fixture() async throws -> RunSessionFixture {
        let fixture = try RunSessionFixture()
        try fixture.write("tickets.jsonl", #"{"id": "t1", "input": "my card was charged twice", "expected": "billing"}"# + "\n")
        await fixture.run(#"s = load("tickets.jsonl")"#)
        return fixture
    }

    @Test("the placeholders put the labels and examples where the instructions say, and nowhere else")
    func placed() async throws {
        let fixture = try await fixture()
        defer { fixture.remove() }
        await fixture.run(#"""
        c = classify(s, labels: ["billing", "bug"], model: "perfect",
                     instructions: "Sort tickets into {{ labels }}.\nSee:\n{{ examples }}\nTicket {{ id }} follows.",
                     examples: {"it freezes": "bug"})
        """#)
        let system = await fixture.value("c/cases/0/prompt/0/content")
        #expect(system.hasPrefix("Sort tickets into billing, bug.\nSee:\nText: it freezes\nLabel: bug\nTicket t1 follows."), "\(system)")
        #expect(!system.contains("- billing"), "\(system)")
        #expect(await fixture.value("c/cases/0/prompt/*/role") == #"["system", "user"]"#)
        #expect(await fixture.value("c/cases/0/extracted") == "billing")
    }

    @Test("without the placeholders the labels are listed after the instructions, as before")
    func appended() async throws {
        let fixture = try await fixture()
        defer { fixture.remove() }
        await fixture.run(#"c = classify(s, labels: ["billing", "bug"], model: "perfect", instructions: "Sort tickets.")"#)
        #expect(await fixture.value("c/cases/0/prompt/0/content").hasPrefix("Sort tickets.\n\nClassify the text into exactly one of these labels:\n- billing\n- bug"))
    }
}
