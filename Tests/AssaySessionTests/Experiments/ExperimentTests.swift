import AssaySession
import Foundation
import Testing

@Suite("experiment: models × templates")
struct ExperimentTests {
    /// Three models by label, two templates by label, over eight cases.
    static let setup = #"""
    s = load("cases.jsonl")
    e = experiment(s, models: {good: model("noisy", rate: 0.1, seed: 4), poor: model("noisy", rate: 0.7, seed: 5), copy: "echo"},
                   templates: {bare: "{{ input }}", asked: "Answer: {{ input }}"}, metrics: ["exact", "rouge"])
    """#

    private func fixture() async throws -> RunSessionFixture {
        let fixture = try RunSessionFixture()
        try fixture.writeCases(count: 8)
        let cell = await fixture.run(Self.setup)
        #expect(cell.outcome == .success, "\(cell.events.errorLines)")
        return fixture
    }

    @Test("one run per model and template, models outermost, each stored and labelled")
    func runsInOrder() async throws {
        let fixture = try await fixture()
        defer { fixture.remove() }
        #expect(await fixture.value("len(e/runs)") == "6")
        #expect(await fixture.value("e/table/*/model") == #"["good", "good", "poor", "poor", "copy", "copy"]"#)
        #expect(await fixture.value("e/table/*/template") == #"["bare", "asked", "bare", "asked", "bare", "asked"]"#)
        #expect(await fixture.value("e/runs/5/config/template/user") == "Answer: {{ input }}")
        #expect(await fixture.value("len(history())") == "6")
    }

    @Test("the table's numbers are the runs' own summary means")
    func tableEqualsSummaries() async throws {
        let fixture = try await fixture()
        defer { fixture.remove() }
        for index in 0..<6 {
            for path in ["exact", "rouge/rouge1/f1", "rouge/rougeL/f1"] {
                let fromTable = await fixture.value("e/table/\(index)/\(path)")
                let fromRun = await fixture.value("e/runs/\(index)/summary/\(path)/mean")
                #expect(fromTable == fromRun, "row \(index) \(path)")
            }
            #expect(await fixture.value("e/table/\(index)/n") == "8")
        }
    }

    @Test("the best value of each column is marked in text and in HTML")
    func bestMarked() async throws {
        let fixture = try await fixture()
        defer { fixture.remove() }
        // echo never matches; the 0.1-noise model is best on exact match.
        #expect(await fixture.value("e/best/exact/model") == "good")
        let text = await fixture.value("e")
        let goodRows = text.split(separator: "\n").filter { $0.hasPrefix("good ") }
        #expect(goodRows.first?.contains(" *") == true, "\(text)")
        #expect(text.split(separator: "\n").filter { $0.hasPrefix("copy ") }.allSatisfy { !$0.contains("*") }, "\(text)")
        #expect(text.contains("best in its column"))
        let html = (await fixture.run("e")).events.results.last?.text(for: "text/html") ?? ""
        #expect(html.contains("<strong>"), "\(html)")
        // Only the header row names rouge precision when F1 is there: the table keeps to F1.
        #expect(!text.contains("rouge1/precision"))
    }

    @Test("compare works on two of its runs, and running it again answers from the cache")
    func compareAndCache() async throws {
        let fixture = try await fixture()
        defer { fixture.remove() }
        let comparison = await fixture.value("compare(e/runs/0, e/runs/3)")
        #expect(comparison.contains("exact"), "\(comparison)")
        await fixture.run(Self.setup.replacingOccurrences(of: "e = experiment", with: "again = experiment"))
        #expect(await fixture.value("again/runs/*/counts/cached") == "[8, 8, 8, 8, 8, 8]")
    }

    @Test("bad models or templates are named before anything runs")
    func argumentErrors() async throws {
        let fixture = try RunSessionFixture()
        defer { fixture.remove() }
        try fixture.writeCases(count: 2)
        let cases: [(String, String)] = [
            (#"experiment(load("cases.jsonl"), models: ["perfekt"], templates: ["{{ input }}"])"#, "perfekt"),
            (#"experiment(load("cases.jsonl"), models: [], templates: ["{{ input }}"])"#, "at least one model"),
            (#"experiment(load("cases.jsonl"), models: ["perfect"], templates: 3)"#, "a list of templates"),
            (#"experiment(load("cases.jsonl"), models: ["perfect"], templates: ["{{ input "])"#, "template"),
        ]
        for (code, message) in cases {
            let cell = await fixture.run(code)
            #expect(cell.outcome != .success, "\(code)")
            #expect(cell.events.errorLines.joined(separator: "\n").contains(message), "\(code): \(cell.events.errorLines)")
            #expect(await fixture.value("len(history())") == "0")
        }
    }
}

@Suite("experiment: cost and a budget for the whole table")
struct ExperimentCostTests {
    /// Three priced mocks that answer alike (noise rate 0), told apart by their seeds.
    static let models = #"{a: model("noisy", rate: 0, seed: 1, price: {input: 1000, output: 2000}), b: model("noisy", rate: 0, seed: 2, price: {input: 1000, output: 2000}), c: model("noisy", rate: 0, seed: 3, price: {input: 1000, output: 2000})}"#

    @Test("each row shows what its answers cost at the model's price, and what the run paid")
    func costColumn() async throws {
        let fixture = try RunSessionFixture()
        defer { fixture.remove() }
        try fixture.writeCases(count: 6)
        await fixture.run(#"e = experiment(load("cases.jsonl"), models: \#(Self.models), templates: ["{{ input }}"], metrics: ["exact"])"#)
        for index in 0..<3 {
            #expect(await fixture.value("e/table/\(index)/cost") == (await fixture.value("e/runs/\(index)/cost/without_cache")))
            #expect(await fixture.value("e/table/\(index)/spent") == (await fixture.value("e/runs/\(index)/summary/cost")))
        }
        #expect(await fixture.value("e/table/0/cost > 0") == "true")
        let shown = await fixture.value("e")
        #expect(shown.contains("cost: the answers at the model's price"), "\(shown)")
        #expect(shown.split(separator: "\n").contains { $0.hasPrefix("a ") && $0.contains("$") }, "\(shown)")
        // Again, from the cache: nothing paid, the same cost at the price.
        await fixture.run(#"again = experiment(load("cases.jsonl"), models: \#(Self.models), templates: ["{{ input }}"], metrics: ["exact"])"#)
        #expect(await fixture.value("again/table/*/spent") == "[0, 0, 0]")
        #expect(await fixture.value("again/table/0/cost == e/table/0/cost") == "true")
    }

    @Test("max_cost holds the whole experiment: later runs get what earlier ones left, and it stops when it runs out")
    func sharedBudget() async throws {
        let fixture = try RunSessionFixture()
        defer { fixture.remove() }
        try fixture.writeCases(count: 20)
        await fixture.run(#"""
        s = load("cases.jsonl")
        full = experiment(s, models: \#(Self.models), templates: ["{{ input }}"], metrics: ["exact"])
        one_run = full/table/0/spent
        per_request = one_run / 20
        """#)
        let cell = await fixture.run(#"limited = experiment(s, models: \#(Self.models), templates: ["{{ input }}"], metrics: ["exact"], cache: false, concurrency: 2, max_cost: one_run * 1.5)"#)
        #expect(cell.outcome == .success, "\(cell.events.errorLines)")
        #expect(cell.standardError.contains("experiment stopped at its budget: 2 of 3 runs made"), "\(cell.standardError)")
        #expect(await fixture.value("len(limited/runs)") == "2")
        #expect(await fixture.value("limited/runs/*/status") == #"["completed", "budget_exhausted"]"#)
        #expect(await fixture.value("limited/table/0/spent + limited/table/1/spent <= one_run * 1.5 + 2 * per_request + 1e-9") == "true")
        #expect(await fixture.value("limited/table/1/spent >= one_run * 0.5 - 2 * per_request - 1e-9") == "true")
        #expect(await fixture.value("limited").contains("stopped at its budget after 2 of 3 runs"))
    }
}
