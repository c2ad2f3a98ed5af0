/// A place in a configuration file: its path and the 1-based line and column of an entry.
public struct ConfigurationSource: Sendable, Hashable, CustomStringConvertible {
    /// The file's path.
    public var path: String
    /// The 1-based line.
    public var line: Int
    /// The 1-based column, in Unicode scalars.
    public var column: Int

    /// Creates a source position.
    public init(path: String, line: Int, column: Int) {
        self.path = path
        self.line = line
        self.column = column
    }

    /// `PATH:LINE:COLUMN`.
    public var description: String {
        "\(path):\(line):\(column)"
    }
}
