/// Where `assay kernel install` puts the kernelspec.
public enum KernelspecDestination: Sendable, Hashable {
    /// The user's Jupyter data folder (`$JUPYTER_DATA_DIR`, else `~/.local/share/jupyter`).
    case user
    /// The active Python environment (`$VIRTUAL_ENV`, `$CONDA_PREFIX`, else `python3`'s `sys.prefix`).
    case sysPrefix
    /// `PREFIX/share/jupyter`, as `jupyter kernelspec install --prefix` does.
    case prefix(String)
}
