import AssayKernel
import AssaySession
import Foundation
import Testing

/// How a kernel ends when nobody sends `shutdown_request`: SIGTERM, or its parent going away.
@Suite("Kernel lifecycle")
struct LifecycleTests {
    @Test("terminate() (SIGTERM) lets the running cell finish and answer, drops the queued request, and stops")
    func terminateFinishesTheCurrentRequest() async throws {
        let harness = try await KernelHarness()
        let release = Locked(false)
        harness.engine.script("slow") { _, sink, _ in
            while !release.withLock({ $0 }) { try? await Task.sleep(for: .milliseconds(2)) }
            sink(.result(MIMEBundle(plainText: "finished")))
            return .success
        }
        let running = ClientRequest.execute("slow")
        let queued = ClientRequest.execute("never run")
        harness.send(running)
        harness.send(queued)
        _ = try await harness.transport.waitUntil { $0.contains { $0.parentID == running.header.msgID && $0.msgType == "execute_input" } }

        harness.kernel.terminate()
        release.withLock { $0 = true }

        #expect(await harness.exit.value == .terminated)
        let reply = try await harness.reply(to: running.header.msgID)
        #expect(reply.content["status"] == "ok")
        #expect(harness.transport.sentMessages.contains { $0.parentID == running.header.msgID && $0.msgType == "execute_result" })
        #expect(!harness.transport.sentMessages.contains { $0.parentID == queued.header.msgID }, "the queued request is dropped")
        #expect(harness.engine.interruptions == 0, "the cell was not interrupted")
        #expect(harness.engine.executed.map(\.code) == ["slow"])
        #expect(harness.transport.isClosed)
    }

    @Test("an idle kernel stops at once on terminate()")
    func terminateWhenIdle() async throws {
        let harness = try await KernelHarness()
        harness.kernel.terminate()
        #expect(await harness.exit.value == .terminated)
        #expect(harness.transport.isClosed)
    }

    @Test("when the parent process is gone the kernel interrupts the running cell and stops")
    func parentGone() async throws {
        let gone = Locked(false)
        let parent = ParentProcess(pid: 4242, interval: .milliseconds(5)) { gone.withLock { $0 } }
        let harness = try await KernelHarness(parent: parent)
        harness.engine.scriptBlockingUntilInterrupted("loop")
        let cell = ClientRequest.execute("loop")
        harness.send(cell)
        _ = try await harness.transport.waitUntil { $0.contains { $0.parentID == cell.header.msgID && $0.msgType == "execute_input" } }
        let answered = try await harness.exchange(ClientRequest.make("kernel_info_request", channel: .control))
        #expect(answered.first("kernel_info_reply") != nil, "a live parent changes nothing")

        gone.withLock { $0 = true }
        #expect(await harness.exit.value == .parentGone(pid: 4242))
        #expect(harness.engine.interruptions >= 1)
        #expect(harness.transport.isClosed)
    }

    @Test("JPY_PARENT_PID names the parent watched; none, 1 or junk watch nothing")
    func parentFromEnvironment() throws {
        #expect(ParentProcess.named(in: [:]) == nil)
        #expect(ParentProcess.named(in: ["JPY_PARENT_PID": "1"]) == nil)
        #expect(ParentProcess.named(in: ["JPY_PARENT_PID": "parent"]) == nil)

        let own = try #require(ParentProcess.named(in: ["JPY_PARENT_PID": String(getppid())]))
        #expect(own.pid == getppid())
        #expect(!own.isGone(), "this process's parent is alive and still its parent")

        // A process that has exited and been reaped, standing behind a wrapper.
        let finished = Process()
        finished.executableURL = URL(fileURLWithPath: "/bin/true")
        try finished.run()
        finished.waitUntilExit()
        let ended = try #require(ParentProcess.named(in: ["JPY_PARENT_PID": String(finished.processIdentifier)]))
        #expect(ended.isGone())
    }
}
