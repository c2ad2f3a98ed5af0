import AssayCore
import Dispatch
import Synchronization

/// The ids (``SuiteLoader/lineID(_:writer:)``) of a JSONL suite's lines from one offset to the end
/// of its text, read on another thread while the caller reads the lines before that offset.
///
/// Finding a line's id is most of its load: checking that it is plain JSON and reading its
/// `id`, or writing its canonical text and hashing it when it has none. It depends on the line's
/// bytes alone; everything else a line needs (its case, its place among the ids, its errors)
/// happens in order on the caller's thread, which takes these ids when it reaches the offset.
final class LineIDs: Sendable {
    private let ids = Mutex<[SuiteLoader.LineID]>([])
    private let finished = DispatchSemaphore(value: 0)
    private let cancelled = Atomic<Bool>(false)

    /// Starts computing the ids of the lines of `text` from `start` (which begins a line) to its
    /// end.
    init(text: SuiteText, from start: Int) {
        DispatchQueue.global().async { [self] in
            let computed = text.bytes.withUnsafeBufferPointer { whole in
                lineIDs(UnsafeBufferPointer(rebasing: whole[start...]))
            }
            ids.withLock { $0 = computed }
            finished.signal()
        }
    }

    private func lineIDs(_ bytes: UnsafeBufferPointer<UInt8>) -> [SuiteLoader.LineID] {
        var computed: [SuiteLoader.LineID] = []
        var writer = JSONCanonicalWriter()
        var lineStart = 0
        while lineStart < bytes.count {
            if computed.count % 4096 == 0, cancelled.load(ordering: .relaxed) { break }
            let lineEnd = SuiteLoader.newline(in: bytes, from: lineStart) ?? bytes.count
            computed.append(SuiteLoader.lineID(UnsafeBufferPointer(rebasing: bytes[lineStart..<lineEnd]), writer: &writer))
            lineStart = lineEnd + 1
        }
        return computed
    }

    /// The ids, waiting for them: the k-th is that of the k-th line from the start given. Fewer
    /// than the lines when cancelled.
    func wait() -> [SuiteLoader.LineID] {
        finished.wait()
        defer { finished.signal() }
        return ids.withLock { $0 }
    }

    /// Stops the computation early: the caller will not wait for it.
    func cancel() {
        cancelled.store(true, ordering: .relaxed)
    }
}
