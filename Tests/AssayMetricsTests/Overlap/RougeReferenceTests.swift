import Testing
@testable import AssayMetrics

/// The cases of `rouge-score`'s own test suite (google-research `rouge/rouge_scorer_test.py`
/// and `tokenize_test.py`), copied into `Fixtures/rouge/expected.json`.
@Suite("ROUGE matches rouge-score's upstream test cases")
struct RougeReferenceTests {
    private static let expected = "rouge/expected.json"

    /// Reads `name#lineN` as Python's `readlines()` would (newline kept), or a whole file.
    private static func text(_ reference: String) throws -> String {
        let parts = reference.split(separator: "#")
        let contents = try OverlapFixture.text("rouge/" + parts[0])
        guard parts.count == 2, let index = Int(parts[1].dropFirst("line".count)) else { return contents }
        var lines = contents.split(separator: "\n", omittingEmptySubsequences: false).map { String($0) + "\n" }
        if contents.hasSuffix("\n") { lines.removeLast() }
        return lines[index]
    }

    private static func compare(
        _ scores: [RougeType: RougeScore], with expected: [String: Any], tolerance: Double,
        label: String, into comparison: inout ReferenceComparison
    ) {
        for (name, value) in expected {
            guard let type = RougeType(name: name), let parts = value as? [String: Double] else { continue }
            let score = scores[type] ?? .zero
            for (part, number) in parts {
                let actual = switch part {
                case "precision": score.precision
                case "recall": score.recall
                default: score.fmeasure
                }
                comparison.check(actual, number, tolerance: tolerance, "\(label) \(name) \(part)")
            }
        }
    }

    @Test("ROUGE-1.5.5 values for the test files, with and without the stemmer (to 5e-6)")
    func fileCases() throws {
        let fixture = try OverlapFixture.json(Self.expected)
        let cases = try #require(fixture["file_cases"] as? [[String: Any]])
        var comparison = ReferenceComparison()
        for testCase in cases {
            let target = try Self.text(try #require(testCase["target"] as? String))
            let prediction = try Self.text(try #require(testCase["prediction"] as? String))
            let stem = testCase["stem"] as? Bool ?? false
            let types = testCase.keys.compactMap { RougeType(name: $0) }
            let scores = RougeScorer(types: types, useStemmer: stem).score(target: target, prediction: prediction)
            Self.compare(scores, with: testCase, tolerance: 5e-6, label: "\(testCase["target"]!) stem=\(stem)",
                         into: &comparison)
        }
        #expect(comparison.checked == 33)
        #expect(comparison.failures.isEmpty, "\(comparison.summary)")
    }

    @Test("unit cases: short strings, empty inputs, summary-level LCS, line splitting, score_multi")
    func stringCases() throws {
        let fixture = try OverlapFixture.json(Self.expected)
        let cases = try #require(fixture["string_cases"] as? [[String: Any]])
        var comparison = ReferenceComparison()
        for testCase in cases {
            let names = try #require(testCase["types"] as? [String])
            let types = names.compactMap { RougeType(name: $0) }
            let scorer = RougeScorer(types: types, useStemmer: testCase["stem"] as? Bool ?? false)
            let prediction = try #require(testCase["prediction"] as? String)
            let scores: [RougeType: RougeScore]
            if testCase["method"] as? String == "score_multi" {
                scores = scorer.scoreMulti(targets: try #require(testCase["multi_targets"] as? [String]), prediction: prediction)
            } else {
                scores = scorer.score(target: try #require(testCase["target"] as? String), prediction: prediction)
            }
            Self.compare(scores, with: testCase, tolerance: 1e-9, label: "\(names) \(prediction.debugDescription)",
                         into: &comparison)
        }
        #expect(comparison.checked == 47)
        #expect(comparison.failures.isEmpty, "\(comparison.summary)")
    }

    @Test("the default tokenizer lower-cases and splits on non-alphanumerics")
    func tokenizerCases() throws {
        let fixture = try OverlapFixture.json(Self.expected)
        let cases = try #require(fixture["tokenizer_cases"] as? [[String: Any]])
        #expect(cases.count == 2)
        for testCase in cases {
            var tokenizer = RougeTokenizer(usesStemmer: testCase["stem"] as? Bool ?? false)
            let text = try #require(testCase["text"] as? String)
            #expect(tokenizer.tokenStrings(of: text) == testCase["tokens"] as? [String])
        }
    }
}
