import AssayCore
import Testing

@Suite("Did you mean")
struct SuggestionTests {
    @Test("close names are suggested, far ones are not", arguments: [
        ("rogue", ["rouge", "bleu", "chrf"], ["rouge"]),
        ("lenn", ["len", "keys"], ["len"]),
        ("x", ["len", "max"], []),
        ("summray", ["summary", "cases"], ["summary"]),
        ("gtp4o", ["gpt4o", "gpt4o-mini", "perfect"], ["gpt4o"]),
        ("endfro", ["endfor", "endif", "for"], ["endfor"]),
    ])
    func suggestions(name: String, candidates: [String], expected: [String]) {
        #expect(Suggestion.closest(to: name, among: candidates) == expected)
    }

    @Test("the allowed distance grows with the name: one edit up to three characters, two up to six, then three",
          arguments: [(0, 1), (1, 1), (3, 1), (4, 2), (6, 2), (7, 3), (12, 3)])
    func allowedDistance(length: Int, allowed: Int) {
        #expect(Suggestion.allowedDistance(forLength: length) == allowed)
    }

    @Test("case is ignored when measuring, the name itself is never offered, ties come alphabetically")
    func ordering() {
        #expect(Suggestion.closest(to: "input", among: ["Input", "input"]) == ["Input"])
        #expect(Suggestion.closest(to: "cat", among: ["cut", "bat", "car"]) == ["bat", "car", "cut"])
        #expect(Suggestion.closest(to: "cat", among: ["cut", "bat", "car"], limit: 1) == ["bat"])
    }

    @Test("the hint names every close candidate, or is nil")
    func sentence() {
        #expect(Suggestion.didYouMean("lenn", among: ["len", "lens"]) == "did you mean 'len' or 'lens'?")
        #expect(Suggestion.didYouMean("zzzzzz", among: ["len"]) == nil)
    }

    @Test("edit distance counts a swap of neighbours as one edit")
    func transposition() {
        #expect(Suggestion.editDistance("rouge", "rogue") == 1)
        #expect(Suggestion.editDistance("", "abc") == 3)
        #expect(Suggestion.editDistance("kitten", "sitting") == 3)
    }
}
