import AssaySession
import Foundation
import Testing

/// `json_schema(…)` in the language: inline and from a file, in a run, and rerun from the stored
/// spec by a new session after the file is gone.
@Suite struct JSONSchemaMetricTests {
    static let schema = #"{"type": "object", "required": ["dish"], "properties": {"dish": {"type": "string"}, "qty": {"type": "integer", "minimum": 1}}}"#

    static let cases = #"""
    cases = [
      {id: "ok", prediction: "{\"dish\": \"soup\", \"qty\": 2}"},
      {id: "qty", prediction: "{\"dish\": \"soup\", \"qty\": 0}"},
      {id: "missing", prediction: "{\"qty\": 1}"},
      {id: "prose", prediction: "one soup please"},
    ]
    """#

    @Test("a run scores each case 1 or 0 and keeps the first violations with their pointers; a new session reruns it without the file")
    func fileSchemaInARun() async throws {
        let fixture = MetricsFixture()
        try Self.schema.write(to: fixture.directory.appendingPathComponent("schema.json"), atomically: true, encoding: .utf8)
        await fixture.run(Self.cases)
        await fixture.run(#"r = score(cases, output: "prediction", metrics: [json_schema(file: "schema.json")])"#)
        #expect(await fixture.output("r/cases/*/metrics/json_schema/score") == "[1, 0, 0, 0]")
        #expect(await fixture.output("r/cases/1/metrics/json_schema/violations") == "/qty: 0 is less than the minimum 1")
        #expect(await fixture.output("r/cases/2/metrics/json_schema/violations") == "(root): missing required property 'dish'")
        #expect(await fixture.output("r/summary/json_schema/score/mean") == "0.25")

        try FileManager.default.removeItem(at: fixture.directory.appendingPathComponent("schema.json"))
        let later = MetricsFixture(reusing: fixture)
        await later.run(#"again = rerun(runs("latest"))"#)
        #expect(await later.output("again/cases/*/metrics/json_schema/score") == "[1, 0, 0, 0]")
    }

    @Test("inline, as a record entry and as a plain check of one value")
    func inline() async {
        let fixture = MetricsFixture()
        await fixture.run(Self.cases)
        await fixture.run("s = " + Self.schema.replacingOccurrences(of: "\"type\"", with: "type"))
        await fixture.run(#"r = score(cases, output: "prediction", metrics: [{json_schema: s}, {shape: json_schema(s)}])"#)
        #expect(await fixture.output("r/cases/*/metrics/json_schema/score") == "[1, 0, 0, 0]")
        #expect(await fixture.output("r/cases/*/metrics/shape/score") == "[1, 0, 0, 0]")
        #expect(await fixture.output(#"json_schema(s, value: {qty: 1.5})/violations/*/pointer"#) == #"["", "/qty"]"#)
        #expect(await fixture.output(#"json_schema(s, value: {dish: "tea"})/valid"#) == "true")
    }

    @Test("an unreadable file, a file that is not JSON and an unusable schema are errors saying where")
    func errors() async throws {
        let fixture = MetricsFixture()
        #expect(await fixture.failure(#"json_schema(file: "nowhere.json")"#).contains("cannot read the schema file nowhere.json"))
        try "{\"type\": \n oops}".write(to: fixture.directory.appendingPathComponent("bad.json"), atomically: true, encoding: .utf8)
        #expect(await fixture.failure(#"json_schema(file: "bad.json")"#).contains("bad.json:2:"))
        #expect(await fixture.failure(#"json_schema({type: "strin"})"#).contains("/type"))
    }
}
