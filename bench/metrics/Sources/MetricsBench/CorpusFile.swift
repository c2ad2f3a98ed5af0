import Foundation

/// Reads and writes the benchmark corpus as JSON Lines, one ``CorpusPair`` per line.
enum CorpusFile {
    /// Writes pairs, one JSON object per line, members in the order id, kind, prediction, reference.
    static func write(_ pairs: [CorpusPair], to path: String) throws {
        var text = ""
        for pair in pairs {
            text += JSONText.object([
                ("id", JSONText.quoted(pair.id)), ("kind", JSONText.quoted(pair.kind)),
                ("prediction", JSONText.quoted(pair.prediction)), ("reference", JSONText.quoted(pair.reference)),
            ]) + "\n"
        }
        try text.write(toFile: path, atomically: true, encoding: .utf8)
    }

    /// Reads the pairs of a corpus file.
    static func read(from path: String) throws -> [CorpusPair] {
        let decoder = JSONDecoder()
        return try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map {
            try decoder.decode(CorpusPair.self, from: Data($0.utf8))
        }
    }
}
