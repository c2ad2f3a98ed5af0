// libFuzzer entry point of the `suite` target: suite loading (JSONL, JSON, CSV and YAML through
// Yams) on arbitrary bytes, each input read in every format, strictly and skipping bad records. A
// load must end in a suite whose ids are unique, or in an error placed inside the input.

import AssayCore

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSuite(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    // Lines end in LF, CRLF or (in CSV) a lone CR.
    let lineCount = zip(bytes, bytes.dropFirst() + [0]).count { byte, next in
        byte == UInt8(ascii: "\n") || (byte == UInt8(ascii: "\r") && next != UInt8(ascii: "\n"))
    } + 1
    for format in SuiteFormat.allCases {
        for skipBad in [false, true] {
            do {
                let suite = try SuiteLoader.parse(bytes: bytes, format: format, path: "fuzz.\(format.rawValue)", skipBad: skipBad)
                precondition(Set(suite.cases.map(\.id)).count == suite.cases.count, "two cases share an id")
                precondition(suite.cases.allSatisfy { $0.fields["id"] != nil }, "a case without an id field")
                precondition(skipBad || suite.skipped.isEmpty, "a strict load skipped records")
            } catch {
                if let line = error.line {
                    precondition((1...lineCount).contains(line), "error at line \(line) of \(lineCount): \(error)")
                }
                precondition(error.description.hasPrefix("fuzz.\(format.rawValue)"), "the error does not name the file")
            }
        }
    }
    return 0
}
