import Foundation

/// The process that started the kernel, watched so that the kernel stops when it goes away (a
/// client killed with `os._exit` leaves no one to send `shutdown_request`).
///
/// This follows the convention Jupyter's own kernels follow: the client names itself in
/// `JPY_PARENT_PID`; when that is the kernel's parent, the kernel stops once its parent changes
/// (it was re-parented to init or a subreaper); when a wrapper stands in between, once the named
/// process no longer exists or the kernel's parent becomes init. Without the variable nothing is
/// watched (a kernel started on its own, or over stdio, which ends with its input).
package struct ParentProcess: Sendable {
    /// The process watched.
    package let pid: pid_t
    /// How often it is looked at.
    package let interval: Duration
    /// Whether it has gone away.
    package let isGone: @Sendable () -> Bool

    /// Creates a watch that asks `isGone` every `interval` (tests pass their own).
    package init(pid: pid_t, interval: Duration = .seconds(1), isGone: @escaping @Sendable () -> Bool) {
        self.pid = pid
        self.interval = interval
        self.isGone = isGone
    }

    /// The parent named by `JPY_PARENT_PID`, or nil when the variable is unset, not a process id, or 1.
    package static func named(in environment: [String: String]) -> ParentProcess? {
        guard let text = environment["JPY_PARENT_PID"], let pid = pid_t(text.trimmingCharacters(in: .whitespaces)), pid > 1 else {
            return nil
        }
        let original = getppid()
        if original == pid {
            return ParentProcess(pid: pid) { getppid() != original }
        }
        return ParentProcess(pid: pid) { getppid() == 1 || (kill(pid, 0) != 0 && errno == ESRCH) }
    }

    /// Looks at the parent every ``interval`` until it is gone (true) or the task is cancelled (false).
    package func waitUntilGone() async -> Bool {
        while !Task.isCancelled {
            if isGone() { return true }
            do { try await Task.sleep(for: interval) } catch { return false }
        }
        return false
    }
}
