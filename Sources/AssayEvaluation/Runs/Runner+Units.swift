extension Runner {
    /// The units of work, each evaluated by one task: groups of `group` cases of the same sample in
    /// suite order (`group: n`), otherwise one case each.
    static func workUnits(_ items: [WorkItem], group: Int) -> [[WorkItem]] {
        guard group > 1 else { return items.map { [$0] } }
        let bySample = Dictionary(grouping: items, by: \.sample)
        return bySample.keys.sorted().flatMap { sample in
            let ordered = bySample[sample]!.sorted { $0.position < $1.position }
            return stride(from: 0, to: ordered.count, by: group).map { Array(ordered[$0..<min($0 + group, ordered.count)]) }
        }
    }

    /// Checks the settings multi-turn cases and groups depend on.
    static func validateTurnsAndGroups(_ spec: RunSpec) throws(RunError) {
        if spec.group < 1 { throw RunError(.invalidSpec, "group must be at least 1, not \(spec.group)") }
        for testCase in spec.suite.cases where testCase.isMultiTurn {
            if let problem = testCase.turnsProblem { throw RunError(.invalidSpec, problem) }
            if spec.group > 1 {
                throw RunError(.invalidSpec, "case '\(testCase.id)' has turns, and multi-turn cases cannot be grouped: "
                               + "run them with group: 1 (the default)")
            }
            guard let turns = testCase.turns else { continue }
            for (index, turn) in turns.enumerated() {
                do {
                    if try ToolResult.results(in: turn) != nil, index == 0 {
                        throw ToolResultError("'\(ToolResult.field)' answers the calls of the answer before, and the first turn has none")
                    }
                } catch {
                    throw RunError(.invalidSpec, "case '\(testCase.id)', turn \(index + 1): \(error)")
                }
            }
            guard spec.history == .expected else { continue }
            for index in turns.indices.dropLast() where testCase.turn(index).expected == nil
                && testCase.turn(index).fields[MockChatModel.expectedCallsField] == nil {
                throw RunError(.invalidSpec, "history: \"expected\" shows each earlier turn's expected value, but turn "
                               + "\(index + 1) of case '\(testCase.id)' has none: add it, or use history: \"model\"")
            }
        }
    }
}
