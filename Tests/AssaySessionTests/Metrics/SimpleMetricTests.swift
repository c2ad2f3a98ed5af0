import AssaySession
import Testing

@Suite struct SimpleMetricTests {
    @Test("exact and contains apply case, punctuation and whitespace options")
    func textOptions() async {
        let fixture = MetricsFixture()
        #expect(await fixture.output(#"exact("Paris.", " paris ", ignore_case: true, ignore_punctuation: true)"#) == "1")
        #expect(await fixture.output(#"exact("Paris.", "paris", ignore_case: true)"#) == "0")
        #expect(await fixture.output(#"exact("New   York", "new york", ignore_case: true, normalize_whitespace: true)"#) == "1")
        #expect(await fixture.output(#"exact("New   York", "new york", ignore_case: true)"#) == "0")
        #expect(await fixture.output(#"contains("The answer is PARIS!", "paris", ignore_case: true)"#) == "1")
        #expect(await fixture.output(#"contains("The answer is Lyon", "paris", ignore_case: true)"#) == "0")
    }

    @Test("regex, json_valid and json_match are plain functions too")
    func plainFunctions() async {
        let fixture = MetricsFixture()
        #expect(await fixture.output(#"regex("Yes, it is.", "^yes", ignore_case: true)"#) == "1")
        #expect(await fixture.output(#"regex("Yes, it is.", "^yes")"#) == "0")
        #expect(await fixture.output(#"json_valid('{"a": [1, 2]}')"#) == "1")
        #expect(await fixture.output(#"json_valid('{"a": ')"#) == "0")
        let report = #"m = json_match('{"name": "Ada", "age": 36.0}', {name: "Ada", age: 36, city: "London"})"#
        await fixture.run(report)
        #expect(abs(await fixture.number("m/score") - 2.0 / 3.0) < 1e-12)
        #expect(await fixture.output("m/matched") == "2")
        #expect(await fixture.output("m/expected") == "3")
        #expect(await fixture.output("m/missing") == "1")
    }

    @Test("called without texts, the simple metrics are metric values for run(…)")
    func metricValues() async {
        let fixture = MetricsFixture()
        #expect(await fixture.output("type(exact(ignore_case: true))") == "metric")
        #expect(await fixture.output("regex(\"^a\")/name") == "regex")
        #expect(await fixture.output("json_match()/name") == "json_match")
    }

    @Test("metrics: takes names, metric values and option records; each case stores its value")
    func metricsInARun() async {
        let fixture = MetricsFixture()
        await fixture.run(#"""
        cases = [
          {id: "a", input: "q1", expected: "Paris", prediction: " paris."},
          {id: "b", input: "q2", expected: "Rome", prediction: "Roma"},
          {id: "j", input: "q3", expected: {name: "Ada", age: 36}, prediction: '{"name": "Ada", "age": 35}'},
        ]
        r = score(cases, output: "prediction", metrics: [
          {exact: {ignore_case: true, ignore_punctuation: true}}, {loose: contains(ignore_case: true)},
          {regex: "^ ?[a-z]"}, "json_valid", "edit_similarity",
        ])
        """#)
        #expect(await fixture.output("r/cases/0/metrics/exact") == "1")
        #expect(await fixture.output("r/cases/1/metrics/exact") == "0")
        #expect(await fixture.output("r/cases/0/metrics/loose") == "1")
        #expect(await fixture.output("r/cases/0/metrics/regex") == "1")
        #expect(await fixture.output("r/cases/1/metrics/regex") == "0")
        #expect(await fixture.output("r/cases/2/metrics/json_valid") == "1")
        #expect(abs(await fixture.number("r/cases/1/metrics/edit_similarity") - 0.75) < 1e-12)
        #expect(abs(await fixture.number("r/summary/exact/mean") - 1.0 / 3.0) < 1e-12)
    }

    @Test("json_match stores a per-field report whose score is what summaries use")
    func jsonMatchReport() async {
        let fixture = MetricsFixture()
        await fixture.run(#"""
        cases = [
          {id: "j1", expected: {name: "Ada", age: 36, city: "London"}, prediction: '{"name": "Ada", "age": 35, "x": 1}'},
          {id: "j2", expected: {name: "Ada"}, prediction: '{"name": "Ada"}'},
        ]
        r = score(cases, output: "prediction", extract: "json", metrics: ["json_match"])
        """#)
        #expect(abs(await fixture.number("r/cases/0/metrics/json_match/score") - 1.0 / 3.0) < 1e-12)
        #expect(await fixture.output("r/cases/0/metrics/json_match/matched") == "1")
        #expect(await fixture.output("r/cases/0/metrics/json_match/expected") == "3")
        #expect(await fixture.output("r/cases/0/metrics/json_match/different") == "1")
        #expect(await fixture.output("r/cases/0/metrics/json_match/missing") == "1")
        #expect(await fixture.output("r/cases/0/metrics/json_match/extra") == "1")
        #expect(await fixture.output("r/cases/0/metrics/json_match/mismatches").contains("different age"))
        #expect(abs(await fixture.number("r/summary/json_match/score/mean") - (1.0 / 3.0 + 1) / 2) < 1e-12)
    }

    @Test("an unknown metric name suggests the closest, and regex by name asks for its pattern")
    func unknownNames() async {
        let fixture = MetricsFixture()
        await fixture.run(#"cases = [{id: "a", expected: "x", prediction: "x"}]"#)
        #expect(await fixture.failure(#"score(cases, output: "prediction", metrics: ["exatc"])"#).contains("exact"))
        #expect(await fixture.failure(#"score(cases, output: "prediction", metrics: ["regex"])"#).contains("pattern"))
        #expect(await fixture.failure(#"exact("a", "b", ignore_cases: true)"#) != "")
    }
}
