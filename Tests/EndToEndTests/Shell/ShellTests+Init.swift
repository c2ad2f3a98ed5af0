import Foundation
import Testing

private typealias Key = PseudoTerminal.Key

/// The interactive shell in a project with an `assay.init`, on a pseudo-terminal. These belong to
/// the serialized shell suite: shells on pseudo-terminals started side by side lose keys typed
/// while another is busy.
extension ShellTests {
    private func resultLine(_ text: String) -> String { "\n\(text)\r\n" }

    @Test("the shell shows what assay.init prints before the first prompt, and the first cell uses what it defined")
    func initRunsFirst() async throws {
        let workspace = try ShellWorkspace()
        defer { workspace.remove() }
        try workspace.write("print(\"menu pipeline ready\")\nmenu = pipeline(name: \"menu\", template: \"{{ input }}\", model: \"perfect\")\n", to: "assay.init")
        let terminal = try await workspace.start(inHome: true)
        let beforePrompt = terminal.rawOutput
        #expect(beforePrompt.contains("menu pipeline ready\r\n"), "\(terminal.transcript)")
        terminal.type("menu/model" + Key.enter)
        #expect(await terminal.waitFor(resultLine("perfect")), "\(terminal.transcript)")
        await terminal.press(Key.controlD)
        #expect(await terminal.waitForExit() == 0, "\(terminal.transcript)")
    }

    @Test("after an error in assay.init the shell shows it with its place and carries on; --no-init skips it")
    func brokenInitAndNoInit() async throws {
        let workspace = try ShellWorkspace()
        defer { workspace.remove() }
        try workspace.write("kept = 1\nboom = nothing_here\n", to: "assay.init")
        let terminal = try await workspace.start(inHome: true)
        #expect(terminal.rawOutput.contains("assay.init:2:8: error: 'nothing_here' is not defined"), "\(terminal.transcript)")
        terminal.type("kept + 41" + Key.enter)
        #expect(await terminal.waitFor(resultLine("42")), "\(terminal.transcript)")
        await terminal.press(Key.controlD)
        #expect(await terminal.waitForExit() == 0, "\(terminal.transcript)")

        let skipped = try await workspace.start(arguments: ["--no-init"], inHome: true)
        #expect(!skipped.rawOutput.contains("assay.init"), "\(skipped.transcript)")
        skipped.type("kept" + Key.enter)
        #expect(await skipped.waitFor("'kept' is not defined"), "\(skipped.transcript)")
        await skipped.press(Key.controlD)
        #expect(await skipped.waitForExit() == 0, "\(skipped.transcript)")
    }
}
