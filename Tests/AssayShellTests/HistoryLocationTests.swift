import Testing

@testable import AssayShell

@Suite("Where the history file lives")
struct HistoryLocationTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let id: String
        let environment: [String: String]
        let path: String?
        var testDescription: String { id }
    }

    @Test(arguments: [
        Case(
            id: "ASSAY_HISTORY wins",
            environment: ["ASSAY_HISTORY": "/h/custom", "XDG_STATE_HOME": "/s", "HOME": "/home/u"], path: "/h/custom"),
        Case(id: "then XDG_STATE_HOME", environment: ["XDG_STATE_HOME": "/s", "HOME": "/home/u"], path: "/s/assay/history"),
        Case(id: "a trailing slash is not doubled", environment: ["XDG_STATE_HOME": "/s/"], path: "/s/assay/history"),
        Case(
            id: "a relative XDG_STATE_HOME is ignored", environment: ["XDG_STATE_HOME": "state", "HOME": "/home/u"],
            path: "/home/u/.local/state/assay/history"),
        Case(id: "then ~/.local/state", environment: ["HOME": "/home/u"], path: "/home/u/.local/state/assay/history"),
        Case(
            id: "an empty ASSAY_HISTORY counts as unset", environment: ["ASSAY_HISTORY": "", "HOME": "/home/u"],
            path: "/home/u/.local/state/assay/history"),
        Case(id: "no home, no file", environment: [:], path: nil),
    ])
    func location(_ example: Case) {
        #expect(HistoryLocation.path(environment: example.environment) == example.path)
    }

    @Test("colour is refused by a non-empty NO_COLOR and by TERM=dumb only", arguments: [
        (["TERM": "xterm"], true),
        (["TERM": "xterm", "NO_COLOR": "1"], false),
        (["TERM": "xterm", "NO_COLOR": ""], true),
        (["TERM": "dumb"], false),
    ])
    func colour(environment: [String: String], allowed: Bool) {
        #expect(ShellOptions.colorIsWanted(environment: environment) == allowed)
    }
}
