import ArgumentParser
import AssayCore
import AssayEvaluation
import AssaySession
import AssayShell
import Foundation

/// `assay run SUITE (PIPELINE | --template FILE --model NAME) [--metric SPEC]… …`.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run", abstract: "Runs a model over a suite and stores the run.",
        discussion: """
            A pipeline is looked up in the project's assay.init; --template, --model and the other \
            options override its parts.

            Examples:
              assay run cases.yaml --template template.txt --model perfect
              assay run cases.jsonl --template prompt.txt --model gpt4o --metric exact --metric rouge
              assay run cases.jsonl menu --samples 3 --tag nightly
              assay run cases.jsonl menu --metric @metrics.json
              assay run calculator.yaml --template t.txt --model perfect --expected answer
              assay run cases.jsonl menu --samples 5 --reduce pass@3 --expect "exact>=0.9"
              assay run cases.jsonl menu --expect exact --baseline ab12cd34 --alpha 0.05 --junit gates.xml
              assay run cases.jsonl menu --max-cost 2.50 --queue

            A gate that fails exits 2 (an error exits 1).
            """)

    @Argument(help: ArgumentHelp("The suite file (.jsonl, .json, .csv, .yaml).", valueName: "suite"), completion: .file())
    var suite: String

    @Argument(help: ArgumentHelp("A pipeline of the project's assay.init.", valueName: "pipeline"))
    var pipeline: String?

    @Option(help: ArgumentHelp("The prompt template file.", valueName: "file"), completion: .file())
    var template: String?

    @Option(help: ArgumentHelp("The model's name (assay models lists them).", valueName: "name"))
    var model: String?

    @Option(help: ArgumentHelp("Metric names (exact,rouge) or @FILE.json of metric specs; repeatable.", valueName: "spec"))
    var metric: [String] = []

    @Option(help: "Cases in flight at once.")
    var concurrency: Int?

    @Option(help: "Answers per case.")
    var samples: Int?

    @Option(help: ArgumentHelp("How a case's samples become its score: mean, majority, all, any or pass@K.", valueName: "reducer"))
    var reduce: String?

    @Option(help: "The run's name.")
    var name: String?

    @Option(help: ArgumentHelp("A tag for the run; repeatable.", valueName: "tag"))
    var tag: [String] = []

    @Option(help: ArgumentHelp("The case field that holds the input (input by default; user for GoTaglio's turns).", valueName: "field"))
    var input: String?

    @Option(help: ArgumentHelp("The case field that holds the expected answer (expected by default).", valueName: "field"))
    var expected: String?

    @OptionGroup var gates: RunGates

    @OptionGroup var budget: BudgetOption

    @OptionGroup var store: StoreOption

    @Flag(help: "Store the run as work for assay worker processes on the same store, and follow it as they fill it in.")
    var queue = false

    @Flag(help: "With --queue, return at once instead of following the run.")
    var noWait = false

    func validate() throws {
        if pipeline == nil, template == nil || model == nil {
            throw ValidationError("give a pipeline, or --template FILE and --model NAME, e.g. assay run \(suite) --template prompt.txt --model perfect")
        }
        if let concurrency, concurrency < 1 { throw ValidationError("--concurrency must be at least 1, not \(concurrency)") }
        if let samples, samples < 1 { throw ValidationError("--samples must be at least 1, not \(samples)") }
        if let reduce {
            do throws(SampleReducerError) { try SampleReducer(name: reduce).validate(samples: samples ?? 1) } catch {
                throw ValidationError("--reduce: \(error.message); \(error.hint)")
            }
        }
        if noWait, !queue { throw ValidationError("--no-wait applies to queued runs only: add --queue") }
        _ = try keywords()
    }

    /// The run's settings as typed keyword arguments.
    func keywords() throws -> [(String, CallArgument)] {
        var keywords: [(String, CallArgument)] = []
        if let template { keywords.append(("template", try RunChange.read(template, as: .templateFile, key: "--template", directory: FileManager.default.currentDirectoryPath))) }
        if let model { keywords.append(("model", .json(.string(model)))) }
        if !metric.isEmpty { keywords.append(("metrics", .metrics(try metric.flatMap { try MetricArgument.specs($0) }))) }
        if let concurrency { keywords.append(("concurrency", .json(.int(concurrency)))) }
        if let samples { keywords.append(("samples", .json(.int(samples)))) }
        if let reduce { keywords.append(("reduce", .json(.string(reduce)))) }
        if let name { keywords.append(("name", .json(.string(name)))) }
        if !tag.isEmpty { keywords.append(("tags", .json(.array(tag.map(JSONValue.string))))) }
        if let input { keywords.append(("input", .json(.string(input)))) }
        if let expected { keywords.append(("expected", .json(.string(expected)))) }
        keywords += try budget.keywords()
        if queue { keywords.append(("queue", .json(.bool(true)))) }
        if noWait { keywords.append(("wait", .json(.bool(false)))) }
        return keywords
    }

    func run() throws {
        let call = SessionCall()
        if pipeline != nil, let failed = call.runInitScript() { throw ExitCode(failed) }
        let loaded = call.value("load", [.json(.string(suite))])
        guard case .success(let suiteValue) = loaded else { throw ExitCode(loaded.status) }
        let positional: [CallArgument] = [.result(suiteValue)] + (pipeline.map { [.json(.string($0))] } ?? [])
        let baseline = gates.resolveBaseline(call)
        if case .failure(let status)? = baseline { throw ExitCode(status.code) }
        let ran = call.value("run", positional, keywords: try keywords())
        guard case .success(let run) = ran else { throw ExitCode(ran.status) }
        call.session.show(run) { ScriptRunner.write($0) }
        try Exit.with(try gates.check(call, run: run, baseline: try? baseline?.get()))
    }
}

