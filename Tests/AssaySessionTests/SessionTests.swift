import AssaySession
import Foundation
import Testing

/// Helpers shared by the session's specification tests.
struct SessionFixture {
    let session: Session
    let directory: URL

    init() {
        directory = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("assay-session-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        session = Session(options: SessionOptions(baseDirectory: directory.path))
    }

    @discardableResult
    func run(_ code: String, echo: EchoMode = .everyExpression) async -> (ExecutionOutcome, EventRecorder) {
        let recorder = EventRecorder()
        // `execute` waits without holding one of Swift Testing's few cooperative threads.
        let outcome = await session.execute(ExecutionRequest(code: code, origin: "<cell>", echo: echo)) { recorder.record($0) }
        return (outcome, recorder)
    }

    func write(_ name: String, _ text: String) throws {
        try text.write(to: directory.appendingPathComponent(name), atomically: true, encoding: .utf8)
    }
}

@Suite struct ExecutionTests {
    @Test("variables persist from one cell to the next")
    func variablesPersist() async {
        let fixture = SessionFixture()
        await fixture.run("x = 40")
        let (outcome, recorder) = await fixture.run("x + 2")
        #expect(outcome == .success)
        #expect(recorder.standardOutputLines == ["42"])
    }

    @Test("a notebook cell shows only its last expression; a script shows every one")
    func echoModes() async {
        let fixture = SessionFixture()
        #expect(await fixture.run("1\n2", echo: .lastExpression).1.standardOutputLines == ["2"])
        #expect(await fixture.run("1\n2", echo: .everyExpression).1.standardOutputLines == ["1", "2"])
        #expect(await fixture.run("y = 3", echo: .lastExpression).1.results.isEmpty)
    }

    @Test("an error ends the cell and keeps what ran before it")
    func errorsStopTheCell() async {
        let fixture = SessionFixture()
        let (outcome, recorder) = await fixture.run("a = 1\nb = nope\nc = 3")
        guard case .failure(let report) = outcome else {
            Issue.record("expected a failure")
            return
        }
        #expect(report.name == "NameError")
        #expect(recorder.errors.count == 1)
        #expect(await fixture.run("a").1.standardOutputLines == ["1"])
        #expect(await fixture.run("c").0 != .success)
    }

    @Test("keep-going runs every statement and still reports failure")
    func keepGoing() async {
        let fixture = SessionFixture()
        let recorder = EventRecorder()
        let outcome = await fixture.session.execute(ExecutionRequest(code: "1\nnope\n3", origin: "s.assay", echo: .everyExpression, keepsGoing: true)) { recorder.record($0) }
        #expect(recorder.standardOutputLines == ["1", "3"])
        #expect(recorder.errors.count == 1)
        #expect(!outcome.isSuccess)
    }

    @Test("input() without an input channel is an error, not a hang")
    func inputWithoutChannel() async {
        let (outcome, recorder) = await SessionFixture().run("input(\"name? \")")
        #expect(!outcome.isSuccess)
        #expect(recorder.errors.first?.message.contains("cannot ask for text") == true)
    }

    @Test("input() asks the front end when it can")
    func inputWithChannel() async {
        let fixture = SessionFixture()
        let recorder = EventRecorder()
        _ = await fixture.session.execute(ExecutionRequest(code: "\"hello \" + input(\"name? \")", readInput: { prompt, _ in prompt == "name? " ? "Ada" : nil })) { recorder.record($0) }
        #expect(recorder.standardOutputLines == ["hello Ada"])
    }

    @Test("interrupt stops a long cell and the session stays usable")
    func interruption() async throws {
        let fixture = SessionFixture()
        // Millions of lambda calls, each a point where the interpreter checks for an interrupt.
        let started = ExecutionRequest(code: "len(map(range(3000), i => len(map(range(3000), j => i * j))))")
        let task = Task { await fixture.session.execute(started) { _ in } }
        try await Task.sleep(for: .milliseconds(200))
        fixture.session.interrupt()
        let outcome = await task.value
        #expect(outcome == .interrupted)
        #expect(await fixture.run("1 + 1").1.standardOutputLines == ["2"])
    }

