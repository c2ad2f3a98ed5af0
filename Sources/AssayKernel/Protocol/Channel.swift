/// The channels of the Jupyter protocol (the heartbeat carries no messages).
package enum Channel: String, Sendable, Hashable, CaseIterable {
    case shell
    case control
    case stdin
    case iopub
}
