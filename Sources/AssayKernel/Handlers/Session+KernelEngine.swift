import AssaySession

/// The session is the engine every kernel runs in production.
extension Session: KernelEngine {}
