import AssaySession
import Foundation
import Testing

@Suite("label: ground truth from a model")
struct GroundTruthTests {
    @Test("the model's answers land in the field; the run is stored, tagged and recorded by the new suite")
    func answersBecomeTheField() async throws {
        let fixture = try RunSessionFixture()
        defer { fixture.remove() }
        await fixture.run(#"""
        s = [{id: "a", input: "one"}, {id: "b", input: "two"}]
        refs = label(s, model: "echo", template: "Say {{ input }}")
        """#)
        #expect(await fixture.value("refs/cases/*/expected") == #"["Say one", "Say two"]"#)
        #expect(await fixture.value("refs/cases/*/input") == #"["one", "two"]"#)
        let runID = await fixture.value("refs/provenance/run")
        let newest = await fixture.value("history()/0/id")
        #expect(!newest.isEmpty && runID.hasPrefix(newest), "\(newest) vs \(runID)")
        #expect(await fixture.value(#"runs("\#(runID.prefix(8))")/tags"#) == #"["ground-truth"]"#)
        #expect(await fixture.value("refs/provenance/model") == "echo")
        #expect(await fixture.value("refs").contains("'expected' written by echo in run \(runID.prefix(8))"))
    }

    @Test("other models are then scored against the generated answers")
    func evaluateAgainstLabels() async throws {
        let fixture = try RunSessionFixture()
        defer { fixture.remove() }
        await fixture.run(#"""
        s = [{id: "a", input: "one"}, {id: "b", input: "two"}, {id: "c", input: "three"}]
        refs = label(s, model: "echo", template: "Say {{ input }}", field: "reference")
        """#)
        #expect(await fixture.value("refs/cases/0/reference") == "Say one")
        await fixture.run(#"""
        gold = label(s, model: "echo", template: "Say {{ input }}")
        r = run(gold, template: "Say {{ input }}", model: "perfect", metrics: ["exact"])
        """#)
        #expect(await fixture.value("r/summary/exact/mean") == "1")
    }

    @Test("cases without an answer are left out and named on stderr; save writes the rest")
    func failuresLeftOut() async throws {
        let fixture = try RunSessionFixture()
        defer { fixture.remove() }
        let cell = await fixture.run(#"""
        s = map(range(12), i => {id: "c" + str(i), input: "q" + str(i), expected: "a" + str(i)})
        refs = label(s, model: model("transient", rate: 0.5, seed: 3), template: "{{ input }}", retries: 0, field: "gold")
        """#)
        #expect(cell.outcome == .success, "\(cell.events.errorLines)")
        let kept = Int(await fixture.value("len(refs)")) ?? -1
        let leftOut = Int(await fixture.value("refs/provenance/left_out")) ?? -1
        #expect(kept + leftOut == 12)
        #expect(leftOut > 0 && kept > 0)
        #expect(cell.standardError.contains("left out"), "\(cell.standardError)")
        let saved = await fixture.run(#"save(refs, "refs.jsonl")"#)
        #expect(saved.events.standardOutput.contains("'gold' from run"), "\(saved.events.standardOutput)")
        let lines = try fixture.read("refs.jsonl").split(separator: "\n")
        #expect(lines.count == kept)
        #expect(lines.allSatisfy { $0.contains(#""gold""#) })
    }
}
