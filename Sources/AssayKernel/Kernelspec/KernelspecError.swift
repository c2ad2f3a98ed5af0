/// Why `assay kernel install` failed.
public struct KernelspecError: Error, Sendable, Hashable, CustomStringConvertible {
    private enum Reason: Sendable, Hashable {
        case noPythonEnvironment
        case unwritable(folder: String, reason: String)
        case executableNotFound
    }

    private let reason: Reason

    static let noPythonEnvironment = KernelspecError(reason: .noPythonEnvironment)
    static let executableNotFound = KernelspecError(reason: .executableNotFound)

    static func unwritable(folder: String, reason: String) -> KernelspecError {
        KernelspecError(reason: .unwritable(folder: folder, reason: reason))
    }

    /// What went wrong and what to do about it.
    public var description: String {
        switch reason {
        case .noPythonEnvironment:
            "--sys-prefix needs a Python environment: activate one (or install python3), or use --user or --prefix"
        case .unwritable(let folder, let reason):
            "cannot write the kernelspec to \(folder): \(reason)"
        case .executableNotFound:
            "cannot tell where the assay executable is; run it by its path"
        }
    }
}
