import CEditLine
import Foundation

/// The shell's input history: a libedit history list, loaded from and saved to one file.
///
/// Each entry is a whole cell, so a multi-line cell comes back as one entry. libedit writes entries
/// with `strvis`, which escapes newlines, tabs and spaces, so a multi-line entry stays one line in
/// the file and is restored exactly.
final class CommandHistory {
    /// How many entries are kept in memory and in the file (the SQLite shell keeps the same number).
    static let capacity = 2_000

    /// The libedit history list.
    let list: OpaquePointer
    /// The file entries are loaded from and saved to, if any.
    let path: String?

    /// Creates a history and loads `path` when it exists.
    init(path: String?) {
        guard let list = history_init() else {
            fatalError("libedit could not allocate a history list")
        }
        self.list = list
        self.path = path
        _ = assay_history_set_size(list, Int32(CommandHistory.capacity))
        _ = assay_history_set_unique(list, 1)
        if let path, FileManager.default.fileExists(atPath: path) {
            _ = assay_history_load(list, path)
        }
    }

    deinit {
        history_end(list)
    }

    /// Adds an entry (an identical neighbour is not repeated).
    func add(_ entry: String) {
        guard !entry.allSatisfy(\.isWhitespace) else { return }
        _ = assay_history_enter(list, entry)
    }

    /// Writes the history file, creating its folders; returns false when that fails.
    @discardableResult
    func save() -> Bool {
        guard let path else { return true }
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty, !FileManager.default.fileExists(atPath: folder) {
            do {
                try FileManager.default.createDirectory(
                    atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            } catch {
                return false
            }
        }
        // libedit restricts the file to its owner (mode 0600) when it writes it.
        return assay_history_save(list, path) >= 0
    }
}
