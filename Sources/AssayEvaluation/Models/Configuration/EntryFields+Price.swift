import AssayCore

/// Reading an entry's `"price": {"input": 0.15, "output": 0.60}` (US dollars per million tokens).
extension EntryFields {
    /// The entry's price, nil when it has none; an error at the `price` value naming the model and
    /// the field when it is not an object of two non-negative numbers.
    func price(model name: String) throws(ModelConfigurationError) -> ModelPrice? {
        guard let found = member("price"), !found.value.isNull else { return nil }
        let example = #"write "price": {"input": 0.15, "output": 0.60}, in US dollars per million tokens"#
        func failure(_ message: String) -> ModelConfigurationError {
            ModelConfigurationError(.invalidEntry, at: found.source, message: "model '\(name)': \(message)", hint: example)
        }
        guard let object = found.value.objectValue else {
            throw failure("\"price\" must be an object, found \(found.value.kindDescription)")
        }
        let known = ["input", "output"]
        for (key, _) in object where !known.contains(key) {
            let suggestion = Suggestion.didYouMean(key, among: known)
            throw ModelConfigurationError(.invalidEntry, at: found.source,
                                          message: "model '\(name)': \"price\" has an unknown field \"\(key)\"",
                                          hint: suggestion ?? example)
        }
        func amount(_ key: String) throws(ModelConfigurationError) -> Double {
            guard let value = object[key], !value.isNull else { throw failure("\"price\" has no \"\(key)\"") }
            guard let number = value.doubleValue else {
                throw failure("\"price.\(key)\" must be a number, found \(value.kindDescription)")
            }
            guard number >= 0, number.isFinite else { throw failure("\"price.\(key)\" cannot be negative, found \(number)") }
            return number
        }
        return ModelPrice(input: try amount("input"), output: try amount("output"))
    }
}
