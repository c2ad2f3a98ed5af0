import AssayCore
import Foundation
import Yams

extension SuiteLoader {
    private static let yamlLayoutHint = "write a list of cases (- id: a ↵ input: ...), or a mapping with a cases: list"

    /// Reads a YAML suite (through Yams): a top-level list of case mappings, or a mapping whose
    /// `cases` member is that list. Scalars keep YAML's types (`3` is a number, `"3"` a string).
    static func readYAML(_ bytes: UnsafeBufferPointer<UInt8>, into collector: inout CaseCollector) throws(SuiteLoadError) {
        let text = String(decoding: bytes, as: UTF8.self)
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw yamlError(error, path: collector.path, text: text)
        } catch {
            throw SuiteLoadError(.malformedRecord, path: collector.path, message: "\(error)")
        }
        var items: [Node]
        switch root {
        case .sequence(let sequence)?:
            items = Array(sequence)
        case .mapping(let mapping)? where mapping["cases"]?.sequence != nil:
            items = Array(mapping["cases"]!.sequence!)
        case nil:
            items = []
        case let other?:
            throw SuiteLoadError(.invalidLayout, path: collector.path, line: other.mark?.line, column: other.mark?.column,
                                 message: "expected a list of cases or a mapping with a cases: list", hint: yamlLayoutHint)
        }
        for item in items {
            let record: JSONValue
            do throws(SuiteLoadError) { record = try json(item, path: collector.path) } catch {
                try collector.reject(error)
                continue
            }
            try collector.add(record, line: item.mark?.line ?? 1, column: item.mark?.column, hintForNonObject: yamlLayoutHint)
        }
    }

    /// A YAML node as JSON: mappings keep their key order; keys must be scalars.
    static func json(_ node: Node, path: String) throws(SuiteLoadError) -> JSONValue {
        switch node {
        case .scalar(let scalar):
            // Only plain scalars have types: `3` is a number, `"3"` and `'3'` are strings.
            guard scalar.style == .plain || scalar.style == .any else { return .string(scalar.string) }
            if node.null != nil { return .null }
            if let flag = node.bool { return .bool(flag) }
            if let number = node.int { return .int(number) }
            if let number = node.float { return .double(number) }
            return .string(scalar.string)
        case .sequence(let sequence):
            var elements: [JSONValue] = []
            for element in sequence { elements.append(try json(element, path: path)) }
            return .array(elements)
        case .mapping(let mapping):
            var object = JSONObject()
            for (key, value) in mapping {
                guard case .scalar(let name) = key else {
                    throw SuiteLoadError(.malformedRecord, path: path, line: key.mark?.line, column: key.mark?.column,
                                         message: "a mapping key must be a plain value, not a list or a mapping")
                }
                object[name.string] = try json(value, path: path)
            }
            return .object(object)
        case .alias:
            throw SuiteLoadError(.malformedRecord, path: path, line: node.mark?.line, column: node.mark?.column,
                                 message: "YAML aliases (*name) are not supported in suites; write the value out")
        }
    }

    /// A Yams error at its line and column. libyaml places a problem found at the end of a text
    /// without a final line break on the line after the last one; such a place becomes the end of
    /// the text, so that the position names a line the file has.
    private static func yamlError(_ error: YamlError, path: String, text: String) -> SuiteLoadError {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            let message = context.map { "\(problem) (\($0.text))" } ?? problem
            let end = SourcePosition(offset: text.utf8.count, in: text.utf8)
            let position = (mark.line, mark.column) > (end.line, end.column)
                ? end : SourcePosition(line: mark.line, column: mark.column)
            return SuiteLoadError(.malformedRecord, path: path, line: position.line, column: position.column, message: message)
        default:
            return SuiteLoadError(.malformedRecord, path: path, message: "\(error)")
        }
    }
}
