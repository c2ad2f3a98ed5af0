import AssaySession
import Testing

@Suite struct ComparisonTests {
    /// Run a gets exact [1, 1, 1, 0] and run b [0, 0, 1, 1] on cases c1–c4: means 0.75 and 0.5,
    /// delta −0.25; c1 and c2 regressed, c4 improved. The sign-flip test over the differences
    /// (−1, −1, 0, +1) is exact: every pattern is at least as extreme, so p = 1.
    static let setup = #"""
    cases = [
      {id: "c1", input: "1", expected: "x", a: "x", b: "y"},
      {id: "c2", input: "2", expected: "x", a: "x", b: "z"},
      {id: "c3", input: "3", expected: "x", a: "x", b: "x"},
      {id: "c4", input: "4", expected: "x", a: "w", b: "x"},
    ]
    ra = score(cases, output: "a", metrics: ["exact", "rouge"])
    rb = score(cases, output: "b", metrics: ["exact", "rouge"])
    c = compare(ra, rb)
    """#

    @Test("compare gives both means, the delta, its interval and p for every metric path")
    func metrics() async {
        let fixture = MetricsFixture()
        await fixture.run(Self.setup)
        #expect(await fixture.number("c/metrics/exact/mean_a") == 0.75)
        #expect(await fixture.number("c/metrics/exact/mean_b") == 0.5)
        #expect(await fixture.number("c/metrics/exact/delta") == -0.25)
        #expect(await fixture.number("c/metrics/exact/p") == 1)
        // A percentile bootstrap of four differences: the interval holds the delta and stays inside
        // the range the mean of four resampled differences can take.
        #expect(await fixture.number("c/metrics/exact/ci/lower") >= -1)
        #expect(await fixture.number("c/metrics/exact/ci/lower") <= -0.25)
        #expect(await fixture.number("c/metrics/exact/ci/upper") >= -0.25)
        #expect(await fixture.number("c/metrics/exact/ci/upper") < 1)
        #expect(await fixture.output("c/metrics/exact/n") == "4")
        #expect(await fixture.number("c/metrics/rouge/rougeL/f1/delta") == -0.25)
        #expect(await fixture.output("c/paired") == "4")
    }

    @Test("compare lists regressed and improved cases")
    func changedCases() async {
        let fixture = MetricsFixture()
        await fixture.run(Self.setup)
        #expect(await fixture.output("c/metric") == "exact")
        #expect(await fixture.output("c/regressed") == #"["c1", "c2"]"#)
        #expect(await fixture.output("c/improved") == #"["c4"]"#)
        #expect(await fixture.output(#"compare(ra, rb, metric: "rouge/rouge1/f1")/improved"#) == #"["c4"]"#)
        let (_, recorder) = await fixture.run("c")
        #expect(recorder.standardOutput.contains("exact regressed (2): c1, c2"))
        #expect(recorder.standardOutput.contains("-0.2500"))
        #expect(recorder.results.last?.text(for: "text/html")?.contains("<table>") == true)
    }

    @Test("runs over different suites pair what they share and name the rest")
    func unpaired() async {
        let fixture = MetricsFixture()
        await fixture.run(Self.setup)
        await fixture.run(#"""
        other = [{id: "c3", input: "3", expected: "x", b: "x"}, {id: "c9", input: "9", expected: "x", b: "x"}]
        rc = score(other, output: "b", metrics: ["exact"])
        d = compare(ra, rc)
        """#)
        #expect(await fixture.output("d/paired") == "1")
        #expect(await fixture.output("d/unpaired/a") == #"["c1", "c2", "c4"]"#)
        #expect(await fixture.output("d/unpaired/b") == #"["c9"]"#)
        #expect(await fixture.failure(#"compare(ra, rb, metric: "exactt")"#).contains("exact"))
    }

    @Test("best and worst list cases with input, expected, output and score")
    func bestAndWorst() async {
        let fixture = MetricsFixture()
        await fixture.run(#"""
        cases = [
          {id: "far", input: "i1", expected: "abcd", prediction: "wxyz"},
          {id: "near", input: "i2", expected: "abcd", prediction: "abcx"},
          {id: "same", input: "i3", expected: "abcd", prediction: "abcd"},
        ]
        r = score(cases, output: "prediction", metrics: ["edit_similarity"])
        """#)
        #expect(await fixture.output(#"best(r, "edit_similarity", 2)/*/id"#) == #"["same", "near"]"#)
        #expect(await fixture.output(#"worst(r, "edit_similarity", 1)/0/id"#) == "far")
        #expect(await fixture.output(#"worst(r, "edit_similarity", 1)/0/output"#) == "wxyz")
        #expect(await fixture.output(#"best(r, "edit_similarity", 2)/1/score"#) == "0.75")
        #expect(await fixture.output(#"best(r, "edit_similarity", 1)/0/input"#) == "i3")
        #expect(await fixture.failure(#"best(r, "rouge/rougeL/f1")"#).contains("edit_similarity"))
    }

    @Test("summarize breaks a run's metrics down by tag")
    func summarizeByTags() async {
        let fixture = MetricsFixture()
        await fixture.run(#"""
        cases = [
          {id: "1", tags: ["easy"], expected: "x", prediction: "x"},
          {id: "2", tags: ["easy"], expected: "x", prediction: "x"},
          {id: "3", tags: ["hard"], expected: "x", prediction: "y"},
          {id: "4", tags: ["hard", "easy"], expected: "x", prediction: "x"},
        ]
        r = score(cases, output: "prediction", metrics: ["exact"])
        s = summarize(r, by: "tags")
        """#)
        #expect(await fixture.output("s/*/tags") == #"["easy", "hard"]"#)
        #expect(await fixture.output("s/0/mean") == "1.0000")
        #expect(await fixture.output("s/0/n") == "3")
        #expect(await fixture.output("s/1/mean") == "0.5000")
        #expect(await fixture.output("r/summary/exact/n") == "4")
        #expect(await fixture.number("r/summary/exact * 1") == 0.75)
    }
}
