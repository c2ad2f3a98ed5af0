import AssaySession
import Foundation
import Testing

/// `pipeline`, `run(suite, p, …overrides)`, `pipelines()` and `:pipelines` as a user writes them.
@Suite("Pipelines")
struct PipelineTests {
    static let define = #"p = pipeline(name: "menu", template: "Order: {{ input }}\nReply briefly.", model: "perfect", metrics: ["exact"])"#

    @Test("a pipeline shows its name and settings, and its parts are reachable by path")
    func pipelineValue() async throws {
        let fixture = try RunSessionFixture()
        defer { fixture.remove() }
        let shown = await fixture.value("x = 1\n" + Self.define + "\np")
        #expect(shown.hasPrefix("pipeline menu\n"))
        #expect(shown.contains("template  Order: {{ input }}⏎Reply briefly."))
        #expect(shown.contains("model     perfect"))
        #expect(shown.contains("metrics   [exact]"))
        #expect(shown.hasSuffix("defined at <cell>:2"))
        #expect(await fixture.value("p/name") == "menu")
        #expect(await fixture.value("p/model") == "perfect")
        #expect(await fixture.value("p/metrics") == #"["exact"]"#)
        #expect(await fixture.value("p/template/text") == "Order: {{ input }}\nReply briefly.")
        #expect(await fixture.value("p/defined_at") == "<cell>:2")
        #expect(await fixture.value("p/temperature") == "null", "a run keyword the pipeline does not set is null")
        #expect(await fixture.value("type(p)") == "pipeline")
        let missing = await fixture.run("p/modle")
        #expect(missing.events.errorLines.last?.hasPrefix("hint: did you mean 'model'?") == true, "\(missing.events.errorLines)")
    }

