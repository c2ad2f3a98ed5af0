import AssayCore

extension Suite {
    /// The suite with its input and expected answer read from other fields: `run(…, input:
    /// "user", expected: "answer")`, as GoTaglio's calculator sample keeps its expected value in
    /// `answer`. Each case (and each turn of a conversation) gets `input` and `expected` copies of
    /// those fields; its id and its other fields stay.
    ///
    /// - Parameters:
    ///   - input: The field that holds the input, or nil to keep `input`.
    ///   - expected: The field that holds the expected answer, or nil to keep `expected`.
    /// - Returns: The suite with the fields named as templates and metrics read them.
    public func naming(input: String?, expected: String?) -> Suite {
        func renamed(_ fields: JSONObject) -> JSONObject {
            var fields = fields
            if let input, let value = fields[input] { fields["input"] = value }
            if let expected, let value = fields[expected] { fields["expected"] = value }
            return fields
        }
        var suite = self
        suite.cases = cases.map { testCase in
            var fields = renamed(testCase.fields)
            if case .array(let turns)? = fields["turns"] {
                fields["turns"] = .array(turns.map { turn in
                    if case .object(let object) = turn { return .object(renamed(object)) }
                    return turn
                })
            }
            return TestCase(id: testCase.id, fields: fields)
        }
        return suite
    }
}
