import Foundation
import Testing

/// A GoTaglio user's project driven through the binary as its user would: GoTaglio's models.json
/// and .credentials.json, a cases.yaml with uuids, keywords and `user:` turns.
@Suite("A GoTaglio-style project")
struct GoTaglioProjectTests {
    static let cases = """
        - uuid: 0b9d6c1e-0001
          keywords: [greeting, easy]
          input: hello
          expected: hello
        - uuid: 0b9d6c1e-0002
          keywords: [order]
          turns:
            - user: a cheeseburger
              expected: a cheeseburger
            - user: make it two
              expected: make it two
        - uuid: 0b9d6c1e-0003
          keywords: [order, easy]
          input: fries
          expected: fries

        """

    static let models = """
        [
          {"name": "gpt4o", "type": "AZURE_OPEN_AI", "endpoint": "https://example.openai.azure.com",
           "deployment": "gpt-4o", "api": "2024-02-15-preview", "key": "from .credentials.json"}
        ]
        """

    func makeProject() throws -> RunCommandTests.Project {
        let project = try RunCommandTests.Project()
        let folder = project.directory
        try Self.cases.write(to: folder.appendingPathComponent("cases.yaml"), atomically: true, encoding: .utf8)
        try Self.models.write(to: folder.appendingPathComponent("models.json"), atomically: true, encoding: .utf8)
        try #"{"gpt4o": "sk-not-a-real-key"}"#.write(to: folder.appendingPathComponent(".credentials.json"), atomically: true, encoding: .utf8)
        try "{{ input }}".write(to: folder.appendingPathComponent("template.txt"), atomically: true, encoding: .utf8)
        return project
    }

