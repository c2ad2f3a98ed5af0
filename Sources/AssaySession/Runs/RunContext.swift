import AssayEvaluation
import AssayLanguage
import Foundation

/// What the run builtins share within a session: the model catalog, the run store and runner, and
/// the live specs of runs made in this session (their lambdas cannot be stored, so `resume` and
/// `rerun` reuse them).
///
/// Used only on the session's worker thread, like the rest of ``SessionState``.
final class RunContext {
    private let options: SessionOptions
    private var openedCatalog: ModelCatalog?
    private var openedStore: RunStore?
    /// The specs of runs started in this session, by run id.
    var liveSpecs: [UUID: RunSpec] = [:]
    /// The suites of runs stored before runs kept their cases, read from their unchanged files, by
    /// run id (read once per session).
    private var legacySuites: [UUID: Suite] = [:]
    /// The pipelines defined in this session, in the order they were first defined.
    var pipelines: [PipelineObject] = []
    let pump = WorkerPump()

    init(options: SessionOptions) {
        self.options = options
    }

    /// The catalog of models, read on first use from `models.json` and `.credentials.json`.
    func catalog() throws(BuiltinFailure) -> ModelCatalog {
        if let openedCatalog { return openedCatalog }
        do {
            let locations = ConfigurationLocations.discover(workingDirectory: options.baseDirectory, environment: options.environment)
            let catalog = try ModelCatalog.load(locations: locations, environment: options.environment)
            openedCatalog = catalog
            return catalog
        } catch {
            // Like a malformed suite: the file's place and the message, quoted by the one `error:`
            // of the call that read it (the hint goes under it, once).
            throw BuiltinFailure(message: error.located(displayPath: displayPath), hint: error.hint, id: "io.models")
        }
    }

    /// A configuration file's path as the user knows it: relative to the working folder when the
    /// file is in it or in a folder above it (the project's `../models.json`), else as it is.
    func displayPath(_ path: String) -> String {
        let base = URL(fileURLWithPath: options.baseDirectory).standardizedFileURL.pathComponents
        let file = URL(fileURLWithPath: path).standardizedFileURL.pathComponents
        let folder = file.dropLast()
        guard folder.count <= base.count, Array(base.prefix(folder.count)) == Array(folder), folder.count > 1 else { return path }
        return String(repeating: "../", count: base.count - folder.count) + (file.last ?? path)
    }

    /// Forgets the catalog so the next use reads the files again (after editing `models.json`).
    func reloadCatalog() {
        openedCatalog = nil
    }

    /// The run store (see ``StoreLocation``): `ASSAY_STORE`, the project's `.assay/config.json`,
    /// `$ASSAY_HOME/runs.sqlite`, else `.assay/runs.sqlite` in the project folder.
    func store() throws(BuiltinFailure) -> RunStore {
        if let openedStore { return openedStore }
        do throws(RunStoreError) {
            // The store's errors name the store (its path, or its URL without the password).
            let store = try RunStore.open(StoreLocation.resolve(environment: options.environment, currentDirectory: options.baseDirectory))
            openedStore = store
            return store
        } catch {
            throw BuiltinFailure(message: error.message, id: "io.store")
        }
    }

    /// A model by name, or the model a value holds.
    func model(_ value: Value, argument: String, function: String) throws(BuiltinFailure) -> any ChatModel {
        switch value {
        case .object(let object as ModelObject): return object.model
        case .string(let name):
            do {
                return try catalog().model(name, overriding: ModelParameters())
            } catch let error as ModelConfigurationError {
                throw BuiltinFailure(message: error.message, hint: error.hint, argument: argument, id: "name.model")
            } catch let failure as BuiltinFailure {
                // models.json itself could not be read: its own message says where and why.
                throw failure
            } catch {
                throw BuiltinFailure(message: "\(error)", argument: argument, id: "name.model")
            }
        default:
            throw BuiltinFailure.type(function, argument, expected: "a model or a model name", found: value)
        }
    }

    /// The stored run a value stands for (a run object, or a selector: `latest`, `-1`, an id
    /// prefix), with the cases it evaluated but not its results.
    func storedRun(_ value: Value, argument: String, function: String) throws(BuiltinFailure) -> StoredRun {
        let id = try runID(value, argument: argument, function: function)
        let store = try store()
        do {
            return try store.loadWithoutResults(id)
        } catch {
            throw BuiltinFailure(message: error.message, argument: argument, id: "io.store")
        }
    }

