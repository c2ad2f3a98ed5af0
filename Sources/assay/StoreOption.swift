import ArgumentParser
import AssayEvaluation
import Foundation

/// `--store URL|FILE`: the run store a command uses, before `ASSAY_STORE`, the project's
/// `.assay/config.json` and the project's `.assay/runs.sqlite`.
struct StoreOption: ParsableArguments {
    @Option(help: ArgumentHelp(
        "The run store: a postgres://user@host:port/db URL or a SQLite file (default: ASSAY_STORE, the project's .assay/config.json, .assay/runs.sqlite).",
        valueName: "url"))
    var store: String?

    /// Checks the value and makes it the store of this process. The session resolves its store from
    /// the environment (`ASSAY_STORE`) in one place for every front end, so the option sets that
    /// variable, before any command runs (the parser validates option groups before `run()`).
    func validate() throws {
        guard let store else { return }
        do {
            _ = try StoreLocation.resolve(explicit: store)
        } catch {
            throw ValidationError(error.message)
        }
        setenv("ASSAY_STORE", store, 1)
    }
}
