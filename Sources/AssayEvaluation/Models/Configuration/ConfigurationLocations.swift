import Foundation

/// Where model configuration is read from: the project folder and the user's config folder.
public struct ConfigurationLocations: Sendable, Hashable {
    /// The project folder, found by walking up from the working directory; nil outside a project.
    public var projectFolder: String?
    /// `$XDG_CONFIG_HOME/assay`, or `~/.config/assay`.
    public var userFolder: String

    /// Creates locations from their parts.
    public init(projectFolder: String?, userFolder: String) {
        self.projectFolder = projectFolder
        self.userFolder = userFolder
    }

    /// Finds the project folder above `workingDirectory` and the user folder from `environment`.
    ///
    /// - Parameters:
    ///   - workingDirectory: Where to start looking for the project.
    ///   - environment: The process environment (`XDG_CONFIG_HOME`, `HOME`).
    /// - Returns: The locations; files in them need not exist.
    public static func discover(
        workingDirectory: String = FileManager.default.currentDirectoryPath,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> ConfigurationLocations {
        ConfigurationLocations(projectFolder: projectFolder(above: workingDirectory), userFolder: userFolder(environment))
    }

    /// The nearest folder, from `start` upwards, holding `models.json`, `assay.init` or `.assay/`.
    ///
    /// - Parameter start: The folder to start from.
    /// - Returns: The folder's path, or nil when no folder up to the root qualifies.
    public static func projectFolder(above start: String) -> String? {
        var folder = URL(fileURLWithPath: start).standardizedFileURL
        let manager = FileManager.default
        while true {
            for marker in ["models.json", "assay.init", ".assay"]
            where manager.fileExists(atPath: folder.appendingPathComponent(marker).path) {
                return folder.path
            }
            let parent = folder.deletingLastPathComponent()
            if parent.path == folder.path { return nil }
            folder = parent
        }
    }

    /// `$XDG_CONFIG_HOME/assay` when that variable is set and absolute, else `$HOME/.config/assay`.
    static func userFolder(_ environment: [String: String]) -> String {
        if let base = environment["XDG_CONFIG_HOME"], base.hasPrefix("/") {
            return (base as NSString).appendingPathComponent("assay")
        }
        let home = environment["HOME"] ?? NSHomeDirectory()
        return (home as NSString).appendingPathComponent(".config/assay")
    }

    /// The folders to read, lowest precedence first: the user's, then the project's.
    var folders: [String] {
        [userFolder] + (projectFolder.map { [$0] } ?? [])
    }

    /// The credentials files a key may be written in, project first.
    var credentialsPaths: [String] {
        folders.reversed().map { ($0 as NSString).appendingPathComponent(".credentials.json") }
    }
}
