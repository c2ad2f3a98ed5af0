import CZeroMQ

/// The bound sockets of one kernel: a ROUTER for shell, control and stdin, an XPUB for iopub, and
/// the heartbeat's REP.
struct ChannelSockets: Sendable {
    /// How long (ms) closing waits for queued messages, so `shutdown_reply` leaves before exit.
    static let lingerMilliseconds: Int32 = 1000

    var channels: [Channel: ZeroMQSocket]
    var heartbeat: ZeroMQSocket

    init(context: UnsafeMutableRawPointer, connection: ConnectionInfo) throws(ZeroMQError) {
        var channels: [Channel: ZeroMQSocket] = [:]
        let ports: [(Channel, Int32, Int)] = [
            (.shell, ZMQ_ROUTER, connection.shellPort), (.control, ZMQ_ROUTER, connection.controlPort),
            (.stdin, ZMQ_ROUTER, connection.stdinPort), (.iopub, ZMQ_XPUB, connection.iopubPort),
        ]
        for (channel, type, port) in ports {
            let socket = try ZeroMQSocket(context: context, type: type)
            try socket.set(ZMQ_LINGER, Self.lingerMilliseconds)
            if type == ZMQ_ROUTER {
                // A client that reconnects with the same identity takes over its route.
                try socket.set(ZMQ_ROUTER_HANDOVER, 1)
            }
            try socket.bind(connection.endpoint(port: port))
            channels[channel] = socket
        }
        let heartbeat = try ZeroMQSocket(context: context, type: ZMQ_REP)
        try heartbeat.set(ZMQ_LINGER, 0)
        try heartbeat.bind(connection.endpoint(port: connection.heartbeatPort))
        self.channels = channels
        self.heartbeat = heartbeat
    }
}
