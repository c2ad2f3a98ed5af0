import Foundation

/// Who is running a run: the process that holds its lease, and when it last said it was alive.
///
/// A run stays `running` in the store while its process works on it; the runner refreshes the
/// heartbeat every ``heartbeatInterval``. A `running` run whose process is gone (same host, no such
/// process) or whose heartbeat is older than ``staleness`` reads as `interrupted`, so that a killed
/// process's run shows as what it is and `resume` completes it.
enum RunLease {
    /// How often a running run's heartbeat is written.
    static let heartbeatInterval = Duration.seconds(2)
    /// How old a heartbeat may be before its run counts as abandoned, whatever its process.
    static let staleness: TimeInterval = 20

    /// This process's owner text: `host:pid`.
    static let currentOwner = "\(ProcessInfo.processInfo.hostName):\(getpid())"

    /// Whether a `running` run with this owner and heartbeat is still being worked on.
    static func isAlive(owner: String?, heartbeat: Date?, now: Date = Date()) -> Bool {
        // Runs stored before leases existed have none; their process is long gone.
        guard let owner, let heartbeat else { return false }
        if now.timeIntervalSince(heartbeat) > staleness { return false }
        guard let separator = owner.lastIndex(of: ":"), let pid = pid_t(owner[owner.index(after: separator)...]) else {
            return true
        }
        let host = owner[..<separator]
        guard host == ProcessInfo.processInfo.hostName else { return true }
        // Signal 0 checks that the process exists; EPERM means it exists under another user.
        return kill(pid, 0) == 0 || errno == EPERM
    }
}
