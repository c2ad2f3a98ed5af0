import AssayCore

/// Data keyed by MIME type: what a cell shows. Every bundle has `text/plain`; tables add
/// `text/html`, charts `image/svg+xml`, a run's progress a ``ProgressReport``.
///
/// Representations are values, text or JSON; front ends read them directly, and only the kernel
/// turns them into the JSON of a Jupyter message.
public struct MIMEBundle: Sendable, Hashable {
    /// The representations by MIME type.
    public var data: [String: MIMEData]
    /// The run's progress, when the bundle reports one (sent as ``progressMIMEType``).
    public var progress: ProgressReport?

    /// Creates a bundle from representations.
    public init(data: [String: MIMEData], progress: ProgressReport? = nil) {
        self.data = data
        self.progress = progress
    }

    /// Creates a bundle of text representations.
    public init(_ texts: [String: String]) {
        self.init(data: texts.mapValues(MIMEData.text))
    }

    /// A plain-text-only bundle.
    public init(plainText: String) {
        self.init(data: ["text/plain": .text(plainText)])
    }

    /// The text of the representation of `mimeType`, or nil when there is none or it is JSON.
    public func text(for mimeType: String) -> String? {
        data[mimeType]?.text
    }

    /// The `text/plain` representation.
    public var plainText: String { text(for: "text/plain") ?? "" }

    /// The MIME type of a run's progress in Jupyter messages: a JSON object with `done`, `total`,
    /// `errors` and `final`. Front ends redraw progress in place, or leave it out where they cannot.
    public static let progressMIMEType = "application/vnd.assay.progress+json"

    /// Whether the bundle is a run's progress.
    public var isProgress: Bool { progress != nil }

    /// Whether the bundle is the last progress report of a run.
    public var isFinalProgress: Bool { progress?.isFinal ?? false }
}

/// One representation in a ``MIMEBundle``.
public enum MIMEData: Sendable, Hashable {
    /// Text: plain text, HTML, SVG.
    case text(String)
    /// A JSON value, for JSON media types (`application/json`, `…+json`).
    case json(JSONValue)

    /// The text, or nil for JSON.
    public var text: String? {
        if case .text(let text) = self { return text }
        return nil
    }
}

/// How far a run has got, as its progress display reports it.
public struct ProgressReport: Sendable, Hashable {
    /// Cases finished.
    public var done: Int
    /// Cases in the run.
    public var total: Int
    /// Cases that failed.
    public var errors: Int
    /// Whether this is the run's last report.
    public var isFinal: Bool

    /// Creates a report.
    public init(done: Int, total: Int, errors: Int, isFinal: Bool) {
        self.done = done
        self.total = total
        self.errors = errors
        self.isFinal = isFinal
    }

    /// The JSON form sent as ``MIMEBundle/progressMIMEType``.
    package var json: JSONValue {
        ["done": .int(done), "total": .int(total), "errors": .int(errors), "final": .bool(isFinal)]
    }
}
