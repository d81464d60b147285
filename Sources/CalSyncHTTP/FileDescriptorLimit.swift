import Glibc

/// The process's limit on open file descriptors (`RLIMIT_NOFILE`), which bounds how many connections the server
/// can hold, and the default connection cap derived from it.
public enum FileDescriptorLimit {
    /// Descriptors kept for everything but client connections: the listening socket, SQLite's files and reader
    /// connections, curl's connections to Graph, Dispatch's own, logs.
    static let reserved = 256
    /// The default cap never goes beyond this, whatever the limit: memory per connection adds up too.
    static let maxDefaultConnections = 16_384

    /// The soft limit in force (the one `open`, `accept` and `socket` are held to) and the hard limit it may be
    /// raised to.
    public static func current() -> (soft: Int, hard: Int) {
        var limit = rlimit()
        guard getrlimit(resource, &limit) == 0 else { return (1_024, 1_024) }
        return (clamp(limit.rlim_cur), clamp(limit.rlim_max))
    }

    /// Raises the soft limit to the hard limit (allowed without privileges); returns the soft limit in force after.
    /// Call once at start, before the server's configuration is made (its default cap follows the limit).
    @discardableResult
    public static func raiseSoftLimit() -> Int {
        var limit = rlimit()
        guard getrlimit(resource, &limit) == 0 else { return current().soft }
        if limit.rlim_cur < limit.rlim_max {
            limit.rlim_cur = limit.rlim_max
            _ = setrlimit(resource, &limit)  // EPERM under a filter that denies it: the old limit stays
        }
        return current().soft
    }

    /// The connection cap for a soft limit of `descriptors`: three quarters of what is left after `reserved`
    /// (the rest covers connections being refused or shed, which hold a descriptor for a moment), at least 64,
    /// at most `maxDefaultConnections`. 1,024 descriptors give 576 connections, 65,536 give 16,384.
    public static func defaultMaxConnections(descriptors: Int = current().soft) -> Int {
        min(maxDefaultConnections, max(64, (descriptors - reserved) * 3 / 4))
    }

    private static let resource = __rlimit_resource_t(RLIMIT_NOFILE.rawValue)

    /// As an `Int`; `RLIM_INFINITY` (all bits set) and other huge values as `Int32.max`.
    private static func clamp(_ value: rlim_t) -> Int {
        Int(min(value, rlim_t(Int32.max)))
    }
}
