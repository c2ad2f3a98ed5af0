/// A record left out of a suite loaded with `skipBad: true`, and why.
public struct SkippedRecord: Sendable, Hashable, CustomStringConvertible {
    /// The 1-based line of the problem (where the record starts, when there is no better place).
    public let line: Int
    /// The 1-based column of the problem, in Unicode scalars, when known.
    public let column: Int?
    /// What was wrong with the record.
    public let message: String

    /// Creates a skipped-record note.
    ///
    /// - Parameters:
    ///   - line: The 1-based line of the problem.
    ///   - column: The 1-based column of the problem, when known.
    ///   - message: What was wrong.
    public init(line: Int, column: Int?, message: String) {
        self.line = line
        self.column = column
        self.message = message
    }

    /// `LINE:COLUMN: MESSAGE`, or `LINE: MESSAGE` without a column.
    public var description: String {
        if let column { "\(line):\(column): \(message)" } else { "\(line): \(message)" }
    }
}
