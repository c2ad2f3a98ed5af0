import AssayCore
import Foundation

/// What made a run: the Assay version and, when the project folder is a git checkout, its revision
/// and whether tracked files had uncommitted changes. Stored in the run's configuration as
/// `assay: {version, git: {revision, dirty}}`.
public struct RunProvenance: Sendable, Hashable {
    /// This build's version, as `assay --version` prints it.
    public static let assayVersion = "0.1.0"

    /// The Assay version that made the run.
    public var version: String
    /// The project's git revision (the full commit hash), or nil outside a git checkout.
    public var gitRevision: String?
    /// Whether tracked files differed from that revision (untracked files do not count: the run
    /// store itself is usually one).
    public var gitDirty: Bool?

    /// Creates provenance.
    ///
    /// - Parameters:
    ///   - version: The Assay version; this build's by default.
    ///   - gitRevision: The git revision, if any.
    ///   - gitDirty: Whether the checkout had uncommitted changes.
    public init(version: String = RunProvenance.assayVersion, gitRevision: String? = nil, gitDirty: Bool? = nil) {
        self.version = version
        self.gitRevision = gitRevision
        self.gitDirty = gitDirty
    }

    /// The provenance of a run made in a folder: this build's version, and the folder's git
    /// revision and state when it is inside a git checkout and `git` can be run.
    ///
    /// - Parameter directory: The project folder.
    /// - Returns: The provenance; without git information when there is none to be had.
    public static func detect(directory: String) -> RunProvenance {
        var provenance = RunProvenance()
        guard let revision = git(["rev-parse", "--verify", "HEAD"], in: directory)?
            .trimmingCharacters(in: .whitespacesAndNewlines), !revision.isEmpty else { return provenance }
        provenance.gitRevision = revision
        if let status = git(["status", "--porcelain", "--untracked-files=no"], in: directory) {
            provenance.gitDirty = !status.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
        }
        return provenance
    }

    /// The stored form.
    public var json: JSONValue {
        var object: JSONObject = ["version": .string(version)]
        if let gitRevision {
            var git: JSONObject = ["revision": .string(gitRevision)]
            if let gitDirty { git["dirty"] = .bool(gitDirty) }
            object["git"] = .object(git)
        }
        return .object(object)
    }

    /// Reads provenance written by ``json``; nil for a run stored before provenance was kept.
    ///
    /// - Parameter json: The configuration's `assay` member.
    public init?(json: JSONValue?) {
        guard let object = json?.objectValue, let version = object["version"]?.stringValue else { return nil }
        self.init(version: version, gitRevision: object["git"]?.objectValue?["revision"]?.stringValue,
                  gitDirty: object["git"]?.objectValue?["dirty"]?.boolValue)
    }

    /// The standard output of a git command run in a folder, or nil when git is missing or fails
    /// (not a checkout, no commit yet).
    private static func git(_ arguments: [String], in directory: String) -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-C", directory] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        // Read before waiting, so that a large output cannot fill the pipe and stall git.
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        return String(decoding: data, as: UTF8.self)
    }
}
