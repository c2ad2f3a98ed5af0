import Foundation

/// How much of one output a front end shows: the notebook caps outputs, so that a `print` of 10 MB
/// or the HTML of a 10,000-row table cannot swamp the browser; the shell and scripts show
/// everything (``unlimited``).
///
/// ```swift
/// let (limits, problems) = OutputLimits.notebook(environment: ProcessInfo.processInfo.environment)
/// let shown = limits.capped(bundle)        // within `bytesPerOutput`, with a notice when cut
/// ```
public struct OutputLimits: Sendable, Hashable {
    /// The most UTF-8 bytes one output shows (a representation of a display or result, or what a
    /// cell writes to one stream), or nil for no limit.
    public var bytesPerOutput: Int?
    /// The most rows a table shows (`show(x, rows: N)` asks for up to this many), or nil for no limit.
    public var rowsPerTable: Int?

    /// Creates limits; nil means no limit.
    public init(bytesPerOutput: Int?, rowsPerTable: Int?) {
        self.bytesPerOutput = bytesPerOutput
        self.rowsPerTable = rowsPerTable
    }

    /// No limit: the shell and scripts print everything.
    public static let unlimited = OutputLimits(bytesPerOutput: nil, rowsPerTable: nil)

    /// The notebook's limits unless the environment says otherwise: 500 kB per output, 500 rows per table.
    public static let notebookDefault = OutputLimits(bytesPerOutput: 500_000, rowsPerTable: 500)

    /// The variable that sets ``bytesPerOutput``: `500000`, `500k`, `2M`, or `0`/`none` for no limit.
    public static let bytesVariable = "ASSAY_OUTPUT_LIMIT"
    /// The variable that sets ``rowsPerTable``: a number, or `0`/`none` for no limit.
    public static let rowsVariable = "ASSAY_OUTPUT_ROWS"

    /// The notebook's limits, with ``bytesVariable`` and ``rowsVariable`` from `environment`.
    ///
    /// - Returns: The limits, and a sentence for each variable whose value is not understood (its
    ///   default is kept).
    public static func notebook(environment: [String: String]) -> (limits: OutputLimits, problems: [String]) {
        var limits = notebookDefault
        var problems: [String] = []
        if let text = environment[bytesVariable], !text.isEmpty {
            if let bytes = size(text) {
                limits.bytesPerOutput = bytes
            } else {
                problems.append("\(bytesVariable)=\(text) is not a size: write bytes (500000), kilobytes (500k) or megabytes (2M), or 0 for no limit; using \(notebookDefault.bytesPerOutput!) bytes")
            }
        }
        if let text = environment[rowsVariable], !text.isEmpty {
            if let rows = count(text) {
                limits.rowsPerTable = rows
            } else {
                problems.append("\(rowsVariable)=\(text) is not a number of rows: write e.g. 1000, or 0 for no limit; using \(notebookDefault.rowsPerTable!) rows")
            }
        }
        return (limits, problems)
    }

    /// `500000`, `500k`, `500kB`, `2M`, `2MB` (decimal units, any case) as bytes; `0` or `none` as
    /// no limit (`.some(nil)`); nil when the text is not a size.
    static func size(_ text: String) -> Int?? {
        let lowered = text.trimmingCharacters(in: .whitespaces).lowercased()
        if lowered == "none" { return .some(nil) }
        var digits = Substring(lowered)
        if digits.hasSuffix("b") { digits = digits.dropLast() }
        var unit = 1
        if digits.hasSuffix("k") { unit = 1_000; digits = digits.dropLast() } else if digits.hasSuffix("m") { unit = 1_000_000; digits = digits.dropLast() }
        guard let number = Int(digits), number >= 0 else { return nil }
        let (bytes, overflow) = number.multipliedReportingOverflow(by: unit)
        guard !overflow else { return nil }
        return .some(bytes == 0 ? nil : bytes)
    }

    /// A row count; `0` or `none` as no limit (`.some(nil)`); nil when the text is not one.
    static func count(_ text: String) -> Int?? {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        if trimmed == "none" { return .some(nil) }
        guard let number = Int(trimmed), number >= 0 else { return nil }
        return .some(number == 0 ? nil : number)
    }
}
