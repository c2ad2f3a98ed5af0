import AssayCore

/// Multi-turn cases: a `turns` field holding one record per turn of a conversation.
///
/// A record such as `{"id": "o1", "turns": [{"input": "a cheeseburger", "expected": "1 cheeseburger"},
/// {"input": "make it two", "expected": "2 cheeseburger"}]}` is one conversation: the model answers
/// turn by turn, seeing the conversation so far.
extension TestCase {
    /// Whether the case has a `turns` field (valid or not).
    public var isMultiTurn: Bool {
        field("turns") != nil
    }

    /// The turns' own fields, in order; nil when the case has no `turns` field or when it is not a
    /// non-empty list of records (``turnsProblem`` says what is wrong).
    public var turns: [JSONObject]? {
        guard case .array(let elements)? = field("turns"), !elements.isEmpty else { return nil }
        var turns: [JSONObject] = []
        for element in elements {
            guard case .object(let object) = element else { return nil }
            turns.append(object)
        }
        return turns
    }

    /// Why the `turns` field cannot be used, naming the case; nil when it can or when there is none.
    public var turnsProblem: String? {
        guard let value = field("turns"), turns == nil else { return nil }
        let found: String = switch value {
        case .array(let elements) where elements.isEmpty: "an empty list"
        case .array: "a list with an element that is not a record"
        default: value.kindDescription
        }
        return "case '\(id)': 'turns' must be a non-empty list of records such as "
            + "{\"input\": …, \"expected\": …}, not \(found)"
    }

    /// The case as turn `index` sees it: its fields overlaid by the turn's fields, with `turn` set to
    /// the turn's 0-based index. Templates, models and metrics see this case for the turn, so
    /// `{{ input }}` and `expected` are the turn's (a turn's `user` is its `input` when it has none).
    ///
    /// - Parameter index: The 0-based turn index; must be within ``turns``.
    /// - Returns: The overlaid case, with the same id.
    public func turn(_ index: Int) -> TestCase {
        var overlaid = fields
        if let turns, turns.indices.contains(index) {
            for (key, value) in turns[index] where key != "id" { overlaid[key] = value }
            // GoTaglio's turns say `user:` for what the user sends.
            if turns[index]["input"] == nil, let user = turns[index]["user"] { overlaid["input"] = user }
        }
        overlaid["turn"] = .int(index)
        return TestCase(id: id, fields: overlaid)
    }
}
