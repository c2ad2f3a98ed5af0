import AssaySession
import Foundation
import Testing

/// `bertscore(candidate, reference, …)`, the embedding cache, and the errors a user meets.
@Suite("BERTScore as a function", .serialized)
struct BERTScoreFunctionTests {
    static func call(_ index: Int, _ options: String = "") throws -> String {
        let texts = try BERTScoreSession.reference.get().texts[index]
        let quote = { (text: String) in String(decoding: try! JSONSerialization.data(withJSONObject: text, options: [.fragmentsAllowed]), as: UTF8.self) }
        return "bertscore(\(quote(texts.prediction)), \(quote(texts.reference))\(options))"
    }

    @Test("two strings give bert-score's precision, recall and f1", arguments: [("", 6), (", layers: 4", 4), (", model: \"minilm\", layers: 6", 6)])
    func pairAgrees(options: String, layers: Int) async throws {
        let session = try BERTScoreSession()
        defer { session.remove() }
        let reference = try BERTScoreSession.reference.get()
        for index in [0, 7, 42] {
            let expected = layers == 6 ? reference.pairs[index].layer6 : reference.pairs[index].layer4
            let found = try await session.scores(try Self.call(index, options))
            #expect(agree(found, expected), "\(reference.pairs[index].id): \(found) against \(expected)")
        }
    }

    @Test("two lists are one call: a record per pair and the means")
    func listsGiveScoresAndMeans() async throws {
        let session = try BERTScoreSession()
        defer { session.remove() }
        let result = try #require(try await session.json("bertscore([\"the cat sat\", \"a dog ran\"], [\"a cat sat\", \"the dog ran\"])") as? [String: Any])
        let scores = try #require(result["scores"] as? [[String: Double]])
        #expect(scores.count == 2)
        let meanF1 = try #require(result["f1"] as? Double)
        #expect(abs(meanF1 - (scores[0]["f1"]! + scores[1]["f1"]!) / 2) < 1e-12)
        #expect(await session.failure("bertscore([\"a\"], [\"b\", \"c\"])").contains("as many references as candidates"))
    }

    @Test("scoring again reads the embeddings from the run store instead of running the encoder")
    func rescoringHitsTheCache() async throws {
        let session = try BERTScoreSession()
        defer { session.remove() }
        let first = try await session.scores(try Self.call(3))
        let afterFirst = try #require(try await session.json("bertscore_cache()") as? [String: Int])
        #expect(afterFirst == ["encoded": 2, "cached": 0, "passes": 1, "entries": 2])
        let second = try await session.scores(try Self.call(3))
        let afterSecond = try #require(try await session.json("bertscore_cache()") as? [String: Int])
        #expect(afterSecond == ["encoded": 2, "cached": 2, "passes": 1, "entries": 2])
        #expect(first == second, "cached embeddings must give the very same numbers")
        // Another layer is another cache entry.
        _ = try await session.scores(try Self.call(3, ", layers: 4"))
        #expect(try await session.json("bertscore_cache()") as? [String: Int] == ["encoded": 4, "cached": 2, "passes": 2, "entries": 4])
    }

    @Test("a run scored again is served from the cache and stores the same values")
    func rerunHitsTheCache() async throws {
        let session = try BERTScoreSession()
        defer { session.remove() }
        try session.writeCases([10, 11, 12])
        await session.run("a = run(load(\"cases.jsonl\"), template: \"{{ candidate }}\", model: \"echo\", metrics: [\"bertscore\"], cache: false)")
        let encoded = try #require(try await session.json("bertscore_cache()") as? [String: Int])["encoded"]
        await session.run("b = run(load(\"cases.jsonl\"), template: \"{{ candidate }}\", model: \"echo\", metrics: [\"bertscore\"], cache: false)")
        let after = try #require(try await session.json("bertscore_cache()") as? [String: Int])
        // Each case looks up its distinct texts: sum-010's candidate is its reference, so 5 in all.
        #expect(after["encoded"] == encoded)
        #expect(after["cached"] == 5)
        for position in 0 ..< 3 {
            #expect(try await session.scores("a/cases/\(position)/metrics/bertscore") == session.scores("b/cases/\(position)/metrics/bertscore"))
        }
    }

    @Test("an empty candidate scores 0 with a warning on standard error")
    func emptyCandidateWarns() async throws {
        let session = try BERTScoreSession()
        defer { session.remove() }
        let recorder = await session.run("x = bertscore(\"\", \"a cat sat\")")
        #expect(try await session.scores("x") == [0, 0, 0])
        let errors = recorder.all.compactMap { event -> String? in if case .stream(.stderr, let text) = event { text } else { nil } }.joined()
        #expect(errors.contains("the candidate is empty"))
    }

    @Test("an unknown encoder name is an error with a did-you-mean", arguments: [
        "bertscore(\"a\", \"b\", model: \"minilmm\")",
        "run([{id: \"1\", candidate: \"a\", expected: \"b\"}], template: \"{{ candidate }}\", model: \"echo\", metrics: [{bertscore: {model: \"minlm\"}}])",
    ])
    func unknownEncoder(code: String) async throws {
        let session = try BERTScoreSession()
        defer { session.remove() }
        let error = await session.failure(code)
        #expect(error.contains("no encoder is named"))
        #expect(error.contains("did you mean 'minilm'?"))
    }

    @Test("a model folder missing a file names the file and how to get it")
    func missingFile() async throws {
        let broken = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("assay-broken-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: broken, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: broken) }
        for name in ["config.json", "vocab.txt"] {
            try FileManager.default.copyItem(
                at: BERTScoreSession.modelDirectory.appendingPathComponent(name), to: broken.appendingPathComponent(name))
        }
        let session = try BERTScoreSession(encoders: [("broken", broken.path)])
        defer { session.remove() }
        let error = await session.failure("bertscore(\"a\", \"b\")")
        #expect(error.contains("the encoder 'broken'"))
        #expect(error.contains("has no model.safetensors"))
        #expect(error.contains("scripts/fetch-encoder-model.sh"))
        #expect(error.contains("models.json"))
    }

    @Test("a misspelt metric name suggests bertscore, and unknown options are named")
    func misspeltNames() async throws {
        let session = try BERTScoreSession()
        defer { session.remove() }
        let runCode = { (metric: String) in
            "run([{id: \"1\", candidate: \"a\", expected: \"b\"}], template: \"{{ candidate }}\", model: \"echo\", metrics: [\(metric)])"
        }
        #expect(await session.failure(runCode("\"bertscor\"")).contains("did you mean 'bertscore'?"))
        #expect(await session.failure(runCode("{bertscore: {layer: 4}}")).contains("did you mean 'layers'?"))
        #expect(await session.failure("bertscore(\"a\", \"b\", layers: 9)").contains("layers must be between 0 and 6"))
    }
}
