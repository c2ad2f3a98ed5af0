import AssaySession
import Foundation
import Testing

/// `metrics: ["bertscore"]` in runs: values per case and in the summary agree with bert-score.
@Suite("BERTScore as a run metric", .serialized)
struct BERTScoreRunTests {
    /// The first pairs of the fixture (none of them is sensitive to batch padding).
    static let cases = Array(0 ..< 6)

    @Test("each case's precision, recall and f1 agree with bert-score to 1e-5", arguments: [
        ("\"bertscore\"", 6), ("{bertscore: {model: \"minilm\", layers: 4}}", 4),
    ])
    func casesAgreeWithTheReference(metric: String, layers: Int) async throws {
        let session = try BERTScoreSession()
        defer { session.remove() }
        let reference = try BERTScoreSession.reference.get()
        try session.writeCases(Self.cases)
        await session.run("r = run(load(\"cases.jsonl\"), template: \"{{ candidate }}\", model: \"echo\", metrics: [\(metric)])")
        for (position, index) in Self.cases.enumerated() {
            let expected = layers == 6 ? reference.pairs[index].layer6 : reference.pairs[index].layer4
            #expect(try await session.json("r/cases/\(position)/id") as? String == reference.pairs[index].id)
            let found = try await session.scores("r/cases/\(position)/metrics/bertscore")
            #expect(agree(found, expected), "\(reference.pairs[index].id): \(found) against bert-score's \(expected)")
        }
    }

    @Test("the cases of a run in flight together share encoder passes, and each still scores as its own pair")
    func concurrentCasesShareEncoderPasses() async throws {
        let session = try BERTScoreSession()
        defer { session.remove() }
        let reference = try BERTScoreSession.reference.get()
        let cases = Array(0 ..< 24).filter { reference.pairs[$0].id != BERTScoreReference.paddingSensitivePair }
        try session.writeCases(cases)
        await session.run("r = run(load(\"cases.jsonl\"), template: \"{{ candidate }}\", model: \"echo\", concurrency: 8, metrics: [\"bertscore\"])")
        let usage = try #require(try await session.json("bertscore_cache()") as? [String: Int])
        let texts = try #require(usage["encoded"])
        let passes = try #require(usage["passes"])
        // One pass per case would be 24; the echo model answers at once, so while the first
        // case's texts are encoded the next seven wait and then share a pass, and so on.
        #expect(passes >= 1 && passes <= cases.count / 2, "\(passes) passes for \(cases.count) cases")
        #expect(texts >= cases.count && texts <= 2 * cases.count)
        for (position, index) in cases.enumerated() {
            let found = try await session.scores("r/cases/\(position)/metrics/bertscore")
            #expect(agree(found, reference.pairs[index].layer6), "\(reference.pairs[index].id): \(found)")
        }
    }

    @Test("the summary has bertscore/f1: the mean of the cases' f1")
    func summaryHasTheMeanF1() async throws {
        let session = try BERTScoreSession()
        defer { session.remove() }
        let reference = try BERTScoreSession.reference.get()
        try session.writeCases(Self.cases)
        await session.run("r = run(load(\"cases.jsonl\"), template: \"{{ candidate }}\", model: \"echo\", metrics: [\"bertscore\"])")
        let mean = Self.cases.map { reference.pairs[$0].layer6[2] }.reduce(0, +) / Double(Self.cases.count)
        let summary = try #require(Double(await session.run("print(r/summary/bertscore/f1 + 0)").standardOutputLines.first ?? ""))
        #expect(abs(summary - mean) <= 1e-5)
    }

    @Test("with idf: true, weights come from the expected of every case, as bert-score's from the call's references")
    func idfComesFromTheSuite() async throws {
        let session = try BERTScoreSession()
        defer { session.remove() }
        let reference = try BERTScoreSession.reference.get()
        try session.writeCases(Array(reference.pairs.indices))
        await session.run("r = run(load(\"cases.jsonl\"), template: \"{{ candidate }}\", model: \"echo\", concurrency: 4, metrics: [{bertscore: {idf: true}}])")
        for (index, pair) in reference.pairs.enumerated() where pair.id != BERTScoreReference.paddingSensitivePair {
            let found = try await session.scores("r/cases/\(index)/metrics/bertscore")
            #expect(agree(found, pair.layer6IDF), "\(pair.id): \(found) against \(pair.layer6IDF)")
        }
        // Scored as its own pair, the padding-sensitive pair's negative best cosine is not raised
        // to 0 as in bert-score's batch of 64, so its recall is lower (by about 1.5e-3).
        let alone = try #require(reference.pairs.firstIndex { $0.id == BERTScoreReference.paddingSensitivePair })
        let aloneScores = try await session.scores("r/cases/\(alone)/metrics/bertscore")
        #expect(aloneScores[1] < reference.pairs[alone].layer6IDF[1] - 1e-4)
        // The plain function scores all 200 pairs as one call, batch padding included, so the
        // padding-sensitive pair agrees too.
        await session.run("s = load(\"cases.jsonl\")\nall = bertscore(map(s, \"candidate\"), map(s, \"expected\"), idf: true)")
        for (index, pair) in reference.pairs.enumerated() {
            let found = try await session.scores("all/scores/\(index)")
            #expect(agree(found, pair.layer6IDF), "\(pair.id): \(found) against \(pair.layer6IDF)")
        }
    }

    @Test("score(…) takes bertscore like run(…)")
    func scoreTakesBERTScore() async throws {
        let session = try BERTScoreSession()
        defer { session.remove() }
        let reference = try BERTScoreSession.reference.get()
        try session.writeCases(Self.cases)
        await session.run("r = score(load(\"cases.jsonl\"), output: \"candidate\", metrics: [{bertscore: {layers: 4}}])")
        for (position, index) in Self.cases.enumerated() {
            let found = try await session.scores("r/cases/\(position)/metrics/bertscore")
            #expect(agree(found, reference.pairs[index].layer4), "\(reference.pairs[index].id): \(found)")
        }
    }
}
