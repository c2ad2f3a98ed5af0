/// Counts of gold label against predicted label, with extraction failures in a column of
/// their own.
///
/// Rows are gold labels and columns predicted labels, both in ``labels`` order; each row
/// has one more column at the end, ``extractionErrorColumn``, counting the cases of that
/// gold label whose prediction could not be extracted.
public struct ConfusionMatrix: Sendable, Hashable {
    /// The name shown for the extraction-failure column.
    public static let extractionErrorColumn = "extract_error"

    /// The labels of the rows and of the first columns, in order.
    public let labels: [String]
    /// `counts[row][column]`: cases with gold `labels[row]` predicted as `labels[column]`;
    /// the last column (index `labels.count`) counts extraction failures.
    public let counts: [[Int]]

    /// The column headings: the labels, then ``extractionErrorColumn``.
    public var columnNames: [String] {
        labels + [Self.extractionErrorColumn]
    }

    /// Creates a matrix.
    ///
    /// - Parameters:
    ///   - labels: Row and column labels.
    ///   - counts: One row per label, each with `labels.count + 1` counts.
    public init(labels: [String], counts: [[Int]]) {
        self.labels = labels
        self.counts = counts
    }

    /// The number of cases with gold label `gold` predicted as `predicted` (0 for unknown labels).
    ///
    /// - Parameters:
    ///   - gold: The gold label.
    ///   - predicted: The prediction.
    /// - Returns: The count.
    public func count(gold: String, predicted: PredictedLabel) -> Int {
        guard let row = labels.firstIndex(of: gold) else { return 0 }
        switch predicted {
        case let .label(label):
            return labels.firstIndex(of: label).map { counts[row][$0] } ?? 0
        case .extractionFailed:
            return counts[row][labels.count]
        }
    }
}
