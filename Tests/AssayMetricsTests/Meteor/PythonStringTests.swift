@testable import AssayMetrics
import Testing

/// Lower-casing follows Python's `str.lower()`, code point by code point.
@Suite("Python lower-casing")
struct PythonStringTests {
    private func lower(_ text: String) -> String {
        String(String.UnicodeScalarView(PythonString.lowercased(Array(text.unicodeScalars))))
    }

    @Test("ASCII letters are lower-cased, everything else kept")
    func ascii() {
        #expect(lower("Hello, WORLD 42_x") == "hello, world 42_x")
    }

    @Test("a capital sigma ending a word becomes a final sigma")
    func finalSigma() {
        #expect(Array(lower("\u{039F}\u{0394}\u{039F}\u{03A3}").unicodeScalars)
            == Array("\u{03BF}\u{03B4}\u{03BF}\u{03C2}".unicodeScalars))
        #expect(Array(lower("\u{03A3}\u{0391}\u{03A3}.").unicodeScalars)
            == Array("\u{03C3}\u{03B1}\u{03C2}.".unicodeScalars))
    }

    @Test("a lone capital sigma becomes a medial sigma")
    func loneSigma() {
        #expect(Array(lower("\u{03A3}").unicodeScalars) == ["\u{03C3}"])
    }

    @Test("full mappings can lengthen the text: dotted capital I becomes i and a combining dot")
    func dottedCapitalI() {
        #expect(Array(lower("\u{0130}").unicodeScalars) == ["i", "\u{0307}"])
    }

    @Test("the Kelvin sign lower-cases to k, and it is not the same text as K")
    func kelvin() {
        #expect(Array(lower("\u{212A}").unicodeScalars) == ["k"])
        #expect(PythonString.lowercased(["\u{212A}"]) != ["K"])
    }
}
