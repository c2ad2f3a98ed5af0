import AssayCore

/// A named piece of source text.
///
/// Positions are stored as UTF-8 byte offsets everywhere in the language; lines and columns
/// (``SourcePosition``, columns in Unicode scalars) are computed only when a diagnostic is rendered.
public struct SourceFile: Sendable, Hashable {
    /// The name shown in diagnostics: a file path, `<command>` or `<cell>`.
    public let name: String
    /// The full text.
    public let text: String

    /// Creates a source file.
    public init(name: String, text: String) {
        self.name = name
        self.text = text
    }

    /// The 1-based line and column of a byte offset (clamped to the text).
    public func location(of offset: Int) -> SourcePosition {
        SourcePosition(offset: offset, in: text.utf8)
    }

    /// The text of a 1-based line, without its line terminator.
    public func lineText(_ line: Int) -> String {
        SourcePosition.lineText(line, of: text)
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
