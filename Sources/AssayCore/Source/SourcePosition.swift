/// A 1-based line and column in a UTF-8 text, computed only when a diagnostic needs it.
///
/// Parsers keep byte offsets (cheap) and turn them into a line and a column on the error path
/// only. Columns count Unicode scalars (code points), the unit Jupyter front ends use, so a
/// position means the same in the language's diagnostics, JSON errors and notebook cursors.
public struct SourcePosition: Sendable, Hashable, CustomStringConvertible {
    /// The 1-based line.
    public var line: Int
    /// The 1-based column, in Unicode scalars.
    public var column: Int

    /// Creates a position from its parts.
    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    /// Finds the line and column of `offset` in `bytes`.
    ///
    /// - Parameters:
    ///   - offset: A byte offset in `bytes` (clamped to its bounds).
    ///   - bytes: The UTF-8 text.
    public init(offset: Int, in bytes: some Collection<UInt8>) {
        var line = 1
        var column = 1
        var index = 0
        for byte in bytes {
            if index >= offset { break }
            if byte == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
            index += 1
        }
        self.line = line
        self.column = column
    }

    /// `LINE:COLUMN`.
    public var description: String {
        "\(line):\(column)"
    }

    /// A message about a place in a file, on one line: `FILE:LINE:COL: MESSAGE`, or `FILE:LINE:
    /// MESSAGE` and `FILE: MESSAGE` when less is known. Every file error a diagnostic quotes (a
    /// suite, a template, models.json) is written so, without a severity of its own: the diagnostic
    /// that quotes it says `error:` once.
    ///
    /// - Parameters:
    ///   - message: What is wrong.
    ///   - file: The file's path as the user knows it.
    ///   - line: The 1-based line, when known.
    ///   - column: The 1-based column, when known (ignored without a line).
    public static func located(_ message: String, in file: String, line: Int?, column: Int?) -> String {
        var place = file
        if let line {
            place += ":\(line)"
            if let column { place += ":\(column)" }
        }
        return "\(place): \(message)"
    }

    /// Returns the text of the 1-based line `line` of `text`, without its line break.
    ///
    /// - Parameters:
    ///   - line: The 1-based line number; lines out of range give an empty string.
    ///   - text: The whole text.
    /// - Returns: The line, without `\n` or `\r\n`.
    public static func lineText(_ line: Int, of text: String) -> String {
        var current = 1
        for candidate in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if current == line {
                var result = String(candidate)
                if result.hasSuffix("\r") { result.removeLast() }
                return result
            }
            current += 1
        }
        return ""
    }
}

/// Finds lines and columns for increasing byte offsets in one pass, so positions for every
/// record of a large file cost O(file size) in total.
package struct LineCursor {
    /// The UTF-8 text.
    package let bytes: UnsafeBufferPointer<UInt8>
    private var offset = 0
    private var position = SourcePosition(line: 1, column: 1)

    /// Creates a cursor at the start of `bytes`.
    package init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    /// The position of `target`; restarts from the beginning if `target` is behind the cursor.
    package mutating func position(of target: Int) -> SourcePosition {
        if target < offset {
            offset = 0
            position = SourcePosition(line: 1, column: 1)
        }
        while offset < min(target, bytes.count) {
            let byte = bytes[offset]
            if byte == UInt8(ascii: "\n") {
                position.line += 1
                position.column = 1
            } else if byte & 0xC0 != 0x80 {
                position.column += 1
            }
            offset += 1
        }
        return position
    }
}
