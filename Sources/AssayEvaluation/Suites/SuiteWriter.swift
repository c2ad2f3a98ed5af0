import AssayCore
import Foundation

/// Writes suites back to disk.
public enum SuiteWriter {
    /// Returns a suite as JSONL text: one compact JSON object per case, `id` first, each line
    /// ending in a line break.
    ///
    /// - Parameter suite: The suite to write.
    /// - Returns: The JSONL text.
    public static func jsonl(_ suite: Suite) -> String {
        var text = ""
        for testCase in suite.cases {
            text += JSONValue.object(testCase.fields).serialized()
            text += "\n"
        }
        return text
    }

    /// Writes a suite as JSONL to `path`, replacing the file atomically.
    ///
    /// Every case keeps all its fields, and derived ids are written out, so loading the file
    /// again gives the same cases; this is how ids can be added to a suite that had none.
    ///
    /// - Parameters:
    ///   - suite: The suite to write.
    ///   - path: Where to write it.
    /// - Throws: ``SuiteWriteError`` when the file cannot be written.
    public static func writeJSONL(_ suite: Suite, to path: String) throws(SuiteWriteError) {
        do {
            try Data(jsonl(suite).utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw SuiteWriteError(path: path, reason: "\(error.localizedDescription)")
        }
    }
}

/// A suite that could not be written.
public struct SuiteWriteError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The path that could not be written.
    public let path: String
    /// Why, as the system reported it.
    public let reason: String

    /// `FILE: error: cannot write the suite: REASON`.
    public var description: String {
        "\(path): error: cannot write the suite: \(reason)"
    }
}
