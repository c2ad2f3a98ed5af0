import AssayEvaluation
import Foundation
import Testing
@testable import AssaySession

/// `:` commands in scripts and cells: each on its own line, anywhere, without touching the lines after it.
@Suite struct ScriptCommandTests {
    @Test("a command on the first line runs, and the lines after it run as code")
    func commandThenCode() async {
        let fixture = SessionFixture()
        let (outcome, recorder) = await fixture.run(":time off\n1 + 1\n2 + 2")
        #expect(outcome == .success)
        #expect(recorder.standardOutputLines == ["timing off", "2", "4"])
    }

    @Test("commands between statements run in order with them")
    func commandsAnywhere() async {
        let fixture = SessionFixture()
        let (outcome, recorder) = await fixture.run("x = 40\n  :vars\ny = x + 2\n:time off\ny")
        #expect(outcome == .success)
        let lines = recorder.standardOutputLines
        #expect(lines.suffix(2) == ["timing off", "42"])
        let table = lines.dropLast(2)
        #expect(table.contains { $0.hasPrefix("x ") }, ":vars listed x")
        #expect(!table.contains { $0.hasPrefix("y ") }, ":vars ran before y was assigned")
    }

    @Test("a line starting with ':' inside brackets or a triple-quoted string is code, not a command")
    func colonsInsideCode() async {
        let fixture = SessionFixture()
        let (outcome, recorder) = await fixture.run("s = \"\"\"\n:vars\n\"\"\"\nr = {a:\n1}\n[len(s), r/a]")
        #expect(outcome == .success)
        #expect(recorder.standardOutputLines == ["[5, 1]"])
    }

    @Test("a failing command names the cell and its line; the lines after it do not run")
    func failingCommand() async {
        let fixture = SessionFixture()
        let (outcome, recorder) = await fixture.run("1\n:nope\n2")
        guard case .failure = outcome else { Issue.record("expected a failure, got \(outcome)"); return }
        #expect(recorder.standardOutputLines == ["1"])
        #expect(recorder.errorLines.first?.hasPrefix("<cell>:2:1: error: unknown command ':nope'") == true)
    }

    @Test("an error in code after a command keeps its line number")
    func lineNumbersAfterCommands() async {
        let fixture = SessionFixture()
        let (_, recorder) = await fixture.run(":time off\n\nnope")
        #expect(recorder.errorLines.first?.hasPrefix("<cell>:3:1: error: 'nope' is not defined") == true)
    }

    @Test("a notebook cell with a command shows only the value of its last expression")
    func notebookEcho() async {
        let fixture = SessionFixture()
        let (_, recorder) = await fixture.run("1\n:time off\n2", echo: .lastExpression)
        #expect(recorder.standardOutputLines == ["timing off", "2"])
    }

    @Test("output after a :load command still reaches the cell")
    func outputAfterLoad() async throws {
        let fixture = SessionFixture()
        try fixture.write("part.assay", "a = 1\n")
        let (outcome, recorder) = await fixture.run(":load part.assay\na + 1")
        #expect(outcome == .success)
        #expect(recorder.standardOutputLines == ["2"])
    }

    @Test("a script that loads itself stops with an error instead of overflowing the stack")
    func selfLoadingScript() async throws {
        let fixture = SessionFixture()
        try fixture.write("self.assay", ":load self.assay\n")
        let (outcome, recorder) = await fixture.run(":load self.assay")
        guard case .failure = outcome else { Issue.record("expected a failure, got \(outcome)"); return }
        #expect(recorder.errorLines.first?.contains("':load' nests deeper than 16") == true)
        #expect(recorder.errorLines.first?.hasPrefix("self.assay:1:1: ") == true)
    }
}

/// Evaluation depth has a limit too: a lambda whose deep body recurses deeply stops with an error.
@Suite struct EvaluationDepthTests {
    @Test("deep bodies times deep recursion end in 'nesting deeper than 3000', with the session alive")
    func deepRecursion() async {
        let fixture = SessionFixture()
        let body = String(repeating: "[", count: 200) + "f(n - 1)" + String(repeating: "]", count: 200)
        let (outcome, recorder) = await fixture.run("f = n => \(body)\nf(300)")
        guard case .failure = outcome else { Issue.record("expected a failure, got \(outcome)"); return }
        #expect(recorder.errorLines.first?.contains("error: nesting deeper than 3000") == true)
        #expect(await fixture.run("1 + 1").1.standardOutputLines == ["2"])
    }
}

/// The last progress line of a run says whether it finished.
@Suite struct ProgressTextTests {
    func progress(done: Int, total: Int) -> RunProgress {
        RunProgress(runID: "1f3a9c2e-0000", done: done, total: total, errors: 0, cached: 0, requestsPerSecond: 10,
                    estimatedRemaining: nil, promptTokens: 0, completionTokens: 0, isFinal: true)
    }

    @Test("a run that stopped short says 'interrupted'; a complete one says 'done'")
    func finalWord() {
        #expect(ProgressView.line(progress(done: 43, total: 200)).contains("43/200 · 10.0/s · interrupted"))
        #expect(ProgressView.line(progress(done: 200, total: 200)).hasSuffix("· done"))
    }
}
