import Foundation
import Testing
import AssayMetrics

/// The 14 groups of cases from sacrebleu's own tests (`test/test_bleu.py`,
/// `test/test_chrf.py`, `test/test_sentence_bleu.py`), copied into
/// `Fixtures/sacrebleu/test-vectors.json`, each checked at its upstream tolerance.
@Suite("BLEU and chrF match sacrebleu's upstream test cases")
struct SacrebleuReferenceTests {
    private static func group(_ name: String) throws -> (cases: [[String: Any]], tolerance: Double) {
        let fixture = try OverlapFixture.json("sacrebleu/test-vectors.json")
        let groups = try #require(fixture["groups"] as? [[String: Any]])
        let group = try #require(groups.first { $0["name"] as? String == name }, "no group \(name)")
        return (try #require(group["cases"] as? [[String: Any]]), group["tolerance_abs"] as? Double ?? 0)
    }

    /// sacrebleu's `smooth_method` and `smooth_value`, where `nil` means the method's default.
    private static func smoothing(_ method: String, _ value: Double?) -> BLEU.Smoothing {
        switch method {
        case "none": .none
        case "floor": .floor(value ?? 0.1)
        case "add-k": .addK(value ?? 1)
        default: .exponential
        }
    }

    /// sacrebleu's `raw_corpus_bleu`: no tokenization, floor smoothing, effective order.
    private static func rawCorpusBLEU(smoothValue: Double = 0.01) -> BLEU {
        BLEU(tokenizer: .none, smoothing: .floor(smoothValue), effectiveOrder: true)
    }

    private static func statistics(_ testCase: [String: Any]) throws -> BLEUStatistics {
        BLEUStatistics(
            systemLength: try #require(testCase["sys_len"] as? Int),
            referenceLength: try #require(testCase["ref_len"] as? Int),
            counts: try #require(testCase["common"] as? [Int]), totals: try #require(testCase["total"] as? [Int]))
    }

    @Test("raw corpus BLEU", arguments: ["raw_corpus_bleu", "raw_corpus_bleu_effective_order"])
    func rawCorpusBLEU(group name: String) throws {
        let (cases, tolerance) = try Self.group(name)
        #expect(cases.count == 3)
        for testCase in cases {
            let score = Self.rawCorpusBLEU().corpusScore(
                hypotheses: try #require(testCase["hypotheses"] as? [String]),
                references: try #require(testCase["references"] as? [[String]])
            ).score / 100
            #expect(OverlapFixture.isClose(score, try #require(testCase["expected"] as? Double), tolerance: tolerance))
        }
    }

    @Test("corpus BLEU with two reference streams, tokenizers none/13a/intl and no smoothing")
    func corpusBLEU() throws {
        let (cases, tolerance) = try Self.group("corpus_bleu")
        #expect(cases.count == 6)
        for testCase in cases {
            let options = testCase["kwargs"] as? [String: String] ?? [:]
            let bleu = BLEU(
                tokenizer: options["tokenize"].flatMap(BLEU.Tokenizer.init(rawValue:)) ?? .thirteenA,
                smoothing: Self.smoothing(options["smooth_method"] ?? "exp", nil))
            let score = bleu.corpusScore(
                hypotheses: try #require(testCase["hypotheses"] as? [String]),
                references: try #require(testCase["references"] as? [[String]])
            ).score
            let expected = try #require(testCase["expected"] as? Double)
            #expect(OverlapFixture.isClose(score, expected, tolerance: tolerance), "\(options): \(score) vs \(expected)")
        }
    }

    @Test("n-gram statistics of a corpus")
    func statistics() throws {
        let (cases, _) = try Self.group("bleu_statistics")
        #expect(cases.count == 1)
        for testCase in cases {
            let result = Self.rawCorpusBLEU().corpusScore(
                hypotheses: try #require(testCase["hypotheses"] as? [String]),
                references: try #require(testCase["references"] as? [[String]]))
            let expected = try #require(testCase["expected"] as? [String: [Int]])
            #expect(result.counts == expected["common"])
            #expect(result.totals == expected["total"])
        }
    }

    @Test("BLEU computed from given statistics")
    func scoreFromStatistics() throws {
        let (cases, tolerance) = try Self.group("bleu_compute_from_statistics")
        #expect(cases.count == 1)
        for testCase in cases {
            let score = BLEU().score(from: try Self.statistics(testCase)).score / 100
            #expect(OverlapFixture.isClose(score, try #require(testCase["expected"] as? Double), tolerance: tolerance))
        }
    }

    @Test("floor smoothing with a zero and with the default offset")
    func floorOffset() throws {
        let (cases, tolerance) = try Self.group("bleu_floor_offset")
        #expect(cases.count == 1)
        for testCase in cases {
            let hypotheses = try #require(testCase["hypotheses"] as? [String])
            let references = try #require(testCase["references"] as? [[String]])
            let withOffset = Self.rawCorpusBLEU(smoothValue: 0.1).corpusScore(hypotheses: hypotheses, references: references)
            let withoutOffset = Self.rawCorpusBLEU(smoothValue: 0).corpusScore(hypotheses: hypotheses, references: references)
            #expect(OverlapFixture.isClose(withOffset.score / 100, try #require(testCase["expected_with_offset"] as? Double),
                                           tolerance: tolerance))
            #expect(OverlapFixture.isClose(withoutOffset.score / 100, try #require(testCase["expected_without_offset"] as? Double),
                                           tolerance: tolerance))
        }
    }

    @Test("degenerate statistics score exactly 0")
    func degenerateStatistics() throws {
        let (cases, _) = try Self.group("bleu_degenerate_statistics")
        #expect(cases.count == 6)
        for testCase in cases {
            let bleu = BLEU(smoothing: .floor(try #require(testCase["offset"] as? Double)))
            let score = bleu.score(from: try Self.statistics(testCase)).score / 100
            #expect(score == (try #require(testCase["expected"] as? Double)), "\(testCase)")
        }
    }

    @Test("maximum n-gram orders 1 to 6, to two decimals")
    func maxNGramOrder() throws {
        let (cases, _) = try Self.group("bleu_max_ngram_order")
        #expect(cases.count == 6)
        for testCase in cases {
            let bleu = BLEU(maxNGramOrder: try #require(testCase["order"] as? Int))
            let score = bleu.corpusScore(
                hypotheses: try #require(testCase["hypotheses"] as? [String]),
                references: try #require(testCase["references"] as? [[String]])
            ).score
            #expect(String(format: "%.2f", score) == testCase["expected"] as? String)
        }
    }

    @Test("sentence chrF with epsilon smoothing (Czech)")
    func sentenceCHRF() throws {
        let (cases, tolerance) = try Self.group("chrf_sentence")
        #expect(cases.count == 3)
        for testCase in cases {
            let score = CHRF(epsilonSmoothing: true).sentenceScore(
                hypothesis: try #require(testCase["hypothesis"] as? String),
                references: try #require(testCase["references"] as? [String])
            ).score
            #expect(OverlapFixture.isClose(score, try #require(testCase["expected"] as? Double), tolerance: tolerance))
        }
    }

    @Test("corpus chrF (β = 3) with epsilon smoothing, effective order, and whitespace kept",
          arguments: ["chrf_corpus_eps", "chrf_corpus_effective_order", "chrf_corpus_keep_whitespace"])
    func corpusCHRF(group name: String) throws {
        let (cases, tolerance) = try Self.group(name)
        #expect(cases.count == ["chrf_corpus_eps": 13, "chrf_corpus_effective_order": 7, "chrf_corpus_keep_whitespace": 2][name])
        let chrf = CHRF(
            beta: 3, whitespace: name == "chrf_corpus_keep_whitespace", epsilonSmoothing: name == "chrf_corpus_eps")
        for testCase in cases {
            let hypotheses = try #require(testCase["hypotheses"] as? [String])
            let score = chrf.corpusScore(
                hypotheses: hypotheses, references: [try #require(testCase["references"] as? [String])]
            ).score
            let expected = try #require(testCase["expected"] as? Double)
            #expect(OverlapFixture.isClose(score, expected, tolerance: tolerance), "\(hypotheses): \(score) vs \(expected)")
        }
    }

    @Test("sentence BLEU under every smoothing, tokenizer and case option",
          arguments: ["sentence_bleu_options", "sentence_bleu_zero"])
    func sentenceBLEUOptions(group name: String) throws {
        let (cases, tolerance) = try Self.group(name)
        #expect(cases.count == ["sentence_bleu_options": 12, "sentence_bleu_zero": 6][name])
        for testCase in cases {
            let method = try #require(testCase["smooth_method"] as? String)
            let tokenizerName = try #require(testCase["tokenize"] as? String)
            let bleu = BLEU(
                lowercase: try #require(testCase["lowercase"] as? Bool),
                tokenizer: try #require(BLEU.Tokenizer(rawValue: tokenizerName)),
                smoothing: Self.smoothing(method, testCase["smooth_value"] as? Double),
                effectiveOrder: true)
            let score = bleu.sentenceScore(
                hypothesis: try #require(testCase["hypothesis"] as? String),
                references: [try #require(testCase["reference"] as? String)]
            ).score
            let expected = try #require(testCase["expected"] as? Double)
            #expect(OverlapFixture.isClose(score, expected, tolerance: tolerance), "\(bleu): \(score) vs \(expected)")
        }
    }
}
