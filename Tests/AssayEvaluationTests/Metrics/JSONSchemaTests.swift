import AssayCore
@testable import AssayEvaluation
import Foundation
import Testing

/// The `json_schema` validator against the official JSON-Schema-Test-Suite (draft 2020-12) and
/// Assay's own table of first-violation pointers.
struct JSONSchemaTests {
    static let fixtures = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures")

    struct PointerCase: Sendable, CustomTestStringConvertible {
        let index: Int
        let keyword: String
        let schema: JSONValue
        let instance: JSONValue
        let pointer: String?
        var testDescription: String { "#\(index) \(keyword): \(instance.serialized()) against \(schema.serialized())" }
    }

    static let pointerCases: [PointerCase] = {
        let text = try! String(contentsOf: fixtures.appendingPathComponent("json-schema/pointer-cases.json"), encoding: .utf8)
        return try! JSONValue.parse(text).arrayValue!.enumerated().map { index, entry in
            let object = entry.objectValue!
            return PointerCase(index: index, keyword: object["keyword"]!.stringValue!, schema: object["schema"]!, instance: object["instance"]!,
                               pointer: object["pointer"]!.stringValue)
        }
    }()

    @Test("the table covers every listed keyword with valid and invalid instances")
    func tableCoversKeywords() {
        #expect(Self.pointerCases.count >= 80)
        let keywords = ["type", "properties", "required", "additionalProperties", "items", "prefixItems", "enum", "const", "minimum",
                        "maximum", "minLength", "maxLength", "pattern", "minItems", "maxItems", "anyOf", "oneOf", "allOf", "$ref"]
        for keyword in keywords {
            let cases = Self.pointerCases.filter { $0.keyword == keyword }
            #expect(cases.contains { $0.pointer == nil } && cases.contains { $0.pointer != nil }, "\(keyword) needs a valid and an invalid case")
        }
    }

    @Test("the first violation is reported at the expected pointer", arguments: pointerCases)
    func firstViolation(_ entry: PointerCase) throws {
        let schema = try JSONSchema(entry.schema)
        let violations = schema.validate(entry.instance)
        #expect(violations.first?.pointer == entry.pointer, "\(violations.map(\.description))")
        #expect(schema.isValid(entry.instance) == (entry.pointer == nil))
    }

    static let suiteFiles = [
        "type", "properties", "required", "additionalProperties", "items", "prefixItems", "enum", "const", "minimum", "maximum",
        "exclusiveMinimum", "exclusiveMaximum", "minLength", "maxLength", "pattern", "patternProperties", "minItems", "maxItems",
        "anyOf", "oneOf", "allOf", "not", "ref", "boolean_schema",
    ]

    @Test("every usable group of the official test suite is decided as the suite says", arguments: suiteFiles)
    func officialSuite(_ file: String) throws {
        let text = try String(contentsOf: Self.fixtures.appendingPathComponent("JSONSchemaTestSuite/\(file).json"), encoding: .utf8)
        let groups = try #require(try JSONValue.parse(text).arrayValue)
        var checked = 0
        var skipped: [String] = []
        for group in groups {
            let object = try #require(group.objectValue)
            let description = object["description"]?.stringValue ?? "?"
            let schema: JSONSchema
            do throws(JSONSchemaError) { schema = try JSONSchema(object["schema"] ?? .null) } catch {
                // Only what the validator says it refuses may be skipped.
                #expect(error.message.contains("not supported") || error.message.contains("points outside"), "\(description): \(error)")
                skipped.append(description)
                continue
            }
            for test in object["tests"]?.arrayValue ?? [] {
                let test = try #require(test.objectValue)
                guard let valid = test["valid"]?.boolValue else {
                    Issue.record("\(file): \(description): a test without \"valid\"")
                    continue
                }
                let verdict = schema.validate(test["data"] ?? .null)
                #expect(verdict.isEmpty == valid, "\(file): \(description): \(test["description"]?.stringValue ?? "") — \(verdict.map(\.description))")
                checked += 1
            }
        }
        #expect(checked > 0)
        #expect(skipped.count * 2 <= groups.count, "\(file): at least half the groups must run; skipped \(skipped)")
    }

    @Test("a schema that cannot be used is refused with its place", arguments: [
        (##"{"properties": {"a": 3}}"##, "/properties/a"),
        (##"{"pattern": "("}"##, "/pattern"),
        (##"{"$ref": "#/$defs/missing"}"##, "/$ref"),
        (##"{"$ref": "https://example.com/s.json"}"##, "/$ref"),
        (##"{"items": {"unevaluatedProperties": false}}"##, "/items/unevaluatedProperties"),
        (##"{"type": "text"}"##, "/type"),
    ])
    func refusesUnusableSchemas(_ schema: String, _ pointer: String) throws {
        #expect(throws: JSONSchemaError.self) { try JSONSchema(JSONValue.parse(schema)) }
        do { _ = try JSONSchema(JSONValue.parse(schema)) } catch let error as JSONSchemaError {
            #expect(error.pointer == pointer)
        }
    }

    @Test("a schema referring to itself without end is a violation, not a crash")
    func endlessReference() throws {
        let schema = try JSONSchema(JSONValue.parse(##"{"$defs": {"a": {"$ref": "#/$defs/b"}, "b": {"$ref": "#/$defs/a"}}, "$ref": "#/$defs/a"}"##))
        #expect(schema.validate(1).first?.keyword == "$ref")
    }

    @Test("the metric scores 1 or 0 and lists the first violations with their pointers")
    func metric() async throws {
        let spec = MetricSpec(.jsonSchema(JSONSchemaSettings(schema: try JSONValue.parse(
            ##"{"type": "object", "required": ["name", "price"], "properties": {"price": {"minimum": 0.01}}}"##))))
        let metric = try MetricCatalogue(environment: MetricEnvironment()).metric(spec)
        func score(_ output: String) async throws -> JSONValue {
            try await metric.evaluate(ScoringInput(testCase: TestCase(id: "c1", fields: [:]), output: output, extracted: .string(output)))
        }
        #expect(try await score(##"{"name": "tea", "price": 2.5}"##) == ["score": 1])
        let wrong = try await score(##"{"price": 0}"##)
        #expect(wrong.objectValue?["score"] == .int(0))
        #expect(wrong.objectValue?["violations"]?.stringValue == "(root): missing required property 'name'; /price: 0 is less than the minimum 0.01")
        let notJSON = try await score("tea, 2.50")
        #expect(notJSON.objectValue?["violations"]?.stringValue?.hasPrefix("(root): the answer is not JSON") == true)
    }

    @Test("an unusable schema is a metric build error naming the file and the place")
    func buildError() throws {
        let spec = MetricSpec(.jsonSchema(JSONSchemaSettings(schema: ["type": "strin"], file: "schema.json")))
        #expect(throws: MetricBuildError.self) { try MetricCatalogue(environment: MetricEnvironment()).metric(spec) }
        do { _ = try MetricCatalogue(environment: MetricEnvironment()).metric(spec) } catch {
            #expect(error.message.contains("schema.json") && error.message.contains("/type"))
        }
    }
}
