import Foundation

/// Who is running a run: the process that holds its lease, and when it last said it was alive.
///
/// A run stays `running` in the store while its process works on it; the runner refreshes the
/// heartbeat every ``heartbeatInterval``. A `running` run reads as `interrupted` when its process is
/// gone (a process of this host that no longer exists), or when its heartbeat is older than
/// ``staleness`` (a process of another host) or ``localStaleness`` (this host: a process id used
/// again by an unrelated process). A killed run thus shows as what it is, and `resume` completes it.
/// The heartbeat's margins are wide because a busy process may refresh it late.
enum RunLease {
    /// How often a running run's heartbeat is written.
    static let heartbeatInterval = Duration.seconds(2)
    /// How old the heartbeat of another host's run may be before the run counts as abandoned.
    static let staleness: TimeInterval = 60
    /// How old the heartbeat of a run of this host, whose process exists, may be.
    static let localStaleness: TimeInterval = 600

    /// This process's owner text: `host:pid`.
    static let currentOwner = "\(hostName):\(getpid())"

    /// This machine's name, read once (`ProcessInfo.hostName` may ask the resolver each time).
    static let hostName: String = {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count) == 0 else { return "localhost" }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }()

    /// Whether a `running` run with this owner and heartbeat is still being worked on.
    static func isAlive(owner: String?, heartbeat: Date?, now: Date = Date()) -> Bool {
        // Runs stored before leases existed have none; their process is long gone.
        guard let owner, let heartbeat else { return false }
        let age = now.timeIntervalSince(heartbeat)
        guard let separator = owner.lastIndex(of: ":"), let pid = pid_t(owner[owner.index(after: separator)...]),
              owner[..<separator] == hostName else {
            return age <= staleness
        }
        // Signal 0 checks that the process exists; EPERM means it exists under another user.
        let exists = kill(pid, 0) == 0 || errno == EPERM
        return exists && age <= localStaleness
    }
}
