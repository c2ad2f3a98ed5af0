import AssaySession
import Synchronization
import Testing

@testable import AssayShell

@Suite("How a cell's events reach the terminal")
struct EventPrinterTests {
    /// Collects what a printer writes, stream by stream.
    final class Recorder: Sendable {
        private let writes = Mutex<[(String, OutputStreamName)]>([])

        var stdout: String { writes.withLock { $0.filter { $0.1 == .stdout }.map(\.0).joined() } }
        var stderr: String { writes.withLock { $0.filter { $0.1 == .stderr }.map(\.0).joined() } }

        func printer(usesColor: Bool = false, redrawsInPlace: Bool = true) -> EventPrinter {
            EventPrinter(usesColor: usesColor, redrawsInPlace: redrawsInPlace) { text, stream in
                self.writes.withLock { $0.append((text, stream)) }
            }
        }
    }

    @Test("results and pages show their text/plain on a line of their own; streams pass through")
    func plainOutput() {
        let recorder = Recorder()
        let printer = recorder.printer()
        printer.show(.stream(.stdout, "printed\n"))
        printer.show(.result(MIMEBundle(["text/plain": "42", "text/html": "<b>42</b>"])))
        printer.show(.page(MIMEBundle(plainText: "len(x): the number of items\n")))
        printer.show(.stream(.stderr, "warning\n"))
        printer.finish()
        #expect(recorder.stdout == "printed\n42\nlen(x): the number of items\n")
        #expect(recorder.stderr == "warning\n")
    }

    @Test("a progress display is redrawn in place, padded over longer text, and ended by other output")
    func progressInPlace() {
        let recorder = Recorder()
        let printer = recorder.printer()
        printer.show(.display(MIMEBundle(plainText: "cases 1/20"), displayID: "run"))
        printer.show(.updateDisplay(MIMEBundle(plainText: "cases 10/20"), displayID: "run"))
        printer.show(.updateDisplay(MIMEBundle(plainText: "done"), displayID: "run"))
        printer.show(.result(MIMEBundle(plainText: "ok")))
        #expect(recorder.stdout == "cases 1/20\rcases 10/20\rdone       \nok\n")
    }

    @Test("without a terminal every display state is a line of its own")
    func progressWithoutTerminal() {
        let recorder = Recorder()
        let printer = recorder.printer(redrawsInPlace: false)
        printer.show(.display(MIMEBundle(plainText: "cases 1/2"), displayID: "run"))
        printer.show(.updateDisplay(MIMEBundle(plainText: "cases 2/2"), displayID: "run"))
        printer.finish()
        #expect(recorder.stdout == "cases 1/2\ncases 2/2\n")
    }

    @Test("an update to a display that is no longer the last line starts a new line")
    func updateAfterOtherOutput() {
        let recorder = Recorder()
        let printer = recorder.printer()
        printer.show(.display(MIMEBundle(plainText: "a 1"), displayID: "a"))
        printer.show(.stream(.stdout, "between\n"))
        printer.show(.updateDisplay(MIMEBundle(plainText: "a 2"), displayID: "a"))
        printer.finish()
        #expect(recorder.stdout == "a 1\nbetween\na 2\n")
    }

    @Test("errors go to standard error, coloured only when asked", arguments: [true, false])
    func errors(usesColor: Bool) {
        let recorder = Recorder()
        let report = ErrorReport(name: "NameError", message: "'x' is not defined", lines: ["plain"], coloredLines: ["\u{1B}[31mcolour\u{1B}[0m"])
        recorder.printer(usesColor: usesColor).show(.error(report))
        #expect(recorder.stderr == (usesColor ? "\u{1B}[31mcolour\u{1B}[0m\n" : "plain\n"))
        #expect(recorder.stdout.isEmpty)
    }
}
