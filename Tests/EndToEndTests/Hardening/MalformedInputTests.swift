import Foundation
import Testing

/// Malformed input of every kind, through the real binary: each ends with exit status 1 and a
/// message naming the place, never with a signal. Malformed kernel input (stdio lines, cells) is
/// in AssayKernelTests' MalformedKernelInputTests, broken ZeroMQ frames in the Python tests.
@Suite struct MalformedInputTests {
    /// One malformed input: the files of a project folder, the script run in it, and the place the
    /// message must name (`FILE:LINE:COL`, or a file's name where only that is known).
    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let files: [String: String]
        let script: String
        let place: String
        var testDescription: String { name }

        /// A script that is itself malformed.
        static func script(_ name: String, _ text: String, _ place: String) -> Case {
            Case(name: name, files: [:], script: text, place: place)
        }

        /// A file the script loads (a suite, a template, a script) that is malformed.
        static func file(_ name: String, _ file: String, _ text: String, loadedBy script: String, _ place: String) -> Case {
            Case(name: name, files: [file: text], script: script, place: place)
        }

        /// A configuration file that is malformed, read by `models()`.
        static func configuration(_ name: String, _ file: String, _ text: String, _ place: String) -> Case {
            var files = [file: text]
            if file == ".credentials.json" { files["models.json"] = #"[{"name": "local", "type": "OPENAI", "model": "m"}]"# }
            return Case(name: name, files: files, script: "models()", place: place)
        }
    }

    static func deep(_ open: String, _ middle: String, _ close: String, _ depth: Int) -> String {
        String(repeating: open, count: depth) + middle + String(repeating: close, count: depth)
    }

    static let scripts: [Case] = [
        .script("missing operand", "1 +", "s.assay:1:4: error:"),
        .script("unclosed parenthesis", "(1", "s.assay:1:1: error:"),
        .script("unclosed list", "[1, 2", "s.assay:1:1: error:"),
        .script("record without value", "{a: }", "s.assay:1:5: error:"),
        .script("assignment without value", "x =", "s.assay:1:4: error:"),
        .script("two values in a row", "1 2", "s.assay:1:3: error:"),
        .script("unterminated string", "\"abc", "s.assay:1:1: error:"),
        .script("positional after keyword", "f(a: 1, 2)", "s.assay:1:9: error:"),
        .script("duplicate record key", "{a: 1, a: 2}", "s.assay:1:8: error:"),
        .script("duplicate parameter", "(a, a) => a", "s.assay:1:5: error:"),
        .script("chained comparison", "1 < 2 < 3", "s.assay:1:7: error:"),
        .script("assignment to a value", "1 = 2", "s.assay:1:1: error:"),
        .script("stray character", "1 @ 2", "s.assay:1:3: error:"),
        .script("bad escape", "\"\\q\"", "s.assay:1:"),
        .script("undefined name on line 3", "a = 1\nb = 2\nc", "s.assay:3:1: error:"),
        .script("missing key", "{a: 1}/b", "s.assay:1:"),
        .script("index out of range", "[1, 2]/7", "s.assay:1:"),
        .script("calling a number", "x = 1\nx(2)", "s.assay:2:1: error:"),
        .script("wrong argument type", "len(1)", "s.assay:1:"),
        .script("unknown keyword argument", "len([1], size: 2)", "s.assay:1:"),
        .script("runaway recursion", "f = n => f(n + 1)\nf(0)", "s.assay:1:10: error: calls nest more than 400 deep"),
        .script("20,000 nested parentheses", deep("(", "1", ")", 20_000), "s.assay:1:257: error: nesting deeper than 256"),
        .script("20,000 nested lists", deep("[", "", "]", 20_000), "s.assay:1:257: error: nesting deeper than 256"),
        .script("20,000 nested records", deep("{a: ", "1", "}", 20_000), "error: nesting deeper than 256"),
        .script("20,000 nested calls", deep("f(", "", ")", 20_000), "error: nesting deeper than 256"),
        .script("20,000 negations", String(repeating: "-", count: 20_000) + "1", "s.assay:1:256: error: nesting deeper than 256"),
        .script("20,000 nots", String(repeating: "not ", count: 20_000) + "true", "error: nesting deeper than 256"),
        .script("20,000 nested lambdas", String(repeating: "x => ", count: 20_000) + "x", "error: nesting deeper than 256"),
        .script("deep body, deep recursion", "f = n => " + deep("[", "f(n - 1)", "]", 200) + "\nf(300)",
                "error: nesting deeper than 3000"),
        .script("unknown command", "1\n:nope", "s.assay:2:1: error: unknown command ':nope'"),
        .script("command with a bad argument", ":time maybe", "s.assay:1:1: error:"),
        .script("loading a missing script", "x = 1\n:load missing.assay", "s.assay:2:1: error: cannot read missing.assay"),
    ]

