import AssayEvaluation
import AssayLanguage

/// A metric as a value, for `metrics: [...]`: what `exact(ignore_case: true)`, `regex("^yes")` and
/// `judge(model, template)` return, built by the metric catalogue and carrying its spec. In a record
/// (`metrics: [{quality: judge(…)}]`) it is stored under the record's key instead of its own name.
struct MetricObject: DomainObject {
    let metric: RunMetric

    var typeName: String { "metric" }
    var memberNames: [String] { ["name", "description"] }

    func member(_ name: String) -> Value? {
        switch name {
        case "name": .string(metric.name)
        case "description": .string(metric.description)
        default: nil
        }
    }

    /// `metric exact (exact match ignoring case)`.
    var plainText: String {
        "metric \(metric.name) (\(metric.description))"
    }

    func isSame(as other: any DomainObject) -> Bool {
        guard let other = other as? MetricObject else { return false }
        guard let spec = metric.spec else { return other.metric.name == metric.name && other.metric.description == metric.description }
        return other.metric.spec == spec
    }

    /// The metric stored under another name (its spec renamed with it).
    func named(_ name: String) -> RunMetric {
        var renamed = metric
        renamed.name = name
        return renamed
    }
}
