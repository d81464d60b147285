/// Where a child's standard output or error goes.
public enum ChildOutput: Sendable, Equatable {
    /// The caller's own.
    case inherit
    /// Nowhere (`/dev/null`).
    case discard
    /// A file, created or emptied first.
    case file(String)
    /// A pipe the caller reads through `ChildProcess.output` (standard output only).
    case pipe
    /// Wherever standard output goes (standard error only).
    case standardOutput
}
