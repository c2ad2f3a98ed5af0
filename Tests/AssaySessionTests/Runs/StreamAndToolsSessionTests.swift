import AssayCore
import AssayEvaluation
import AssayMockServer
import AssaySession
import Foundation
import Testing

/// A model from `models.json` behind the mock server (over loopback HTTP): `stream: true` and
/// `tools:` on a run, as the language writes them.
@Suite struct StreamAndToolsSessionTests {
    @Test("stream: true records ttft_ms per case and its distribution in the summary; tools: records the calls")
    func streamAndTools() async throws {
        let suite = AssayEvaluation.Suite(cases: [
            AssayEvaluation.TestCase(id: "a", fields: ["input": "weather in Oslo?", "expected_tool_calls": [["name": "get_weather", "arguments": ["city": "Oslo"]]]]),
            AssayEvaluation.TestCase(id: "b", fields: ["input": "say hello", "expected": "hello there"]),
        ])
        let server = try await MockServer.start(MockServerConfiguration(policy: .oracle(suite)))
        let fixture = MetricsFixture()
        let models = #"[{"name": "gpt", "provider": "openai", "base_url": "http://127.0.0.1:\#(server.port)/v1", "model": "m", "key": "k"}]"#
        try models.write(to: fixture.directory.appendingPathComponent("models.json"), atomically: true, encoding: .utf8)
        await fixture.run(#"""
        cases = [{id: "a", input: "weather in Oslo?", expected_tool_calls: [{name: "get_weather", arguments: {city: "Oslo"}}]},
                 {id: "b", input: "say hello", expected: "hello there"}]
        s = run(cases, template: "{{ input }}", model: "gpt", stream: true, metrics: ["exact"])
        m = model("gpt", stream: true)
        u = run(cases, template: "{{ input }}", model: m)
        t = run(cases, template: "{{ input }}", model: "gpt", tools: [{name: "get_weather", parameters: {type: "object"}}],
                metrics: [tool_calls_match()])
        """#)
        await server.shutdown()
        #expect(await fixture.output("s/cases/1/output") == "hello there")
        #expect(await fixture.number("s/cases/1/ttft_ms") > 0)
        #expect(await fixture.output("s/summary/ttft_ms/n") == "2")
        #expect(await fixture.output("m/parameters/stream") == "true")
        #expect(await fixture.output("u/cases/*/cached") == "[true, true]", "u asks what s asked: the cache answers, with s's timings")
        // Case a's answer is empty without tools: it has no output, so no rate.
        #expect(await fixture.output("u/cases/0/tokens_per_s") == "null")
        #expect(await fixture.number("u/cases/1/tokens_per_s") > 0)
        #expect(await fixture.output("u/summary/tokens_per_s/n") == "1")
        #expect(await fixture.output("t/cases/0/tool_calls/*/name") == #"["get_weather"]"#)
        #expect(await fixture.output("t/cases/0/tool_calls/0/arguments") == #"{city: "Oslo"}"#)
        #expect(await fixture.output("t/cases/1/tool_calls") == "[]")
        #expect(await fixture.output("t/cases/*/metrics/tool_calls_match/score") == "[1, 1]")
    }

    @Test("a conversation with a tool-results turn: each turn's calls under r/cases/0/turns/k/tool_calls, both turns scored")
    func toolResultTurns() async throws {
        let fixture = MetricsFixture()
        await fixture.run(#"""
        cases = [{id: "p", turns: [
            {input: "weather in Paris?", expected: "Let me look.", expected_tool_calls: [{name: "get_weather", arguments: {city: "Paris"}}]},
            {tool_results: [{name: "get_weather", content: "18°C, sunny"}], expected: "Sunny in Paris."}]}]
        r = run(cases, template: "{{ input }}", model: "perfect", tools: [{name: "get_weather", parameters: {type: "object"}}],
                metrics: ["exact"])
        """#)
        #expect(await fixture.output("r/cases/0/status") == "ok")
        #expect(await fixture.output("r/cases/0/turns/0/tool_calls/*/name") == #"["get_weather"]"#)
        #expect(await fixture.output("r/cases/0/turns/1/tool_calls") == "[]")
        #expect(await fixture.output("r/cases/0/tool_calls") == "[]")
        #expect(await fixture.output("r/cases/0/turns/*/metrics/exact") == "[1, 1]")
        #expect(await fixture.output("r/cases/0/output") == "Sunny in Paris.")
    }
}
