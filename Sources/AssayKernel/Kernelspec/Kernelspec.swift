import AssayCore

/// The kernelspec Jupyter reads to start Assay: `kernel.json`.
package struct Kernelspec: Sendable, Hashable {
    /// The folder name under `kernels/`, which is also the kernel's name for `jupyter --kernel`.
    package static let name = "assay"

    /// The command that starts the kernel; `{connection_file}` is replaced by Jupyter.
    package var argv: [String]
    /// The name notebooks show.
    package var displayName = "Assay"
    /// The language, for front ends that group kernels by language.
    package var language = "assay"
    /// How Jupyter interrupts a cell: SIGINT, which the kernel turns into a session interrupt.
    package var interruptMode = "signal"

    /// A kernelspec that starts the binary at `executable`.
    package init(executable: String) {
        argv = [executable, "kernel", "-f", "{connection_file}"]
    }

    /// The text of `kernel.json`, pretty-printed with a trailing newline.
    package var fileText: String {
        let arguments = argv.map { JSONValue.string($0).serialized() }.joined(separator: ", ")
        return """
            {
              "argv": [\(arguments)],
              "display_name": \(JSONValue.string(displayName).serialized()),
              "language": \(JSONValue.string(language).serialized()),
              "interrupt_mode": \(JSONValue.string(interruptMode).serialized()),
              "metadata": {"debugger": false}
            }

            """
    }
}
