/// A named piece of source text, with the line map needed to turn byte offsets into lines and columns.
///
/// Positions are stored as UTF-8 byte offsets everywhere in the language; lines and columns are
/// computed only when a diagnostic is rendered.
public struct SourceFile: Sendable, Hashable {
    /// The name shown in diagnostics: a file path, `<command>` or `<cell>`.
    public let name: String
    /// The full text.
    public let text: String
    /// UTF-8 offsets at which each line starts.
    let lineStarts: [Int]

    /// Creates a source file and indexes its lines.
    public init(name: String, text: String) {
        self.name = name
        self.text = text
        var starts = [0]
        var offset = 0
        for byte in text.utf8 {
            offset += 1
            if byte == UInt8(ascii: "\n") { starts.append(offset) }
        }
        self.lineStarts = starts
    }

    /// The 1-based line and column of a byte offset. Columns count characters, not bytes.
    public func location(of offset: Int) -> SourceLocation {
        let clamped = max(0, min(offset, text.utf8.count))
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if lineStarts[mid] <= clamped { low = mid } else { high = mid - 1 }
        }
        let lineStart = lineStarts[low]
        let prefix = slice(from: lineStart, to: clamped)
        return SourceLocation(line: low + 1, column: prefix.count + 1)
    }

    /// The text of a 1-based line, without its line terminator.
    public func lineText(_ line: Int) -> String {
        guard line >= 1, line <= lineStarts.count else { return "" }
        let start = lineStarts[line - 1]
        let end = line < lineStarts.count ? lineStarts[line] : text.utf8.count
        var result = slice(from: start, to: end)
        while result.hasSuffix("\n") || result.hasSuffix("\r") { result.removeLast() }
        return result
    }

    /// The text between two byte offsets.
    public func slice(from start: Int, to end: Int) -> String {
        let utf8 = text.utf8
        let lower = utf8.index(utf8.startIndex, offsetBy: max(0, min(start, utf8.count)))
        let upper = utf8.index(utf8.startIndex, offsetBy: max(0, min(end, utf8.count)))
        guard lower <= upper else { return "" }
        return String(decoding: utf8[lower..<upper], as: UTF8.self)
    }

    /// The source text covered by a range.
    public func text(of range: SourceRange) -> String {
        slice(from: range.start, to: range.end)
    }
}

/// A 1-based line and column.
public struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
    /// The line, counting from 1.
    public let line: Int
    /// The column in characters, counting from 1.
    public let column: Int

    public var description: String { "\(line):\(column)" }
}

/// A half-open range of UTF-8 byte offsets into a source file.
public struct SourceRange: Sendable, Hashable {
    /// The offset of the first byte.
    public var start: Int
    /// The offset just past the last byte.
    public var end: Int

    /// Creates a range; `end` is clamped to be at least `start`.
    public init(start: Int, end: Int) {
        self.start = start
        self.end = max(start, end)
    }

    /// The smallest range covering both.
    public func merged(with other: SourceRange) -> SourceRange {
        SourceRange(start: min(start, other.start), end: max(end, other.end))
    }
}
