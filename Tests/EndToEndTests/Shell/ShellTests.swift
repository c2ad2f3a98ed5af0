import Foundation
import Testing

private typealias Key = PseudoTerminal.Key

/// The interactive shell, driven key by key on a pseudo-terminal.
///
/// Results are matched as whole output lines (`\n42\r\n`: the terminal turns each newline into
/// CR LF), so the echo of the typed line cannot satisfy a check by accident.
@Suite("Interactive shell", .serialized)
struct ShellTests {
    private func line(_ text: String) -> String { "\n\(text)\r\n" }

    @Test("the banner names the program and points to :help, and Ctrl-D on an empty line exits 0")
    func bannerAndControlD() async throws {
        let workspace = try ShellWorkspace()
        defer { workspace.remove() }
        let terminal = try await workspace.start()
        #expect(terminal.rawOutput.hasPrefix("assay "), "\(terminal.transcript)")
        #expect(terminal.rawOutput.contains(":help"), "\(terminal.transcript)")
        await terminal.press(Key.controlD)
        #expect(await terminal.waitForExit() == 0, "\(terminal.transcript)")
    }

    @Test(":quit exits 0")
    func quitCommand() async throws {
        let workspace = try ShellWorkspace()
        defer { workspace.remove() }
        let terminal = try await workspace.start()
        terminal.type(":quit" + Key.enter)
        #expect(await terminal.waitForExit() == 0, "\(terminal.transcript)")
    }

    @Test("Left arrows and Backspace edit the line before it runs")
    func arrowKeysEditTheLine() async throws {
        let workspace = try ShellWorkspace()
        defer { workspace.remove() }
        let terminal = try await workspace.start()
        // "1 + 2", back to just after the 1, replace it with 40: "40 + 2".
        await terminal.press("1 + 2" + String(repeating: Key.left, count: 4) + Key.backspace + "40" + Key.enter)
        #expect(await terminal.waitFor(line("42")), "\(terminal.transcript)")
    }

    @Test("Home and End move to the ends of the line")
    func homeAndEnd() async throws {
        let workspace = try ShellWorkspace()
        defer { workspace.remove() }
        let terminal = try await workspace.start()
        terminal.type("+ 2" + Key.home + "40 " + Key.end + " * 1" + Key.enter)
        #expect(await terminal.waitFor(line("42")), "\(terminal.transcript)")
    }

    @Test("Up recalls entries saved by an earlier process, a multi-line cell as one entry")
    func historyAcrossProcesses() async throws {
        let workspace = try ShellWorkspace()
        defer { workspace.remove() }
        let first = try await workspace.start()
        first.type("6 * 7" + Key.enter)
        #expect(await first.waitFor(line("42")), "\(first.transcript)")
        first.type("[10," + Key.enter)
        #expect(await first.waitFor("...> "), "\(first.transcript)")
        first.type("20]" + Key.enter)
        #expect(await first.waitFor(line("[10, 20]")), "\(first.transcript)")
        await first.press(Key.controlD)
        #expect(await first.waitForExit() == 0, "\(first.transcript)")

        let second = try await workspace.start()
        second.type(Key.up + Key.enter)
        #expect(await second.waitFor(line("[10, 20]")), "\(second.transcript)")
        second.type(Key.up + Key.up + Key.enter)
        #expect(await second.waitFor(line("42")), "\(second.transcript)")
        await second.press(Key.controlD)
        #expect(await second.waitForExit() == 0, "\(second.transcript)")
    }

    @Test("without ASSAY_HISTORY, history goes to $XDG_STATE_HOME/assay/history, folders created")
    func historyInStateFolder() async throws {
        let workspace = try ShellWorkspace()
        defer { workspace.remove() }
        let state = workspace.home.appendingPathComponent("state")
        let terminal = try await workspace.start(historyInHome: false, extra: ["XDG_STATE_HOME": state.path])
        terminal.type("1 + 1" + Key.enter)
        #expect(await terminal.waitFor(line("2")), "\(terminal.transcript)")
        await terminal.press(Key.controlD)
        #expect(await terminal.waitForExit() == 0, "\(terminal.transcript)")
        let saved = try String(contentsOf: state.appendingPathComponent("assay/history"), encoding: .utf8)
        #expect(saved.contains("1\\040+\\0401"), "history file: \(saved)")
    }

