// libFuzzer entry point of the `language` target: the lexer, the parser and the completeness
// check on arbitrary bytes. Any input must end in a program or a diagnostic.

import AssayCore

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzLanguage(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let source = SourceFile(name: "fuzz.assay", text: text)
    do {
        _ = try Parser.parse(source)
    } catch {
        // A diagnostic must point into the text.
        let location = error.location
        precondition(location.line >= 1 && location.column >= 1)
        _ = DiagnosticRenderer().render(error)
    }
    _ = Completeness.of(text)
    return 0
}
