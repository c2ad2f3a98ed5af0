import AssayCore
import AssayEvaluation
import Foundation

/// Stored runs made in memory, with as many cases as a test or benchmark needs: case `i` is right
/// unless `i` is a multiple of `wrongEvery`, the fifth case's output is long, and the seventh
/// failed at the model.
enum SyntheticRun {
    static func cases(_ count: Int) -> [TestCase] {
        (0..<count).map { index in
            TestCase(id: String(format: "c%04d", index), fields: [
                "input": .string("What is item \(index) of the menu?"),
                "expected": .string("item \(index) is soup"),
            ])
        }
    }

    static func run(name: String, cases: [TestCase], wrongEvery: Int, model: String = "perfect") -> StoredRun {
        let results = cases.enumerated().map { index, testCase in
            let prompt = [ChatMessage(role: "system", content: "Answer briefly."),
                          ChatMessage(role: "user", content: "Answer: " + (testCase.input?.text ?? ""))]
            if index == 7 {
                return CaseResult(caseID: testCase.id, sample: 0, position: index, prompt: prompt, status: .modelError,
                                  error: "model call failed: HTTP 500 </script><b>not markup</b>")
            }
            let right = index % wrongEvery != 0
            var output = right ? "item \(index) is soup" : "item \(index) is bread and butter"
            if index == 5 { output += String(repeating: " with a long explanation", count: 30) }
            let exact: Double = right ? 1 : 0
            let metrics: JSONObject = ["exact": .double(exact), "rouge": ["rougeL": ["f1": .double(right ? 1 : 0.5)]]]
            return CaseResult(caseID: testCase.id, sample: 0, position: index, prompt: prompt, output: output, extracted: .string(output),
                              metrics: metrics, status: .ok, latencyMilliseconds: 12.5, usage: TokenUsage(prompt: 20, completion: 5))
        }
        let configuration: JSONValue = [
            "name": .string(name),
            "template": ["sha256": "abc123", "system": "Answer briefly.", "user": "Answer: {{ input }}"],
            "parameters": ["temperature": .double(0.2)],
            "metrics": .array([.string("exact"), .string("rouge")]),
            "assay": ["version": "0.1.0", "git": ["revision": "0123456789abcdef", "dirty": .bool(false)]],
        ]
        let errors = results.filter(\.status.isError).count
        let record = RunRecord(
            id: UUID(), createdAt: Date(timeIntervalSince1970: 1_800_000_000), name: name, tags: [], status: .completed,
            configuration: configuration, suitePath: nil, suiteHash: "hash", templateSHA256: "abc123",
            model: ["name": .string(model), "type": "MOCK"], derivedFrom: nil, pipeline: nil, finishedAt: nil,
            counts: RunCounts(expected: cases.count, finished: cases.count, ok: cases.count - errors, errors: errors)
        )
        return StoredRun(record: record, results: results, cases: cases)
    }
}
