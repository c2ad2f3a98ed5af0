@testable import AssayEvaluation
import Foundation

/// A throwaway project folder for driving the `assay` executable: a `models.json` naming an
/// OpenAI-compatible model `local` at a mock server, a suite `cases.jsonl`, the run store under
/// `.assay-home` (through `ASSAY_HOME`) and a user config folder of its own.
struct RunProject {
    let folder: TemporaryDirectory

    init() throws {
        folder = try TemporaryDirectory()
        try FileManager.default.createDirectory(atPath: folder.path("config"), withIntermediateDirectories: true)
    }

    var url: URL { folder.url }

    /// The run store's file.
    var storePath: String { folder.path(".assay-home/runs.sqlite") }

    /// The environment every `assay` invocation gets: the store and the user config stay inside
    /// (an `ASSAY_STORE` of the developer's own is cleared).
    var environment: [String: String] {
        ["ASSAY_HOME": folder.path(".assay-home"), "XDG_CONFIG_HOME": folder.path("config"), "ASSAY_STORE": ""]
    }

    /// Writes `models.json` with the model `local` at `baseURL`, priced when `price` is given.
    func writeModels(baseURL: String, modelID: String = "mock-model", price: ModelPrice? = nil) throws {
        let priced = price.map { #", "price": {"input": \#($0.input), "output": \#($0.output)}"# } ?? ""
        _ = try folder.write(#"[{"name": "local", "type": "OPENAI", "model": "\#(modelID)", "base_url": "\#(baseURL)"\#(priced)}]"#,
                             to: "models.json")
    }

    /// Writes `.credentials.json` with a key for `local`.
    func writeCredentials(key: String) throws {
        _ = try folder.write(#"{"local": "\#(key)"}"#, to: ".credentials.json")
    }

    /// Writes `cases.jsonl` with cases `c0` … whose input is "question i" and expected "answer i".
    @discardableResult
    func writeCases(count: Int) throws -> [String] {
        let ids = (0..<count).map { "c\($0)" }
        let lines = ids.enumerated().map { index, id in
            #"{"id": "\#(id)", "input": "question \#(index)", "expected": "answer \#(index)"}"#
        }
        _ = try folder.write(lines.joined(separator: "\n") + "\n", to: "cases.jsonl")
        return ids
    }

    /// Runs `assay` in the folder.
    func assay(_ arguments: String...) async throws -> AssayCommand.Outcome {
        try await AssayCommand.run(arguments, in: url, environment: environment)
    }

    /// The store, opened from the test process (WAL mode: reading beside a writer is fine).
    func openStore() throws -> RunStore {
        try RunStore(path: storePath)
    }

    /// Every byte the store left on disk: the database and its `-wal` and `-shm` files.
    func storeBytes() throws -> Data {
        var bytes = Data()
        let storeFolder = folder.path(".assay-home")
        for name in try FileManager.default.contentsOfDirectory(atPath: storeFolder) {
            bytes.append(try Data(contentsOf: URL(fileURLWithPath: storeFolder).appendingPathComponent(name)))
        }
        return bytes
    }
}
