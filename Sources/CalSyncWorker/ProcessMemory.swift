#if os(Linux)
    // glibc's <malloc.h>, which the Glibc module does not include (scalar arguments: the C calling convention holds).
    @_silgen_name("mallopt") private func glibcMallopt(_ parameter: Int32, _ value: Int32) -> Int32
    @_silgen_name("malloc_trim") private func glibcMallocTrim(_ pad: Int) -> Int32
#endif

/// Keeps a long-running worker's resident memory close to what it uses, on glibc.
///
/// A cycle allocates a lot for a short time (hundreds of concurrent pulls and their JSON), then frees it;
/// glibc keeps freed memory in its arenas (one per thread that ever allocated, up to 8 per core) instead of
/// giving it back. So the process caps its arenas at start and hands free pages back after each cycle.
public enum ProcessMemory {
    /// Caps glibc's malloc arenas (`M_ARENA_MAX`); call once, first thing in `main`.
    public static func limitArenas(_ count: Int32 = 2) {
        #if os(Linux)
            _ = glibcMallopt(-8, count)  // M_ARENA_MAX
        #endif
    }

    /// Returns free heap pages to the system (`malloc_trim`); cheap next to a sync cycle.
    public static func releaseFreePages() {
        #if os(Linux)
            _ = glibcMallocTrim(0)
        #endif
    }
}
