// libFuzzer entry point of the `json` target: AssayCore's JSON parser on arbitrary bytes. Any text
// must parse, and then write back to text that parses to the same value, or fail with a located error.

import AssayCore

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSON(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    if let value = try? JSONValue.parse(text) {
        let again = try? JSONValue.parse(value.serialized())
        precondition(again == value, "a parsed value does not survive writing and parsing again")
    }
    return 0
}
