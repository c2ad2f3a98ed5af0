import Foundation

/// One of WordNet's `index.*` files, searched in place.
///
/// The file is memory-mapped and only its line starts are recorded. Lines are sorted by
/// lemma in byte order (which loading checks), so a lookup is a binary search and no
/// dictionary of 150,000 lemmas is ever built.
struct WordNetIndexFile: Sendable {
    let name: String
    private let bytes: Data
    /// Byte offsets of the entry lines (the license header lines start with a space).
    private let lineStarts: [Int]

    init(url: URL) throws(WordNetError) {
        name = url.lastPathComponent
        bytes = try WordNetFileReader.contents(of: url)
        let name = name
        lineStarts = try bytes.withUnsafeBytes { raw in
            Result { () throws(WordNetError) in try Self.entryLineStarts(raw, name: name) }
        }.get()
    }

    /// Whether the index has an entry for `lemma`.
    func contains(_ lemma: [UInt8]) -> Bool {
        lineStart(of: lemma) != nil
    }

    /// The synset offsets listed for `lemma`, in file order (empty when absent).
    func synsetOffsets(of lemma: [UInt8]) throws(WordNetError) -> [Int] {
        guard let start = lineStart(of: lemma) else { return [] }
        let fields = bytes.withUnsafeBytes { raw in
            WordNetFileReader.fields(ofLineAt: start, in: raw)
        }
        // lemma pos synset_cnt p_cnt [ptr_symbol...] sense_cnt tagsense_cnt synset_offset...
        guard fields.count >= 4, let synsetCount = Int(fields[2]), synsetCount > 0,
            let pointerCount = Int(fields[3]), fields.count >= 6 + pointerCount + synsetCount,
            Int(fields[4 + pointerCount]) == synsetCount
        else {
            throw .malformed(file: name, detail: "bad entry at byte \(start)")
        }
        var offsets: [Int] = []
        for field in fields[(6 + pointerCount)..<(6 + pointerCount + synsetCount)] {
            guard let offset = Int(field) else {
                throw .malformed(file: name, detail: "bad synset offset at byte \(start)")
            }
            offsets.append(offset)
        }
        return offsets
    }

    private func lineStart(of lemma: [UInt8]) -> Int? {
        bytes.withUnsafeBytes { raw in
            var low = 0
            var high = lineStarts.count
            while low < high {
                let middle = (low + high) / 2
                let order = Self.compareKey(at: lineStarts[middle], in: raw, with: lemma)
                if order == 0 {
                    return lineStarts[middle]
                }
                if order < 0 {
                    low = middle + 1
                } else {
                    high = middle
                }
            }
            return nil
        }
    }

    /// Compares the lemma field of the line at `start` with `key` in byte order.
    private static func compareKey(at start: Int, in raw: UnsafeRawBufferPointer, with key: [UInt8]) -> Int {
        var position = start
        var keyIndex = 0
        while true {
            let atEnd = position >= raw.count || WordNetFileReader.isFieldSeparator(raw[position])
            if keyIndex == key.count {
                return atEnd ? 0 : 1
            }
            if atEnd {
                return -1
            }
            if raw[position] != key[keyIndex] {
                return raw[position] < key[keyIndex] ? -1 : 1
            }
            position += 1
            keyIndex += 1
        }
    }

    private static func entryLineStarts(_ raw: UnsafeRawBufferPointer, name: String) throws(WordNetError) -> [Int] {
        var starts: [Int] = []
        starts.reserveCapacity(raw.count / 40)
        var lineStart = 0
        while lineStart < raw.count {
            let lineEnd = WordNetFileReader.endOfLine(from: lineStart, in: raw)
            let first = raw[lineStart]
            if first != UInt8(ascii: " "), first != UInt8(ascii: "\n") {
                if let previous = starts.last, compareLines(previous, lineStart, raw) >= 0 {
                    throw .malformed(file: name, detail: "entries are not sorted at byte \(lineStart)")
                }
                starts.append(lineStart)
            }
            lineStart = lineEnd + 1
        }
        return starts
    }

    /// Compares the lemma fields of two lines in byte order.
    private static func compareLines(_ first: Int, _ second: Int, _ raw: UnsafeRawBufferPointer) -> Int {
        var left = first
        var right = second
        while true {
            let leftEnded = left >= raw.count || WordNetFileReader.isFieldSeparator(raw[left])
            let rightEnded = right >= raw.count || WordNetFileReader.isFieldSeparator(raw[right])
            if leftEnded || rightEnded {
                return leftEnded == rightEnded ? 0 : (leftEnded ? -1 : 1)
            }
            if raw[left] != raw[right] {
                return raw[left] < raw[right] ? -1 : 1
            }
            left += 1
            right += 1
        }
    }
}
