import AssaySession
import Foundation

/// A Jupyter kernel: takes messages from a transport, answers them with an engine, and publishes
/// what happens on iopub.
///
/// Shell requests run one at a time in arrival order; control requests (`interrupt_request`,
/// `shutdown_request`, `kernel_info_request`) are answered even while a cell runs; `input_reply`
/// on stdin goes to the cell waiting for it. The kernel knows nothing of sockets.
///
/// It stops after a shutdown request, at the end of its input, on SIGTERM (see ``terminate()``),
/// and when the process that started it goes away (``ParentProcess``).
package final class Kernel: Sendable {
    private let engine: any KernelEngine
    private let transport: any KernelTransport
    private let publisher: MessagePublisher
    private let info: KernelInfo
    private let log: @Sendable (String) -> Void
    private let shellInbox = RequestInbox()
    private let controlInbox = RequestInbox()
    private let inputs = InputMailbox()
    private let shutdown = ShutdownSignal()
    private let shell: ShellHandler
    private let parent: ParentProcess?

    /// Creates a kernel.
    ///
    /// - Parameters:
    ///   - engine: Runs the cells.
    ///   - transport: Carries the messages.
    ///   - info: What `kernel_info_reply` says.
    ///   - log: Where diagnostics for the operator go (standard error in the executable).
    ///   - limits: How much of each output is published (the rest is cut with a notice).
    ///   - parent: The process whose end stops the kernel, if any.
    package init(
        engine: any KernelEngine, transport: any KernelTransport, info: KernelInfo, log: @escaping @Sendable (String) -> Void,
        limits: OutputLimits = .unlimited, parent: ParentProcess? = nil
    ) {
        self.engine = engine
        self.transport = transport
        self.publisher = MessagePublisher(transport: transport)
        self.info = info
        self.log = log
        self.parent = parent
        self.shell = ShellHandler(engine: engine, publisher: publisher, info: info, inputs: inputs, inbox: shellInbox, limits: limits, log: log)
    }

    /// The shell handler, for tests that inspect the counter and history.
    package var shellHandler: ShellHandler { shell }

    /// Serves until a client asks for shutdown, the transport's input ends, SIGTERM, or the parent
    /// process goes away.
    ///
    /// After a shutdown request, or once the parent is gone, the running cell is interrupted and
    /// queued requests are dropped; after SIGTERM the request being handled is finished and queued
    /// ones are dropped; at the end of input, requests already received are answered first.
    package func run() async -> KernelExit {
        do {
            try transport.start(receiving: { [self] in receive($0) }, closed: { [shutdown] in shutdown.fire(.endOfInput) })
        } catch {
            return .transportFailed("\(error)")
        }
        publisher.status("starting", parent: nil)
        let shellTask = Task { [self] in
            for await entry in shellInbox.entries where isServing {
                if let exit = await shell.handle(entry) { shutdown.fire(exit) }
            }
        }
        let controlTask = Task { [self] in
            for await entry in controlInbox.entries where isServing {
                if let exit = handleControl(entry.message) { shutdown.fire(exit) }
            }
        }
        let exit = await withTaskGroup(of: Void.self) { [parent, shutdown] group in
            if let parent {
                group.addTask {
                    if await parent.waitUntilGone() { shutdown.fire(.parentGone(pid: parent.pid)) }
                }
            }
            let exit = await shutdown.wait()
            group.cancelAll()
            return exit
        }
        shellInbox.finish()
        controlInbox.finish()
        switch exit {
        case .endOfInput, .terminated:
            await shellTask.value
            await controlTask.value
        case .parentGone(let pid):
            log("the process that started the kernel (pid \(pid)) is gone; stopping")
            interrupt()
        case .shutdown, .transportFailed:
            interrupt()
        }
        transport.close()
        return exit
    }

    /// Takes a message from the transport (any thread).
    package func receive(_ message: KernelMessage) {
        switch message.channel {
        case .shell:
            shellInbox.push(message)
        case .control:
            controlInbox.push(message)
        case .stdin:
            if message.msgType == "input_reply" {
                inputs.deliver(message.content["value"]?.stringValue ?? "", inReplyTo: message.parentID)
            } else {
                log("ignoring \"\(message.msgType)\" on stdin")
            }
        case .iopub:
            log("ignoring \"\(message.msgType)\" sent to iopub")
        }
    }

    /// Stops the kernel once the request it is handling is answered (SIGTERM); queued requests are
    /// dropped. An idle kernel stops at once.
    package func terminate() {
        shutdown.fire(.terminated)
    }

    /// Interrupts the running cell (SIGINT or `interrupt_request`); an idle kernel is unaffected.
    package func interrupt() {
        engine.interrupt()
        inputs.cancel()
    }

    /// Whether requests are still answered: until a shutdown request, or to the end of the input.
    private var isServing: Bool {
        switch shutdown.exit {
        case nil, .endOfInput: true
        case .shutdown, .terminated, .parentGone, .transportFailed: false
        }
    }

    private func handleControl(_ request: KernelMessage) -> KernelExit? {
        var exit: KernelExit?
        publisher.status("busy", parent: request)
        switch request.msgType {
        case "kernel_info_request":
            publisher.reply(to: request, type: "kernel_info_reply", content: info.replyContent)
        case "interrupt_request":
            interrupt()
            publisher.reply(to: request, type: "interrupt_reply", content: ["status": "ok"])
        case "shutdown_request":
            exit = publisher.acceptShutdown(request)
        default:
            log("ignoring unknown control message type \"\(request.msgType)\"")
        }
        publisher.status("idle", parent: request)
        return exit
    }
}
