/// The read-only values of one weight tensor: either in the checkpoint's memory mapping, used in
/// place, or in memory of their own.
///
/// Single-precision checkpoints are used where they lie, so loading copies nothing and the
/// embedding table's rows are read from the file only for the tokens that occur.
final class WeightValues: @unchecked Sendable {
    // `@unchecked Sendable` is safe: the values are never written after `init`, and `owner`
    // keeps the memory they live in (the file's read-only mapping, or `storage`) alive and
    // unchanged for as long as this object exists.
    /// The first value.
    let base: UnsafePointer<Float>
    /// The number of values.
    let count: Int
    private let owner: AnyObject?
    private let storage: UnsafeMutableBufferPointer<Float>?

    /// Values inside a mapping that `owner` keeps alive.
    init(mapped values: UnsafeBufferPointer<Float>, owner: AnyObject) {
        self.base = values.baseAddress!
        self.count = values.count
        self.owner = owner
        self.storage = nil
    }

    /// A copy of `values`.
    init(copying values: [Float]) {
        let storage = UnsafeMutableBufferPointer<Float>.allocate(capacity: max(1, values.count))
        _ = storage.initialize(from: values)
        self.base = UnsafePointer(storage.baseAddress!)
        self.count = values.count
        self.owner = nil
        self.storage = storage
    }

    /// The values side by side, copied into memory of their own.
    convenience init(concatenating parts: [WeightValues]) {
        var values: [Float] = []
        values.reserveCapacity(parts.reduce(0) { $0 + $1.count })
        for part in parts {
            values.append(contentsOf: UnsafeBufferPointer(start: part.base, count: part.count))
        }
        self.init(copying: values)
    }

    deinit {
        storage?.deallocate()
    }
}
