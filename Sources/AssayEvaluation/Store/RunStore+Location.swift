import Foundation

extension RunStore {
    /// The file name of the store inside its folder.
    public static let fileName = "runs.sqlite"

    /// Where the store lives: `$ASSAY_HOME/runs.sqlite` when `ASSAY_HOME` is set, else
    /// `.assay/runs.sqlite` in the project folder.
    ///
    /// The project folder is the nearest folder, from the current directory upwards, that holds a
    /// `.assay` folder, a `models.json` or an `assay.init` file (found like git finds its
    /// repository); when there is none, the current directory.
    ///
    /// - Parameters:
    ///   - environment: The environment variables; the process's by default.
    ///   - currentDirectory: Where the search starts; the working directory by default.
    /// - Returns: The database file's path.
    public static func defaultPath(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        currentDirectory: String = FileManager.default.currentDirectoryPath
    ) -> String {
        if let home = environment["ASSAY_HOME"], !home.isEmpty {
            return URL(fileURLWithPath: home).appendingPathComponent(fileName).path
        }
        let project = projectFolder(startingAt: currentDirectory) ?? URL(fileURLWithPath: currentDirectory)
        return project.appendingPathComponent(".assay").appendingPathComponent(fileName).path
    }

    /// The nearest folder at or above `directory` that marks a project, if any.
    ///
    /// - Parameter directory: Where the search starts.
    /// - Returns: The project folder, or nil when no folder up to the root marks one.
    public static func projectFolder(startingAt directory: String) -> URL? {
        // The same search the model configuration uses, so runs and models.json share one project.
        ConfigurationLocations.projectFolder(above: directory).map { URL(fileURLWithPath: $0) }
    }
}
