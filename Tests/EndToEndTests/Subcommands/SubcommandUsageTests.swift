import Foundation
import Testing

/// The command line as a specification: every subcommand's help, and what each wrong invocation
/// says (its first line, exactly) with exit code 64.
@Suite("Subcommand help and usage errors")
struct SubcommandUsageTests {
    @Test("every subcommand's --help exits 0 with its usage; assay help CMD says the same", arguments: [
        ["run"], ["rerun"], ["resume"], ["compare"], ["pipelines"], ["history"], ["runs"], ["summarize"], ["export"], ["report"],
        ["models"], ["add-ids"], ["kernel"], ["kernel", "install"], ["script"],
    ])
    func help(command: [String]) async throws {
        let help = try await AssayProcess.run(command + ["--help"])
        #expect(help.status == 0)
        #expect(help.standardOutput.contains("USAGE: assay \(command.joined(separator: " "))"), "\(help.standardOutput)")
        #expect(help.standardOutput.contains("Example"))
        let viaHelp = try await AssayProcess.run(["help"] + command)
        #expect(viaHelp.status == 0)
        #expect(viaHelp.standardOutput == help.standardOutput)
    }

    @Test("mock-server --help is the server's own, exit 0")
    func mockServerHelp() async throws {
        let help = try await AssayProcess.run(["mock-server", "--help"])
        #expect(help.status == 0)
        #expect(help.standardOutput.hasPrefix("USAGE: assay mock-server [--port P]"))
    }

    static let settings = "settings: cache, concurrency, extract, group, history, labels, max_cost, max_tokens, metrics, model, name, "
        + "rate_limit, retries, samples, seed, stream, tags, temperature, template, template-text, timeout, top_p"
    static let metrics = "metrics: exact, contains, json_valid, json_match, label_set, rouge, bleu, chrf, meteor, edit_similarity, "
        + "bertscore, or @FILE.json for metric specs"

