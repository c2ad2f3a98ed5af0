import Foundation

/// Byte-level reading of WordNet's plain-text files.
enum WordNetFileReader {
    /// The whole file, memory-mapped where the platform allows.
    static func contents(of url: URL) throws(WordNetError) -> Data {
        do {
            return try Data(contentsOf: url, options: .alwaysMapped)
        } catch {
            throw .malformed(file: url.lastPathComponent, detail: "cannot be read (\(error))")
        }
    }

    /// Whether the byte separates fields the way Python's `str.split()` does for ASCII.
    static func isFieldSeparator(_ byte: UInt8) -> Bool {
        byte == 0x20 || (0x09...0x0D).contains(byte) || (0x1C...0x1F).contains(byte)
    }

    /// The index of the line feed ending the line that starts at `start`, or the file size.
    static func endOfLine(from start: Int, in raw: UnsafeRawBufferPointer) -> Int {
        guard start < raw.count, let base = raw.baseAddress else { return raw.count }
        guard let found = memchr(base + start, 0x0A, raw.count - start) else { return raw.count }
        return base.distance(to: UnsafeRawPointer(found))
    }

    /// The whitespace-separated fields of the line starting at `start`, as byte arrays.
    ///
    /// - Parameter limit: Stop after this many fields.
    static func byteFields(ofLineAt start: Int, in raw: UnsafeRawBufferPointer, limit: Int = .max) -> [[UInt8]] {
        let end = endOfLine(from: start, in: raw)
        var fields: [[UInt8]] = []
        var position = start
        while position < end, fields.count < limit {
            while position < end, isFieldSeparator(raw[position]) {
                position += 1
            }
            let fieldStart = position
            while position < end, !isFieldSeparator(raw[position]) {
                position += 1
            }
            if position > fieldStart {
                fields.append(Array(raw[fieldStart..<position]))
            }
        }
        return fields
    }

    /// The whitespace-separated fields of the line starting at `start`, decoded as UTF-8.
    static func fields(ofLineAt start: Int, in raw: UnsafeRawBufferPointer) -> [String] {
        byteFields(ofLineAt: start, in: raw).map { String(decoding: $0, as: UTF8.self) }
    }
}
