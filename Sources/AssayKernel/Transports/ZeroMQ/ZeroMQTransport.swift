import CZeroMQ
import Foundation
import Synchronization

/// The five Jupyter sockets over libzmq: `assay kernel -f CONNECTION_FILE`.
///
/// Shell, control and stdin are ROUTER sockets and iopub an XPUB socket, all owned by one I/O
/// thread that polls them beside a wake pipe; other threads queue outgoing frames and wake it.
/// The heartbeat echoes on its own thread. Messages with a bad signature or broken frames are
/// logged and dropped, never answered. New iopub subscribers get an `iopub_welcome`.
package final class ZeroMQTransport: KernelTransport {
    private struct Outgoing: Sendable {
        var channel: Channel
        var frames: [Data]
    }

    private struct State: Sendable {
        var outbox: [Outgoing] = []
        var isClosing = false
    }

    private let connection: ConnectionInfo
    private let codec: WireCodec
    private let log: @Sendable (String) -> Void
    private let state = Mutex(State())
    private let wakePipe: WakePipe
    private let context: ZeroMQContext
    private let ioFinished = DispatchSemaphore(value: 0)
    private let heartbeat = Mutex<Heartbeat?>(nil)

    /// Creates a transport for a connection file's settings.
    ///
    /// - Throws: ``ZeroMQError`` for an unsupported signature scheme or when libzmq cannot start.
    package init(connection: ConnectionInfo, log: @escaping @Sendable (String) -> Void) throws(ZeroMQError) {
        guard connection.signatureScheme == "hmac-sha256" else {
            throw ZeroMQError(description: "unsupported signature scheme \"\(connection.signatureScheme)\": use hmac-sha256")
        }
        self.connection = connection
        self.codec = WireCodec(signer: MessageSigner(key: connection.key))
        self.log = log
        self.wakePipe = try WakePipe()
        self.context = try ZeroMQContext()
    }

    /// Binds every socket, then starts the heartbeat and I/O threads.
    ///
    /// - Throws: ``ZeroMQError`` when a socket cannot be created or bound (e.g. a port is taken).
    package func start(receiving receive: @escaping @Sendable (KernelMessage) -> Void, closed: @escaping @Sendable () -> Void) throws {
        let sockets = try ChannelSockets(context: context.handle, connection: connection)
        let beat = Heartbeat(socket: sockets.heartbeat)
        heartbeat.withLock { $0 = beat }
        beat.start()
        let thread = Thread { [self] in
            serve(sockets, receive: receive)
            for socket in sockets.channels.values {
                socket.close()
            }
            ioFinished.signal()
        }
        thread.name = "assay-zeromq"
        thread.start()
    }

    /// Signs and queues a message; the I/O thread sends it.
    package func send(_ message: KernelMessage) {
        let outgoing = Outgoing(channel: message.channel, frames: codec.encode(message))
        let isAccepted = state.withLock { state in
            guard !state.isClosing else { return false }
            state.outbox.append(outgoing)
            return true
        }
        if isAccepted { wakePipe.wake() }
    }

    /// Sends what is queued, closes the sockets (lingering so replies still leave) and ends libzmq.
    package func close() {
        state.withLock { $0.isClosing = true }
        wakePipe.wake()
        ioFinished.wait()
        zmq_ctx_shutdown(context.handle)
        heartbeat.withLock { $0 }?.waitUntilFinished()
        context.terminate()
    }

    private func serve(_ sockets: ChannelSockets, receive: @Sendable (KernelMessage) -> Void) {
        let polled: [(Channel?, ZeroMQSocket?)] = [
            (.shell, sockets.channels[.shell]), (.control, sockets.channels[.control]),
            (.stdin, sockets.channels[.stdin]), (.iopub, sockets.channels[.iopub]), (nil, nil),
        ]
        var items = polled.map { _, socket in
            zmq_pollitem_t(socket: socket?.handle, fd: socket == nil ? wakePipe.readDescriptor : 0, events: Int16(ZMQ_POLLIN), revents: 0)
        }
        while true {
            let ready = zmq_poll(&items, Int32(items.count), -1)
            if ready < 0 && zmq_errno() != EINTR { log("zmq_poll failed: \(ZeroMQError.last("zmq_poll"))"); break }
            // Drain the wake-ups before taking the outbox: a message queued after the take then
            // leaves a wake-up byte behind, so the next poll returns for it. (Draining after the
            // take could swallow that byte and leave the message waiting until other traffic.)
            if items[4].revents != 0 { wakePipe.drain() }
            let (outgoing, isClosing) = state.withLock { state in
                defer { state.outbox.removeAll() }
                return (state.outbox, state.isClosing)
            }
            for message in outgoing {
                if let socket = sockets.channels[message.channel], !socket.sendMultipart(message.frames) {
                    log("could not queue a message on \(message.channel.rawValue)")
                }
            }
            if isClosing { break }
            for (index, (channel, socket)) in polled.enumerated() where items[index].revents != 0 {
                guard let channel, let socket else { continue }
                while let frames = socket.receiveMultipart() {
                    if channel == .iopub {
                        welcome(subscriptionFrames: frames, on: socket)
                        continue
                    }
                    do {
                        receive(try codec.decode(frames, channel: channel))
                    } catch {
                        log("dropped a message on \(channel.rawValue): \(error)")
                    }
                }
            }
        }
    }

    /// Greets a new iopub subscriber (XPUB delivers `\u{1}` + topic), so it knows it is connected.
    private func welcome(subscriptionFrames frames: [Data], on socket: ZeroMQSocket) {
        guard let frame = frames.first, frame.first == 1, let topic = String(data: frame.dropFirst(), encoding: .utf8) else { return }
        let message = KernelMessage(
            channel: .iopub, identities: topic.isEmpty ? [] : [Data(topic.utf8)],
            header: MessageHeader(msgType: "iopub_welcome", session: "kernel"), content: ["subscription": .string(topic)]
        )
        socket.sendMultipart(codec.encode(message))
    }
}