    @Test("run, rerun with a dotted key, history, summarize, compare and models")
    func wholeProject() async throws {
        let project = try makeProject()
        let made = try await project.assay("run", "cases.yaml", "--template", "template.txt", "--model", "perfect", "--metric", "exact")
        #expect(made.status == 0, "\(made.standardError)")
        #expect(made.standardOutput.contains("\"perfect on cases.yaml\" completed · model perfect · 3 results, 3 ok, 0 errors"))

        let rerun = try await project.assay("rerun", "latest", "infer.model.name=flakey")
        #expect(rerun.status == 0, "\(rerun.standardError)")
        #expect(rerun.standardOutput.contains("model flakey · 3 results"))

        let history = try await project.assay("history")
        #expect(history.status == 0)
        #expect(history.standardOutput.contains("perfect on cases.yaml") && history.standardOutput.contains("flakey on cases.yaml"))

        let summary = try await project.assay("summarize", "latest", "--by", "keywords")
        #expect(summary.status == 0, "\(summary.standardError)")
        for keyword in ["greeting", "easy", "order"] { #expect(summary.standardOutput.contains(keyword)) }

        let comparison = try await project.assay("compare", "-2", "-1")
        #expect(comparison.status == 0, "\(comparison.standardError)")
        #expect(comparison.standardOutput.contains("exact"))

        let ids = try await project.assay("-c", #"load("cases.yaml")/*/id"#)
        #expect(ids.standardOutput == "[\"0b9d6c1e-0001\", \"0b9d6c1e-0002\", \"0b9d6c1e-0003\"]\n")

        let models = try await project.assay("models")
        #expect(models.status == 0, "\(models.standardError)")
        #expect(models.standardOutput.contains("gpt4o") && !models.standardOutput.contains("sk-not"))
    }

    @Test("--input and --expected name the fields GoTaglio's calculator sample uses")
    func fieldNames() async throws {
        let project = try makeProject()
        try "- {uuid: c1, user: 2+2, answer: 4}\n- {uuid: c2, user: 3*3, answer: 9}\n"
            .write(to: project.directory.appendingPathComponent("calculator.yaml"), atomically: true, encoding: .utf8)
        let made = try await project.assay("run", "calculator.yaml", "--template", "template.txt", "--model", "perfect",
                                           "--input", "user", "--expected", "answer", "--metric", "exact")
        #expect(made.status == 0, "\(made.standardError)")
        #expect(made.standardOutput.contains("exact   1.0000"), "\(made.standardOutput)")
        let prompt = try await project.assay("-c", #"runs("latest")/cases/0/prompt/0/content"#)
        #expect(prompt.standardOutput == "2+2\n")
    }

    @Test("add-ids writes ids into a YAML suite, keeping every other byte; a second run changes nothing")
    func addIDsToYAML() async throws {
        let project = try makeProject()
        let plain = """
            # the menu cases
            - input: hello   # a greeting
              expected: hello
            - {input: fries, expected: fries}

            """
        let file = project.directory.appendingPathComponent("plain.yaml")
        try plain.write(to: file, atomically: true, encoding: .utf8)
        let before = try await project.assay("-c", #"load("plain.yaml")/*/id"#)
        let first = try await project.assay("add-ids", "plain.yaml")
        #expect(first.status == 0, "\(first.standardError)")
        #expect(first.standardOutput == "added 2 ids to plain.yaml\n")
        let written = try String(contentsOf: file, encoding: .utf8)
        let listed = try await project.assay("-c", #"load("plain.yaml")/*/id"#).standardOutput
        #expect(listed == before.standardOutput, "the ids are the ones it loaded with")
        let ids = listed.split(separator: "\"").enumerated().filter { $0.offset % 2 == 1 }.map { String($0.element) }
        try #require(ids.count == 2)
        #expect(written == """
            # the menu cases
            - id: "\(ids[0])"
              input: hello   # a greeting
              expected: hello
            - {id: "\(ids[1])", input: fries, expected: fries}

            """)
        let second = try await project.assay("add-ids", "plain.yaml")
        #expect(second.standardOutput == "every case of plain.yaml has an id\n")
        #expect(try String(contentsOf: file, encoding: .utf8) == written)
    }

    @Test("add-ids keeps JSON's and CSV's other bytes")
    func addIDsToJSONAndCSV() async throws {
        let project = try makeProject()
        let json = project.directory.appendingPathComponent("s.json")
        try "[\n  {\"input\": \"a\"},\n  {\"id\": \"b\", \"input\": \"b\"}\n]\n".write(to: json, atomically: true, encoding: .utf8)
        let csv = project.directory.appendingPathComponent("s.csv")
        try "input,expected\na,1\n\"b, c\",2\n".write(to: csv, atomically: true, encoding: .utf8)
        let id = try await project.assay("-c", #"load("s.json")/0/id"#).standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(try await project.assay("add-ids", "s.json").standardOutput == "added 1 id to s.json\n")
        #expect(try String(contentsOf: json, encoding: .utf8) == "[\n  {\"id\": \"\(id)\", \"input\": \"a\"},\n  {\"id\": \"b\", \"input\": \"b\"}\n]\n")
        let csvIDs = try await project.assay("-c", #"load("s.csv")/*/id"#).standardOutput
        #expect(try await project.assay("add-ids", "s.csv").status == 0)
        #expect(try await project.assay("-c", #"load("s.csv")/*/id"#).standardOutput == csvIDs)
        #expect(try String(contentsOf: csv, encoding: .utf8).hasPrefix("id,input,expected\n"))
    }

    @Test("a YAML suite's syntax error names the file, line and column")
    func yamlError() async throws {
        let project = try makeProject()
        try "- input: a\n  expected: [b\n- input: c\n".write(to: project.directory.appendingPathComponent("bad.yaml"), atomically: true, encoding: .utf8)
        let result = try await project.assay("-c", #"load("bad.yaml")"#)
        #expect(result.status == 1)
        #expect(result.standardError.contains("bad.yaml:3:"), "\(result.standardError)")
    }

    @Test("a misspelt models.json field is an error with a did-you-mean")
    func misspeltField() async throws {
        let project = try makeProject()
        try #"[{"name": "mine", "type": "MOCK", "mock": "perfect", "temprature": 0.2}]"#
            .write(to: project.directory.appendingPathComponent("models.json"), atomically: true, encoding: .utf8)
        let result = try await project.assay("models")
        #expect(result.status == 1)
        #expect(result.standardError.contains("unknown field \"temprature\""), "\(result.standardError)")
        #expect(result.standardError.contains("'temperature'"))
    }
}
