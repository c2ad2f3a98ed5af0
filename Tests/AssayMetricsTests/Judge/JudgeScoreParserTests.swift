import Testing
import AssayMetrics

/// What a judge's answer should parse to.
enum JudgeExpectation: Sendable, Equatable {
    case score(Double)
    case failure(JudgeScoreFailure.Kind)
}

/// One raw judge answer and its expected reading.
struct JudgeAnswerCase: Sendable, CustomTestStringConvertible {
    let name: String
    let answer: String
    let expected: JudgeExpectation
    var testDescription: String { name }

    init(_ name: String, _ answer: String, _ expected: JudgeExpectation) {
        self.name = name
        self.answer = answer
        self.expected = expected
    }
}

@Suite("Judge answers parse into a score on a 1–10 scale or a judge error")
struct JudgeScoreParserTests {
    static let cases: [JudgeAnswerCase] = [
        .init("bare integer", "7", .score(7)),
        .init("bare decimal", "7.5", .score(7.5)),
        .init("bare number padded with whitespace", " 8\n", .score(8)),
        .init("labelled fraction", "Score: 7/10", .score(7)),
        .init("labelled decimal fraction", "Score: 7.5/10", .score(7.5)),
        .init("unlabelled fraction", "7/10", .score(7)),
        .init("rating out of ten", "Rating: 8 out of 10", .score(8)),
        .init("label with an equals sign", "SCORE = 10", .score(10)),
        .init("label with the range in parentheses", "Score (1-10): 9", .score(9)),
        .init("score of, in a sentence", "Overall it is solid; I would give it a score of 6.", .score(6)),
        .init("JSON object", #"{"score": 7}"#, .score(7)),
        .init("JSON rating with a reason that mentions another number",
              #"{"rating": 7, "reason": "Accurate, though the score of 3 it quotes is wrong."}"#, .score(7)),
        .init("JSON in a json fence", "Here is my evaluation:\n```json\n{\"score\": 9, \"reason\": \"good\"}\n```", .score(9)),
        .init("JSON in a bare fence", "```\n{\"Score\": 4}\n```", .score(4)),
        .init("JSON score written as a fraction string", #"{"score": "8/10"}"#, .score(8)),
        .init("JSON score nested one level down", #"{"evaluation": {"score": 4, "notes": "ok"}}"#, .score(4)),
        .init("bold markdown label", "**Score:** 9", .score(9)),
        .init("markdown heading and bold value", "### Final Score\n**8/10**", .score(8)),
        .init("final score line after reasoning", "The answer covers the main points.\nFinal score: 6", .score(6)),
        .init("reasoning paragraph with numbers, then a score line",
              "The summary is faithful and concise. It omits 1 detail (the 2019 date), which costs 2 points.\n\nScore: 8",
              .score(8)),
        .init("reasoning paragraph, then a bare number line", "Mostly correct, slightly verbose.\n\n7", .score(7)),
        .init("the same score twice", "Score: 7/10\n\nIn short: Score: 7", .score(7)),
        .init("a score label beats per-aspect fractions", "Accuracy: 6/10. Fluency: 8/10. Score: 7", .score(7)),
        .init("a final score beats an earlier score", "Initial score: 5. After checking the facts, final score: 7", .score(7)),
        .init("an apology followed by a score", "I'm sorry for the delay. Score: 3", .score(3)),
        .init("score above the scale", "Score: 11", .failure(.outOfRange)),
        .init("score below the scale", "0", .failure(.outOfRange)),
        .init("negative score", "Score: -1", .failure(.outOfRange)),
        .init("JSON score above the scale", #"{"score": 12}"#, .failure(.outOfRange)),
        .init("score out of another maximum", "Score: 4/5", .failure(.scaleMismatch)),
        .init("conflicting unlabelled fractions", "Fluency 6/10, accuracy 8/10.", .failure(.ambiguous)),
        .init("conflicting score labels", "Score: 6. On reflection, score: 8.", .failure(.ambiguous)),
        .init("conflicting final scores", "Final score: 6\nFinal score: 9", .failure(.ambiguous)),
        .init("refusal", "I cannot evaluate this.", .failure(.refusal)),
        .init("refusal as an AI", "As an AI, I don't have personal opinions about essays.", .failure(.refusal)),
        .init("refusal with a curly apostrophe", "Sorry, I can’t help with rating that content.", .failure(.refusal)),
        .init("refusal that mentions the scale", "I am unable to provide a score out of 10 for this.", .failure(.refusal)),
        .init("empty answer", "", .failure(.unparseable)),
        .init("whitespace only", "  \n\t ", .failure(.unparseable)),
        .init("prose without a score", "The response is pretty good overall.", .failure(.unparseable)),
        .init("JSON whose score is a boolean", #"{"score": true}"#, .failure(.unparseable)),
        .init("a score label without a number", "Score: excellent", .failure(.unparseable)),
    ]

    @Test("answer shapes", arguments: cases)
    func answer(_ testCase: JudgeAnswerCase) {
        let result = JudgeScoreParser(scale: 1...10).parse(testCase.answer)
        switch (result, testCase.expected) {
        case (.success(let score), .score(let expected)):
            #expect(score.rawValue == expected)
            #expect(score.value == expected)
        case (.failure(let failure), .failure(let kind)):
            #expect(failure.kind == kind, "\(failure)")
            #expect(failure.rawAnswer == testCase.answer)
            #expect(!failure.message.isEmpty)
        default:
            Issue.record("expected \(testCase.expected), got \(result)")
        }
    }

    @Test("there are at least twenty answer shapes, refusals among them")
    func tableSize() {
        #expect(Self.cases.count >= 20)
        #expect(Self.cases.contains { $0.expected == .failure(.refusal) })
    }

    @Test("normalizing maps the scale linearly onto 0–1", arguments: [
        ("Score: 1", 0.0), ("Score: 10", 1.0), ("Score: 5.5", 0.5), (#"{"score": 4}"#, 1.0 / 3),
    ] as [(String, Double)])
    func normalization(answer: String, expected: Double) throws {
        let score = try JudgeScoreParser(scale: 1...10, normalizes: true).score(answer)
        #expect(abs(score.value - expected) < 1e-12)
        #expect((1...10).contains(score.rawValue))
    }

    @Test("a 0–1 scale accepts decimals and its own maximum")
    func unitScale() throws {
        let parser = JudgeScoreParser(scale: 0...1)
        #expect(try parser.score("Score: 0.85").value == 0.85)
        #expect(try parser.score("1/1").value == 1)
        #expect(throws: JudgeScoreFailure.self) { try parser.score("Score: 7/10") }
    }

    @Test("failures say what was found and are recorded as judge_error")
    func failureDetails() {
        let parser = JudgeScoreParser(scale: 1...5)
        guard case .failure(let failure) = parser.parse("Score: 3. No wait, Score: 4.") else {
            Issue.record("expected an ambiguous answer to fail")
            return
        }
        #expect(failure.kind == .ambiguous)
        #expect(failure.candidates == [3, 4])
        #expect(failure.description == "judge error (ambiguous): the answer gives several different scores (3, 4)")
        #expect(JudgeScoreFailure.status == "judge_error")
        guard case .failure(let range) = parser.parse("Score: 7") else {
            Issue.record("expected 7 to be outside 1–5")
            return
        }
        #expect(range.message == "score 7 is outside the scale 1–5")
        #expect(range.candidates == [7])
    }

    @Test("the evidence is the text the score was read from")
    func evidence() throws {
        let parser = JudgeScoreParser(scale: 1...10)
        #expect(try parser.score("Good.\nScore: 7/10").evidence == "Score: 7/10")
        #expect(try parser.score(#"{"rating": 7, "reason": "x"}"#).evidence == #""rating": 7"#)
    }

    @Test("the documentation example works")
    func documentationExample() throws {
        let parser = JudgeScoreParser(scale: 1...10)
        #expect(try parser.score("The summary is faithful.\nScore: 8/10").value == 8)
        #expect(try JudgeScoreParser(scale: 1...10, normalizes: true).parse("Score: 10").get().value == 1)
    }
}
