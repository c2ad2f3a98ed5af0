import Foundation
import Testing

/// A temporary home folder with its own history file, in which the real `assay` executable is
/// started on a pseudo-terminal with no arguments, as a person at a terminal would start it.
struct ShellWorkspace {
    /// The temporary home folder.
    let home: URL

    /// Creates an empty home folder.
    init() throws {
        home = FileManager.default.temporaryDirectory.appendingPathComponent("assay-shell-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
    }

    /// The history file the shell is pointed at through `ASSAY_HISTORY`.
    var historyPath: String { home.appendingPathComponent("history").path }

    /// Deletes the home folder.
    func remove() {
        try? FileManager.default.removeItem(at: home)
    }

    /// Writes a file inside the home folder.
    func write(_ text: String, to name: String) throws {
        try text.write(to: home.appendingPathComponent(name), atomically: true, encoding: .utf8)
    }

    /// The shell's environment: an xterm, this home, no locale settings (the shell must choose
    /// UTF-8 itself), `NO_COLOR` set unless `color` is true, and `extra` on top.
    func environment(color: Bool = false, historyInHome: Bool = true, extra: [String: String] = [:]) -> [String: String] {
        var environment = [
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
            "HOME": home.path,
            "TERM": "xterm",
        ]
        if historyInHome { environment["ASSAY_HISTORY"] = historyPath }
        if !color { environment["NO_COLOR"] = "1" }
        return environment.merging(extra) { $1 }
    }

    /// Starts the shell and waits for its first prompt; with `inHome`, in the home folder (which
    /// is then the project folder if it holds `assay.init`), with `arguments` such as `--no-init`.
    func start(
        color: Bool = false, historyInHome: Bool = true, extra: [String: String] = [:], arguments: [String] = [], inHome: Bool = false
    ) async throws -> PseudoTerminal {
        let terminal = try PseudoTerminal(
            executable: try ShellWorkspace.executable(), arguments: arguments, directory: inHome ? home.path : nil,
            environment: environment(color: color, historyInHome: historyInHome, extra: extra))
        let prompted = await terminal.waitFor(color ? "assay>" : "assay> ")
        try #require(prompted, "no prompt; the terminal showed: \(terminal.transcript)")
        return terminal
    }

    /// The `assay` executable: `$ASSAY_BINARY` when set, else the one built beside the test bundle.
    static func executable() throws -> String {
        if let path = ProcessInfo.processInfo.environment["ASSAY_BINARY"], !path.isEmpty {
            return path
        }
        let bundle = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        let path = bundle.deletingLastPathComponent().appendingPathComponent("assay").path
        try #require(FileManager.default.isExecutableFile(atPath: path), "no assay executable at \(path); build it first or set ASSAY_BINARY")
        return path
    }
}
