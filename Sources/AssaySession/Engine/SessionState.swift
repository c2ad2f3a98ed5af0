import AssayLanguage
import Foundation

/// Everything a session holds: the interpreter with its variables and builtins, and settings.
///
/// Only the session's worker thread uses a `SessionState`; see ``StateBox``. It is marked
/// `@unchecked Sendable` so builtins (which must be `@Sendable` closures) can refer back to it;
/// they run only inside the interpreter, on that same thread.
final class SessionState: @unchecked Sendable {
    let options: SessionOptions
    let interpreter: Interpreter
    /// Whether each cell reports how long it took (`:time on`).
    var isTiming = false
    /// Where the running cell's events go.
    var sink: @Sendable (SessionEvent) -> Void = { _ in }
    /// How the running cell asks for input, if it can.
    var readInput: (@Sendable (String, Bool) -> String?)?
    /// A counter for display ids.
    var nextDisplayNumber = 1
    /// The model catalog, run store and live run specs.
    let runs: RunContext
    /// Where the running `:` command was written: the cell's name and its 1-based line.
    var commandSite = (origin: "<command>", line: 1)
    /// How many `:load` commands are running inside one another.
    var loadDepth = 0
    /// The verdicts of `expect`, in order.
    let expectations = ExpectationLedger()

    init(options: SessionOptions, interruption: InterruptionFlag) {
        self.options = options
        self.interpreter = Interpreter(interruption: interruption)
        self.runs = RunContext(options: options)
        let groups: [[Builtin]] = [
            CoreBuiltins.all(self), CollectionBuiltins.all(self), SuiteBuiltins.all(self), TemplateBuiltins.all(self),
            ChartBuiltins.all(self), MetricBuiltins.all(self), RunBuiltins.all(self), RunQueryBuiltins.all(self),
            ModelBuiltins.all(self), EncoderBuiltins.all(self), AnalysisBuiltins.all(self), ScoringBuiltins.all(self),
            ClassifyBuiltins.all(self), ExperimentBuiltins.all(self), PipelineBuiltins.all(self), ShowBuiltins.all(self),
            VerdictBuiltins.all(self),
        ]
        for builtin in groups.joined() {
            interpreter.register(builtin)
        }
    }

    /// Runs one cell.
    func execute(_ request: ExecutionRequest, sink: @escaping @Sendable (SessionEvent) -> Void) -> ExecutionOutcome {
        // A cell run by `:load` inside another gives the outer cell its sink back when it ends.
        let (outerSink, outerReadInput, outerOutput) = (self.sink, self.readInput, interpreter.output)
        self.sink = sink
        self.readInput = request.readInput
        interpreter.output = { sink(.stream(.stdout, $0)) }
        defer {
            self.sink = outerSink
            self.readInput = outerReadInput
            interpreter.output = outerOutput
        }
        let started = ContinuousClock.now
        let outcome = runSegments(of: request)
        if isTiming {
            let elapsed = ContinuousClock.now - started
            sink(.stream(.stderr, "time: \(Self.format(elapsed))\n"))
        }
        return outcome
    }

    /// Runs a cell's code and its `:` command lines in order.
    private func runSegments(of request: ExecutionRequest) -> ExecutionOutcome {
        let segments = CellSegments(request.code).segments
        var firstFailure: ExecutionOutcome?
        for (position, segment) in segments.enumerated() {
            let outcome: ExecutionOutcome
            switch segment {
            case .command(let text, let line):
                guard let command = MetaCommandLine(text) else { continue }
                commandSite = (request.origin, line)
                outcome = MetaCommands.run(command, in: self)
            case .code(let code):
                var part = request
                part.code = code
                if request.echo == .lastExpression, position < segments.count - 1 { part.echo = .nothing }
                outcome = evaluate(part)
            }
            switch outcome {
            case .success: continue
            case .quitRequested, .interrupted: return outcome
            case .failure:
                guard request.keepsGoing else { return outcome }
                firstFailure = firstFailure ?? outcome
            }
        }
        return firstFailure ?? .success
    }

    private func evaluate(_ request: ExecutionRequest) -> ExecutionOutcome {
        let source = SourceFile(name: request.origin, text: request.code)
        let program: Program
        do {
            program = try Parser.parse(source)
        } catch {
            return report(.diagnostic(error))
        }
        let show: (Value, Bool) -> Void = { [sink] value, isLast in
            if request.echo == .everyExpression || (isLast && request.echo == .lastExpression) { sink(.result(ValueRenderer.bundle(for: value))) }
        }
        guard request.keepsGoing else {
            do {
                try interpreter.run(program, onResult: show)
                return .success
            } catch {
                return report(error)
            }
        }
        // --keep-going: each statement on its own, so one failure does not stop the rest.
        var firstFailure: ExecutionOutcome?
        for (position, statement) in program.statements.enumerated() {
            let single = Program(statements: [statement], source: source)
            let isLast = position == program.statements.count - 1
            do {
                try interpreter.run(single) { value, _ in show(value, isLast) }
            } catch .interrupted {
                return report(.interrupted)
            } catch {
                let outcome = report(error)
                firstFailure = firstFailure ?? outcome
            }
        }
        return firstFailure ?? .success
    }

    private func report(_ error: EvaluationError) -> ExecutionOutcome {
        switch error {
        case .diagnostic(let diagnostic):
            let report = ErrorReport(diagnostic)
            sink(.error(report))
            return .failure(report)
        case .interrupted:
            sink(.error(.interrupted))
            return .interrupted
        }
    }

    /// Resolves a path the user wrote against the session's base folder.
    func resolvePath(_ path: String) -> String {
        var expanded = path
        if expanded.hasPrefix("~/"), let home = options.environment["HOME"] {
            expanded = home + expanded.dropFirst(1)
        }
        if expanded.hasPrefix("/") { return expanded }
        return URL(fileURLWithPath: options.baseDirectory).appendingPathComponent(expanded).standardizedFileURL.path
    }

    /// A fresh display id for a display that will be updated.
    func makeDisplayID() -> String {
        defer { nextDisplayNumber += 1 }
        return "assay-display-\(ProcessInfo.processInfo.processIdentifier)-\(nextDisplayNumber)"
    }

    static func format(_ duration: Duration) -> String {
        let seconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        if seconds < 1 { return String(format: "%.1f ms", seconds * 1000) }
        return String(format: "%.2f s", seconds)
    }
}
