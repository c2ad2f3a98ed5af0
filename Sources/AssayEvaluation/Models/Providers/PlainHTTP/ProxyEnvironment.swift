import Foundation

/// The HTTP proxies the environment names, as curl and most HTTP tools read them:
/// `http_proxy` for `http://` URLs, `https_proxy` for `https://` URLs (either also in capitals),
/// and `no_proxy`, a comma-separated list of hosts and domains reached directly (`*` for all;
/// `example.com` and `.example.com` both cover the domain and every host under it; a port after a
/// name is ignored).
struct ProxyEnvironment: Sendable, Equatable {
    /// A proxy server, with the credentials its URL gave.
    struct Proxy: Sendable, Equatable, Hashable {
        let host: String
        let port: Int
        let user: String?
        let password: String?
    }

    let http: Proxy?
    let https: Proxy?
    let exceptions: [String]

    /// The process's environment, read once.
    static let current = ProxyEnvironment(ProcessInfo.processInfo.environment)

    init(_ environment: [String: String]) {
        func value(_ name: String) -> String? {
            (environment[name] ?? environment[name.uppercased()]).flatMap { $0.isEmpty ? nil : $0 }
        }
        http = value("http_proxy").flatMap(Self.proxy)
        https = value("https_proxy").flatMap(Self.proxy)
        exceptions = (value("no_proxy") ?? "").split(separator: ",").compactMap { entry in
            var name = entry.trimmingCharacters(in: .whitespaces).lowercased()
            if name == "*" { return name }
            if name.hasPrefix("["), let end = name.firstIndex(of: "]") {
                name = String(name[name.index(after: name.startIndex)..<end])
            } else if name.filter({ $0 == ":" }).count == 1, let colon = name.firstIndex(of: ":") {
                name = String(name[..<colon])
            }
            while name.hasPrefix(".") { name.removeFirst() }
            return name.isEmpty ? nil : name
        }
    }

    /// The proxy for a request to `host` over `scheme`, or nil when it goes directly.
    func proxy(forScheme scheme: String, host: String) -> Proxy? {
        guard let proxy = scheme == "https" ? https : scheme == "http" ? http : nil else { return nil }
        let name = host.lowercased()
        for exception in exceptions {
            if exception == "*" || name == exception || name.hasSuffix("." + exception) { return nil }
        }
        return proxy
    }

    /// `http://user:secret@proxy.example:3128`, or `proxy.example:3128` without a scheme; port 80
    /// when none is given (443 for an `https://` proxy URL).
    private static func proxy(_ text: String) -> Proxy? {
        let withScheme = text.contains("://") ? text : "http://" + text
        guard let components = URLComponents(string: withScheme), let host = components.host, !host.isEmpty else { return nil }
        let port = components.port ?? (components.scheme == "https" ? 443 : 80)
        return Proxy(host: host, port: port, user: components.user, password: components.password)
    }
}