    @Test("Ctrl-R searches the history")
    func reverseSearch() async throws {
        let workspace = try ShellWorkspace()
        defer { workspace.remove() }
        let terminal = try await workspace.start()
        terminal.type("40 + 2" + Key.enter)
        #expect(await terminal.waitFor(line("42")), "\(terminal.transcript)")
        terminal.type("1" + Key.enter)
        #expect(await terminal.waitFor(line("1")), "\(terminal.transcript)")
        await terminal.press(Key.controlR + "40")
        #expect(await terminal.waitFor("40 + 2"), "\(terminal.transcript)")
        terminal.type(Key.enter)
        #expect(await terminal.waitFor(line("42")), "\(terminal.transcript)")
    }

    @Test("Tab completes a variable name")
    func tabCompletesVariable() async throws {
        let workspace = try ShellWorkspace()
        defer { workspace.remove() }
        let terminal = try await workspace.start()
        terminal.type("alpha_value = 3" + Key.enter)
        #expect(await terminal.waitFor("assay> "), "\(terminal.transcript)")
        terminal.type("alp" + Key.tab)
        // libedit may draw "alp" first and then only what completion inserted.
        #expect(await terminal.waitFor("ha_value"), "\(terminal.transcript)")
        terminal.type(" + 1" + Key.enter)
        #expect(await terminal.waitFor(line("4")), "\(terminal.transcript)")
    }

    @Test("Tab completes a record key after /")
    func tabCompletesRecordKey() async throws {
        let workspace = try ShellWorkspace()
        defer { workspace.remove() }
        let terminal = try await workspace.start()
        terminal.type("rec = {score: 10}" + Key.enter)
        #expect(await terminal.waitFor("assay> "), "\(terminal.transcript)")
        terminal.type("rec/sc" + Key.tab)
        #expect(await terminal.waitFor("ore"), "\(terminal.transcript)")  // "rec/sc" became "rec/score"
        terminal.type(Key.enter)
        #expect(await terminal.waitFor(line("10")), "\(terminal.transcript)")
    }

    @Test("Tab on an ambiguous prefix lists the matches and keeps the line")
    func tabListsMatches() async throws {
        let workspace = try ShellWorkspace()
        defer { workspace.remove() }
        let terminal = try await workspace.start()
        terminal.type("rec = {score: 1, scale: 2}" + Key.enter)
        #expect(await terminal.waitFor("assay> "), "\(terminal.transcript)")
        terminal.type("rec/sc" + Key.tab)
        #expect(await terminal.waitFor("scale  score"), "\(terminal.transcript)")
        #expect(await terminal.waitFor("assay> rec/sc"), "\(terminal.transcript)")
        terminal.type("ale" + Key.enter)
        #expect(await terminal.waitFor(line("2")), "\(terminal.transcript)")
    }

    @Test("an unclosed [ shows the continuation prompt until it is closed")
    func continuationPrompt() async throws {
        let workspace = try ShellWorkspace()
        defer { workspace.remove() }
        let terminal = try await workspace.start()
        terminal.type("[1," + Key.enter)
        #expect(await terminal.waitFor("...> "), "\(terminal.transcript)")
        terminal.type("2," + Key.enter)
        #expect(await terminal.waitFor("...> "), "\(terminal.transcript)")
        terminal.type("3]" + Key.enter)
        #expect(await terminal.waitFor(line("[1, 2, 3]")), "\(terminal.transcript)")
        #expect(await terminal.waitFor("assay> "), "\(terminal.transcript)")
    }

