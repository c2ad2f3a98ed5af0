/// Longest-common-subsequence computations for ROUGE-L and ROUGE-Lsum, reusing buffers.
struct LongestCommonSubsequence {
    private var row: [Int32] = []
    private var table: [Int32] = []

    /// The length of the longest common subsequence of two token sequences.
    mutating func length(_ first: ArraySlice<UInt32>, _ second: ArraySlice<UInt32>) -> Int {
        guard !first.isEmpty, !second.isEmpty else { return 0 }
        let columns = second.count
        row.removeAll(keepingCapacity: true)
        row.append(contentsOf: repeatElement(0, count: columns + 1))
        return row.withUnsafeMutableBufferPointer { row in
            second.withUnsafeBufferPointer { second in
                for token in first {
                    var diagonal: Int32 = 0
                    for column in 1...columns {
                        let above = row[column]
                        if token == second[column - 1] {
                            row[column] = diagonal + 1
                        } else if row[column - 1] > above {
                            row[column] = row[column - 1]
                        }
                        diagonal = above
                    }
                }
                return Int(row[columns])
            }
        }
    }

    /// Marks in `marked` the positions of `reference` that `rouge-score`'s backtracking
    /// picks as one longest common subsequence with `candidate`.
    ///
    /// The choice of subsequence matters for ROUGE-Lsum's union, so this follows
    /// `rouge-score`'s `_backtrack_norec` exactly: take a match when the tokens agree,
    /// otherwise move left only when that cell is strictly larger than the one above.
    mutating func markSubsequence(
        of reference: ArraySlice<UInt32>, in candidate: ArraySlice<UInt32>, marked: inout [Bool]
    ) {
        guard !reference.isEmpty, !candidate.isEmpty else { return }
        let rows = reference.count
        let columns = candidate.count
        let width = columns + 1
        table.removeAll(keepingCapacity: true)
        table.append(contentsOf: repeatElement(0, count: (rows + 1) * width))
        table.withUnsafeMutableBufferPointer { table in
            reference.withUnsafeBufferPointer { reference in
                candidate.withUnsafeBufferPointer { candidate in
                    for row in 1...rows {
                        let token = reference[row - 1]
                        for column in 1...columns {
                            let cell = row * width + column
                            if token == candidate[column - 1] {
                                table[cell] = table[cell - width - 1] + 1
                            } else {
                                table[cell] = max(table[cell - width], table[cell - 1])
                            }
                        }
                    }
                    var row = rows
                    var column = columns
                    while row > 0, column > 0 {
                        if reference[row - 1] == candidate[column - 1] {
                            marked[row - 1] = true
                            row -= 1
                            column -= 1
                        } else if table[row * width + column - 1] > table[(row - 1) * width + column] {
                            column -= 1
                        } else {
                            row -= 1
                        }
                    }
                }
            }
        }
    }
}
