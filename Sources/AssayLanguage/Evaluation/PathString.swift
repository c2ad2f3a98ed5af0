import AssayCore

/// A path written as a string, such as `"rouge/rougeL/f1"` or `"cases/*/output"`, for builtins
/// that take a path argument (`get`, `sort`, `worst` …).
///
/// Steps are separated by `/`: a name, an integer (negative counts from the end), `*` for every
/// element, and a trailing `?` on a step for null instead of an error when it is missing.
public struct PathString: Sendable, Hashable {
    /// One parsed step.
    public enum Step: Sendable, Hashable {
        case key(String, optional: Bool)
        case index(Int, optional: Bool)
        case wildcard
    }

    /// The text as given.
    public let text: String
    /// The steps.
    public let steps: [Step]
    /// The argument name used in error messages.
    let argument: String?

    /// Parses a path string.
    public init(_ text: String, argument: String? = nil) throws(BuiltinFailure) {
        self.text = text
        self.argument = argument
        var steps: [Step] = []
        for raw in text.split(separator: "/", omittingEmptySubsequences: false) {
            var part = String(raw)
            if part.isEmpty {
                if text.isEmpty { break }
                throw BuiltinFailure(message: "path '\(text)' has an empty step", hint: "write steps like \"summary/rouge/f1\"", argument: argument, id: "path.bad-path")
            }
            let optional = part.hasSuffix("?")
            if optional { part.removeLast() }
            if part == "*" {
                steps.append(.wildcard)
            } else if let index = Int(part) {
                steps.append(.index(index, optional: optional))
            } else {
                steps.append(.key(part, optional: optional))
            }
        }
        self.steps = steps
    }

    /// Follows the path from a value.
    ///
    /// - Parameter missingIsError: when false, a missing step gives nil instead of an error.
    public func resolve(in value: Value, missingIsError: Bool = true) throws(BuiltinFailure) -> Value? {
        try resolve(steps[...], in: value, walked: "", missingIsError: missingIsError)
    }

    private func resolve(_ steps: ArraySlice<Step>, in value: Value, walked: String, missingIsError: Bool) throws(BuiltinFailure) -> Value? {
        var current = value
        var walked = walked
        var index = steps.startIndex
        while index < steps.endIndex {
            let step = steps[index]
            switch step {
            case .wildcard:
                guard let elements = Interpreter.elements(of: current) else {
                    throw failure("cannot project over \(current.typeName) at '\(walked.isEmpty ? "the value" : walked)'")
                }
                let rest = steps[(index + 1)...]
                let flattens = rest.contains(.wildcard)
                var results: [Value] = []
                for element in elements {
                    let result = try resolve(rest, in: element, walked: walked + "/*", missingIsError: missingIsError) ?? .null
                    if flattens, case .list(let inner) = result { results += inner } else { results.append(result) }
                }
                return .list(results)
            case .key(let key, let optional):
                // The keys are listed only for a message: a suite's case makes its every member
                // to list them, which a path over a million cases must not do for each.
                let found: Value?
                switch current {
                case .record(let record): found = record[key]
                case .object(let object): found = object.member(key)
                default: found = nil
                }
                if let found {
                    current = found
                } else if optional || !missingIsError {
                    return optional ? .null : nil
                } else if case .record(let record) = current {
                    throw missing(key, keys: record.keys, walked: walked)
                } else if case .object(let object) = current {
                    throw missing(key, keys: object.memberNames, walked: walked)
                } else {
                    throw failure("cannot take '\(key)' of \(current.typeName) at '\(walked.isEmpty ? "the value" : walked)'")
                }
                walked += (walked.isEmpty ? "" : "/") + key
            case .index(let position, let optional):
                let count: Int?
                switch current {
                case .list(let items): count = items.count
                case .object(let object): count = object.elementCount
                case .record(let record):
                    count = nil
                    if let found = record[String(position)] { current = found; walked += "/\(position)"; index += 1; continue }
                default: count = nil
                }
                guard let count else {
                    if optional || !missingIsError { return optional ? .null : nil }
                    throw failure("cannot take element \(position) of \(current.typeName) at '\(walked.isEmpty ? "the value" : walked)'")
                }
                let resolved = position < 0 ? count + position : position
                let found: Value? = switch current {
                case .list(let items) where resolved >= 0 && resolved < count: items[resolved]
                case .object(let object) where resolved >= 0 && resolved < count: object.element(at: resolved)
                default: nil
                }
                guard let found else {
                    if optional || !missingIsError { return optional ? .null : nil }
                    throw failure("index \(position) is out of range (\(count) elements) at '\(walked.isEmpty ? "the value" : walked)'")
                }
                current = found
                walked += (walked.isEmpty ? "" : "/") + String(position)
            }
            index += 1
        }
        return current
    }

    private func failure(_ message: String, hint: String? = nil) -> BuiltinFailure {
        BuiltinFailure(message: "path '\(text)': " + message, hint: hint, argument: argument, id: "path.missing-key")
    }

    private func missing(_ key: String, keys: [String], walked: String) -> BuiltinFailure {
        let place = walked.isEmpty ? "the top" : "'\(walked)'"
        let listed = keys.count > 12 ? keys.prefix(12).joined(separator: ", ") + ", …" : keys.joined(separator: ", ")
        let existing = keys.isEmpty ? "nothing is there" : "keys at \(place): \(listed)"
        let hint = Suggestion.didYouMean(key, among: keys).map { "\($0) (\(existing))" } ?? existing
        return failure("no key '\(key)' at \(place)", hint: hint)
    }
}
