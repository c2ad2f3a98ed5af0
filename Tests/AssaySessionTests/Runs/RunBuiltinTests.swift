import AssaySession
import Foundation
import Testing

/// `run`, `rerun`, `runs`, `history`, `summarize` and `export` as a user writes them.
@Suite("The run builtins")
struct RunBuiltinTests {
    static let run = #"r = run(load("cases.jsonl"), template: "{{ input }}", model: "perfect", metrics: ["exact", "rouge"])"#

    @Test("a run's summary and cases are reachable by path, and statistics compare as their means")
    func pathsIntoARun() async throws {
        let fixture = try RunSessionFixture()
        defer { fixture.remove() }
        try fixture.writeCases(count: 6)
        let cell = await fixture.run(Self.run)
        #expect(cell.outcome == .success)
        #expect(await fixture.value("r/status") == "completed")
        #expect(await fixture.value("r/summary/rouge/rougeL/f1 > 0.99") == "true")
        #expect(await fixture.value("r/summary/exact > 0.9") == "true")
        #expect(await fixture.value("r/summary/exact/mean") == "1")
        #expect(await fixture.value("r/summary/exact") == "1.0000 [1.0000, 1.0000] n=6")
        #expect(await fixture.value("r/summary/exact/n") == "6")
        #expect(await fixture.value("r/cases/*/output") == "[" + (0..<6).map { "\"the answer is \($0)\"" }.joined(separator: ", ") + "]")
        #expect(await fixture.value("r/cases/2/metrics/exact") == "1")
    }

