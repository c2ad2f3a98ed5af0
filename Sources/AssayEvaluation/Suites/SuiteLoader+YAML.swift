import AssayCore
import CYaml
import Foundation
import Yams

extension SuiteLoader {
    private static let yamlLayoutHint = "write a list of cases (- id: a ↵ input: ...), or a mapping with a cases: list"

    /// Reads a YAML suite (through Yams): a top-level list of case mappings, or a mapping whose
    /// `cases` member is that list. Scalars keep YAML's types (`3` is a number, `"3"` a string).
    static func readYAML(_ bytes: UnsafeBufferPointer<UInt8>, into collector: inout CaseCollector) throws(SuiteLoadError) {
        let text = String(decoding: bytes, as: UTF8.self)
        let places = YAMLPlaces(end: SourcePosition(offset: bytes.count, in: bytes))
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw yamlError(error, path: collector.path, places: places)
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
            let place = places.position(of: other.mark)
            throw SuiteLoadError(.invalidLayout, path: collector.path, line: place?.line, column: place?.column,
                                 message: "expected a list of cases or a mapping with a cases: list", hint: yamlLayoutHint)
        }
        // A case written as an alias (`- *a`) composes to the anchored node, whose mark is the
        // anchor's place; libyaml's events say where each case itself is written.
        let itemPlaces = YAMLPlaces.casePlaces(bytes).flatMap { $0.count == items.count ? $0 : nil }
        for (index, item) in items.enumerated() {
            let record: JSONValue
            do throws(SuiteLoadError) { record = try json(item, path: collector.path, places: places) } catch {
                try collector.reject(error)
                continue
            }
            let place = itemPlaces.map { places.clamped($0[index]) } ?? places.position(of: item.mark)
            try collector.add(record, line: place?.line ?? 1, column: place?.column, hintForNonObject: yamlLayoutHint)
        }
    }

    /// A YAML node as JSON: mappings keep their key order; keys must be scalars.
    static func json(_ node: Node, path: String, places: YAMLPlaces) throws(SuiteLoadError) -> JSONValue {
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
            for element in sequence { elements.append(try json(element, path: path, places: places)) }
            return .array(elements)
        case .mapping(let mapping):
            var object = JSONObject()
            for (key, value) in mapping {
                guard case .scalar(let name) = key else {
                    let place = places.position(of: key.mark)
                    throw SuiteLoadError(.malformedRecord, path: path, line: place?.line, column: place?.column,
                                         message: "a mapping key must be a plain value, not a list or a mapping")
                }
                object[name.string] = try json(value, path: path, places: places)
            }
            return .object(object)
        case .alias:
            let place = places.position(of: node.mark)
            throw SuiteLoadError(.malformedRecord, path: path, line: place?.line, column: place?.column,
                                 message: "YAML aliases (*name) are not supported in suites; write the value out")
        }
    }

    /// A Yams error at its line and column.
    private static func yamlError(_ error: YamlError, path: String, places: YAMLPlaces) -> SuiteLoadError {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            // libyaml's own words name a function of its C interface no user can call.
            let problem = problem.hasPrefix("Maximum nesting level reached")
                ? "lists and mappings nest deeper than libyaml's limit of 1000 levels" : problem
            let message = context.map { "\(problem) (\($0.text))" } ?? problem
            let place = places.position(of: mark)
            return SuiteLoadError(.malformedRecord, path: path, line: place?.line, column: place?.column, message: message)
        case .duplicatedKeysInMapping(let duplicates, let context):
            let keys = duplicates.sorted().map { "'\($0)'" }.joined(separator: ", ")
            let place = places.position(of: context.mark)
            return SuiteLoadError(.malformedRecord, path: path, line: place?.line, column: place?.column,
                                  message: "a mapping has the key\(duplicates.count == 1 ? "" : "s") \(keys) more than once",
                                  hint: "write each key of a case once")
        default:
            return SuiteLoadError(.malformedRecord, path: path, message: "\(error)")
        }
    }
}

/// Where Yams's marks are in the suite's text. libyaml places what it finds at the end of a text
/// without a final line break (an error, an empty document) on the line after the last one; such a
/// place becomes the end of the text, so that every position names a line the file has.
struct YAMLPlaces {
    /// The position just past the text's last character.
    let end: SourcePosition

    func position(of mark: Mark?) -> SourcePosition? {
        guard let mark else { return nil }
        return clamped(SourcePosition(line: mark.line, column: mark.column))
    }

    func clamped(_ place: SourcePosition) -> SourcePosition {
        (place.line, place.column) > (end.line, end.column) ? end : place
    }

    /// Where each case of a suite's list is written, in order, from libyaml's events: the list at
    /// the top, or the list that the top mapping's `cases` key holds. An alias (`- *a`) is at its
    /// own place, where a composed node would be at its anchor's. Nil when the text does not parse
    /// or the cases are not such a list (`cases: *list`); the nodes' marks then say.
    static func casePlaces(_ bytes: UnsafeBufferPointer<UInt8>) -> [SourcePosition]? {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { return nil }
        defer { yaml_parser_delete(&parser) }
        yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
        yaml_parser_set_input_string(&parser, bytes.baseAddress, bytes.count)
        var depth = 0
        var casesDepth: Int?
        var rootIsMapping = false
        var rootMembers = 0
        var keyIsCases = false
        var places: [SourcePosition] = []
        while true {
            var event = yaml_event_t()
            guard yaml_parser_parse(&parser, &event) == 1 else { return nil }
            defer { yaml_event_delete(&event) }
            let type = event.type
            if type == YAML_STREAM_END_EVENT || type == YAML_DOCUMENT_END_EVENT { break }
            if type == YAML_SEQUENCE_END_EVENT || type == YAML_MAPPING_END_EVENT {
                depth -= 1
                if let level = casesDepth, depth < level { return places }
                continue
            }
            let isNode = type == YAML_SCALAR_EVENT || type == YAML_ALIAS_EVENT
                || type == YAML_SEQUENCE_START_EVENT || type == YAML_MAPPING_START_EVENT
            guard isNode else { continue }
            let mark = event.start_mark
            if depth == casesDepth {
                places.append(SourcePosition(line: Int(mark.line) + 1, column: Int(mark.column) + 1))
            } else if depth == 0 {
                rootIsMapping = type == YAML_MAPPING_START_EVENT
                if type == YAML_SEQUENCE_START_EVENT { casesDepth = 1 }
            } else if depth == 1, rootIsMapping, casesDepth == nil {
                if rootMembers % 2 == 0 {
                    keyIsCases = type == YAML_SCALAR_EVENT
                        && String(decoding: UnsafeBufferPointer(start: event.data.scalar.value, count: event.data.scalar.length), as: UTF8.self) == "cases"
                } else if keyIsCases, type == YAML_SEQUENCE_START_EVENT {
                    casesDepth = 2
                }
                rootMembers += 1
            }
            if type == YAML_SEQUENCE_START_EVENT || type == YAML_MAPPING_START_EVENT { depth += 1 }
        }
        return nil
    }
}
