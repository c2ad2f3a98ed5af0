import Foundation
import Testing

@Suite struct CommandLineTests {
    @Test("-c prints the value of each expression statement", arguments: [
        ("xs = [1, 2, 3]; xs/-1 + len(xs) * 2", "9\n"),
        ("{a: {b: [10, 20]}}/a/b/1", "20\n"),
        ("7 / 2", "3.5\n"),
        ("[{o: 1}, {o: 2}]/*/o", "[1, 2]\n"),
        ("{a: 1}/b?", "null\n"),
        ("print(\"a\"); 1; x = 2", "a\n1\n"),
    ])
    func command(code: String, expected: String) async throws {
        let result = try await AssayProcess.run(["-c", code])
        #expect(result.status == 0)
        #expect(result.standardOutput == expected)
        #expect(result.standardError == "")
    }

    @Test("a missing key exits 1 with a caret under it and a did-you-mean")
    func missingKey() async throws {
        let result = try await AssayProcess.run(["-c", "r = {summary: {rouge: {f1: 0.5}}}; r/summary/rogue/f1"])
        #expect(result.status == 1)
        let lines = result.standardError.split(separator: "\n").map(String.init)
        #expect(lines.count == 4)
        #expect(lines[0].hasPrefix("<command>:1:46: error: "))
        #expect(lines[2] == String(repeating: " ", count: 45) + "^~~~~")
        #expect(lines[3].contains("'rouge'"))
    }

    @Test("a ':' command in -c code runs on its own line and the lines after it run too")
    func commandsInCode() async throws {
        let result = try await AssayProcess.run(["-c", ":vars\n1 + 1\n:time off\n2 + 2"])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput == "no variables yet: assign one with 'name = value'\n2\ntiming off\n4\n")
    }

    @Test("a script stops at its first error; --keep-going runs the rest and still exits 1")
    func scripts() async throws {
        let directory = try AssayProcess.temporaryDirectory()
        try "1\nnope\n3\n".write(to: directory.appendingPathComponent("s.assay"), atomically: true, encoding: .utf8)
        let stopped = try await AssayProcess.run(["s.assay"], in: directory)
        #expect(stopped.status == 1)
        #expect(stopped.standardOutput == "1\n")
        #expect(stopped.standardError.hasPrefix("s.assay:2:1: error: 'nope' is not defined"))
        let carried = try await AssayProcess.run(["--keep-going", "s.assay"], in: directory)
        #expect(carried.status == 1)
        #expect(carried.standardOutput == "1\n3\n")
    }

    @Test("standard input that is not a terminal runs as a script without prompts")
    func standardInput() async throws {
        let result = try await AssayProcess.run([], input: "a = 2\na * 21\n")
        #expect(result.status == 0)
        #expect(result.standardOutput == "42\n")
    }

    @Test("usage errors exit 64 and say what to do", arguments: [
        ["--frobnicate"], ["-c"], ["a.assay", "b.assay"], ["missing-file.assay"],
    ])
    func usageErrors(arguments: [String]) async throws {
        let result = try await AssayProcess.run(arguments)
        #expect(result.status == 64)
        #expect(result.standardError.hasPrefix("assay: error: "))
    }

    @Test("--help documents the exit codes; --version prints the version")
    func helpAndVersion() async throws {
        let help = try await AssayProcess.run(["--help"])
        #expect(help.status == 0)
        #expect(help.standardOutput.contains("64 a usage error on the command line"))
        #expect(try await AssayProcess.run(["--version"]).standardOutput.hasPrefix("assay "))
    }

    @Test("suites in JSONL, JSON and CSV load to the same cases")
    func suiteFormats() async throws {
        let directory = try AssayProcess.temporaryDirectory()
        try "{\"id\": \"a\", \"input\": \"x, y\", \"expected\": \"1\"}\n{\"id\": \"b\", \"input\": \"say \\\"hi\\\"\", \"expected\": \"2\"}\n{\"id\": \"c\", \"input\": \"z\", \"expected\": \"3\"}\n"
            .write(to: directory.appendingPathComponent("s.jsonl"), atomically: true, encoding: .utf8)
        try "{\"cases\": [{\"id\": \"a\", \"input\": \"x, y\", \"expected\": \"1\"}, {\"id\": \"b\", \"input\": \"say \\\"hi\\\"\", \"expected\": \"2\"}, {\"id\": \"c\", \"input\": \"z\", \"expected\": \"3\"}]}"
            .write(to: directory.appendingPathComponent("s.json"), atomically: true, encoding: .utf8)
        try "id,input,expected\na,\"x, y\",1\nb,\"say \"\"hi\"\"\",2\nc,z,3\n"
            .write(to: directory.appendingPathComponent("s.csv"), atomically: true, encoding: .utf8)
        let result = try await AssayProcess.run(["-c", "a = load(\"s.jsonl\")/*; b = load(\"s.json\")/*; c = load(\"s.csv\")/*; a == b and b == c; len(a)"], in: directory)
        #expect(result.standardOutput == "true\n3\n")
    }

    @Test("a JSONL file with a broken third line fails naming FILE:3; skip_bad loads the rest and says so")
    func brokenSuite() async throws {
        let directory = try AssayProcess.temporaryDirectory()
        try "{\"input\": \"1\"}\n{\"input\": \"2\"}\n{\"input\": oops}\n{\"input\": \"4\"}\n"
            .write(to: directory.appendingPathComponent("broken.jsonl"), atomically: true, encoding: .utf8)
        let failed = try await AssayProcess.run(["-c", "load(\"broken.jsonl\")"], in: directory)
        #expect(failed.status == 1)
        #expect(failed.standardError.contains("broken.jsonl:3"))
        let skipped = try await AssayProcess.run(["-c", "len(load(\"broken.jsonl\", skip_bad: true))"], in: directory)
        #expect(skipped.status == 0)
        #expect(skipped.standardOutput == "3\n")
        #expect(skipped.standardError.contains("skipped 1 bad record"))
        #expect(skipped.standardError.contains("line 3"))
    }

    @Test("a template never re-renders values")
    func templateLiteral() async throws {
        let result = try await AssayProcess.run(["-c", "render(template(\"Q: {{ input }}\"), {input: \"{{ evil }}\"})"])
        #expect(result.standardOutput == "Q: {{ evil }}\n")
    }

    @Test("the demo script runs")
    func demo() async throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        // The demo stores its runs; keep them out of the repository.
        let home = try AssayProcess.temporaryDirectory()
        let result = try await AssayProcess.run(["examples/demo.assay"], in: root, environment: ["ASSAY_HOME": home.path])
        #expect(result.status == 0)
        #expect(result.standardOutput.hasPrefix("Loaded 12 cases\n"))
        #expect(result.standardOutput.contains("run ") && result.standardOutput.contains("\"demo\" completed · model perfect · 12 results, 12 ok, 0 errors"))
        #expect(result.standardError == "")
        #expect(FileManager.default.fileExists(atPath: home.appendingPathComponent("runs.sqlite").path))
    }
}
