import AssayCore
import AssayMockServer
import Foundation
import Testing
@testable import AssayEvaluation

/// The tool-call metrics score a run whose model (the mock server behind the OpenAI provider, over
/// HTTP) makes right, wrong-name, wrong-argument, missing, reordered and no calls; the calls are
/// stored with the results and in the response cache.
@Suite struct ToolCallRunTests {
    static func call(_ name: String, _ arguments: JSONValue) -> JSONValue { ["name": .string(name), "arguments": arguments] }
    static let paris: JSONValue = ["city": "Paris"]

    /// What the served model does for each case, and what each case expects.
    static let cases: [(id: String, input: String, made: [JSONValue], expected: [JSONValue])] = [
        ("right", "alpha weather?", [call("get_weather", ["city": "Paris", "unit": "c"])], [call("get_weather", ["city": "Paris", "unit": "c"])]),
        ("name", "bravo weather?", [call("get_forecast", paris)], [call("get_weather", paris)]),
        ("args", "charlie weather?", [call("get_weather", ["city": "Lyon"])], [call("get_weather", paris)]),
        ("missing", "delta weather?", [], [call("get_weather", paris)]),
        ("order", "echo weather and time?", [call("get_time", [:]), call("get_weather", paris)], [call("get_weather", paris), call("get_time", [:])]),
        ("none", "foxtrot hello?", [], []),
    ]

    static func suite(calls: KeyPath<(id: String, input: String, made: [JSONValue], expected: [JSONValue]), [JSONValue]>) -> Suite {
        Suite(cases: cases.map { entry in
            var fields: JSONObject = ["input": .string(entry.input), "expected_tool_calls": .array(entry[keyPath: calls])]
            if entry[keyPath: calls].isEmpty { fields["expected"] = "Sunny." }
            return TestCase(id: entry.id, fields: fields)
        })
    }

    static let specs = [
        MetricSpec(.toolCalled(name: "get_weather")),
        MetricSpec(name: "paris", kind: .toolArguments(name: "get_weather", arguments: paris, exact: false)),
        MetricSpec(name: "paris_exact", kind: .toolArguments(name: "get_weather", arguments: paris, exact: true)),
        MetricSpec(.noToolCall),
        MetricSpec(name: "in_order", kind: .toolCallsMatch(field: "expected_tool_calls", ordered: true)),
        MetricSpec(name: "as_set", kind: .toolCallsMatch(field: "expected_tool_calls", ordered: false)),
    ]

    static let tools = [ToolDefinition(name: "get_weather"), ToolDefinition(name: "get_forecast"), ToolDefinition(name: "get_time")]

    @Test("right, wrong-name, wrong-argument, missing, reordered and no calls are scored as they should be")
    func scoresASuite() async throws {
        let server = try await MockServer.start(MockServerConfiguration(policy: .oracle(Self.suite(calls: \.made))))
        let (store, folder) = try RunTestKit.store()
        defer { folder.remove() }
        let entry = ModelEntry(name: "gpt", provider: .openAI, endpoint: "http://127.0.0.1:\(server.port)/v1", model: "m")
        let model = try ModelCatalog(entries: [entry], keys: ["gpt": "k"]).model("gpt")
        let metrics = try MetricCatalogue(environment: MetricEnvironment()).metrics(Self.specs)
        let spec = RunSpec(name: "tools", suite: Self.suite(calls: \.expected), template: RunTestKit.template, model: model,
                           parameters: ModelParameters(tools: Self.tools, toolChoice: .auto), metrics: metrics)
        let run = try await Runner(store: store).runLoaded(spec)
        await server.shutdown()
        #expect(run.results.allSatisfy { $0.status == .ok }, "\(run.results.map { $0.error ?? "" })")
        func column(_ name: String, _ member: String? = nil) -> [Int?] {
            run.results.map { result in
                let value = result.metrics[name]
                return (member.flatMap { value?.objectValue?[$0] } ?? value)?.intValue
            }
        }
        //                                          right name args missing order none
        #expect(column("tool_called") ==           [1,    0,   1,   0,      1,    0])
        #expect(column("paris") ==                 [1,    0,   0,   0,      1,    0])
        #expect(column("paris_exact") ==           [0,    0,   0,   0,      1,    0])
        #expect(column("no_tool_call") ==          [0,    0,   0,   1,      0,    1])
        #expect(column("in_order", "score") ==     [1,    0,   0,   0,      0,    1])
        #expect(column("as_set", "score") ==       [1,    0,   0,   0,      1,    1])
        #expect(run.results[1].metrics["in_order"]?.objectValue?["mismatches"]
            == #"call 1: expected get_weather({"city":"Paris"}), got get_forecast({"city":"Paris"})"#)
        #expect(run.results[3].metrics["as_set"]?.objectValue?["mismatches"] == #"missing get_weather({"city":"Paris"})"#)

        let stored = try await store.load(run.record.id)
        let storedNames = stored.results.map { $0.toolCalls?.map(\.name) ?? ["—"] }
        let madeNames = Self.cases.map { $0.made.compactMap { $0.objectValue?["name"]?.stringValue } }
        #expect(storedNames == madeNames)
        #expect(stored.results[0].toolCalls?.first?.arguments == ["city": "Paris", "unit": "c"])

        let csv = RunExport.csv(stored.results, cases: [:], price: nil)
        #expect(csv.contains(#",cost,tool_calls,tool_called,"#))
        #expect(csv.contains(#""[{""name"":""get_forecast"",""arguments"":{""city"":""Paris""},""id"":""call_mock_"#))
        // Asked again, the calls come from the response cache, with no server.
        let again = try await Runner(store: store).runLoaded(spec)
        #expect(again.results.allSatisfy { $0.isCached })
        #expect(again.results.map(\.metrics) == run.results.map(\.metrics))
    }

    @Test("the mock models answer with the case's expected calls when the run offers tools, and not otherwise")
    func mockModels() async throws {
        let (store, folder) = try RunTestKit.store()
        defer { folder.remove() }
        let metrics = try MetricCatalogue(environment: MetricEnvironment()).metrics([MetricSpec(name: "in_order", kind: .toolCallsMatch(field: "expected_tool_calls", ordered: true))])
        let suite = Self.suite(calls: \.expected)
        let offered = try await Runner(store: store).runLoaded(RunSpec(
            name: "t", suite: suite, template: RunTestKit.template, model: MockChatModel(.perfect),
            parameters: ModelParameters(tools: Self.tools), metrics: metrics))
        #expect(offered.results.map { $0.metrics["in_order"]?.objectValue?["score"] } == Array(repeating: 1, count: 6))
        let plain = try await Runner(store: store).runLoaded(RunSpec(name: "t", suite: suite, template: RunTestKit.template, model: MockChatModel(.perfect)))
        #expect(plain.results.allSatisfy { $0.toolCalls == nil })
    }
}
