import Foundation

/// Writes the kernelspec (`kernel.json` and logos) where Jupyter looks for kernels.
package struct KernelspecInstaller: Sendable {
    /// The environment variables that locate Jupyter's folders.
    package var environment: [String: String]
    /// The user's home folder: `$HOME`, as Jupyter reads it, else the account's.
    package var homeDirectory: String

    /// Creates an installer for this process's environment.
    package init(environment: [String: String] = ProcessInfo.processInfo.environment, homeDirectory: String? = nil) {
        self.environment = environment
        self.homeDirectory = homeDirectory
            ?? environment["HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? FileManager.default.homeDirectoryForCurrentUser.path
    }

    /// Installs a kernelspec naming `executable` in its argv.
    ///
    /// - Returns: The folder written, e.g. `~/.local/share/jupyter/kernels/assay`.
    /// - Throws: ``KernelspecError`` when the destination cannot be found or written.
    package func install(executable: String, to destination: KernelspecDestination) throws(KernelspecError) -> String {
        let folder = try dataDirectory(for: destination) + "/kernels/" + Kernelspec.name
        let files: [(String, Data)] = [
            ("kernel.json", Data(Kernelspec(executable: executable).fileText.utf8)),
            ("logo-32x32.png", KernelLogos.png32),
            ("logo-64x64.png", KernelLogos.png64),
            ("logo-svg.svg", KernelLogos.svg),
        ]
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            for (name, contents) in files {
                try contents.write(to: URL(fileURLWithPath: folder + "/" + name), options: .atomic)
            }
        } catch {
            throw .unwritable(folder: folder, reason: error.localizedDescription)
        }
        return folder
    }

    /// The Jupyter data folder of a destination (the parent of `kernels/`).
    package func dataDirectory(for destination: KernelspecDestination) throws(KernelspecError) -> String {
        switch destination {
        case .user:
            if let folder = environment["JUPYTER_DATA_DIR"], !folder.isEmpty { return folder }
            #if os(macOS)
            return homeDirectory + "/Library/Jupyter"
            #else
            let dataHome = environment["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? homeDirectory + "/.local/share"
            return dataHome + "/jupyter"
            #endif
        case .sysPrefix:
            return try pythonPrefix() + "/share/jupyter"
        case .prefix(let prefix):
            return URL(fileURLWithPath: prefix).standardizedFileURL.path + "/share/jupyter"
        }
    }

    /// The prefix of the active Python environment, as Jupyter's `--sys-prefix` means it.
    private func pythonPrefix() throws(KernelspecError) -> String {
        for variable in ["VIRTUAL_ENV", "CONDA_PREFIX"] {
            if let prefix = environment[variable], !prefix.isEmpty { return prefix }
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", "import sys; print(sys.prefix)"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw .noPythonEnvironment
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let prefix = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard process.terminationStatus == 0, !prefix.isEmpty else { throw .noPythonEnvironment }
        return prefix
    }
}
