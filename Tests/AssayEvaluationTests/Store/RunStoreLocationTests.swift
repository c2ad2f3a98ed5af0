@testable import AssayEvaluation
import Foundation
import Testing

/// Where the run store lives.
struct RunStoreLocationTests {
    @Test func assayHomeWins() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let path = RunStore.defaultPath(environment: ["ASSAY_HOME": folder.path("home")], currentDirectory: folder.url.path)
        #expect(path == folder.path("home") + "/runs.sqlite")
    }

    @Test(arguments: ["models.json", "assay.init", ".assay"])
    func theProjectFolderIsFoundWalkingUp(_ marker: String) throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let project = folder.url.appendingPathComponent("project")
        let nested = project.appendingPathComponent("a/b/c")
        try FileManager.default.createDirectory(at: nested, withIntermediateDirectories: true)
        if marker == ".assay" {
            try FileManager.default.createDirectory(at: project.appendingPathComponent(marker), withIntermediateDirectories: true)
        } else {
            try Data("{}".utf8).write(to: project.appendingPathComponent(marker))
        }
        let path = RunStore.defaultPath(environment: [:], currentDirectory: nested.path)
        #expect(path == project.standardizedFileURL.path + "/.assay/runs.sqlite")
    }

    @Test func withoutAProjectTheCurrentDirectoryIsUsed() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        // A temporary folder normally has no project marker above it; skip the check if one does.
        guard RunStore.projectFolder(startingAt: folder.url.path) == nil else { return }
        let path = RunStore.defaultPath(environment: ["ASSAY_HOME": ""], currentDirectory: folder.url.path)
        #expect(path == folder.url.path + "/.assay/runs.sqlite")
    }

    @Test func theStoreAndItsFolderAreCreatedOnDemand() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let path = folder.path("deep/er/.assay/runs.sqlite")
        let store = try RunStore(path: path)
        #expect(store.path == path)
        #expect(FileManager.default.fileExists(atPath: path))
    }
}
