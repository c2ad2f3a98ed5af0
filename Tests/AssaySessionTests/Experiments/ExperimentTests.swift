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
        let html = (await fixture.run("e")).events.results.last?.data["text/html"] ?? ""
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
