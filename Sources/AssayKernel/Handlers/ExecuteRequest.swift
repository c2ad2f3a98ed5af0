import AssayCore

/// The content of an `execute_request`, with the protocol's defaults filled in.
package struct ExecuteRequest: Sendable, Hashable {
    /// The code to run.
    package var code: String
    /// Run quietly: nothing on iopub but the status, no history, no counter change.
    package var isSilent: Bool
    /// Count the cell and keep it in history (always false when silent).
    package var storesHistory: Bool
    /// Whether the client answers `input_request`s on stdin.
    package var allowsStdin: Bool
    /// Whether a failure aborts the execute requests queued behind it.
    package var stopsOnError: Bool
    /// Expressions to evaluate after the code, by name.
    package var userExpressions: [String: String]

    /// Reads a request's content.
    package init(content: JSONObject) {
        code = content["code"]?.stringValue ?? ""
        isSilent = content["silent"]?.boolValue ?? false
        storesHistory = !isSilent && (content["store_history"]?.boolValue ?? true)
        allowsStdin = content["allow_stdin"]?.boolValue ?? true
        stopsOnError = content["stop_on_error"]?.boolValue ?? true
        userExpressions = Dictionary(
            (content["user_expressions"]?.objectValue ?? [:]).compactMap { key, value in value.stringValue.map { (key, $0) } },
            uniquingKeysWith: { _, last in last }
        )
    }
}
