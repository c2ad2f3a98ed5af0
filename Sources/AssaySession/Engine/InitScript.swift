import AssayEvaluation
import Foundation

/// The project's start-up script: `assay.init` in the project folder (the folder the run store and
/// `models.json` belong to), run in the session before the first cell so that its variables and
/// pipelines are there from the start.
///
/// The shell, scripts and the kernel run it unless `--no-init` is given; see
/// ``Session/runInitScript(sink:)``. Its diagnostics read `assay.init:LINE:COL` (the path from the
/// working folder when the project folder is further up).
public struct InitScript: Sendable, Hashable {
    /// The file's name.
    public static let fileName = "assay.init"

    /// Its absolute path.
    public let path: String
    /// The name diagnostics and pipelines give it: its path relative to the working folder.
    public let displayName: String

    /// The project's start-up script, if the project folder above `baseDirectory` holds one.
    ///
    /// - Parameter baseDirectory: Where the search for the project folder starts.
    /// - Returns: The script, or nil outside a project or when the project has no `assay.init`.
    public static func find(from baseDirectory: String) -> InitScript? {
        let base = URL(fileURLWithPath: baseDirectory).standardizedFileURL
        guard let project = ConfigurationLocations.projectFolder(above: base.path) else { return nil }
        let file = URL(fileURLWithPath: project).appendingPathComponent(fileName)
        guard FileManager.default.fileExists(atPath: file.path) else { return nil }
        // The project folder is the base folder or one of its parents: step up as many times.
        let depth = base.pathComponents.count - URL(fileURLWithPath: project).standardizedFileURL.pathComponents.count
        let displayName = String(repeating: "../", count: max(0, depth)) + fileName
        return InitScript(path: file.path, displayName: displayName)
    }

    /// The script's text.
    ///
    /// - Throws: ``ErrorReport`` when it cannot be read as UTF-8 text.
    public func code() throws(ErrorReport) -> String {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            let message = "cannot read \(displayName) as UTF-8 text"
            throw ErrorReport(name: "IOError", message: message, lines: [
                "\(displayName): error: \(message)", "hint: fix or remove it, or start with --no-init to skip it",
            ])
        }
        return text
    }
}
