import AssayMetrics
import Testing

/// METEOR's formula and its edge cases.
@Suite("Meteor")
struct MeteorTests {
    let meteor = Meteor()

    @Test("identical two-word sentences: one chunk of two matches gives 1 - 0.5 * (1/2)^3")
    func identicalPair() throws {
        #expect(try meteor.score(hypothesis: ["a", "b"], reference: ["a", "b"]) == 0.9375)
    }

    @Test("case is ignored")
    func caseIgnored() throws {
        #expect(try meteor.score(hypothesis: ["A", "B"], reference: ["a", "b"]) == 0.9375)
    }

    @Test("stems match: 'cats' and 'cat'")
    func stemMatch() throws {
        #expect(try meteor.score(hypothesis: ["cats"], reference: ["cat"]) == 0.5)
    }

    @Test("WordNet synonyms match: 'physician' and 'doctor' share a synset")
    func synonymMatch() throws {
        // Stems: "physician" and "doctor"; "doctor" is a lemma of a synset of "physician".
        #expect(try meteor.score(hypothesis: ["physician"], reference: ["doctor"]) == 0.5)
    }

    @Test("nothing in common, an empty side or no references score 0")
    func zeroCases() throws {
        #expect(try meteor.score(hypothesis: ["John", "loves", "Mary"], reference: ["a", "cat"]) == 0)
        #expect(try meteor.score(hypothesis: [], reference: ["a"]) == 0)
        #expect(try meteor.score(hypothesis: ["a"], reference: []) == 0)
        #expect(try meteor.score(hypothesis: ["a"], references: []) == 0)
    }

    @Test("with several references the best one counts")
    func bestReference() throws {
        let hypothesis = ["the", "cat", "sat"]
        let weak = ["a", "dog", "sat"]
        let strong = ["the", "cat", "sat", "down"]
        let best = try meteor.score(hypothesis: hypothesis, references: [weak, strong])
        #expect(best == (try meteor.score(hypothesis: hypothesis, reference: strong)))
        #expect(best > (try meteor.score(hypothesis: hypothesis, reference: weak)))
    }

    @Test("text input is tokenized like the reference data")
    func textInput() throws {
        let fromText = try meteor.score(hypothesis: "The cat, sat.", references: ["the cat sat"])
        let fromTokens = try meteor.score(
            hypothesis: ["The", "cat", ",", "sat", "."], references: [["the", "cat", "sat"]])
        #expect(fromText == fromTokens)
    }

    @Test("alpha, beta and gamma change the score as the formula says")
    func parameters() throws {
        // One match of two hypothesis words and one reference word: P = 1/2, R = 1, one chunk.
        let custom = Meteor(alpha: 0.5, beta: 1, gamma: 0.2)
        let fmean = (0.5 * 1.0) / (0.5 * 0.5 + 0.5 * 1.0)
        #expect(try custom.score(hypothesis: ["a", "x"], reference: ["a"]) == (1 - 0.2) * fmean)
    }
}
