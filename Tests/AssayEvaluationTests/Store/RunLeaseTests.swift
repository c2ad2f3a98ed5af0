import Foundation
import Testing
@testable import AssayEvaluation

/// A `running` run is alive while its process lives and its heartbeat is fresh.
@Suite struct RunLeaseTests {
    static let host = RunLease.hostName

    @Test("this process with a fresh heartbeat holds its lease")
    func ownLease() {
        #expect(RunLease.isAlive(owner: RunLease.currentOwner, heartbeat: Date()))
    }

    @Test("a stale heartbeat ends the lease: soon for another host, after the long margin for this one")
    func staleHeartbeat() {
        let minuteAndMore = Date(timeIntervalSinceNow: -(RunLease.staleness + 1))
        #expect(!RunLease.isAlive(owner: "elsewhere.example:12", heartbeat: minuteAndMore))
        #expect(RunLease.isAlive(owner: RunLease.currentOwner, heartbeat: minuteAndMore), "a busy process may refresh late")
        let old = Date(timeIntervalSinceNow: -(RunLease.localStaleness + 1))
        #expect(!RunLease.isAlive(owner: RunLease.currentOwner, heartbeat: old), "the process id may belong to another process by now")
    }

    @Test("a process of this host that is gone ends the lease at once")
    func deadProcess() async throws {
        let child = Process()
        child.executableURL = URL(fileURLWithPath: "/bin/true")
        try child.run()
        child.waitUntilExit()
        #expect(!RunLease.isAlive(owner: "\(Self.host):\(child.processIdentifier)", heartbeat: Date()))
    }

    @Test("another host's process is trusted while its heartbeat is fresh")
    func otherHost() {
        #expect(RunLease.isAlive(owner: "elsewhere.example:1", heartbeat: Date()))
    }

    @Test("a run stored before leases, without one, is not alive")
    func noLease() {
        #expect(!RunLease.isAlive(owner: nil, heartbeat: nil))
    }

}
