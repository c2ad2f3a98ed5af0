import Foundation

/// The scratch memory of one worker: the hidden states of a group and the intermediate buffers
/// of a layer, kept from group to group.
///
/// A worker runs several groups one after another, and fresh buffers for each would cost a page
/// fault and a zero-fill for every 4 KB of them. The buffers grow when a larger group comes and are
/// never cleared: every value is written before it is read.
///
/// Buffers whose lives do not overlap share memory. Within a layer, the queries, keys and values
/// are dead once the attention context is computed, and the context once the attention output is;
/// the feed-forward block's inner activations come after both. So `projected` and `expanded` start
/// at the same address and `context` follows `projected`: about 9 KB per token for
/// all-MiniLM-L6-v2 instead of 15 KB, less memory to fault in and less to keep in cache.
///
/// The buffers live in one anonymous mapping that asks for transparent huge pages (where the
/// system grants them on request): attention reads the query, key and value rows of a sequence
/// 4.6 KB apart, which with 4 KB pages is a new page, and a new TLB entry, for every row.
final class EncoderWorkspace {
    private let width: Int
    private let intermediateSize: Int
    /// The number of tokens the buffers have room for.
    private(set) var capacity = 0
    private var region: UnsafeMutableRawPointer?
    private var regionBytes = 0
    /// `tokens × width`: the group's hidden states, replaced layer by layer.
    private(set) var hidden = UnsafeMutablePointer<Float>(bitPattern: 64)!
    /// `tokens × 3·width`: queries, keys and values side by side. Shares memory with `expanded`.
    private(set) var projected = UnsafeMutablePointer<Float>(bitPattern: 64)!
    /// `tokens × width`: the attention context, heads side by side. Shares memory with `expanded`
    /// (not with `projected`, which it is computed from).
    private(set) var context = UnsafeMutablePointer<Float>(bitPattern: 64)!
    /// `tokens × width`: the normalised attention output.
    private(set) var attended = UnsafeMutablePointer<Float>(bitPattern: 64)!
    /// `tokens × intermediateSize`: the feed-forward block's inner activations. Overwrites
    /// `projected` and `context`.
    private(set) var expanded = UnsafeMutablePointer<Float>(bitPattern: 64)!

    init(width: Int, intermediateSize: Int) {
        self.width = width
        self.intermediateSize = intermediateSize
    }

    deinit {
        if let region {
            munmap(region, regionBytes)
        }
    }

    /// Makes room for a group of `tokens` tokens; the previous contents are not kept.
    func reserve(tokens: Int) {
        guard tokens > capacity else { return }
        if let region {
            munmap(region, regionBytes)
        }
        // Each region starts on a cache line: the hidden states, the attention output, and the
        // region that holds first the projections and the context, then the inner activations.
        let counts = [tokens * width, tokens * width, tokens * max(4 * width, intermediateSize)]
        let sizes = counts.map { ($0 * MemoryLayout<Float>.size + 63) / 64 * 64 }
        let hugePage = 2 << 20
        let bytes = (sizes.reduce(0, +) + hugePage - 1) / hugePage * hugePage
        guard let mapped = mmap(nil, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0),
            mapped != MAP_FAILED
        else {
            fatalError("the encoder could not map \(bytes) bytes of scratch memory (errno \(errno))")
        }
        #if os(Linux)
        _ = madvise(mapped, bytes, MADV_HUGEPAGE)
        #endif
        region = mapped
        regionBytes = bytes
        var offset = 0
        var buffers: [UnsafeMutablePointer<Float>] = []
        for size in sizes {
            buffers.append((mapped + offset).bindMemory(to: Float.self, capacity: size / MemoryLayout<Float>.size))
            offset += size
        }
        (hidden, attended, projected, expanded) = (buffers[0], buffers[1], buffers[2], buffers[2])
        context = projected + tokens * 3 * width
        capacity = tokens
    }
}
