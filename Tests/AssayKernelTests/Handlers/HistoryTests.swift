import AssayKernel
import Foundation
import Testing

@Suite("Input history: tail, range and search")
struct HistoryTests {
    /// Lines 1…6: "a = 1", "b = 2", "a = 1", "print(a)", "a + b", "a = 1".
    var history: InputHistory {
        var history = InputHistory()
        for (line, input) in ["a = 1", "b = 2", "a = 1", "print(a)", "a + b", "a = 1"].enumerated() {
            history.record(.init(line: line + 1, input: input, output: input == "a + b" ? "3" : nil))
        }
        return history
    }

    @Test("queries select entries, oldest first", arguments: [
        (HistoryQuery.tail(count: 2), [5, 6]),
        (.tail(count: nil), [1, 2, 3, 4, 5, 6]),
        (.tail(count: 0), []),
        (.range(session: 0, start: 2, stop: 4), [2, 3]),
        (.range(session: InputHistory.session, start: 5, stop: nil), [5, 6]),
        (.range(session: -1, start: 1, stop: nil), []),
        (.search(pattern: "a = *", count: nil, unique: false), [1, 3, 6]),
        (.search(pattern: "a = *", count: nil, unique: true), [6]),
        (.search(pattern: "a*", count: 2, unique: false), [5, 6]),
        (.search(pattern: "*", count: nil, unique: true), [2, 4, 5, 6]),
        (.search(pattern: "print(?)", count: nil, unique: false), [4]),
        (.search(pattern: "[ab] = [!3]", count: nil, unique: false), [1, 2, 3, 6]),
        (.search(pattern: "A*", count: nil, unique: false), []),
    ])
    func select(query: HistoryQuery, lines: [Int]) {
        #expect(history.entries(for: query).map(\.line) == lines)
    }

    @Test("replies are [session, line, input], or [session, line, [input, output]] with output")
    func replyShape() {
        #expect(history.reply(for: .tail(count: 2), includingOutput: false) == [[1, 5, "a + b"], [1, 6, "a = 1"]])
        #expect(history.reply(for: .tail(count: 2), includingOutput: true) == [[1, 5, ["a + b", "3"]], [1, 6, ["a = 1", nil]]])
    }

    @Test("history_request content is read with the protocol's names and defaults")
    func parsesRequests() {
        #expect(HistoryQuery(content: ["hist_access_type": "tail", "n": 3]) == .tail(count: 3))
        #expect(HistoryQuery(content: ["hist_access_type": "range", "session": 1, "start": 2, "stop": 5]) == .range(session: 1, start: 2, stop: 5))
        #expect(HistoryQuery(content: ["hist_access_type": "search", "pattern": "x*", "unique": true]) == .search(pattern: "x*", count: nil, unique: true))
        #expect(HistoryQuery(content: ["hist_access_type": "everything"]) == nil)
    }

    @Test("the kernel keeps what it ran with store_history, with results, and answers history_request")
    func kernelHistory() async throws {
        let harness = try await KernelHarness()
        for request in [ClientRequest.execute("1 + 1"), ClientRequest.execute("hidden", storeHistory: false), ClientRequest.execute("2 + 2")] {
            _ = try await harness.exchange(request)
        }
        let tail = try await harness.exchange(ClientRequest.make("history_request", ["hist_access_type": "tail", "n": 10, "output": true, "raw": true]))
        #expect(tail.first("history_reply")?.content == ["status": "ok", "history": [[1, 1, ["1 + 1", "1 + 1"]], [1, 2, ["2 + 2", "2 + 2"]]]])
        let search = try await harness.exchange(ClientRequest.make("history_request", ["hist_access_type": "search", "pattern": "2*", "output": false, "raw": true]))
        #expect(search.first("history_reply")?.content["history"] == [[1, 2, "2 + 2"]])
        let bad = try await harness.exchange(ClientRequest.make("history_request", ["hist_access_type": "nope"]))
        #expect(bad.first("history_reply")?.content["status"] == "error")
    }
}
