import Foundation

/// A Jupyter connection file: where to bind the five sockets and how to sign messages.
package struct ConnectionInfo: Sendable, Hashable, Decodable {
    /// `tcp` or `ipc`.
    package var transport: String
    /// The address (tcp) or path prefix (ipc).
    package var ip: String
    /// The ports of each channel.
    package var shellPort: Int
    package var iopubPort: Int
    package var stdinPort: Int
    package var controlPort: Int
    package var heartbeatPort: Int
    /// The HMAC key; empty turns signing off.
    package var key: String
    /// The signing scheme; only `hmac-sha256` is supported.
    package var signatureScheme: String

    private enum CodingKeys: String, CodingKey {
        case transport, ip, key
        case shellPort = "shell_port", iopubPort = "iopub_port", stdinPort = "stdin_port"
        case controlPort = "control_port", heartbeatPort = "hb_port", signatureScheme = "signature_scheme"
    }

    /// Reads a connection file's fields; `transport` defaults to tcp and `signature_scheme` to hmac-sha256.
    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        transport = try container.decodeIfPresent(String.self, forKey: .transport) ?? "tcp"
        ip = try container.decodeIfPresent(String.self, forKey: .ip) ?? "127.0.0.1"
        shellPort = try container.decode(Int.self, forKey: .shellPort)
        iopubPort = try container.decode(Int.self, forKey: .iopubPort)
        stdinPort = try container.decode(Int.self, forKey: .stdinPort)
        controlPort = try container.decode(Int.self, forKey: .controlPort)
        heartbeatPort = try container.decode(Int.self, forKey: .heartbeatPort)
        key = try container.decodeIfPresent(String.self, forKey: .key) ?? ""
        signatureScheme = try container.decodeIfPresent(String.self, forKey: .signatureScheme) ?? "hmac-sha256"
    }

    /// Reads a connection file.
    ///
    /// - Throws: When the file cannot be read or lacks a port.
    package init(contentsOf path: String) throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        self = try JSONDecoder().decode(ConnectionInfo.self, from: data)
    }

    /// The ZeroMQ endpoint of a port: `tcp://ip:port` or `ipc://ip-port`.
    package func endpoint(port: Int) -> String {
        transport == "ipc" ? "ipc://\(ip)-\(port)" : "\(transport)://\(ip):\(port)"
    }
}
