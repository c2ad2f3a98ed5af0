import Foundation
import Testing

/// The project's `assay.init` with the real executable: scripts and `-c` run it first, `--no-init`
/// skips it, and an error in it stops a script with its location.
@Suite("assay.init from the command line")
struct InitScriptCommandTests {
    /// A project folder holding a suite and an `assay.init`, with a store of its own.
    struct Project {
        let directory: URL
        var environment: [String: String] {
            ["ASSAY_HOME": directory.appendingPathComponent(".assay-home").path,
             "XDG_CONFIG_HOME": directory.appendingPathComponent("config").path]
        }

        init(initScript: String) throws {
            directory = try AssayProcess.temporaryDirectory()
            let lines = (0..<5).map { #"{"id": "c\#($0)", "input": "question \#($0)", "expected": "answer \#($0)"}"# }
            try (lines.joined(separator: "\n") + "\n").write(to: directory.appendingPathComponent("cases.jsonl"), atomically: true, encoding: .utf8)
            try initScript.write(to: directory.appendingPathComponent("assay.init"), atomically: true, encoding: .utf8)
        }

        func assay(_ arguments: String..., in folder: String? = nil) async throws -> AssayProcess.Result {
            let workingDirectory = folder.map { directory.appendingPathComponent($0) } ?? directory
            return try await AssayProcess.run(arguments, in: workingDirectory, environment: environment)
        }

        func remove() {
            try? FileManager.default.removeItem(at: directory)
        }
    }

    static let initScript = """
        # pipelines the whole team uses
        print("loading the menu pipeline")
        menu = pipeline(name: "menu", template: "{{ input }}", model: "perfect", metrics: ["exact"])
        """

    @Test("assay -c uses a pipeline assay.init defined; what assay.init prints goes to standard error")
    func commandUsesThePipeline() async throws {
        let project = try Project(initScript: Self.initScript)
        defer { project.remove() }
        let result = try await project.assay("-c", #"run(load("cases.jsonl"), menu)/summary/exact/mean"#)
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput == "1\n")
        #expect(result.standardError.contains("loading the menu pipeline"))
        let recorded = try await project.assay("-c", #"runs("latest")/pipeline"#)
        #expect(recorded.standardOutput == "menu\n")
        let history = try await project.assay("history")
        #expect(history.status == 0)
        #expect(history.standardOutput.contains("pipeline") && history.standardOutput.contains(" menu "), "\(history.standardOutput)")
        #expect(!history.standardError.contains("loading the menu pipeline"), "the run subcommands skip assay.init")
    }

    @Test("a script file run from a folder inside the project uses the project's assay.init")
    func scriptFromASubfolder() async throws {
        let project = try Project(initScript: Self.initScript)
        defer { project.remove() }
        let folder = project.directory.appendingPathComponent("scripts")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try "r = run(load(\"../cases.jsonl\"), menu, model: \"echo\")\nr/pipeline\nr/summary/exact/mean\n"
            .write(to: folder.appendingPathComponent("check.assay"), atomically: true, encoding: .utf8)
        let result = try await project.assay("check.assay", in: "scripts")
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.hasSuffix("menu\n0\n"), "\(result.standardOutput)")
    }

    @Test("--no-init skips assay.init: the same command fails with a name error")
    func noInit() async throws {
        let project = try Project(initScript: Self.initScript)
        defer { project.remove() }
        let result = try await project.assay("--no-init", "-c", #"run(load("cases.jsonl"), menu)/summary/exact/mean"#)
        #expect(result.status == 1)
        #expect(result.standardError.hasPrefix("<command>:1:26: error: 'menu' is not defined"), "\(result.standardError)")
        #expect(!result.standardError.contains("loading the menu pipeline"))
    }

    @Test("an error in assay.init is shown at assay.init:LINE:COL with the caret, and the script does not run (exit 1)")
    func brokenInit() async throws {
        let project = try Project(initScript: "menu = pipeline(name: \"menu\", template: \"{{ input }}\", model: \"perfect\")\nsuite = lod(\"cases.jsonl\")\n")
        defer { project.remove() }
        let result = try await project.assay("-c", #"print("the script ran")"#)
        #expect(result.status == 1)
        #expect(result.standardOutput.isEmpty, "the script did not run: \(result.standardOutput)")
        let lines = result.standardError.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.first == "assay.init:2:9: error: 'lod' is not defined", "\(result.standardError)")
        #expect(lines.dropFirst().first == #"suite = lod("cases.jsonl")"#)
        #expect(lines.dropFirst(2).first == "        ^~~")
        #expect(lines.contains("hint: did you mean 'load'?"))
        let skipped = try await project.assay("--no-init", "-c", #"print("the script ran")"#)
        #expect(skipped.status == 0 && skipped.standardOutput == "the script ran\n")
    }

    @Test(":pipelines and pipelines() list the pipelines assay.init defined")
    func listsPipelines() async throws {
        let project = try Project(initScript: Self.initScript)
        defer { project.remove() }
        let command = try await project.assay("-c", ":pipelines")
        #expect(command.status == 0, "\(command.standardError)")
        let lines = command.standardOutput.split(separator: "\n").map(String.init)
        #expect(lines.first?.split(separator: " ") == ["name", "model", "template", "metrics", "defined"])
        #expect(lines.last?.split(separator: " ", omittingEmptySubsequences: true) == ["menu", "perfect", "{{", "input", "}}", "exact", "assay.init:3"])
        let builtin = try await project.assay("-c", "pipelines()/*/name")
        #expect(builtin.standardOutput == "[\"menu\"]\n")
    }

    @Test("--help mentions assay.init and --no-init")
    func help() async throws {
        let help = try await AssayProcess.run(["--help"])
        #expect(help.standardOutput.contains("--no-init"))
        #expect(help.standardOutput.contains("assay.init:LINE:COL"))
        let kernel = try await AssayProcess.run(["kernel", "--help"])
        #expect(kernel.standardOutput.contains("assay kernel --stdio --no-init"))
    }
}