    @Test("deeply nested input is an error or a value, never a crash")
    func deepNesting() async {
        let fixture = SessionFixture()
        let deep = String(repeating: "[", count: 3000) + String(repeating: "]", count: 3000)
        let (outcome, _) = await fixture.run("len(\(deep))")
        #expect(outcome == .success || !outcome.isSuccess)
        #expect(await fixture.run("len([[1]])").1.standardOutputLines == ["1"])
    }

    @Test("help pages a builtin's usage and summary")
    func help() async {
        let recorder = await SessionFixture().run("help(len)").1
        let pages = recorder.all.compactMap { if case .page(let bundle) = $0 { return bundle.plainText } else { return nil } }
        #expect(pages.first?.hasPrefix("len(x)") == true)
    }

    @Test("display, eprint and clear_output emit their events")
    func events() async {
        let recorder = await SessionFixture().run("display([1]); eprint(\"warn\"); clear_output()").1
        #expect(recorder.all.contains(.display(MIMEBundle(plainText: "[1]"), displayID: nil)))
        #expect(recorder.all.contains(.stream(.stderr, "warn\n")))
        #expect(recorder.all.contains(.clearOutput(wait: false)))
    }
}

@Suite struct MetaCommandTests {
    @Test(":vars lists variables with their types")
    func vars() async {
        let fixture = SessionFixture()
        await fixture.run("score = 0.5")
        let text = await fixture.run(":vars").1.standardOutput
        #expect(text.contains("score"))
        #expect(text.contains("float"))
    }

    @Test("an unknown command suggests the close one and points to :help")
    func unknownCommand() async {
        let (outcome, recorder) = await SessionFixture().run(":hlep")
        #expect(!outcome.isSuccess)
        #expect(recorder.errors.first?.lines.last == "hint: did you mean ':help'? type ':help' for the list of commands")
    }

    @Test(":help names every command and builtin")
    func helpListing() async {
        let text = await SessionFixture().run(":help").1.standardOutput
        for name in [":vars", ":load", ":time", ":quit", "load(path", "template(", "sort(xs"] {
            #expect(text.contains(name), "\(name)")
        }
    }

    @Test(":load runs a file in the session and :quit asks the front end to end")
    func loadAndQuit() async throws {
        let fixture = SessionFixture()
        try fixture.write("setup.assay", "base = 10\n")
        #expect(await fixture.run(":load setup.assay").0 == .success)
        #expect(await fixture.run("base * 2").1.standardOutputLines == ["20"])
        #expect(await fixture.run(":quit").0 == .quitRequested)
    }

    @Test(":time reports how long each cell took")
    func timing() async {
        let fixture = SessionFixture()
        await fixture.run(":time on")
        let events = await fixture.run("1").1.all
        #expect(events.contains { if case .stream(.stderr, let text) = $0 { return text.hasPrefix("time: ") } else { return false } })
    }
}

@Suite struct CompletionTests {
    @Test("names complete from variables, builtins and keywords")
    func names() async {
        let fixture = SessionFixture()
        await fixture.run("alpha_value = 3")
        let result = await fixture.session.complete("alp", cursor: 3)
        #expect(result.matches == ["alpha_value"])
        #expect(result.start == 0 && result.end == 3)
        #expect(await fixture.session.complete("fil", cursor: 3).matches.contains("filter"))
    }

    @Test("record keys complete after a slash")
    func keys() async {
        let fixture = SessionFixture()
        await fixture.run("rec = {score: 1, summary: {rouge: 2}}")
        #expect(await fixture.session.complete("rec/sc", cursor: 6).matches == ["score"])
        #expect(await fixture.session.complete("rec/summary/", cursor: 12).matches == ["rouge"])
    }

    @Test("keyword arguments of the enclosing builtin complete")
    func keywordArguments() async {
        let result = await SessionFixture().session.complete("sort(xs, de", cursor: 11)
        #expect(result.matches.first == "desc:")
    }

