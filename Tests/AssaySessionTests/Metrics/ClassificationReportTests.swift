import AssaySession
import Testing

@Suite struct ClassificationReportTests {
    /// Seven cases: spam predicted spam, spam, ham and an unreadable answer; ham predicted ham,
    /// spam, ham. By hand: spam precision 2/3, recall 2/4, F1 4/7; ham precision 2/3, recall 2/3,
    /// F1 2/3; accuracy 4/7.
    static let setup = #"""
    cases = [
      {id: "1", expected: "spam", prediction: "spam"},
      {id: "2", expected: "spam", prediction: "Spam."},
      {id: "3", expected: "spam", prediction: "ham"},
      {id: "4", expected: "spam", prediction: "no idea"},
      {id: "5", expected: "ham", prediction: "ham"},
      {id: "6", expected: "ham", prediction: "spam"},
      {id: "7", expected: "ham", prediction: "HAM"},
    ]
    r = score(cases, output: "prediction", labels: ["spam", "ham"], metrics: ["exact"])
    c = report(r)
    """#

    @Test("precision, recall, F1 and support per label match the hand computation")
    func perLabel() async {
        let fixture = MetricsFixture()
        await fixture.run(Self.setup)
        #expect(abs(await fixture.number("c/accuracy") - 4.0 / 7.0) < 1e-12)
        #expect(abs(await fixture.number("c/labels/spam/precision") - 2.0 / 3.0) < 1e-12)
        #expect(abs(await fixture.number("c/labels/spam/recall") - 0.5) < 1e-12)
        #expect(abs(await fixture.number("c/labels/spam/f1") - 4.0 / 7.0) < 1e-12)
        #expect(await fixture.output("c/labels/spam/support") == "4")
        #expect(abs(await fixture.number("c/labels/ham/precision") - 2.0 / 3.0) < 1e-12)
        #expect(abs(await fixture.number("c/labels/ham/recall") - 2.0 / 3.0) < 1e-12)
        #expect(abs(await fixture.number("c/labels/ham/f1") - 2.0 / 3.0) < 1e-12)
        #expect(abs(await fixture.number("c/macro/f1") - (4.0 / 7.0 + 2.0 / 3.0) / 2) < 1e-12)
        #expect(abs(await fixture.number("c/weighted/f1") - 30.0 / 49.0) < 1e-12)
        #expect(abs(await fixture.number("c/micro/precision") - 4.0 / 6.0) < 1e-12)
        #expect(abs(await fixture.number("c/micro/recall") - 4.0 / 7.0) < 1e-12)
    }

    @Test("an extraction failure is its own extract_error column, not a wrong label")
    func confusionMatrix() async {
        let fixture = MetricsFixture()
        await fixture.run(Self.setup)
        #expect(await fixture.output("r/cases/3/status") == "extract_error")
        #expect(await fixture.output("c/confusion/spam/spam") == "2")
        #expect(await fixture.output("c/confusion/spam/ham") == "1")
        #expect(await fixture.output("c/confusion/spam/extract_error") == "1")
        #expect(await fixture.output("c/confusion/ham/spam") == "1")
        #expect(await fixture.output("c/confusion/ham/ham") == "2")
        #expect(await fixture.output("c/confusion/ham/extract_error") == "0")
        #expect(await fixture.output("c/extract_errors") == "1")
    }

    @Test("the report renders the scores and the confusion matrix as tables, in text and HTML")
    func rendering() async {
        let fixture = MetricsFixture()
        await fixture.run(Self.setup)
        let (_, recorder) = await fixture.run("c")
        let text = recorder.standardOutput
        #expect(text.contains("accuracy 0.5714 (4 of 7 correct; 1 extract_error)"))
        #expect(text.contains("macro avg"))
        let matrixRow = text.split(separator: "\n").first { $0.hasPrefix("spam") && $0.contains("2") && !$0.contains(".") }
        #expect(matrixRow.map { $0.split(separator: " ") } == ["spam", "2", "1", "1"])
        let html = recorder.results.last?.text(for: "text/html") ?? ""
        #expect(html.contains("<table>"))
        #expect(html.contains("extract_error"))
        #expect(await fixture.output("type(classification(r))") == "classification report")
    }
}
