/// Counts keyed by dense identifiers, cleared in time proportional to the keys touched.
///
/// This stands in for Python's `collections.Counter` over interned tokens and n-grams:
/// the array grows with the identifier space and is reused from one segment to the next.
struct CountTable {
    private var counts: [Int32] = []
    /// The identifiers whose count went from zero to positive since the last reset, in
    /// first-seen order.
    private(set) var touched: [UInt32] = []

    /// The count of `id` (zero if never incremented).
    @inline(__always)
    subscript(id: UInt32) -> Int {
        let index = Int(id)
        return index < counts.count ? Int(counts[index]) : 0
    }

    /// Adds one to the count of `id`.
    @inline(__always)
    mutating func increment(_ id: UInt32) {
        let index = Int(id)
        if index >= counts.count { reserve(index + 1) }
        if counts[index] == 0 { touched.append(id) }
        counts[index] &+= 1
    }

    /// Adds one to the count of every identifier in `ids`, all of which are below `limit`.
    mutating func add(_ ids: [UInt32], below limit: Int) {
        if limit > counts.count { reserve(limit) }
        var touched = self.touched
        self.touched = []
        counts.withUnsafeMutableBufferPointer { counts in
            for id in ids {
                let index = Int(id)
                if counts[index] == 0 { touched.append(id) }
                counts[index] &+= 1
            }
        }
        self.touched = touched
    }

    /// The sum over this table's identifiers of the smaller of the two tables' counts:
    /// the size of the multiset intersection.
    func intersectionSize(with other: CountTable) -> Int {
        var total = 0
        for id in touched { total += Swift.min(self[id], other[id]) }
        return total
    }

    /// Sets the count of `id` to the larger of its current count and `value`.
    @inline(__always)
    mutating func raise(_ id: UInt32, to value: Int) {
        let index = Int(id)
        if index >= counts.count { reserve(index + 1) }
        if counts[index] == 0, value > 0 { touched.append(id) }
        if Int(counts[index]) < value { counts[index] = Int32(value) }
    }

    /// Subtracts one from the count of `id`, which must be positive.
    @inline(__always)
    mutating func decrement(_ id: UInt32) {
        counts[Int(id)] &-= 1
    }

    /// Sets every count back to zero.
    mutating func reset() {
        for id in touched { counts[Int(id)] = 0 }
        touched.removeAll(keepingCapacity: true)
    }

    private mutating func reserve(_ size: Int) {
        var newSize = max(counts.count * 2, 1024)
        while newSize < size { newSize *= 2 }
        counts.append(contentsOf: repeatElement(0, count: newSize - counts.count))
    }
}
