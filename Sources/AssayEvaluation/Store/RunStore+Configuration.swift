import AssayCore
import Foundation

extension RunStore {
    /// Replaces a run's stored configuration and model descriptor (when a resume brings a new
    /// budget or a price the run did not have).
    ///
    /// - Parameters:
    ///   - id: The run's id.
    ///   - configuration: The new configuration.
    ///   - model: The new model descriptor.
    /// - Throws: ``RunStoreError`` with code `noSuchRun` when there is no such run.
    func updateConfiguration(of id: UUID, configuration: JSONValue, model: JSONValue) async throws(RunStoreError) {
        let arguments: StoreArguments = [configuration.serialized(), model.serialized(), ConfigurationCoding.text(id)]
        try await writing { db in
            if try db.execute("UPDATE runs SET configuration = ?, model = ? WHERE id = ?", arguments) == 0 {
                throw RunStoreError(.noSuchRun, "no run has the id \(ConfigurationCoding.text(id))")
            }
        }
    }
}
