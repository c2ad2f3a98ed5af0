import AssayCore
@testable import AssayLanguage
import Foundation
import Testing

/// Input nested deeper than the parser's limit is a located error, never a stack overflow.
@Suite struct NestingLimitTests {
    func parse(_ text: String) throws(Diagnostic) -> Program {
        try Parser.parse(SourceFile(name: "d.assay", text: text))
    }

    /// The diagnostic parsing `text` ends with; nil when it parses.
    func failure(_ text: String) -> Diagnostic? {
        do {
            _ = try parse(text)
            return nil
        } catch {
            return error
        }
    }

    @Test("20,000 nested parentheses end in 'nesting deeper than 256' at the bracket past the limit")
    func deepParentheses() throws {
        let text = String(repeating: "(", count: 20_000) + "1" + String(repeating: ")", count: 20_000)
        let diagnostic = try #require(failure(text))
        #expect(diagnostic.id == "syntax.too-deep")
        #expect(diagnostic.message == "nesting deeper than \(Parser.maximumNesting)")
        #expect(diagnostic.location == SourcePosition(line: 1, column: Parser.maximumNesting + 1))
    }

    @Test("the diagnostic of a 40,000-character line shows a window of it, with the caret under the place")
    func longLineWindow() throws {
        let text = String(repeating: "(", count: 20_000) + "1" + String(repeating: ")", count: 20_000)
        let lines = DiagnosticRenderer().lines(for: try #require(failure(text)))
        #expect(lines[0] == "d.assay:1:257: error: nesting deeper than 256")
        #expect(lines[1].count <= DiagnosticRenderer.widestLine + 2)
        #expect(lines[1].hasPrefix("…(") && lines[1].hasSuffix("(…"))
        let caret = try #require(lines[2].firstIndex(of: "^"))
        #expect(lines[2].distance(from: lines[2].startIndex, to: caret) == 1 + DiagnosticRenderer.widestLine / 3)
    }

    @Test("lists, records, calls, lambdas and unary operators count toward the limit", arguments: [
        String(repeating: "[", count: 300) + String(repeating: "]", count: 300),
        String(repeating: "{a: ", count: 300) + "1" + String(repeating: "}", count: 300),
        String(repeating: "f(", count: 300) + String(repeating: ")", count: 300),
        String(repeating: "x => ", count: 300) + "x",
        String(repeating: "-", count: 300) + "1",
        String(repeating: "not ", count: 300) + "true",
        "x" + String(repeating: "[x", count: 300) + String(repeating: "]", count: 300),
    ])
    func everyKindOfNesting(text: String) {
        #expect(failure(text)?.id == "syntax.too-deep")
    }

    @Test("nesting up to the limit parses on a thread with 8 MiB of stack, as the main thread has")
    func atTheLimit() async {
        let depth = Parser.maximumNesting - 1
        let text = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        let outcome = await onSmallStack { [self] in failure(text) == nil }
        #expect(outcome)
        let deeper = await onSmallStack { [self] in failure("((" + text + "))")?.id ?? "" }
        #expect(deeper == "syntax.too-deep")
    }

    /// Runs `body` on a new thread with the stack of a process's main thread (unoptimised builds
    /// use about 17 KiB of it per level of nesting).
    func onSmallStack<Value: Sendable>(_ body: @escaping @Sendable () -> Value) async -> Value {
        await withCheckedContinuation { continuation in
            let thread = Thread { continuation.resume(returning: body()) }
            thread.stackSize = 8 << 20
            thread.start()
        }
    }
}
