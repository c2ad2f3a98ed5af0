import Foundation

/// One of WordNet's `data.*` files, read at synset offsets.
///
/// The file is memory-mapped; a synset line is parsed only when asked for, and only as far
/// as its lemmas.
struct WordNetDataFile: Sendable {
    let name: String
    private let bytes: Data

    init(url: URL) throws(WordNetError) {
        name = url.lastPathComponent
        bytes = try WordNetFileReader.contents(of: url)
    }

    /// The WordNet version named in the license header ("3.0"), if any.
    func headerVersion() -> String? {
        let head = String(decoding: bytes.prefix(4096), as: UTF8.self)
        guard let range = head.range(of: " Copyright"),
            let start = head[..<range.lowerBound].range(of: "WordNet ", options: .backwards)
        else { return nil }
        return String(head[start.upperBound..<range.lowerBound])
    }

    /// The synset type and lemma names (as UTF-8 bytes, markers removed) at `offset`.
    func synsetLemmas(at offset: Int) throws(WordNetError) -> (type: UInt8, lemmaNames: [[UInt8]]) {
        let parsed = bytes.withUnsafeBytes { raw -> (type: UInt8, lemmaNames: [[UInt8]])? in
            guard offset >= 0, offset + 8 <= raw.count else { return nil }
            // A valid offset points at a line that starts with the offset itself, 8 digits.
            let digits = Array(String(offset).utf8)
            let expected = Array(repeating: UInt8(ascii: "0"), count: max(0, 8 - digits.count)) + digits
            guard raw[offset..<(offset + 8)].elementsEqual(expected) else { return nil }
            // synset_offset lex_filenum ss_type w_cnt (word lex_id)...
            let head = WordNetFileReader.byteFields(ofLineAt: offset, in: raw, limit: 4)
            guard head.count == 4, head[2].count == 1,
                let wordCount = Int(String(decoding: head[3], as: UTF8.self), radix: 16)
            else { return nil }
            let fields = WordNetFileReader.byteFields(ofLineAt: offset, in: raw, limit: 4 + 2 * wordCount)
            guard fields.count == 4 + 2 * wordCount else { return nil }
            let names = stride(from: 4, to: fields.count, by: 2).map { Self.removingMarker(fields[$0]) }
            return (head[2][0], names)
        }
        guard let parsed else {
            throw .malformed(file: name, detail: "no synset at offset \(offset)")
        }
        return parsed
    }

    /// Drops an adjective's syntactic marker (`galore(ip)` → `galore`), as NLTK's
    /// `(.*?)(\(.*\))?$` does: from the first `(` when the name ends with `)`.
    private static func removingMarker(_ name: [UInt8]) -> [UInt8] {
        guard name.last == UInt8(ascii: ")"), let open = name.firstIndex(of: UInt8(ascii: "(")) else {
            return name
        }
        return Array(name[..<open])
    }
}
