import AssaySession
import Foundation
import Testing

/// `run(…, tools:, tool_choice:)` and the tool-call metrics in the language, with a mock model
/// that calls the tools its cases expect; a new session reruns the run from what it stored.
@Suite struct ToolCallSessionTests {
    static let setup = #"""
    cases = [
      {id: "a", input: "weather in Paris?", expected_tool_calls: [{name: "get_weather", arguments: {city: "Paris", unit: "c"}}]},
      {id: "b", input: "just say hi", expected: "hi"},
    ]
    tools = [{name: "get_weather", description: "Weather in a city", parameters: {type: "object", properties: {city: {type: "string"}}}}]
    r = run(cases, template: "{{ input }}", model: "perfect", tools: tools, tool_choice: "auto",
            metrics: [tool_called("get_weather"), {paris: tool_args("get_weather", {city: "Paris"})},
                      {exactly: tool_args("get_weather", {city: "Paris"}, match: "exact")}, no_tool_call(), tool_calls_match()])
    """#

    @Test("a run records each case's calls and scores them; a rerun in a new session scores the same")
    func run() async {
        let fixture = MetricsFixture()
        await fixture.run(Self.setup)
        #expect(await fixture.output("r/cases/*/status") == #"["ok", "ok"]"#)
        #expect(await fixture.output("r/cases/0/tool_calls") == #"[{name: "get_weather", arguments: {city: "Paris", unit: "c"}}]"#)
        #expect(await fixture.output("r/cases/1/tool_calls") == "[]")
        #expect(await fixture.output("r/cases/0/metrics") == "{tool_called: 1, paris: 1, exactly: 0, no_tool_call: 0, tool_calls_match: {score: 1}}")
        #expect(await fixture.output("r/cases/1/metrics") == "{tool_called: 0, paris: 0, exactly: 0, no_tool_call: 1, tool_calls_match: {score: 1}}")
        let later = MetricsFixture(reusing: fixture)
        await later.run(#"again = rerun(runs("latest"))"#)
        #expect(await later.output("again/cases/*/metrics/paris") == "[1, 0]")
        #expect(await later.output("again/cases/0/tool_calls/0/name") == "get_weather")
    }

    @Test("tools and tool choices that cannot be sent are errors at their argument")
    func errors() async {
        let fixture = MetricsFixture()
        await fixture.run(Self.setup)
        #expect(await fixture.failure(#"run(cases, template: "{{ input }}", model: "perfect", tools: tools, tool_choice: "get_wether")"#)
            .contains("did you mean 'get_weather'?"))
        #expect(await fixture.failure(#"run(cases, template: "{{ input }}", model: "perfect", tools: [{nme: "f"}])"#).contains("a tool needs a name"))
        #expect(await fixture.failure(#"tool_args("f", {a: 1}, match: "some")"#).contains("\"subset\" or \"exact\""))
    }
}