    @Test("file paths complete inside the string passed to load")
    func filePaths() async throws {
        let fixture = SessionFixture()
        try fixture.write("cases.jsonl", "{}\n")
        let code = "load(\"ca"
        let result = await fixture.session.complete(code, cursor: code.unicodeScalars.count)
        #expect(result.matches == ["cases.jsonl"])
        #expect(result.start == 6)
    }

    @Test("commands complete after a colon")
    func commands() async {
        #expect(await SessionFixture().session.complete(":he", cursor: 3).matches == [":help"])
    }

    @Test("offsets count Unicode scalars, not grapheme clusters")
    func scalarOffsets() async {
        let fixture = SessionFixture()
        await fixture.run("caf\u{e9}_count = 1")
        let code = "\"e\u{301}\" + caf"
        let result = await fixture.session.complete(code, cursor: code.unicodeScalars.count)
        #expect(result.matches == ["caf\u{e9}_count"])
        #expect(result.start == code.unicodeScalars.count - 3)
    }

    @Test("inspect shows the documentation of the name under the cursor")
    func inspect() async {
        let bundle = await SessionFixture().session.inspect("sort(", cursor: 5)
        #expect(bundle?.plainText.hasPrefix("sort(xs, by, desc: false)") == true)
    }
}

@Suite struct SuiteAndTemplateTests {
    @Test("a suite renders as an aligned table and an HTML table")
    func suiteDisplay() async throws {
        let fixture = SessionFixture()
        try fixture.write("s.jsonl", "{\"id\": \"a\", \"input\": \"hi\", \"expected\": \"HI\"}\n{\"id\": \"b\", \"input\": \"yo\", \"expected\": \"YO\"}\n")
        let result = await fixture.run("load(\"s.jsonl\")").1.results[0]
        #expect(result.plainText.hasPrefix("id  input  expected\n"))
        #expect(result.plainText.hasSuffix("2 cases from s.jsonl"))
        #expect(result.text(for: "text/html")?.contains("<td>hi</td>") == true)
    }

    @Test("a broken line is an error naming FILE:LINE; skip_bad loads the rest and says so")
    func brokenLines() async throws {
        let fixture = SessionFixture()
        try fixture.write("b.jsonl", "{\"input\": \"1\"}\n{\"input\": \"2\"}\n{\"input\": \n{\"input\": \"4\"}\n")
        let failure = await fixture.run("load(\"b.jsonl\")").1.errors.first
        #expect(failure?.message.hasPrefix("b.jsonl:3") == true)
        let (outcome, recorder) = await fixture.run("len(load(\"b.jsonl\", skip_bad: true))")
        #expect(outcome == .success)
        #expect(recorder.standardOutputLines == ["3"])
        #expect(recorder.all.contains { if case .stream(.stderr, let text) = $0 { return text.contains("skipped 1 bad record") && text.contains("line 3") } else { return false } })
    }

    @Test("filter keeps a suite a suite, and save writes ids")
    func filterAndSave() async throws {
        let fixture = SessionFixture()
        try fixture.write("s.jsonl", "{\"input\": \"a\", \"tags\": [\"hard\"]}\n{\"input\": \"b\", \"tags\": []}\n")
        #expect(await fixture.run("type(filter(load(\"s.jsonl\"), c => \"hard\" in c/tags))").1.standardOutputLines == ["suite"])
        await fixture.run("save(load(\"s.jsonl\"), \"with-ids.jsonl\")")
        let saved = try String(contentsOf: fixture.directory.appendingPathComponent("with-ids.jsonl"), encoding: .utf8)
        #expect(saved.split(separator: "\n").allSatisfy { $0.hasPrefix("{\"id\":") })
    }

    @Test("a template renders values literally, never re-rendering them")
    func noReRendering() async {
        let output = await SessionFixture().run("render(template(\"Q: {{ input }}\"), {input: \"{{ evil }}\"})").1.standardOutputLines
        #expect(output == ["Q: {{ evil }}"])
    }

    @Test("a missing template variable names the variable and the case")
    func missingVariable() async {
        let report = await SessionFixture().run("render(template(\"{{ question }}\"), {id: \"c7\", input: \"x\"})").1.errors.first
        #expect(report?.message.contains("question") == true)
        #expect(report?.message.contains("c7") == true)
    }
}
