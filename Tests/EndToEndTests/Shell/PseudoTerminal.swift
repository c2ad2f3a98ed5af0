import Foundation
import Glibc

/// A program running on a pseudo-terminal, as if a person sat at it: keys go in, the screen's byte
/// stream comes out. Every wait has a deadline, and the program is killed when this is released.
final class PseudoTerminal {
    /// The keys the tests press, as an xterm sends them.
    enum Key {
        static let enter = "\r"
        static let tab = "\t"
        static let left = "\u{1B}[D"
        static let up = "\u{1B}[A"
        static let home = "\u{1B}[H"
        static let end = "\u{1B}[F"
        static let backspace = "\u{7F}"
        static let controlC = "\u{3}"
        static let controlD = "\u{4}"
        static let controlR = "\u{12}"
        static let controlT = "\u{14}"
    }

    /// What went wrong starting a program.
    enum StartError: Error {
        case unavailable(String)
        case spawnFailed(Int32)
    }

    let processID: pid_t
    private let controller: Int32
    private var output: [UInt8] = []
    /// Where the next wait starts looking; each successful wait moves it past what it found.
    private var mark = 0
    private var status: Int32?

    /// Starts `executable` with no arguments on a new terminal of `columns` by `rows`, as the
    /// leader of a new session whose controlling terminal it is (so Ctrl-C raises SIGINT in it).
    /// `arguments` follow the executable's name; `directory` is the working folder (this process's
    /// when nil).
    init(
        executable: String, arguments: [String] = [], directory: String? = nil, environment: [String: String],
        columns: UInt16 = 100, rows: UInt16 = 30
    ) throws {
        let functions = try PseudoTerminalFunctions()
        let controller = functions.open(O_RDWR | O_NOCTTY | O_CLOEXEC)
        guard controller >= 0 else { throw StartError.unavailable("posix_openpt") }
        var name = [CChar](repeating: 0, count: 128)
        guard functions.grant(controller) == 0, functions.unlock(controller) == 0,
            functions.name(controller, &name, name.count) == 0
        else {
            close(controller)
            throw StartError.unavailable("grantpt, unlockpt or ptsname_r")
        }
        var size = winsize(ws_row: rows, ws_col: columns, ws_xpixel: 0, ws_ypixel: 0)
        _ = ioctl(controller, UInt(TIOCSWINSZ), &size)
        _ = fcntl(controller, F_SETFL, fcntl(controller, F_GETFL) | O_NONBLOCK)

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        // Opened after setsid() without O_NOCTTY, the terminal becomes the controlling terminal.
        posix_spawn_file_actions_addopen(&actions, 0, name, O_RDWR, 0)
        posix_spawn_file_actions_adddup2(&actions, 0, 1)
        posix_spawn_file_actions_adddup2(&actions, 0, 2)
        if let directory { _ = functions.addChangeDirectory(&actions, directory) }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // A fresh login-like start: no blocked signals and default handlers, whatever the test
        // runner's threads use.
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        var everySignal = sigset_t()
        sigfillset(&everySignal)
        posix_spawnattr_setsigdefault(&attributes, &everySignal)
        // POSIX_SPAWN_SETSID (0x80, glibc 2.26) is not imported into Swift.
        let setSessionID: Int32 = 0x80
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF | setSessionID))

        let argumentList = ([executable] + arguments).map { strdup($0) } + [nil]
        let variables = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            (argumentList + variables).forEach { free($0) }
        }
        var processID: pid_t = 0
        let result = posix_spawn(&processID, executable, &actions, &attributes, argumentList, variables)
        guard result == 0 else {
            close(controller)
            throw StartError.spawnFailed(result)
        }
        self.processID = processID
        self.controller = controller
    }

    deinit {
        if status == nil {
            kill(processID, SIGKILL)
            var ignored: Int32 = 0
            waitpid(processID, &ignored, 0)
        }
        close(controller)
    }

    /// Presses keys once the program is editing a line, then sends them at once.
    ///
    /// Between a cell's output and libedit taking the terminal out of canonical mode there is a
    /// short window in which the kernel's line discipline, not the editor, reads the keys: Ctrl-D
    /// becomes an end-of-file marker (later read as a NUL byte), Ctrl-R reprints the line,
    /// Backspace erases inside the kernel. Keys that a person presses at the prompt wait for it.
    func press(_ keys: String, timeout: Duration = .seconds(15)) async {
        let deadline = ContinuousClock.now + timeout
        while isCanonical, ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(2))
        }
        type(keys)
    }

    /// Whether the terminal is in canonical (line-by-line) mode: true while a cell runs, false while
    /// libedit reads keys. The controller side reports the terminal's shared modes.
    var isCanonical: Bool {
        var modes = termios()
        guard tcgetattr(controller, &modes) == 0 else { return false }
        return modes.c_lflag & tcflag_t(ICANON) != 0
    }

    /// Presses keys (a string of characters and escape sequences, sent at once) whatever mode the
    /// terminal is in: for keys meant for a running cell, or typed ahead.
    func type(_ keys: String) {
        var bytes = Array(keys.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeMutableBytes { write(controller, $0.baseAddress, $0.count) }
            if written > 0 {
                offset += written
            } else if errno != EAGAIN && errno != EINTR {
                return
            }
        }
        bytes.removeAll()
    }

    /// Waits until `text` appears after the mark, then moves the mark past it; false on timeout.
    func waitFor(_ text: String, timeout: Duration = .seconds(15)) async -> Bool {
        let needle = Array(text.utf8)
        let deadline = ContinuousClock.now + timeout
        while true {
            readAvailable()
            if let found = output[mark...].firstRange(of: needle) {
                mark = found.upperBound
                return true
            }
            if ContinuousClock.now >= deadline { return false }
            try? await Task.sleep(for: .milliseconds(10))
        }
    }

    /// Waits for the program to end; its exit status, or nil if it is still running at the deadline
    /// or was killed by a signal.
    func waitForExit(timeout: Duration = .seconds(15)) async -> Int32? {
        let deadline = ContinuousClock.now + timeout
        while status == nil {
            readAvailable()
            var raw: Int32 = 0
            if waitpid(processID, &raw, WNOHANG) == processID {
                status = raw
                break
            }
            if ContinuousClock.now >= deadline { return nil }
            try? await Task.sleep(for: .milliseconds(10))
        }
        guard let status, status & 0x7F == 0 else { return nil }
        return (status >> 8) & 0xFF
    }

    /// Everything the program wrote, escape sequences shown as `\e`, for failure messages.
    var transcript: String {
        readAvailable()
        return String(decoding: output, as: UTF8.self).replacingOccurrences(of: "\u{1B}", with: "\\e")
    }

    /// Everything written since the program started.
    var rawOutput: String {
        readAvailable()
        return String(decoding: output, as: UTF8.self)
    }

    private func readAvailable() {
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(controller, $0.baseAddress, $0.count) }
            guard count > 0 else { return }
            output.append(contentsOf: buffer.prefix(count))
        }
    }
}

