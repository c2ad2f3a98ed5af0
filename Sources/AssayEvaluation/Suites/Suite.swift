/// An ordered list of test cases, with where they came from.
public struct Suite: Sendable, Hashable {
    /// The cases, in file order.
    public var cases: [TestCase]
    /// The file the suite was loaded from, if any.
    public var source: SuiteSource?
    /// Records left out because they were malformed (only when loaded with `skipBad: true`).
    public var skipped: [SkippedRecord]

    /// Creates a suite.
    ///
    /// - Parameters:
    ///   - cases: The cases, in order.
    ///   - source: Where they came from, if from a file.
    ///   - skipped: Records left out while loading.
    public init(cases: [TestCase], source: SuiteSource? = nil, skipped: [SkippedRecord] = []) {
        self.cases = cases
        self.source = source
        self.skipped = skipped
    }

    /// The number of cases.
    public var count: Int {
        cases.count
    }

    /// The case with the given id, if any (a linear search).
    ///
    /// - Parameter id: The id to look for.
    /// - Returns: The first case with that id.
    public func testCase(id: String) -> TestCase? {
        cases.first { $0.id == id }
    }
}
