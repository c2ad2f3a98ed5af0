import AssayCore
import Foundation

extension RunExport {
    /// Writes a run in a format a piece at a time, as its results are read: the same text as
    /// ``text(of:cases:format:)`` gives, without the run's results or the text ever being held
    /// whole when the results come from the store.
    ///
    /// CSV goes through the results twice (once for the metric columns, once for the rows); JSON
    /// goes through them once for the run's cost before the cases, and once more for the run's
    /// statistics when it has no stored summary (a run still running).
    ///
    /// - Parameters:
    ///   - results: The run's results.
    ///   - cases: The cases it evaluated (``StoredRun/cases``, or for an old run its suite's).
    ///   - format: The format.
    ///   - sink: Called with each piece of the text, in order.
    /// - Returns: How many results were written.
    /// - Throws: ``RunStoreError`` when the store cannot be read, or what `sink` throws.
    @discardableResult
    public static func write(_ results: RunResults, cases: [TestCase], format: Format, to sink: (String) throws -> Void) throws -> Int {
        try write(results, cases: RunCases(cases), format: format, to: sink)
    }

    /// Writes a run in a format a piece at a time, as its results are read, each with its case
    /// looked up a page at a time (``RunCases``): a run's stored cases are then read beside each
    /// page of results, never whole. The text is that of ``write(_:cases:format:to:)`` with the
    /// same cases.
    ///
    /// - Parameters:
    ///   - results: The run's results.
    ///   - cases: The cases it evaluated.
    ///   - format: The format.
    ///   - sink: Called with each piece of the text, in order.
    /// - Returns: How many results were written.
    /// - Throws: ``RunStoreError`` when the store cannot be read, or what `sink` throws.
    @discardableResult
    public static func write(_ results: RunResults, cases: RunCases, format: Format, to sink: (String) throws -> Void) throws -> Int {
        let price = results.record.price
        var count = 0
        switch format {
        case .jsonl:
            try results.forEach(with: cases) { result, testCase in
                try sink(jsonlLine(result, testCase: testCase, price: price))
                count += 1
            }
        case .csv:
            var columns = MetricColumnNames()
            try results.forEachScore { columns.add($0) }
            let parts = try results.parts()
            try sink(csvHeader(parts: parts, metricColumns: columns.names) + "\r\n")
            try results.forEach(with: cases) { result, testCase in
                try sink(csvRow(result, testCase: testCase, price: price, parts: parts, metricColumns: columns.names) + "\r\n")
                count += 1
            }
        case .json:
            // The run's members with no cases, pretty-printed, end with `"cases": []` and the closing
            // brace; the cases go between the brackets, each indented to their depth (two levels).
            var members = runMembers(results.record, statistics: try results.statistics(), cost: try results.cost())
            members["cases"] = .array([])
            let head = JSONValue.object(members).serialized(pretty: true)
            let emptyCases = "[]\n}"
            try sink(String(head.dropLast(emptyCases.count)) + "[")
            try results.forEach(with: cases) { result, testCase in
                let text = caseJSON(result, testCase: testCase, cost: RunCost.cost(of: result, price: price)).serialized(pretty: true)
                try sink((count == 0 ? "\n    " : ",\n    ") + text.replacing("\n", with: "\n    "))
                count += 1
            }
            try sink(count == 0 ? "]\n}\n" : "\n  ]\n}\n")
        }
        return count
    }
}

/// A file written a piece at a time that takes its place only when it is complete: the pieces go
/// to a temporary file beside it, which ``commit()`` renames over the path (so a failed export
/// leaves an earlier file of that name as it was).
public final class ExportFile {
    /// The path the file takes when committed.
    public let path: String
    private let temporaryPath: String
    private var file: UnsafeMutablePointer<FILE>?
    private var buffer: [UInt8] = []
    private static let flushSize = 1 << 20

    /// Starts a file.
    ///
    /// - Parameter path: Where the finished file goes.
    /// - Throws: ``ExportError`` when the temporary file cannot be made (a missing or read-only folder).
    public init(path: String) throws(ExportError) {
        self.path = path
        let url = URL(fileURLWithPath: path)
        temporaryPath = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString.prefix(8)).part").path
        guard let file = fopen(temporaryPath, "wb") else { throw Self.failure(path, errno) }
        self.file = file
        buffer.reserveCapacity(Self.flushSize)
    }

    deinit {
        discard()
    }

    /// Adds text to the file.
    ///
    /// - Parameter text: The text, written as UTF-8.
    /// - Throws: ``ExportError`` when the disk refuses it.
    public func write(_ text: String) throws(ExportError) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= Self.flushSize { try flush() }
    }

    /// Finishes the file and puts it at its path.
    ///
    /// - Throws: ``ExportError`` when it cannot be written or moved there.
    public func commit() throws(ExportError) {
        try flush()
        guard let file else { return }
        self.file = nil
        if fclose(file) != 0 {
            let code = errno
            unlink(temporaryPath)
            throw Self.failure(path, code)
        }
        if rename(temporaryPath, path) != 0 {
            let code = errno
            unlink(temporaryPath)
            throw Self.failure(path, code)
        }
    }

    /// Abandons the file: the temporary file goes, and nothing is put at the path.
    public func discard() {
        guard let file else { return }
        self.file = nil
        fclose(file)
        unlink(temporaryPath)
    }

    private func flush() throws(ExportError) {
        guard let file, !buffer.isEmpty else { return }
        let written = buffer.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, file) }
        if written != buffer.count { throw Self.failure(path, errno) }
        buffer.removeAll(keepingCapacity: true)
    }

    private static func failure(_ path: String, _ code: Int32) -> ExportError {
        ExportError(message: "cannot write \(path): \(String(cString: strerror(code)))",
                    hint: "check that its folder exists and can be written to, and that the disk has room")
    }
}
