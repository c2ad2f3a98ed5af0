// libFuzzer entry point of the `json` target: AssayCore's JSON parser on arbitrary bytes. Any text
// must parse, and then write back to text that parses to the same value, or fail with a located error.
// An object the canonical writer accepts must parse, to a value whose canonical text is the writer's.

import AssayCore

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSON(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    var text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let parsed = try? JSONValue.parse(text)
    if let value = parsed {
        let again = try? JSONValue.parse(value.serialized())
        precondition(again == value, "a parsed value does not survive writing and parsing again")
    }
    text.withUTF8 { bytes in
        var writer = JSONCanonicalWriter()
        guard writer.writeObject(bytes, from: 0, acceptsTopLevelKey: { _ in true }) else { return }
        precondition(parsed?.canonicalBytes() == writer.output, "the canonical writer differs from the parsed value's canonical text")
    }
    return 0
}
