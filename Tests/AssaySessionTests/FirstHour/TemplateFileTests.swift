import AssaySession
import Testing

/// Template files: errors name the file.
@Suite("Template files")
struct TemplateFileTests {
    @Test("an error in a template file names the file with the line and column")
    func errorNamesFile() async throws {
        let fixture = try RunSessionFixture()
        defer { fixture.remove() }
        try fixture.write("prompt.txt", "Order:\n{{ input \n")
        let cell = await fixture.run(#"template(file: "prompt.txt")"#)
        #expect(cell.outcome != .success)
        let first = cell.events.errorLines.first ?? ""
        #expect(first.contains("prompt.txt:2:"), "\(cell.events.errorLines)")
    }
}
