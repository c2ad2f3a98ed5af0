import AssaySession
import Testing

/// Template files: errors name the file, and a file can be the system message.
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

    @Test("system_file: reads the system message from a file")
    func systemFromFile() async throws {
        let fixture = try RunSessionFixture()
        defer { fixture.remove() }
        try fixture.write("sys.txt", "You answer for {{ id }}.\n")
        await fixture.run(#"t = template(system_file: "sys.txt", user: "{{ input }}")"#)
        #expect(await fixture.value(#"render(t, {id: "a1", input: "hello"})/0/content"#) == "You answer for a1.")
        #expect(await fixture.value(#"render(t, {id: "a1", input: "hello"})/1/content"#) == "hello")
        try fixture.write("bad.txt", "{% if %}")
        let cell = await fixture.run(#"template(system_file: "bad.txt", user: "{{ input }}")"#)
        #expect(cell.outcome != .success)
        #expect((cell.events.errorLines.first ?? "").contains("bad.txt:1:"), "\(cell.events.errorLines)")
    }
}
