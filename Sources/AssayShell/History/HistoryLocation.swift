/// Where the shell keeps its history: `$ASSAY_HISTORY`, else `$XDG_STATE_HOME/assay/history`,
/// else `~/.local/state/assay/history`.
enum HistoryLocation {
    /// The history file for an environment, or nil when no home folder is known.
    static func path(environment: [String: String]) -> String? {
        if let explicit = environment["ASSAY_HISTORY"], !explicit.isEmpty {
            return explicit
        }
        // The XDG base directory specification says relative values are invalid and must be ignored.
        if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") {
            return joined(state, "assay/history")
        }
        if let home = environment["HOME"], !home.isEmpty {
            return joined(home, ".local/state/assay/history")
        }
        return nil
    }

    private static func joined(_ folder: String, _ rest: String) -> String {
        folder.hasSuffix("/") ? folder + rest : folder + "/" + rest
    }
}
