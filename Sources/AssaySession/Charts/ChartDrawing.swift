import AssayEvaluation
import Foundation

/// Draws a ``Chart`` as SVG in plain attributes (no scripts or styles, which sanitisers keep):
/// titled axes with round ticks, labels given the room they need, and a legend for several series.
struct ChartDrawing {
    let chart: Chart

    static let palette = ["#4c78a8", "#f58518", "#54a24b", "#e45756", "#72b7b2", "#b279a2", "#ff9da6", "#9d755d"]
    /// The width of a character at the charts' 11-pixel font, for fitting labels.
    static let characterWidth = 6.2
    static let width = 640.0

    var svg: String {
        chart.series.isEmpty ? barsSVG : seriesSVG
    }

    // MARK: - Bars

    private var barsSVG: String {
        let bars = chart.bars
        let scale = ChartScale(low: bars.map(\.value).min() ?? 0, high: bars.map(\.value).max() ?? 1, includesZero: true,
                               wholeNumbers: bars.allSatisfy { $0.value == $0.value.rounded() })
        let tickWidth = Double(scale.ticks.map { scale.text($0).count }.max() ?? 1) * Self.characterWidth
        var left = 30 + tickWidth
        let right = 16.0, top = 40.0, plotHeight = 220.0
        var slot = (Self.width - left - right) / Double(max(1, bars.count))
        let every = max(1, Int((Double(bars.count) / 40).rounded(.up)))
        let labelWidth = (bars.map { Double($0.label.count) }.max() ?? 0) * Self.characterWidth
        let turned = labelWidth > slot * Double(every) - 4
        // Turned labels run down-left from their bar at 45°: room below for their height, and
        // room on the left for the first one.
        let labelDrop = turned ? labelWidth * 0.7071 + 10 : 16
        if turned {
            left = max(left, labelWidth * 0.7071 - slot / 2 + 8)
            slot = (Self.width - left - right) / Double(max(1, bars.count))
        }
        let plotWidth = Self.width - left - right
        let height = top + plotHeight + labelDrop + 34
        var parts = header(height: height)
        func y(_ value: Double) -> Double { top + plotHeight * (1 - scale.fraction(value)) }
        parts += yAxis(scale, left: left, right: Self.width - right, y: y)
        for (index, bar) in bars.enumerated() {
            let x = left + slot * Double(index) + slot * 0.1
            let base = y(max(scale.lower, min(0, scale.upper))), end = y(bar.value)
            parts.append("<rect x=\"\(f(x))\" y=\"\(f(min(base, end)))\" width=\"\(f(slot * 0.8))\" height=\"\(f(abs(base - end)))\" fill=\"\(Self.palette[0])\">"
                         + "<title>\(HTML.escape(bar.label)): \(HTML.escape(scale.text(bar.value)))</title></rect>")
            guard index % every == 0 else { continue }
            let labelX = x + slot * 0.4, labelY = top + plotHeight + 14
            if turned {
                parts.append("<text x=\"\(f(labelX))\" y=\"\(f(labelY))\" text-anchor=\"end\" transform=\"rotate(-45 \(f(labelX)) \(f(labelY)))\">\(HTML.escape(bar.label))</text>")
            } else {
                parts.append("<text x=\"\(f(labelX))\" y=\"\(f(labelY))\" text-anchor=\"middle\">\(HTML.escape(bar.label))</text>")
            }
        }
        parts.append(line(left, top + plotHeight, left + plotWidth, top + plotHeight, "#333333"))
        parts += axisTitles(left: left, plotWidth: plotWidth, top: top, plotHeight: plotHeight, bottom: height - 10)
        parts.append("</svg>")
        return parts.joined(separator: "\n")
    }

    // MARK: - Series

