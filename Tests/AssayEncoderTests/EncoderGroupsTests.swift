@testable import AssayEncoder
import Testing

@Suite("Encoder batches split into groups for the cores")
struct EncoderGroupsTests {
    static let lengths = [12, 40, 7, 33, 33, 19, 51, 8, 26, 14, 40, 3]

    @Test("every sequence is in exactly one group, and groups take the longest first", arguments: [1, 2, 4])
    func groupsCoverTheBatchLongestFirst(workers: Int) {
        let groups = Encoder.groups(lengths: Self.lengths, workers: workers, tokenBudget: 2048)
        #expect(groups.flatMap { $0 }.sorted() == Array(Self.lengths.indices))
        let order = groups.flatMap { $0 }.map { Self.lengths[$0] }
        #expect(order == order.sorted(by: >))
    }

    @Test("there is a group per worker when there are enough sequences, of about equal tokens")
    func oneGroupPerWorker() {
        let total = Self.lengths.reduce(0, +)
        let groups = Encoder.groups(lengths: Self.lengths, workers: 2, tokenBudget: 2048)
        #expect(groups.count == 2)
        let tokens = groups.map { $0.reduce(0) { $0 + Self.lengths[$1] } }
        #expect(tokens[0] >= total / 2 && tokens[0] < total / 2 + Self.lengths.max()!)
        #expect(Encoder.groups(lengths: [5], workers: 2, tokenBudget: 2048) == [[0]])
        #expect(Encoder.groups(lengths: [], workers: 2, tokenBudget: 2048).isEmpty)
    }

    @Test("the token budget bounds each group to its share plus less than one sequence")
    func budgetBoundsGroups() {
        let lengths = (0..<300).map { 5 + ($0 * 37) % 60 }
        let groups = Encoder.groups(lengths: lengths, workers: 2, tokenBudget: 500)
        let total = lengths.reduce(0, +)
        #expect(groups.count >= (total + 499) / 500)
        for group in groups {
            let tokens = group.reduce(0) { $0 + lengths[$1] }
            #expect(tokens < 500 + lengths.max()!)
        }
    }
}