/// The pseudo-terminal functions of the C library. Swift's Glibc module leaves them out (they
/// need `_XOPEN_SOURCE`), so they are looked up by name.
private struct PseudoTerminalFunctions {
    let open: @convention(c) (Int32) -> Int32
    let grant: @convention(c) (Int32) -> Int32
    let unlock: @convention(c) (Int32) -> Int32
    let name: @convention(c) (Int32, UnsafeMutablePointer<CChar>?, Int) -> Int32
    /// `posix_spawn_file_actions_addchdir_np` (glibc 2.29), also left out for needing `_GNU_SOURCE`.
    let addChangeDirectory: @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>?, UnsafePointer<CChar>?) -> Int32

    init() throws {
        let library = dlopen(nil, RTLD_NOW)
        func function<T>(_ symbol: String, _ type: T.Type) throws -> T {
            guard let address = dlsym(library, symbol) else {
                throw PseudoTerminal.StartError.unavailable(symbol)
            }
            return unsafeBitCast(address, to: type)
        }
        open = try function("posix_openpt", (@convention(c) (Int32) -> Int32).self)
        grant = try function("grantpt", (@convention(c) (Int32) -> Int32).self)
        unlock = try function("unlockpt", (@convention(c) (Int32) -> Int32).self)
        name = try function("ptsname_r", (@convention(c) (Int32, UnsafeMutablePointer<CChar>?, Int) -> Int32).self)
        addChangeDirectory = try function(
            "posix_spawn_file_actions_addchdir_np",
            (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>?, UnsafePointer<CChar>?) -> Int32).self)
    }
}
