import AssayEvaluation
import AssayLanguage
import Foundation
import Testing

@testable import AssaySession

/// Charts worth saving: titled axes, round ticks, labels that fit, honest bins, legends.
@Suite struct ChartTests {
    /// The texts of an SVG's `<text>` elements.
    static func texts(_ svg: String) -> [String] {
        svg.split(separator: "<text").dropFirst().compactMap { part in
            guard let start = part.firstIndex(of: ">"), let end = part.range(of: "</text>") else { return nil }
            return String(part[part.index(after: start)..<end.lowerBound])
        }
    }

    @Test("ticks are round numbers covering the data")
    func roundTicks() {
        let scores = ChartScale(low: 0.2416, high: 1.2083)
        #expect(scores.ticks.map(scores.text) == ["0.2", "0.4", "0.6", "0.8", "1.0", "1.2", "1.4"])
        let few = ChartScale(low: 0, high: 2, includesZero: true, wholeNumbers: true)
        #expect(few.ticks.map(few.text) == ["0", "1", "2"])
        let counts = ChartScale(low: 0, high: 37, includesZero: true)
        #expect(counts.ticks == [0, 10, 20, 30, 40])
        #expect(counts.text(20) == "20")
        let small = ChartScale(low: 0.001, high: 0.0042)
        #expect(small.ticks.map(small.text) == ["0.001", "0.002", "0.003", "0.004", "0.005"])
    }

    @Test("hist([1, 1, 1]) is one bin labelled 1 holding three values")
    func constantHistogram() {
        let chart = Chart.histogram([1, 1, 1], bins: 10, title: "values")
        #expect(chart.bars == [Chart.Bar(label: "1", value: 3)])
        #expect(Self.texts(chart.svg).contains("1"))
    }

    @Test("a histogram's axes are titled by its path and by count, with round ticks")
    func histogramAxes() {
        let chart = Chart.histogram([0.1, 0.25, 0.5, 0.5, 0.9, 1], bins: 4, title: "rouge/rougeL/f1", xTitle: "rouge/rougeL/f1")
        let texts = Self.texts(chart.svg)
        #expect(texts.contains("rouge/rougeL/f1"))
        #expect(texts.contains("count"))
        #expect(texts.contains("0") && texts.contains("1") && texts.contains("2"))
        #expect(!texts.contains { $0.contains("0.2416") })
    }

    @Test("long labels are turned and drawn whole, with the room they need inside the picture")
    func longLabels() throws {
        let labels = ["noisy 0.1 · article summaries, long form", "perfect · article summaries, long form", "flakey 0.3 · short answers"]
        let chart = Chart(kind: "bar", title: "exact by model", bars: labels.enumerated().map { Chart.Bar(label: $1, value: Double($0) / 3) },
                          xTitle: "model", yTitle: "exact")
        let svg = chart.svg
        for label in labels { #expect(Self.texts(svg).contains(HTML.escape(label)), "\(label)") }
        #expect(svg.contains("rotate(-45"))
        let height = try #require(svg.firstMatch(of: /height="(\d+)"/).map { Double($0.1)! })
        let longest = Double(labels.map(\.count).max()!) * ChartDrawing.characterWidth * 0.7071
        #expect(height >= 40 + 220 + longest, "the turned labels fit above the x-axis title")
        #expect(Self.texts(svg).contains("exact") && Self.texts(svg).contains("model"))
    }

    @Test("short labels stay level under their bars")
    func shortLabels() {
        let chart = Chart(kind: "bar", title: "t", bars: [Chart.Bar(label: "a", value: 1), Chart.Bar(label: "b", value: 2)], xTitle: "x", yTitle: "y")
        #expect(!chart.svg.contains("rotate(-45"))
    }

    @Test("several series get a legend; one series none")
    func legend() {
        let points = [Chart.Point(x: 0, y: 1), Chart.Point(x: 1, y: 2)]
        let two = Chart(kind: "line", title: "t", series: [Chart.Series(name: "gpt", points: points), Chart.Series(name: "claude", points: points)],
                        xTitle: "temperature", yTitle: "exact")
        #expect(Self.texts(two.svg).contains("gpt") && Self.texts(two.svg).contains("claude"))
        #expect(two.svg.contains("<polyline"))
        let one = Chart(kind: "scatter", title: "t", series: [Chart.Series(name: "only", points: points)], xTitle: "x", yTitle: "y")
        #expect(!Self.texts(one.svg).contains("only"))
    }

    @Test("line(data, x:, y:, by:) draws one titled series per group, and save writes the SVG")
    func lineBuiltinAndSave() async throws {
        let fixture = SessionFixture()
        let (outcome, events) = await fixture.run("""
            data = [{t: 0, v: 1, m: "a"}, {t: 1, v: 2, m: "a"}, {t: 0, v: 2, m: "b"}, {t: 1, v: 3, m: "b"}]
            c = line(data, x: "t", y: "v", by: "m")
            c/series/*/name
            save(c, "chart.svg")
            save(hist([1, 1, 1]), "constant.svg")
            """)
        #expect(outcome == .success, "\(events.errorLines)")
        #expect(events.results.first?.plainText == "[\"a\", \"b\"]")
        let svg = try String(contentsOf: fixture.directory.appendingPathComponent("chart.svg"), encoding: .utf8)
        #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
        #expect(Self.texts(svg).contains("t") && Self.texts(svg).contains("v"))
        #expect(FileManager.default.fileExists(atPath: fixture.directory.appendingPathComponent("constant.svg").path))
    }
}
