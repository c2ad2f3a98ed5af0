import AssaySession
import Glibc
import Synchronization

/// Carries SIGINT, SIGWINCH and SIGCONT to the shell while doing only async-signal-safe work in
/// the handler.
///
/// The handler writes one byte naming the signal to a non-blocking pipe (`write` is
/// async-signal-safe) and, for SIGINT, asks the session to stop its running cell, which is a single
/// atomic store. The line editor waits on that pipe beside standard input, so a Ctrl-C at the prompt
/// wakes it without racing a blocking `read`.
enum TerminalSignals {
    /// The byte written to the pipe for each signal.
    enum Notice: UInt8 {
        case interrupt = 0x49  // "I"
        case resize = 0x57  // "W"
        case resume = 0x43  // "C"
    }

    /// The pipe's write end, or -1 while no handler is installed.
    static let pipeWriteEnd = Atomic<Int32>(-1)
    /// The bit pattern of a retained `Session` to interrupt on SIGINT, or 0.
    static let sessionAddress = Atomic<UInt>(0)

    /// The signals relayed to the shell.
    static let relayed: [Int32] = [SIGINT, SIGWINCH, SIGCONT]

    /// A set of installed handlers; `uninstall()` puts the previous ones back.
    final class Installation {
        /// The pipe's read end, which becomes readable when a signal arrives.
        let readEnd: Int32
        private let writeEnd: Int32
        private var previous: [Int32: sigaction]

        fileprivate init(readEnd: Int32, writeEnd: Int32, previous: [Int32: sigaction]) {
            self.readEnd = readEnd
            self.writeEnd = writeEnd
            self.previous = previous
        }

        /// Restores the previous handlers, releases the session and closes the pipe.
        func uninstall() {
            for (number, action) in previous {
                var action = action
                sigaction(number, &action, nil)
            }
            previous = [:]
            TerminalSignals.pipeWriteEnd.store(-1, ordering: .sequentiallyConsistent)
            let address = TerminalSignals.sessionAddress.exchange(0, ordering: .sequentiallyConsistent)
            if let pointer = UnsafeRawPointer(bitPattern: address) {
                Unmanaged<Session>.fromOpaque(pointer).release()
            }
            close(readEnd)
            close(writeEnd)
        }

        /// Reads every pending notice without blocking.
        func drain() -> Set<Notice> {
            var notices: Set<Notice> = []
            var buffer = [UInt8](repeating: 0, count: 64)
            while true {
                let count = buffer.withUnsafeMutableBytes { read(readEnd, $0.baseAddress, $0.count) }
                guard count > 0 else { break }
                for byte in buffer.prefix(count) {
                    if let notice = Notice(rawValue: byte) { notices.insert(notice) }
                }
            }
            return notices
        }
    }

    /// Installs the handlers; nil when the pipe cannot be created.
    static func install(interrupting session: Session) -> Installation? {
        var ends: [Int32] = [-1, -1]
        guard pipe(&ends) == 0 else { return nil }
        for end in ends {
            // Non-blocking: the handler must never wait on a full pipe, and draining must not block.
            _ = fcntl(end, F_SETFL, fcntl(end, F_GETFL) | O_NONBLOCK)
            _ = fcntl(end, F_SETFD, FD_CLOEXEC)
        }
        // Touch both globals before any handler can run, so that the handler never performs their
        // one-time initialisation.
        pipeWriteEnd.store(ends[1], ordering: .sequentiallyConsistent)
        let retained = UInt(bitPattern: Unmanaged.passRetained(session).toOpaque())
        sessionAddress.store(retained, ordering: .sequentiallyConsistent)

        // A parent may have started the shell with these signals blocked (a blocked mask is
        // inherited): unblock them in the shell's thread, which then receives them.
        var unblocked = sigset_t()
        sigemptyset(&unblocked)
        for number in relayed { sigaddset(&unblocked, number) }
        pthread_sigmask(SIG_UNBLOCK, &unblocked, nil)

        var previous: [Int32: sigaction] = [:]
        for number in relayed {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = relayTerminalSignal
            sigemptyset(&action.sa_mask)
            // SA_RESTART keeps the session's own file reads from failing with EINTR; the editor's
            // poll() is woken by the pipe either way.
            action.sa_flags = SA_RESTART
            var old = sigaction()
            if sigaction(number, &action, &old) == 0 {
                previous[number] = old
            }
        }
        return Installation(readEnd: ends[0], writeEnd: ends[1], previous: previous)
    }
}

/// The signal handler: only an atomic load, `write` to a non-blocking pipe, and an atomic store in
/// the session (`Session.interrupt()` stores to an atomic flag and allocates nothing).
private func relayTerminalSignal(_ number: Int32) {
    let savedError = errno
    defer { errno = savedError }
    let notice: TerminalSignals.Notice
    switch number {
    case SIGINT: notice = .interrupt
    case SIGWINCH: notice = .resize
    default: notice = .resume
    }
    let writeEnd = TerminalSignals.pipeWriteEnd.load(ordering: .sequentiallyConsistent)
    if writeEnd >= 0 {
        var byte = notice.rawValue
        _ = write(writeEnd, &byte, 1)
    }
    if notice == .interrupt {
        let address = TerminalSignals.sessionAddress.load(ordering: .sequentiallyConsistent)
        if let pointer = UnsafeRawPointer(bitPattern: address) {
            Unmanaged<Session>.fromOpaque(pointer).takeUnretainedValue().interrupt()
        }
    }
}
