// libFuzzer entry point of the `template` target: template compilation (the lexer, the expression
// parser and the block structure) and the evaluation of the compiled expressions against a case.
// Any text must compile or fail with a located error.

import AssayCore

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTemplate(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    var compiler = TemplateCompiler(text: text)
    do throws(TemplateFailure) {
        let program = try compiler.compile()
        let fields: JSONObject = ["input": "x", "tags": ["a", "b"], "n": 3, "record": ["k": [1, 2.5, .null]]]
        let scope = TemplateScope(lookup: { fields[$0] }, fieldNames: ["input", "tags", "n", "record"], loopVariables: [])
        let evaluator = ExpressionEvaluator(source: Array(text.utf8), scope: scope)
        for slot in program.slots {
            _ = try? evaluator.evaluate(slot.expression, strict: false)
            _ = try? evaluator.evaluate(slot.expression, strict: true)
        }
    } catch {
        if let range = error.range {
            // Invalid UTF-8 was replaced while decoding, so the text's length is the measure.
            precondition(range.lowerBound >= 0 && range.upperBound <= text.utf8.count, "the error points outside the text")
        }
    }
    return 0
}
