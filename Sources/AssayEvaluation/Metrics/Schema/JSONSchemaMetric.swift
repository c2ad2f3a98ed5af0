import AssayCore

/// `json_schema`: whether the extracted value validates against a JSON Schema.
///
/// The extracted value is checked as it is; text is parsed as JSON first (so with the default
/// `extract: "text"` the answer's JSON is checked), and text that is not JSON fails at the root.
/// A case stores `{"score": 1 or 0, "violations": "…"}`: `score` is the number summaries use, and
/// `violations` (present when the score is 0) lists the first violations with their JSON pointers
/// (`/items/0/price: 0 is less than the minimum 0.01`).
package enum JSONSchemaMetric {
    /// The most violations a case lists.
    static let shownViolations = 5

    /// The metric's function, with the schema checked once.
    ///
    /// - Throws: ``MetricBuildError`` (``MetricBuildError/Code/invalidOption``) when the schema
    ///   cannot be used, naming the place in the schema.
    static func evaluate(_ settings: JSONSchemaSettings, metric: String) throws(MetricBuildError) -> @Sendable (ScoringInput) async throws -> JSONValue {
        let schema: JSONSchema
        do throws(JSONSchemaError) { schema = try JSONSchema(settings.schema) } catch {
            let source = settings.file.map { " (\($0))" } ?? ""
            throw MetricBuildError(.invalidOption, "the metric '\(metric)'\(source): \(error)")
        }
        return { input in value(schema.validateParsing(input.extracted)) }
    }

    /// What a case stores for these violations.
    package static func value(_ violations: [JSONSchemaViolation]) -> JSONValue {
        guard !violations.isEmpty else { return ["score": 1] }
        return ["score": 0, "violations": .string(violations.map(\.description).joined(separator: "; "))]
    }
}

extension JSONSchema {
    /// The violations of a value, text parsed as JSON first; text that is not JSON is one violation
    /// at the root.
    ///
    /// - Parameters:
    ///   - value: An extracted value, or text holding JSON.
    ///   - limit: The most violations to report.
    public func validateParsing(_ value: JSONValue, limit: Int = 5) -> [JSONSchemaViolation] {
        guard case .string(let text) = value else { return validate(value, limit: limit) }
        do throws(JSONSyntaxError) {
            return validate(try JSONValue.parse(text), limit: limit)
        } catch {
            return [JSONSchemaViolation(pointer: "", keyword: "json", message: "the answer is not JSON: \(error)")]
        }
    }
}
