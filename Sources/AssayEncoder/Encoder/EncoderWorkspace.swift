/// The scratch memory of one worker: the hidden states of a group and the intermediate buffers
/// of a layer, kept from group to group.
///
/// A worker runs several groups one after another, and fresh buffers for each would cost a page
/// fault and a zero-fill for every 4 KB of them (about 14 KB per token for all-MiniLM-L6-v2).
/// The buffers grow when a larger group comes and are never cleared: every value is written
/// before it is read.
final class EncoderWorkspace {
    private let width: Int
    private let intermediateSize: Int
    /// The number of tokens the buffers have room for.
    private(set) var capacity = 0
    /// `tokens × width`: the group's hidden states, replaced layer by layer.
    private(set) var hidden = UnsafeMutablePointer<Float>.allocate(capacity: 0)
    /// `tokens × 3·width`: queries, keys and values side by side.
    private(set) var projected = UnsafeMutablePointer<Float>.allocate(capacity: 0)
    /// `tokens × width`: the attention context, heads side by side.
    private(set) var context = UnsafeMutablePointer<Float>.allocate(capacity: 0)
    /// `tokens × width`: the normalised attention output.
    private(set) var attended = UnsafeMutablePointer<Float>.allocate(capacity: 0)
    /// `tokens × intermediateSize`: the feed-forward block's inner activations.
    private(set) var expanded = UnsafeMutablePointer<Float>.allocate(capacity: 0)

    init(width: Int, intermediateSize: Int) {
        self.width = width
        self.intermediateSize = intermediateSize
    }

    deinit {
        for buffer in [hidden, projected, context, attended, expanded] {
            buffer.deallocate()
        }
    }

    /// Makes room for a group of `tokens` tokens; the previous contents are not kept.
    func reserve(tokens: Int) {
        guard tokens > capacity else { return }
        for buffer in [hidden, projected, context, attended, expanded] {
            buffer.deallocate()
        }
        hidden = .allocate(capacity: tokens * width)
        projected = .allocate(capacity: tokens * 3 * width)
        context = .allocate(capacity: tokens * width)
        attended = .allocate(capacity: tokens * width)
        expanded = .allocate(capacity: tokens * intermediateSize)
        capacity = tokens
    }
}