    private var seriesSVG: String {
        let points = chart.series.flatMap(\.points)
        var xs = points.map(\.x), ys = points.map(\.y)
        if chart.showsDiagonal { xs += ys; ys = xs }
        let xScale = ChartScale(low: xs.min() ?? 0, high: xs.max() ?? 1)
        let yScale = ChartScale(low: ys.min() ?? 0, high: ys.max() ?? 1)
        let tickWidth = Double(yScale.ticks.map { yScale.text($0).count }.max() ?? 1) * Self.characterWidth
        let left = 30 + tickWidth, right = 16.0, plotHeight = 280.0
        let legendRows = chart.series.count > 1 ? legendLayout().rows : 0
        let top = 40.0 + Double(legendRows) * 18
        let plotWidth = Self.width - left - right
        let height = top + plotHeight + 50
        func x(_ value: Double) -> Double { left + plotWidth * xScale.fraction(value) }
        func y(_ value: Double) -> Double { top + plotHeight * (1 - yScale.fraction(value)) }
        var parts = header(height: height)
        parts += yAxis(yScale, left: left, right: left + plotWidth, y: y)
        for tick in xScale.ticks {
            parts.append(line(x(tick), top, x(tick), top + plotHeight, "#eeeeee"))
            parts.append("<text x=\"\(f(x(tick)))\" y=\"\(f(top + plotHeight + 14))\" text-anchor=\"middle\">\(HTML.escape(xScale.text(tick)))</text>")
        }
        if chart.showsDiagonal {
            let low = max(xScale.lower, yScale.lower), high = min(xScale.upper, yScale.upper)
            parts.append("<line x1=\"\(f(x(low)))\" y1=\"\(f(y(low)))\" x2=\"\(f(x(high)))\" y2=\"\(f(y(high)))\" stroke=\"#999999\" stroke-dasharray=\"4 3\"/>")
        }
        for (index, series) in chart.series.enumerated() {
            let colour = Self.palette[index % Self.palette.count]
            if chart.kind == "line" {
                let path = series.points.map { "\(f(x($0.x))),\(f(y($0.y)))" }.joined(separator: " ")
                parts.append("<polyline points=\"\(path)\" fill=\"none\" stroke=\"\(colour)\" stroke-width=\"2\"/>")
            }
            for point in series.points.prefix(20_000) {
                let tip = (point.label.map { $0 + ": " } ?? "") + "\(xScale.text(point.x)), \(yScale.text(point.y))"
                parts.append("<circle cx=\"\(f(x(point.x)))\" cy=\"\(f(y(point.y)))\" r=\"\(chart.kind == "line" ? 2.5 : 3.5)\" fill=\"\(colour)\" fill-opacity=\"0.7\"><title>\(HTML.escape(tip))</title></circle>")
            }
        }
        parts.append(line(left, top + plotHeight, left + plotWidth, top + plotHeight, "#333333"))
        parts.append(line(left, top, left, top + plotHeight, "#333333"))
        if chart.series.count > 1 { parts += legend(top: 34) }
        parts += axisTitles(left: left, plotWidth: plotWidth, top: top, plotHeight: plotHeight, bottom: height - 10)
        parts.append("</svg>")
        return parts.joined(separator: "\n")
    }

    /// Legend entries laid out in rows across the chart.
    private func legendLayout() -> (positions: [(x: Double, row: Int)], rows: Int) {
        var positions: [(x: Double, row: Int)] = []
        var x = 16.0, row = 0
        for series in chart.series {
            let width = 22 + Double(series.name.count) * Self.characterWidth + 16
            if x + width > Self.width - 16, x > 16 { x = 16; row += 1 }
            positions.append((x, row))
            x += width
        }
        return (positions, row + 1)
    }

    private func legend(top: Double) -> [String] {
        let layout = legendLayout()
        return chart.series.enumerated().flatMap { index, series -> [String] in
            let (x, row) = layout.positions[index]
            let y = top + Double(row) * 18
            return ["<rect x=\"\(f(x))\" y=\"\(f(y))\" width=\"12\" height=\"12\" fill=\"\(Self.palette[index % Self.palette.count])\"/>",
                    "<text x=\"\(f(x + 18))\" y=\"\(f(y + 10))\">\(HTML.escape(series.name))</text>"]
        }
    }

    // MARK: - Parts

    private func header(height: Double) -> [String] {
        [
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(Self.width))\" height=\"\(Int(height))\" viewBox=\"0 0 \(Int(Self.width)) \(Int(height))\" font-family=\"sans-serif\" font-size=\"11\">",
            "<title>\(HTML.escape(chart.title))</title>",
            "<rect x=\"0\" y=\"0\" width=\"\(Int(Self.width))\" height=\"\(Int(height))\" fill=\"#ffffff\"/>",
            "<text x=\"\(Int(Self.width / 2))\" y=\"20\" text-anchor=\"middle\" font-size=\"14\">\(HTML.escape(chart.title))</text>",
        ]
    }

    private func yAxis(_ scale: ChartScale, left: Double, right: Double, y: (Double) -> Double) -> [String] {
        scale.ticks.flatMap { tick in
            [line(left, y(tick), right, y(tick), "#e0e0e0"),
             "<text x=\"\(f(left - 6))\" y=\"\(f(y(tick) + 4))\" text-anchor=\"end\">\(HTML.escape(scale.text(tick)))</text>"]
        }
    }

    private func axisTitles(left: Double, plotWidth: Double, top: Double, plotHeight: Double, bottom: Double) -> [String] {
        let middle = top + plotHeight / 2
        return [
            "<text x=\"\(f(left + plotWidth / 2))\" y=\"\(f(bottom))\" text-anchor=\"middle\" font-size=\"12\">\(HTML.escape(chart.xTitle))</text>",
            "<text x=\"14\" y=\"\(f(middle))\" text-anchor=\"middle\" font-size=\"12\" transform=\"rotate(-90 14 \(f(middle)))\">\(HTML.escape(chart.yTitle))</text>",
        ]
    }

    private func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, _ colour: String) -> String {
        "<line x1=\"\(f(x1))\" y1=\"\(f(y1))\" x2=\"\(f(x2))\" y2=\"\(f(y2))\" stroke=\"\(colour)\"/>"
    }

    private func f(_ value: Double) -> String { String(format: "%.1f", value) }
}
