import Testing

@testable import AssayShell

@Suite("What Tab does with the session's matches")
struct CompletionListingTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let id: String
        let matches: [String]
        let typed: String
        let replacement: String?
        let shown: [String]
        var testDescription: String { id }
    }

    @Test(arguments: [
        Case(id: "no match changes nothing", matches: [], typed: "zz", replacement: nil, shown: []),
        Case(id: "one match replaces the typed text", matches: ["alpha_value"], typed: "alp", replacement: "alpha_value", shown: []),
        Case(id: "one match equal to the text changes nothing", matches: ["len"], typed: "len", replacement: nil, shown: []),
        Case(id: "a repeated match counts once", matches: ["score", "score"], typed: "sc", replacement: "score", shown: []),
        Case(
            id: "several matches insert their common prefix and are listed",
            matches: ["filter_a", "filter_b"], typed: "fi", replacement: "filter_", shown: ["filter_a", "filter_b"]),
        Case(
            id: "several matches with nothing more in common are only listed",
            matches: ["scale", "score"], typed: "sc", replacement: nil, shown: ["scale", "score"]),
        Case(
            id: "matches that do not extend the typed text never shorten it",
            matches: ["Score", "scale"], typed: "sc", replacement: nil, shown: ["Score", "scale"]),
    ])
    func plan(_ example: Case) {
        let listing = CompletionListing(matches: example.matches, typed: example.typed)
        #expect(listing.replacement == example.replacement)
        #expect(listing.shownMatches == example.shown)
    }

    @Test("the common prefix is taken in whole characters")
    func commonPrefixOfCharacters() {
        #expect(CompletionListing.commonPrefix(of: ["café_a", "café_b"]) == "café_")
        #expect(CompletionListing.commonPrefix(of: ["abc", "xyz"]) == "")
        #expect(CompletionListing.commonPrefix(of: []) == "")
    }

    @Test("matches are laid out down then across, as many columns as fit")
    func columns() {
        let matches = ["alpha", "beta", "gamma", "delta", "epsilon"]
        // Cells are 7 + 2 wide: 20 columns fit two of them.
        #expect(
            CompletionListing.columns(matches, width: 20) == [
                "alpha    delta",
                "beta     epsilon",
                "gamma",
            ])
        #expect(CompletionListing.columns(matches, width: 200) == ["alpha    beta     gamma    delta    epsilon"])
        #expect(CompletionListing.columns(["a-very-long-name"], width: 4) == ["a-very-long-name"])
    }
}