    @Test("rerun records what it derives from; history, runs(\"latest\") and runs(-2) find runs")
    func rerunAndHistory() async throws {
        let fixture = try RunSessionFixture()
        defer { fixture.remove() }
        try fixture.writeCases(count: 20)
        await fixture.run(Self.run)
        await fixture.run(#"f = rerun(r, model: "transient", retries: 0)"#)
        #expect(await fixture.value("f/derived_from == r/id") == "true")
        #expect(await fixture.value("f/model/name") == "transient")
        #expect(await fixture.value("f/counts/errors > 0 and f/counts/finished == 20") == "true", "transient without retries fails some cases")
        #expect(await fixture.value("f/config/retries") == "0")
        #expect(await fixture.value(#"runs("latest")/id == f/id"#) == "true")
        #expect(await fixture.value("runs(-2)/id == r/id") == "true")
        let history = await fixture.value("history()")
        #expect(history.contains("transient on cases.jsonl") && history.contains("perfect on cases.jsonl"))
        let transientRow = try #require(history.split(separator: "\n").first { $0.contains("transient on") })
        let perfectRow = try #require(history.split(separator: "\n").first { $0.contains("perfect on") })
        #expect(history.range(of: transientRow)!.lowerBound < history.range(of: perfectRow)!.lowerBound, "newest first")
    }

    @Test("summarize breaks metrics down by tag")
    func summarizeByTags() async throws {
        let fixture = try RunSessionFixture()
        defer { fixture.remove() }
        try fixture.writeCases(count: 8)
        await fixture.run(Self.run)
        let table = await fixture.value(#"summarize(r, by: "tags")"#)
        let rows = table.split(separator: "\n").map(String.init)
        #expect(rows.contains { $0.contains("easy") && $0.contains("exact") && $0.contains("1.0000") && $0.contains(" 4 ") })
        #expect(rows.contains { $0.contains("hard") && $0.contains("rouge/rougeL/f1") })
        let whole = await fixture.value("summarize(r)")
        #expect(whole.contains("exact") && whole.contains(" 8 "))
    }

    @Test("export writes JSONL, CSV and JSON")
    func exports() async throws {
        let fixture = try RunSessionFixture()
        defer { fixture.remove() }
        try fixture.writeCases(count: 5)
        await fixture.run(Self.run)
        for format in ["jsonl", "csv", "json"] {
            let cell = await fixture.run(#"export(r, "out.\#(format)")"#)
            #expect(cell.outcome == .success)
            #expect(cell.printedLines == ["exported 5 results to out.\(format) (\(format))"])
        }
        let jsonl = try fixture.read("out.jsonl").split(separator: "\n")
        #expect(jsonl.count == 5 && jsonl.allSatisfy { $0.hasPrefix("{") && $0.contains(#""status":"ok""#) })
        let csv = try fixture.read("out.csv").components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(csv.count == 6)
        #expect(csv[0].hasPrefix("id,sample,status,input,expected,output"))
        #expect(csv[0].contains("exact") && csv[0].contains("rouge/rougeL/f1"))
        #expect(csv[1].hasPrefix("c0,0,ok,question 0,the answer is 0,the answer is 0"))
        let json = try fixture.read("out.json")
        #expect(json.contains("\"cases\"") && json.contains("\"config\"") && json.contains("\"derived_from\""))
        let unknown = await fixture.run(#"export(r, "out.txt", format: "jsnl")"#)
        #expect(unknown.events.errorLines.joined().contains("jsonl"))
    }

    @Test("an unknown model name gets a did-you-mean")
    func unknownModel() async throws {
        let fixture = try RunSessionFixture()
        defer { fixture.remove() }
        try fixture.writeCases(count: 2)
        let cell = await fixture.run(#"run(load("cases.jsonl"), template: "{{ input }}", model: "perfet")"#)
        #expect(cell.outcome != .success)
        let message = cell.events.errorLines.joined(separator: "\n")
        #expect(message.contains("no model is named 'perfet'"))
        #expect(message.contains("perfect"))
    }

    @Test("a lambda metric that returns a string is a metric_error naming the metric and the case")
    func lambdaMetricReturningString() async throws {
        let fixture = try RunSessionFixture()
        defer { fixture.remove() }
        try fixture.writeCases(count: 3)
        await fixture.run(#"r = run(load("cases.jsonl"), template: "{{ input }}", model: "perfect", metrics: ["exact", {wordy: c => "long"}])"#)
        #expect(await fixture.value("r/cases/*/status") == #"["metric_error", "metric_error", "metric_error"]"#)
        let error = await fixture.value("r/cases/1/error")
        #expect(error.contains("wordy") && error.contains("c1"))
        #expect(await fixture.value("r/cases/1/metrics/exact") == "1", "the other metrics are kept")
    }

    @Test("extract: \"json\" reads structured answers; labels: keeps the answer to the label set")
    func extraction() async throws {
        let fixture = try RunSessionFixture()
        defer { fixture.remove() }
        try fixture.write("json.jsonl", #"{"id": "j1", "input": "a", "expected": {"price": 3, "item": "tea"}}"# + "\n"
            + #"{"id": "j2", "input": "b", "expected": {"price": 5, "item": "cake"}}"# + "\n")
        await fixture.run(#"j = run(load("json.jsonl"), template: "{{ input }}", model: "perfect", extract: "json", metrics: ["exact"])"#)
        #expect(await fixture.value("j/cases/*/extracted/price") == "[3, 5]")
        #expect(await fixture.value("j/summary/exact/mean") == "1")
        let echoed = await fixture.run(#"e = run(load("json.jsonl"), template: "{{ input }}", model: "echo", extract: "json")"#)
        #expect(echoed.outcome == .success)
        #expect(await fixture.value("e/cases/*/status") == #"["extract_error", "extract_error"]"#)

        try fixture.write("labels.jsonl", #"{"id": "l1", "input": "good", "expected": "positive"}"# + "\n"
            + #"{"id": "l2", "input": "bad", "expected": "negative"}"# + "\n")
        await fixture.run(#"l = run(load("labels.jsonl"), template: "{{ input }}", model: "perfect", labels: ["positive", "negative"], metrics: ["exact"])"#)
        #expect(await fixture.value("l/cases/*/extracted") == #"["positive", "negative"]"#)
        #expect(await fixture.value("l/config/extraction/kind") == "labels")
        await fixture.run(#"m = run(load("labels.jsonl"), template: "{{ input }}", model: "echo", labels: ["positive", "negative"])"#)
        #expect(await fixture.value("m/cases/*/status") == #"["extract_error", "extract_error"]"#)
    }
}
