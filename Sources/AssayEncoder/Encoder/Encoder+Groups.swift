extension Encoder {
    /// About this many tokens go through the encoder together on one core.
    ///
    /// Large enough that packing each weight matrix for `sgemm` costs little next to the product
    /// itself, small enough that a group's scratch buffers (about 14 KB per token for
    /// all-MiniLM-L6-v2) stay modest.
    static let groupTokenBudget = 2048

    /// Splits a batch into groups that run on the cores side by side.
    ///
    /// Sequences are taken longest first and cut into consecutive groups of about equal token
    /// counts: as many groups as `tokenBudget` requires, rounded up to a multiple of the workers so
    /// that every worker gets the same share, and at least one per worker when there are enough
    /// sequences. A group closes once it reaches its share, so it exceeds the share by
    /// less than one sequence.
    ///
    /// - Parameters:
    ///   - lengths: The token count of each sequence.
    ///   - workers: The number of cores to keep busy.
    ///   - tokenBudget: The largest share of tokens per group.
    /// - Returns: The indices of the sequences in each group; every index appears once.
    static func groups(lengths: [Int], workers: Int, tokenBudget: Int) -> [[Int]] {
        let order = lengths.indices.sorted { lengths[$0] != lengths[$1] ? lengths[$0] > lengths[$1] : $0 < $1 }
        let total = lengths.reduce(0, +)
        let budget = max(1, tokenBudget)
        let workers = max(1, workers)
        let byBudget = (total + budget - 1) / budget
        let groupCount = max(min(workers, lengths.count), (byBudget + workers - 1) / workers * workers, 1)
        let share = max(1, (total + groupCount - 1) / groupCount)
        var groups: [[Int]] = []
        var current: [Int] = []
        var tokens = 0
        for index in order {
            current.append(index)
            tokens += lengths[index]
            if tokens >= share {
                groups.append(current)
                current = []
                tokens = 0
            }
        }
        if !current.isEmpty {
            groups.append(current)
        }
        return groups
    }
}
