import Foundation
import Testing

/// The multi-turn example, `examples/menu/orders.assay`, run by the real binary.
@Suite("The multi-turn orders example")
struct OrdersExampleTests {
    @Test("the orders script runs every conversation turn by turn and prints each turn's answer")
    func ordersScript() async throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let home = try AssayProcess.temporaryDirectory()
        let result = try await AssayProcess.run(["examples/menu/orders.assay"], in: root, environment: ["ASSAY_HOME": home.path])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardError == "")
        let output = result.standardOutput
        #expect(output.hasPrefix("Loaded 5 conversations, 15 turns\n"))
        #expect(output.contains("\"orders\" completed · model perfect · 5 results, 5 ok, 0 errors"))
        // One line per turn: the conversation, the turn, what was said, what was answered, the score.
        let lines = output.split(separator: "\n").map(String.init)
        let turnLines = lines.filter { $0.contains(" | ") }
        #expect(turnLines.count == 15)
        #expect(turnLines.prefix(3) == [
            "o1 0 | a cheeseburger please -> 1 cheeseburger | exact 1",
            "o1 1 | make it two -> 2 cheeseburger | exact 1",
            "o1 2 | that's all -> 2 cheeseburger | exact 1",
        ])
        #expect(turnLines.contains("o2 1 | sorry, a diet coke instead of the coke -> 1 diet coke, 1 large fries | exact 1"))
        #expect(turnLines.filter { $0.hasPrefix("o3 ") }.count == 4)
        // The paths into the turns: the first conversation's second answer, and every last answer.
        #expect(lines.contains("2 cheeseburger"))
        #expect(lines.last == #"["2 cheeseburger", "1 diet coke, 1 large fries", "1 veggie wrap (no onions), 1 coffee (black)", "2 chicken nuggets (10 piece), 1 small shake", "1 fish sandwich"]"#)
    }
}
