import AssayCore
import AssaySession

/// A run's progress redrawn in place on terminal consoles (`jupyter console`, qtconsole), which
/// ignore `update_display_data` and would otherwise show only the first frame of a run.
///
/// Front ends route iopub messages differently: notebooks (JupyterLab, nbclient, VS Code) and
/// `jupyter_client`'s own helpers show a message only when its parent's `msg_id` is a request they
/// sent; terminal consoles show every message whose parent names their `session`. So each update
/// of a progress display is also published as a `stream` on stderr ‒ `\r`, the frame, and a line
/// end after the last frame ‒ whose parent is the request's header under another `msg_id`: a
/// console prints it and redraws the line, a notebook never sees it and keeps its one display
/// updated in place.
struct TerminalProgress: Sendable {
    /// The length of the frame on the line being redrawn, or nil when no line is open.
    private var openWidth: Int?

    /// The stream text that redraws the line with `bundle`'s `text/plain`: padded to cover the
    /// previous frame, ended with a line end when the run is finished.
    mutating func frame(_ bundle: MIMEBundle) -> String {
        let line = bundle.plainText
        let width = line.count
        let padding = String(repeating: " ", count: max(0, (openWidth ?? 0) - width))
        if bundle.isFinalProgress {
            openWidth = nil
            return "\r" + line + padding + "\n"
        }
        openWidth = max(width, openWidth ?? 0)
        return "\r" + line + padding
    }

    /// The line end that closes an open line before other output, or nil when none is open.
    mutating func close() -> String? {
        guard openWidth != nil else { return nil }
        openWidth = nil
        return "\n"
    }

    /// The parent header of the messages only terminal consoles show: `request`'s header under a
    /// `msg_id` no client sent.
    static func parentHeader(for request: KernelMessage) -> JSONObject {
        var fields = request.header.fields
        fields["msg_id"] = .string(request.header.msgID + ".terminal")
        return fields
    }
}