    @Test("name: is required, the template is compiled and the model name checked where the pipeline is defined")
    func definitionErrors() async throws {
        let fixture = try RunSessionFixture()
        defer { fixture.remove() }
        let unnamed = await fixture.run(#"pipeline(template: "{{ input }}", model: "perfect")"#)
        #expect(unnamed.events.errorLines.first == "<cell>:1:1: error: pipeline() needs name: — the name pipelines(), runs and history() show")
        let badTemplate = await fixture.run(#"pipeline(name: "x", template: "{{ input ", model: "perfect")"#)
        #expect(badTemplate.events.errorLines.first?.hasPrefix("<cell>:1:21: error: unclosed") == true, "\(badTemplate.events.errorLines)")
        let badModel = await fixture.run(#"pipeline(name: "x", template: "{{ input }}", model: "perfekt")"#)
        let lines = badModel.events.errorLines
        #expect(lines.first == "<cell>:1:46: error: no model is named 'perfekt'")
        #expect(lines.last?.contains("perfect") == true, "\(lines)")
        #expect(await fixture.value("len(pipelines())") == "0", "failed definitions define nothing")
    }

    @Test("run(suite, p) runs the pipeline and records its name; keywords on run override its parts")
    func runAndOverride() async throws {
        let fixture = try RunSessionFixture()
        defer { fixture.remove() }
        try fixture.writeCases(count: 6)
        await fixture.run(Self.define + "\nsuite = load(\"cases.jsonl\")")
        let made = await fixture.run("r = run(suite, p)\nr")
        #expect(made.outcome == .success, "\(made.events.errorLines)")
        #expect(made.events.results.last?.plainText.contains("· model perfect · pipeline menu · 6 results, 6 ok, 0 errors") == true)
        #expect(made.events.results.last?.text(for: "text/html")?.contains("pipeline menu") == true)
        #expect(await fixture.value("r/pipeline") == "menu")
        #expect(await fixture.value("r/summary/exact/mean") == "1")
        #expect(await fixture.value("r/config/template/user") == "Order: {{ input }}\nReply briefly.")

        await fixture.run(#"f = run(suite, p, model: "flakey", retries: 0)"#)
        #expect(await fixture.value("f/model/name") == "flakey")
        #expect(await fixture.value("f/pipeline") == "menu")
        #expect(await fixture.value("f/counts/errors > 0") == "true", "flakey without retries fails some cases")

        await fixture.run(#"g = run(suite, p, metrics: ["contains"], name: "contains check")"#)
        #expect(await fixture.value("g/config/metrics/*/name") == #"["contains"]"#, "metrics: replaces the pipeline's metrics")
        #expect(await fixture.value("g/summary/exact?") == "null")
        #expect(await fixture.value("g/name") == "contains check")

        await fixture.run(#"e = run(suite, p, template: "{{ input }}", model: "echo")"#)
        #expect(await fixture.value("e/cases/0/output") == "question 0")
        #expect(await fixture.value("e/summary/exact/mean") == "0")

        await fixture.run(#"plain = run(suite, template: "{{ input }}", model: "perfect")"#)
        #expect(await fixture.value("plain/pipeline") == "null", "a run without a pipeline records none")
        #expect(await fixture.value(#"run(suite, "menu")/pipeline"#) == "menu", "a pipeline can be named by a string")
    }

    @Test("extract: on the call replaces the pipeline's labels:, and the reverse")
    func extractionAlternatives() async throws {
        let fixture = try RunSessionFixture()
        defer { fixture.remove() }
        try fixture.write("labels.jsonl", #"{"id": "a", "input": "x", "expected": "yes"}"# + "\n" + #"{"id": "b", "input": "y", "expected": "no"}"# + "\n")
        await fixture.run(#"q = pipeline(name: "yesno", template: "{{ input }}", model: "perfect", labels: ["yes", "no"])"#)
        await fixture.run(#"s = load("labels.jsonl")"#)
        #expect(await fixture.value("run(s, q)/config/extraction") == #"{kind: "labels", labels: ["yes", "no"]}"#)
        #expect(await fixture.value(#"run(s, q, extract: "json")/config/extraction"#) == #"{kind: "json"}"#)
    }

    @Test("a bad setting from the pipeline is reported at the run with the pipeline's name and where it was defined")
    func settingErrorsNameThePipeline() async throws {
        let fixture = try RunSessionFixture()
        defer { fixture.remove() }
        try fixture.writeCases(count: 2)
        await fixture.run(#"bad = pipeline(name: "bad", template: "{{ input }}", model: "perfect", metrics: ["exat"])"#)
        let cell = await fixture.run(#"run(load("cases.jsonl"), bad)"#)
        let lines = cell.events.errorLines
        #expect(lines.first == "<cell>:1:26: error: no metric is named 'exat' (from pipeline 'bad', defined at <cell>:1)")
        #expect(lines.dropFirst(2).first == "                         ^~~", "the caret is under the pipeline argument")
        let fixed = await fixture.run(#"run(load("cases.jsonl"), bad, metrics: ["exact"])/summary/exact/mean"#)
        #expect(fixed.events.results.last?.plainText == "1", "an override replaces the bad setting")
    }

    @Test("run without template: and model: asks for them or a pipeline; an unknown pipeline name gets a did-you-mean")
    func runArgumentErrors() async throws {
        let fixture = try RunSessionFixture()
        defer { fixture.remove() }
        try fixture.writeCases(count: 2)
        let bare = await fixture.run(#"run(load("cases.jsonl"), model: "perfect")"#)
        #expect(bare.events.errorLines.first == "<cell>:1:1: error: run() needs 'template'")
        #expect(bare.events.errorLines.last == "hint: give template: and model:, or a pipeline: run(suite, p)")
        await fixture.run(Self.define)
        let unknown = await fixture.run(#"run(load("cases.jsonl"), "menus")"#)
        #expect(unknown.events.errorLines.first == "<cell>:1:26: error: no pipeline is named 'menus'")
        #expect(unknown.events.errorLines.last == "hint: did you mean 'menu'?")
        let wrongType = await fixture.run(#"run(load("cases.jsonl"), 3)"#)
        #expect(wrongType.events.errorLines.first == "<cell>:1:26: error: run() expects a pipeline or a pipeline's name for 'pipeline', got integer")
    }

    @Test("pipelines() and :pipelines list the session's pipelines; defining a name again replaces it in place")
    func listing() async throws {
        let fixture = try RunSessionFixture()
        defer { fixture.remove() }
        #expect(await fixture.value("pipelines()").hasPrefix("no pipelines yet"))
        await fixture.run(Self.define)
        await fixture.run(#"pipeline(name: "judge", template: template(system: "Be strict.", user: "{{ input }}"), model: model("echo"))"#)
        await fixture.run(#"pipeline(name: "menu", template: "Order: {{ input }}", model: "flakey", metrics: ["exact", c => 1, {loose: exact(ignore_case: true)}])"#)
        #expect(await fixture.value("pipelines()/*/name") == #"["menu", "judge"]"#)
        #expect(await fixture.value("pipelines()/0/model") == "flakey", "the later definition replaced the earlier one")
        #expect(await fixture.value("pipelines()/0/metrics") == "exact, c => 1, {loose: exact}")
        #expect(await fixture.value("pipelines()/0/defined") == "<cell>:1")
        #expect(await fixture.value("pipelines()/1/model") == "echo")
        #expect(await fixture.value("pipelines()/1/template") == "{{ input }}")
        let command = await fixture.run(":pipelines")
        let lines = command.events.standardOutputLines
        #expect(lines.first?.split(separator: " ", omittingEmptySubsequences: true) == ["name", "model", "template", "metrics", "defined"])
        #expect(lines.contains { $0.hasPrefix("menu ") && $0.contains("flakey") && $0.contains("Order: {{ input }}") && $0.contains("<cell>:1") })
        #expect(lines.contains { $0.hasPrefix("judge ") && $0.contains("echo") })
    }

    @Test("rerun keeps the pipeline's name, in this session and from the store in another; history() shows it")
    func rerunAndHistory() async throws {
        let fixture = try RunSessionFixture()
        defer { fixture.remove() }
        try fixture.writeCases(count: 3)
        await fixture.run(Self.define + "\nr = run(load(\"cases.jsonl\"), p)")
        #expect(await fixture.value(#"rerun(r, model: "echo")/pipeline"#) == "menu")
        let other = try RunSessionFixture(reopening: fixture)
        #expect(await other.value(#"rerun(runs("latest"), temperature: 0.5)/pipeline"#) == "menu")
        await other.run(#"run(load("cases.jsonl"), template: "{{ input }}", model: "perfect")"#)
        let history = await other.value("history()").split(separator: "\n").map(String.init)
        #expect(history.first?.split(separator: " ", omittingEmptySubsequences: true) == [
            "id", "created", "name", "model", "pipeline", "status", "results", "ok", "errors", "metrics",
        ])
        #expect(history.filter { $0.contains(" menu ") }.count == 3, "\(history)")
    }

    @Test("tab completion and inspection know the new builtins and a pipeline's parts")
    func completionAndInspection() async throws {
        let fixture = try RunSessionFixture()
        defer { fixture.remove() }
        #expect(await fixture.session.complete("pipel", cursor: 5).matches == ["pipeline", "pipelines"])
        #expect(await fixture.session.complete(":pip", cursor: 4).matches == [":pipelines"])
        await fixture.run(Self.define)
        #expect(await fixture.session.complete("p/me", cursor: 4).matches == ["metrics"])
        #expect(await fixture.session.complete(#"pipeline(name: "x", mod"#, cursor: 23).matches.first == "model:")
        let help = await fixture.session.inspect("pipeline(", cursor: 9)?.plainText ?? ""
        #expect(help.hasPrefix("pipeline(name:, template:, model:"))
        let shown = await fixture.session.inspect("p", cursor: 1)?.plainText ?? ""
        #expect(shown.hasPrefix("p: pipeline\npipeline menu"))
    }
}
