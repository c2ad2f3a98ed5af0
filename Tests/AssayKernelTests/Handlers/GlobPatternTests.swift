import AssayKernel
import Testing

@Suite("Glob patterns for history search")
struct GlobPatternTests {
    @Test("patterns match whole strings", arguments: [
        ("*", "", true), ("*", "anything", true), ("a*", "abc", true), ("a*", "bac", false),
        ("*c", "abc", true), ("a*c", "abxc", true), ("a*c", "abcd", false), ("a?c", "abc", true),
        ("a?c", "ac", false), ("*a*b*", "xxaxxbxx", true), ("*a*b*", "xxbxxaxx", false),
        ("[abc]x", "bx", true), ("[a-c]x", "dx", false), ("[!a-c]x", "dx", true), ("[^a]x", "ax", false),
        ("[]]", "]", true), ("[", "[", true), ("6 \\* 7", "6 * 7", false), ("6 * 7", "6 * 7", true),
        ("Abc", "abc", false), ("é*", "éclair", true),
    ])
    func matching(pattern: String, text: String, matches: Bool) {
        #expect(GlobPattern(pattern).matches(text) == matches)
    }
}