    static let loadedFiles: [Case] = [
        .file("a script that loads itself", "self.assay", ":load self.assay\n", loadedBy: ":load self.assay",
              "self.assay:1:1: error: ':load' nests deeper than 16"),
        .file("a loaded script with a syntax error", "part.assay", "x = 1\ny = (", loadedBy: ":load part.assay", "part.assay:2:5: error:"),
        .file("JSONL line that breaks off", "bad.jsonl", "{\"id\": \"a\", \"input\": \"x\"}\n{\"id\": \"b\", \"input\": \n",
              loadedBy: #"load("bad.jsonl")"#, "bad.jsonl:2"),
        .file("JSONL line that is not an object", "bad.jsonl", "{\"input\": \"x\"}\n[1, 2]\n", loadedBy: #"load("bad.jsonl")"#, "bad.jsonl:2"),
        .file("JSONL line with a stray comma", "bad.jsonl", "{\"input\": \"x\",}\n", loadedBy: #"load("bad.jsonl")"#, "bad.jsonl:1"),
        .file("JSONL of plain text", "bad.jsonl", "hello\n", loadedBy: #"load("bad.jsonl")"#, "bad.jsonl:1"),
        .file("JSONL with an unterminated string", "bad.jsonl", "{\"input\": \"x}\n", loadedBy: #"load("bad.jsonl")"#, "bad.jsonl:1"),
        .file("JSON suite that is a number", "bad.json", "3", loadedBy: #"load("bad.json")"#, "bad.json"),
        .file("JSON suite cut short", "bad.json", "[{\"input\": \"x\"},", loadedBy: #"load("bad.json")"#, "bad.json:1"),
        .file("JSON suite of numbers", "bad.json", "[1, 2]", loadedBy: #"load("bad.json")"#, "bad.json"),
        .file("JSON suite with a trailing comma", "bad.json", "[{\"input\": \"x\"},]", loadedBy: #"load("bad.json")"#, "bad.json:1"),
        .file("JSON suite with a bare word", "bad.json", "[{\"input\": nope}]", loadedBy: #"load("bad.json")"#, "bad.json:1"),
        .file("CSV with an unterminated quote", "bad.csv", "input,expected\n\"abc,1\n", loadedBy: #"load("bad.csv")"#, "bad.csv:2"),
        .file("CSV row with too many fields", "bad.csv", "input,expected\na,b,c\n", loadedBy: #"load("bad.csv")"#, "bad.csv:2"),
        .file("CSV with a duplicate column", "bad.csv", "input,input\na,b\n", loadedBy: #"load("bad.csv")"#, "bad.csv:1"),
        .file("CSV with an empty column name", "bad.csv", "input,,x\na,b,c\n", loadedBy: #"load("bad.csv")"#, "bad.csv:1"),
        .file("CSV with text after a closing quote", "bad.csv", "input\n\"a\"b\n", loadedBy: #"load("bad.csv")"#,
              "bad.csv:2:4: unexpected 'b' after the closing quote"),
        .file("JSON suite nested 20,000 deep", "bad.json", deep("[", "", "]", 20_000), loadedBy: #"load("bad.json")"#,
              "bad.json:1:514: arrays and objects nest deeper than 512 levels"),
        .file("JSONL record nested 20,000 deep", "bad.jsonl", "{\"input\": " + deep("[", "", "]", 20_000) + "}\n",
              loadedBy: #"load("bad.jsonl")"#, "bad.jsonl:1:522: arrays and objects nest deeper than 512 levels"),
        .file("YAML suite of plain text", "bad.yaml", "just text\n", loadedBy: #"load("bad.yaml")"#,
              "bad.yaml:1:1: expected a list of cases or a mapping with a cases: list"),
        .file("YAML suite whose cases is a number", "bad.yaml", "cases: 3\n", loadedBy: #"load("bad.yaml")"#,
              "bad.yaml:1:1: expected a list of cases"),
        .file("YAML suite with an unclosed flow list", "bad.yaml", "- input: [a\n", loadedBy: #"load("bad.yaml")"#,
              "bad.yaml:2:1: did not find expected ',' or ']'"),
        .file("YAML suite with a list as a key", "bad.yaml", "- {[a]: b}\n", loadedBy: #"load("bad.yaml")"#,
              "bad.yaml:1:4: a mapping key must be a plain value"),
        .file("YAML suite indented with a tab", "bad.yaml", "- input: a\n\t- b\n", loadedBy: #"load("bad.yaml")"#,
              "bad.yaml:2:1: found a tab character"),
        .file("YAML case with a key twice", "bad.yaml", "- input: a\n  input: b\n", loadedBy: #"load("bad.yaml")"#,
              "bad.yaml:1:3: a mapping has the key 'input' more than once"),
        .file("YAML suite with two cases of one id", "bad.yaml", "- {id: a}\n- {id: a}\n", loadedBy: #"load("bad.yaml")"#,
              "bad.yaml:2:3: duplicate id \"a\""),
        .file("YAML suite repeating a case through an alias", "bad.yaml", "- &a {id: x, input: hi}\n- *a\n", loadedBy: #"load("bad.yaml")"#,
              "bad.yaml:2:3: duplicate id \"x\": line 1 and line 2 have the same id"),
        .file("YAML suite nested 20,000 deep", "bad.yaml", "- input: " + deep("[", "", "]", 20_000) + "\n",
              loadedBy: #"load("bad.yaml")"#, "bad.yaml:1:11: lists and mappings nest deeper than libyaml's limit of 1000 levels"),
        .file("template with an unclosed expression", "t.txt", "Hello {{ name", loadedBy: #"template(file: "t.txt")"#, "s.assay:1:10: error: t.txt:1:7: unclosed '{{': expected '}}' to close it"),
        .file("template with an unclosed if", "t.txt", "{% if x %}\nyes", loadedBy: #"template(file: "t.txt")"#, "t.txt:1:1: 'if' is never closed"),
        .file("template with a stray endfor", "t.txt", "a\n{% endfor %}", loadedBy: #"template(file: "t.txt")"#, "t.txt:2:1: 'endfor' without a matching 'for'"),
        .file("template with an unknown tag", "t.txt", "{% bogus %}", loadedBy: #"template(file: "t.txt")"#, "s.assay:1:10: error: t.txt:1:1: unknown tag 'bogus'"),
        .file("template with a missing operand", "t.txt", "{{ a and }}", loadedBy: #"template(file: "t.txt")"#, "t.txt:1:10: expected a value"),
        .file("template with an unknown filter", "t.txt", "{{ a | shout }}", loadedBy: #"template(file: "t.txt")"#, "t.txt:1:8: unknown filter 'shout'"),
        .file("template with a loop without a name", "t.txt", "{% for in xs %}{% endfor %}", loadedBy: #"template(file: "t.txt")"#, "t.txt:1:8: expected a loop variable"),
        .file("template with 150 nested ifs", "t.txt", deep("{% if a %}", "x", "{% endif %}", 150),
              loadedBy: #"template(file: "t.txt")"#, "nesting deeper than 100"),
        .file("template with 5,000 nested parentheses", "t.txt", "{{ " + deep("(", "a", ")", 5_000) + " }}",
              loadedBy: #"template(file: "t.txt")"#, "nesting deeper than 100"),
        .file("template with 5,000 nots", "t.txt", "{{ " + String(repeating: "not ", count: 5_000) + "a }}",
              loadedBy: #"template(file: "t.txt")"#, "nesting deeper than 100"),
        .file("template with 5,000 nested lists", "t.txt", "{{ " + deep("[", "1", "]", 5_000) + " }}",
              loadedBy: #"template(file: "t.txt")"#, "nesting deeper than 100"),
    ]

    static let configurations: [Case] = [
        .configuration("models.json that is not JSON", "models.json", "[{", "models.json"),
        .configuration("models.json that is an object", "models.json", #"{"name": "x"}"#, "models.json"),
        .configuration("models.json entry without a name", "models.json", #"[{"type": "OPENAI", "model": "m"}]"#, "models.json"),
        .configuration("models.json entry of an unknown type", "models.json", #"[{"name": "x", "type": "NOPE", "model": "m"}]"#, "models.json"),
        .configuration("models.json entry with a numeric model", "models.json", #"[{"name": "x", "type": "OPENAI", "model": 3}]"#, "models.json"),
        .configuration("models.json entry with a bad price", "models.json",
                       #"[{"name": "x", "type": "OPENAI", "model": "m", "price": "cheap"}]"#, "models.json"),
        .configuration("models.json with a trailing comma", "models.json", #"[{"name": "x", "type": "OPENAI", "model": "m"},]"#, "models.json"),
        .configuration("models.json with two models of one name", "models.json",
                       #"[{"name": "x", "type": "OPENAI", "model": "m"}, {"name": "x", "type": "OPENAI", "model": "n"}]"#, "models.json"),
        .configuration("models.json nested 20,000 deep", "models.json",
                       #"[{"name": "x", "type": "OPENAI", "model": "m", "stop": "# + deep("[", "", "]", 20_000) + "}]",
                       "s.assay:1:1: error: models.json:1:568: arrays and objects nest deeper than 512 levels"),
        .configuration("models.json with a misspelt field", "models.json",
                       #"[{"name": "x", "type": "OPENAI", "model": "m", "temprature": 1}]"#,
                       "s.assay:1:1: error: models.json:1:62: unknown field \"temprature\""),
        .configuration(".credentials.json nested 20,000 deep", ".credentials.json", #"{"local": "# + deep("[", "", "]", 20_000) + "}",
                       "s.assay:1:1: error: .credentials.json:1:523: arrays and objects nest deeper than 512 levels"),
        .configuration(".credentials.json that is not JSON", ".credentials.json", "{\"local\": ", ".credentials.json"),
        .configuration(".credentials.json that is a list", ".credentials.json", "[\"key\"]", ".credentials.json"),
        .configuration(".credentials.json with a numeric key", ".credentials.json", #"{"local": 42}"#, ".credentials.json"),
    ]

    static let all = scripts + loadedFiles + configurations

    @Test("there are at least 60 malformed inputs")
    func count() {
        #expect(Self.all.count >= 60)
    }

    @Test("a malformed input exits 1 with a message naming the place, never with a signal", arguments: all)
    func malformed(input: Case) async throws {
        let directory = try AssayProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        for (name, text) in input.files {
            try text.write(to: directory.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        try input.script.write(to: directory.appendingPathComponent("s.assay"), atomically: true, encoding: .utf8)
        let home = directory.appendingPathComponent(".assay-home").path
        let result = try await AssayProcess.run(["s.assay"], in: directory,
                                                environment: ["ASSAY_HOME": home, "XDG_CONFIG_HOME": directory.path])
        #expect(!result.wasKilledBySignal, "signal \(result.status)")
        #expect(result.status == 1)
        #expect(result.standardError.contains(input.place), "\(result.standardError.prefix(600))")
        let first = result.standardError.prefix { $0 != "\n" }
        #expect(first.components(separatedBy: "error:").count == 2, "one 'error:' in: \(first.prefix(600))")
    }

    @Test("assay models names a malformed models.json once, by its path in the project, with one 'error:'")
    func modelsCommand() async throws {
        let project = try AssayProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: project) }
        let text = #"[{"name": "x", "type": "OPENAI", "model": "m", "temprature": 1}]"#
        try text.write(to: project.appendingPathComponent("models.json"), atomically: true, encoding: .utf8)
        let folder = project.appendingPathComponent("sub")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let result = try await AssayProcess.run(["models"], in: folder, environment: [
            "ASSAY_HOME": project.appendingPathComponent(".assay-home").path, "XDG_CONFIG_HOME": project.path,
        ])
        #expect(result.status == 1)
        let first = result.standardError.prefix { $0 != "\n" }
        #expect(first.hasSuffix(#"error: ../models.json:1:62: unknown field "temprature""#), "\(result.standardError)")
        #expect(first.components(separatedBy: "error:").count == 2, "\(result.standardError)")
        #expect(result.standardError.components(separatedBy: "hint: did you mean 'temperature'?").count == 2, "\(result.standardError)")
        #expect(!result.standardError.contains(project.path), "\(result.standardError)")
    }
}
