// libFuzzer entry point of the `classify` target: the parsers of classification answers (one label,
// a set of labels) and of JSON answers, on arbitrary text. The input's first line holds the labels,
// separated by `|`; the rest is the answer. A label found must be one of the labels, as written
// there; a set must hold labels of the list, each once, in the list's order; anything else must be
// an `ExtractionError`.

import AssayCore

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzClassify(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let newline = text.firstIndex(of: "\n") ?? text.endIndex
    let labels = text[..<newline].split(separator: "|").map(String.init)
    let answer = newline < text.endIndex ? String(text[text.index(after: newline)...]) : ""

    if case .string(let label)? = try? AnswerParsing.label(in: answer, labels: labels) {
        precondition(labels.contains(label), "the label '\(label)' is not among the labels")
    }
    if let found = try? AnswerParsing.labelSet(in: answer, labels: labels) {
        guard case .array(let items) = found else { preconditionFailure("a label set that is not a list") }
        let positions = items.map { item in labels.firstIndex { .string($0) == item } }
        precondition(!items.isEmpty && positions.allSatisfy { $0 != nil }, "a set holds a label not among the labels")
        precondition(zip(positions, positions.dropFirst()).allSatisfy { $0! < $1! }, "a set out of the labels' order or twice")
    }
    if let value = try? AnswerParsing.json(in: answer) {
        precondition((try? JSONValue.parse(value.serialized())) == value, "an extracted value does not survive writing")
    }
    _ = Extraction.labelKey(answer)
    return 0
}