    @Test("Ctrl-C abandons a half-typed line and gives a fresh prompt")
    func controlCAbandonsLine() async throws {
        let workspace = try ShellWorkspace()
        defer { workspace.remove() }
        let terminal = try await workspace.start()
        terminal.type("12345")
        #expect(await terminal.waitFor("12345"), "\(terminal.transcript)")
        await terminal.press(Key.left + Key.left + Key.controlC)
        #expect(await terminal.waitFor("^C"), "\(terminal.transcript)")
        #expect(await terminal.waitFor("assay> "), "\(terminal.transcript)")
        terminal.type("7" + Key.enter)
        #expect(await terminal.waitFor(line("7")), "\(terminal.transcript)")
    }

    @Test("Ctrl-C abandons a pending multi-line cell")
    func controlCAbandonsContinuation() async throws {
        let workspace = try ShellWorkspace()
        defer { workspace.remove() }
        let terminal = try await workspace.start()
        terminal.type("[1," + Key.enter)
        #expect(await terminal.waitFor("...> "), "\(terminal.transcript)")
        terminal.type(Key.controlC)
        #expect(await terminal.waitFor("assay> "), "\(terminal.transcript)")
        terminal.type("8" + Key.enter)
        #expect(await terminal.waitFor(line("8")), "\(terminal.transcript)")
    }

    @Test("Ctrl-C stops a running cell and returns to the prompt; the session lives on")
    func controlCInterruptsCell() async throws {
        let workspace = try ShellWorkspace()
        defer { workspace.remove() }
        let terminal = try await workspace.start()
        // 400 million lambda calls: minutes of work unless interrupted.
        terminal.type("slow = len(filter(range(20000), i => len(filter(range(20000), j => i == j)) > 0))" + Key.enter)
        #expect(await terminal.waitFor("\r\n"), "\(terminal.transcript)")
        try await Task.sleep(for: .milliseconds(500))
        terminal.type(Key.controlC)
        #expect(await terminal.waitFor("interrupted"), "\(terminal.transcript)")
        #expect(await terminal.waitFor("assay> "), "\(terminal.transcript)")
        terminal.type("1 + 1" + Key.enter)
        #expect(await terminal.waitFor(line("2")), "\(terminal.transcript)")
    }

    @Test("~/.editrc bindings are honoured")
    func editrcIsRead() async throws {
        let workspace = try ShellWorkspace()
        defer { workspace.remove() }
        try workspace.write("bind -s ^T \"21 * 2\"\n", to: ".editrc")
        let terminal = try await workspace.start()
        await terminal.press(Key.controlT + Key.enter)
        #expect(await terminal.waitFor(line("42")), "\(terminal.transcript)")
    }

    @Test("non-ASCII input is read as UTF-8 even with no locale set")
    func nonASCIIInput() async throws {
        let workspace = try ShellWorkspace()
        defer { workspace.remove() }
        let terminal = try await workspace.start()
        terminal.type("\"héllo wörld\"" + Key.enter)
        #expect(await terminal.waitFor(line("héllo wörld")), "\(terminal.transcript)")
    }

    @Test("colour appears only when NO_COLOR is unset", arguments: [true, false])
    func colour(enabled: Bool) async throws {
        let workspace = try ShellWorkspace()
        defer { workspace.remove() }
        let terminal = try await workspace.start(color: enabled)
        terminal.type("missing_name" + Key.enter)
        #expect(await terminal.waitFor("missing_name"), "\(terminal.transcript)")
        #expect(await terminal.waitFor("error"), "\(terminal.transcript)")
        #expect(await terminal.waitFor("assay>"), "\(terminal.transcript)")
        await terminal.press(Key.controlD)
        #expect(await terminal.waitForExit() == 0, "\(terminal.transcript)")
        // A select-graphic-rendition sequence (ESC [ digits m) sets colours and weights; libedit's
        // own cursor movements use other final letters.
        let hasColour = terminal.rawOutput.contains(/\u{1B}\[[0-9;]+m/)
        #expect(hasColour == enabled, "\(terminal.transcript)")
    }
}
