import Testing

@testable import AssayShell

@Suite("Prompts and banner")
struct ShellAppearanceTests {
    @Test("without colour the prompts are plain text")
    func plainPrompts() {
        let appearance = ShellAppearance(usesColor: false)
        #expect(appearance.primaryPrompt == "assay> ")
        #expect(appearance.continuationPrompt == "...> ")
        #expect(appearance.banner(programName: "assay", version: "1.2.3") == "assay 1.2.3\nType :help for commands and builtins, Ctrl-D to exit.\n")
    }

    @Test("with colour every escape sequence is wrapped in \\u{1} pairs together with the next visible character")
    func colouredPrompts() {
        let prompt = ShellAppearance(usesColor: true).primaryPrompt
        #expect(prompt == "\u{1}\u{1B}[1;32m\u{1}assay>\u{1}\u{1B}[0m\u{1} ")
        // What remains once the wrapped escapes are removed is what the user sees.
        let visible = prompt.replacing(/\u{1}[^\u{1}]*\u{1}/, with: "")
        #expect(visible == "assay> ")
    }
}