/// `assay rerun RUN [KEY=VALUE]…`.
struct RerunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rerun", abstract: "Runs a stored run again on its stored cases, with changes.",
        discussion: """
            Each change is KEY=VALUE, read per key: model=NAME, template=FILE (the file's text), \
            template-text=TEXT, metrics=exact,rouge or metrics=@metrics.json, name=, tags=a,b, labels=a,b, \
            extract=, history=, numbers for concurrency, retries, samples, max_tokens, seed, group, timeout, \
            rate_limit, temperature, top_p and max_cost (none lifts the budget), true or false for cache. \
            GoTaglio's infer.model.name= and prepare.template= mean model= and template=. Nothing given is \
            evaluated as code.

            Examples:
              assay rerun latest model=flakey temperature=0.7
              assay rerun ab12cd34 template=prompt-v2.txt metrics=exact,rouge
              assay rerun latest infer.model.name=flakey
            """)

    @OptionGroup var stored: StoredRunArgument

    @Argument(help: ArgumentHelp("Changes: model=flakey temperature=0.7 …", valueName: "key=value"))
    var changes: [String] = []

    func validate() throws {
        _ = try changes.map { try RunChange(parsing: $0) }
    }

    func run() throws {
        let parsed = try changes.map { try RunChange(parsing: $0) }
        try Exit.with(SessionCall().show("rerun", [stored.argument], keywords: parsed.map { ($0.key, $0.value) }))
    }
}

/// `assay resume RUN [--max-cost DOLLARS]`.
struct ResumeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resume", abstract: "Finishes an interrupted run, or one stopped at its budget.",
        discussion: "Examples:\n  assay resume latest\n  assay resume ab12cd34 --max-cost 1.50")

    @OptionGroup var stored: StoredRunArgument

    @OptionGroup var budget: BudgetOption

    func run() throws {
        try Exit.with(SessionCall().show("resume", [stored.argument], keywords: try budget.keywords()))
    }
}

/// `--max-cost DOLLARS`, of `run` and `resume`.
struct BudgetOption: ParsableArguments {
    @Option(help: ArgumentHelp("The run's budget in dollars (a priced model's): no request starts that could pass it.",
                               valueName: "dollars"))
    var maxCost: String?

    func validate() throws {
        _ = try keywords()
    }

    /// `max_cost` as a typed keyword argument, checked; none when not given.
    func keywords() throws -> [(String, CallArgument)] {
        guard let maxCost else { return [] }
        guard let dollars = Double(maxCost), dollars >= 0, dollars.isFinite else {
            throw ValidationError("--max-cost takes a number of dollars, not '\(maxCost)'")
        }
        return [("max_cost", .json(.double(dollars)))]
    }
}

extension Result where Failure == ExitStatus {
    /// The exit status of a failure (0 for a success).
    var status: Int32 {
        if case .failure(let status) = self { return status.code }
        return 0
    }
}