    /// The run object a value stands for: itself when it is one, else the stored run a selector
    /// names, made from its record (its results are read when first needed).
    func runObject(_ value: Value, argument: String, function: String) throws(BuiltinFailure) -> RunObject {
        if case .object(let object as RunObject) = value { return object }
        let id = try runID(value, argument: argument, function: function)
        let store = try store()
        let record: RunRecord
        do throws(RunStoreError) {
            guard let found = try store.record(id: id) else {
                throw RunStoreError(.noSuchRun, "no run has the id \(id.uuidString.lowercased())")
            }
            record = found
        } catch {
            throw BuiltinFailure(message: error.message, argument: argument, id: "io.store")
        }
        return try object(for: record)
    }

    /// The id of the run a value stands for: a run object's, or the stored run a selector names.
    func runID(_ value: Value, argument: String, function: String) throws(BuiltinFailure) -> UUID {
        switch value {
        case .object(let object as RunObject):
            return object.record.id
        case .string(let selector):
            let store = try store()
            do {
                return try store.select(selector).id
            } catch {
                let hint = error.candidates.isEmpty ? "history() lists the runs" : "matching runs: " + error.candidates.joined(separator: ", ")
                throw BuiltinFailure(message: error.message, hint: hint, argument: argument, id: "name.run")
            }
        case .integer(let offset) where offset < 0:
            return try runID(.string(String(offset)), argument: argument, function: function)
        default:
            throw BuiltinFailure.type(function, argument, expected: "a run or a run selector such as \"latest\"", found: value)
        }
    }

    /// A run whose results are read in order (``RunReading``): a run object's as it holds them, or a
    /// stored run's (or a run object's not read yet), read from the store a page at a time with
    /// its stored cases beside each page.
    func reading(_ value: Value, argument: String, function: String) throws(BuiltinFailure) -> RunReading {
        if case .object(let given as RunObject) = value {
            guard let store = given.store, !given.holdsResults else {
                return RunReading(results: given.results, cases: RunCases(byID: given.cases), object: given)
            }
            return RunReading(results: given.results, cases: try cases(of: given.record, in: store, argument: argument), object: given)
        }
        let record = try results(value, argument: argument, function: function).record
        let store = try store()
        return RunReading(results: RunResults(record: record, store: store), cases: try cases(of: record, in: store, argument: argument),
                          object: nil)
    }

    /// The cases a stored run evaluated, read from the store when looked up (none when they are
    /// to be had nowhere: a run stored before runs kept their cases whose suite file changed).
    private func cases(of record: RunRecord, in store: RunStore, argument: String) throws(BuiltinFailure) -> RunCases {
        do {
            return try RunCases.of(record, store: store) ?? RunCases([])
        } catch {
            throw BuiltinFailure(message: error.message, argument: argument, id: "io.store")
        }
    }

    /// A run's results alone, for what reads only their scores (`compare`): a run object's as it
    /// holds them, or a stored run's from its record, read from the store a page at a time
    /// (neither the results nor the cases are read here).
    func results(_ value: Value, argument: String, function: String) throws(BuiltinFailure) -> RunResults {
        if case .object(let object as RunObject) = value { return object.results }
        let id = try runID(value, argument: argument, function: function)
        let store = try store()
        do throws(RunStoreError) {
            guard let record = try store.record(id: id) else {
                throw RunStoreError(.noSuchRun, "no run has the id \(id.uuidString.lowercased())")
            }
            return RunResults(record: record, store: store)
        } catch {
            throw BuiltinFailure(message: error.message, argument: argument, id: "io.store")
        }
    }

    /// A stored run as a language object, made from its record: its results and cases are read
    /// from the store when first needed.
    func object(for record: RunRecord) throws(BuiltinFailure) -> RunObject {
        let store = try store()
        do {
            return try RunObject(record: record, store: store)
        } catch let error as RunStoreError {
            throw BuiltinFailure(message: error.message, id: "io.store")
        } catch {
            throw BuiltinFailure(message: "\(error)", id: "io.store")
        }
    }

    /// The cases a stored run evaluated, as a suite (``StoredRun/evaluatedSuite()``); a run stored
    /// before runs kept their cases reads its suite file once per session.
    func suite(of run: StoredRun) -> Suite? {
        if let suite = run.suite { return suite }
        if let suite = legacySuites[run.record.id] { return suite }
        let suite = run.evaluatedSuite()
        legacySuites[run.record.id] = suite
        return suite
    }

    /// Where runs made now come from: this build's version and the project folder's git state.
    func provenance() -> RunProvenance {
        RunProvenance.detect(directory: options.baseDirectory)
    }
}
