import CalSyncCore

/// Where a delta read starts: a new round over a window, or a stored next/delta link (followed verbatim).
public enum DeltaCursor: Sendable, Hashable {
    case initial(TimeRange)
    case link(String)
}