    @Test("a wrong invocation prints one exact sentence, the usage, and exits 64", arguments: [
        (["hsitory"], "'hsitory' is neither a subcommand nor a file: did you mean 'history'?"),
        (["rerun"], "Missing expected argument '<run>'"),
        (["rerun", "latest", "temprature=0.7"], "'temprature' is not a setting rerun can change (did you mean 'temperature' or 'template'?); \(settings)"),
        (["rerun", "latest", "model"], "'model' is not a change: write key=value, e.g. model=flakey, temperature=0.7, template=prompt.txt or metrics=exact,rouge"),
        (["rerun", "latest", "temperature=hot"], "temperature takes a number, not 'hot'"),
        (["rerun", "latest", "name"], "'name' is not a change: write key=value, e.g. model=flakey, temperature=0.7, template=prompt.txt or metrics=exact,rouge"),
        (["rerun", "latest", #"metrics=[print("x")]"#], #"no metric is named '[print("x")]'; "# + metrics),
        (["rerun", "latest", "metrics=exact,rouj"], "no metric is named 'rouj' (did you mean 'rouge'?); \(metrics)"),
        (["rerun", "latest", "metrics=@missing.json"], "the metric file missing.json does not exist"),
        (["rerun", "latest", "template=missing.txt"], "the template file missing.txt does not exist (template-text=… gives the text itself)"),
        (["rerun", "latest", "samples=2.5"], "samples takes a whole number, not '2.5'"),
        (["rerun", "latest", "cache=maybe"], "cache takes true or false, not 'maybe'"),
        (["history", "0"], "history lists at least 1 run, not 0"),
        (["history", "-1"], "history lists at least 1 run, not -1"),
        (["history", "many"], "history takes a number of runs, not 'many'"),
        (["export", "latest", "--fromat", "csv"], "Unknown option '--fromat'. Did you mean '--format'?"),
        (["export", "latest", "--mlflow", "http://127.0.0.1:5000"], "--mlflow needs --experiment NAME: the MLflow experiment to log the run to"),
        (["export", "-1", "--experiment", "evals"], "--experiment goes with --mlflow URL: the MLflow server to log the run to"),
        (["export", "latest", "--mlflow", "http://127.0.0.1:5000", "--experiment", "evals", "-o", "x.jsonl"], "--mlflow writes no file: leave out --output"),
        (["run", "cases.jsonl"], "give a pipeline, or --template FILE and --model NAME, e.g. assay run cases.jsonl --template prompt.txt --model perfect"),
        (["run", "cases.jsonl", "menu", "--metric", "blue"], "no metric is named 'blue' (did you mean 'bleu'?); \(metrics)"),
        (["run", "cases.jsonl", "--template", "missing.txt", "--model", "echo"], "the template file missing.txt does not exist"),
        (["run", "cases.jsonl", "menu", "--concurrency", "0"], "--concurrency must be at least 1, not 0"),
        (["compare", "latest"], "Missing expected argument '<b>'"),
        (["compare", "-2", "-1", "--metrc", "exact"], "Unknown option '--metrc'. Did you mean '--metric'?"),
        (["summarize"], "Missing expected argument '<run>'"),
        (["resume", "latest", "--max-cost", "lots"], "--max-cost takes a number of dollars, not 'lots'"),
        (["models", "extra"], "Unexpected argument 'extra'"),
        (["kernel"], "assay kernel needs --stdio, -f CONNECTION_FILE, or install"),
        (["kernel", "--stdio", "-f", "k.json"], "give either --stdio or -f CONNECTION_FILE, not both"),
        (["kernel", "install", "--user", "--sys-prefix"], "give one of --user, --sys-prefix and --prefix"),
        (["add-ids"], "Missing expected argument '<suite>'"),
        (["-c"], "Missing value for '-c <code>'"),
        (["--frobnicate"], "Unknown option '--frobnicate'"),
        (["--batch", "--interactive"], "give either --batch or --interactive, not both"),
        (["-c", "1", "script.assay"], "give either a file or -c CODE, not both"),
        (["missing-file.assay"], "missing-file.assay does not exist"),
    ])
    func usageError(arguments: [String], message: String) async throws {
        let result = try await AssayProcess.run(arguments, in: try AssayProcess.temporaryDirectory())
        #expect(result.status == 64)
        let lines = result.standardError.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.first == "assay: error: " + message)
        #expect(lines.contains { $0.hasPrefix("Usage: assay") })
        #expect(result.standardOutput == "")
    }

    @Test("rerun's values are data: print is never run, template= sends the file's text, template-text= the text itself")
    func valuesAreData() async throws {
        let project = try RunCommandTests.Project()
        try "Say: {{ input }}".write(to: project.directory.appendingPathComponent("prompt.txt"), atomically: true, encoding: .utf8)
        let made = try await project.assay("run", "cases.jsonl", "--template", "prompt.txt", "--model", "echo", "--metric", "exact")
        #expect(made.status == 0, "\(made.standardError)")

        let printed = try await project.assay("rerun", "latest", #"metrics=[print("x")]"#)
        #expect(printed.status == 64)
        #expect(printed.standardOutput == "")

        let filed = try await project.assay("rerun", "latest", "template=prompt.txt", "name=inf")
        #expect(filed.status == 0, "\(filed.standardError)")
        #expect(filed.standardOutput.contains("run ") && filed.standardOutput.contains("\"inf\" completed"))
        let output = try await project.assay("-c", #"runs("latest")/cases/0/output"#)
        #expect(output.standardOutput == "Say: question 0\n", "the echo model answers the prompt: the file's text, rendered")

        let literal = try await project.assay("rerun", "latest", "template-text={{ input }} please", "tags=a,b", "temperature=0.5")
        #expect(literal.status == 0, "\(literal.standardError)")
        let stored = try await project.assay("-c", #"r = runs("latest"); [r/cases/0/output, r/tags]"#)
        #expect(stored.standardOutput == "[\"question 0 please\", [\"a\", \"b\"]]\n")
    }

    @Test("metric specs from a JSON file, and a pipeline of assay.init run by name")
    func specsAndPipelines() async throws {
        let project = try RunCommandTests.Project()
        try #"[{"name": "exact_ci", "kind": "exact", "options": {"ignore_case": true}}]"#
            .write(to: project.directory.appendingPathComponent("metrics.json"), atomically: true, encoding: .utf8)
        try #"menu = pipeline(name: "menu", template: "{{ expected }}", model: "echo", metrics: ["exact"])"#
            .write(to: project.directory.appendingPathComponent("assay.init"), atomically: true, encoding: .utf8)

        let listed = try await project.assay("pipelines")
        #expect(listed.status == 0, "\(listed.standardError)")
        #expect(listed.standardOutput.contains("menu") && listed.standardOutput.contains("assay.init:1"))

        let made = try await project.assay("run", "cases.jsonl", "menu", "--tag", "nightly")
        #expect(made.status == 0, "\(made.standardError)")
        let stored = try await project.assay("-c", #"r = runs("latest"); [r/pipeline, r/tags, r/summary/exact/mean]"#)
        #expect(stored.standardOutput == "[\"menu\", [\"nightly\"], 1]\n")

        let rescored = try await project.assay("rerun", "latest", "metrics=@metrics.json")
        #expect(rescored.status == 0, "\(rescored.standardError)")
        let names = try await project.assay("-c", #"keys(runs("latest")/cases/0/metrics)"#)
        #expect(names.standardOutput == "[\"exact_ci\"]\n")

        let unknown = try await project.assay("run", "cases.jsonl", "menuu")
        #expect(unknown.status == 1)
        #expect(unknown.standardError.contains("menuu"))
    }

    @Test("the bash completion script completes subcommands and options")
    func bashCompletion() async throws {
        let script = try await AssayProcess.run(["--generate-completion-script", "bash"])
        #expect(script.status == 0)
        let directory = try AssayProcess.temporaryDirectory()
        let file = directory.appendingPathComponent("assay.bash")
        try script.standardOutput.write(to: file, atomically: true, encoding: .utf8)
        let driver = """
            source '\(file.path)'
            complete_line() {
              COMP_LINE="$1"; COMP_POINT=${#COMP_LINE}
              read -r -a COMP_WORDS <<< "$1"
              [[ "$1" == *" " ]] && COMP_WORDS+=("")
              COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))
              COMPREPLY=()
              _assay assay "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
              printf '%s\\n' "${COMPREPLY[@]}" | sort | paste -sd ' '
            }
            complete_line "assay re"
            complete_line "assay export latest --f"
            complete_line "assay kernel i"
            compgen -W "$(complete_line 'assay ')" -- hi
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-O", "extglob", "-c", driver]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(text == "report rerun resume\n--format\ninstall\nhistory\n")
    }
}
