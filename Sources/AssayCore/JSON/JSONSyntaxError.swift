/// A JSON text that does not follow the grammar, with the position of the problem.
///
/// `offset` counts UTF-8 bytes from the start of the text; `line` and `column` are 1-based and
/// the column counts Unicode scalars (code points) from the start of the line.
public struct JSONSyntaxError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong, e.g. `expected ':' after an object key`.
    public let message: String
    /// The byte offset of the problem in the UTF-8 text.
    public let offset: Int
    /// The 1-based line of the problem.
    public let line: Int
    /// The 1-based column of the problem, in Unicode scalars.
    public let column: Int

    /// Creates an error at a known position.
    ///
    /// - Parameters:
    ///   - message: What is wrong.
    ///   - offset: The byte offset in the UTF-8 text.
    ///   - line: The 1-based line.
    ///   - column: The 1-based column in Unicode scalars.
    public init(message: String, offset: Int, line: Int, column: Int) {
        self.message = message
        self.offset = offset
        self.line = line
        self.column = column
    }

    /// `LINE:COLUMN: error: MESSAGE`.
    public var description: String {
        "\(line):\(column): error: \(message)"
    }
}
