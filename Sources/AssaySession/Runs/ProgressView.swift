import AssayEvaluation
import Foundation

/// A run's progress as a display: one line of text (redrawn in place on a terminal), an HTML
/// `<progress>` bar for notebooks, and a ``ProgressReport`` so front ends can tell progress from
/// other displays (scripts on a non-terminal show none of it).
enum ProgressView {
    /// `run 1f3a9c2e ▕█████░░░░░▏ 120/200 · 3 errors · 45.2/s · ETA 2s · 12,345 tokens`.
    static func line(_ progress: RunProgress) -> String {
        let width = 20
        let filled = min(width, Int((progress.fraction * Double(width)).rounded(.down)))
        var parts = ["run \(progress.runID.prefix(8)) ▕" + String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled) + "▏ \(progress.done)/\(progress.total)"]
        if progress.errors > 0 { parts.append("\(progress.errors) error\(progress.errors == 1 ? "" : "s")") }
        if progress.cached > 0 { parts.append("\(progress.cached) cached") }
        parts.append(String(format: "%.1f/s", progress.requestsPerSecond))
        if progress.isFinal {
            // A last report short of the total is a run that stopped early (Ctrl-C, a budget).
            parts.append(progress.done >= progress.total ? "done" : "interrupted")
        } else if let remaining = progress.estimatedRemaining {
            parts.append("ETA " + format(remaining))
        }
        let tokens = progress.promptTokens + progress.completionTokens
        if tokens > 0 { parts.append("\(tokens.formatted(.number.grouping(.automatic))) tokens") }
        return parts.joined(separator: " · ")
    }

    static func bundle(_ progress: RunProgress) -> MIMEBundle {
        let text = line(progress)
        let html = "<div><progress max=\"\(progress.total)\" value=\"\(progress.done)\"></progress> <code>\(HTML.escape(text))</code></div>"
        let report = ProgressReport(done: progress.done, total: progress.total, errors: progress.errors, isFinal: progress.isFinal)
        return MIMEBundle(data: ["text/plain": .text(text), "text/html": .text(html)], progress: report)
    }

    static func format(_ duration: Duration) -> String {
        let seconds = Int(duration.components.seconds)
        if seconds < 60 { return "\(seconds)s" }
        if seconds < 3600 { return "\(seconds / 60)m\(String(format: "%02d", seconds % 60))s" }
        return "\(seconds / 3600)h\(String(format: "%02d", seconds / 60 % 60))m"
    }
}
