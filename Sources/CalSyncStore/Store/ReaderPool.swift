import CSQLite
import Dispatch
import Synchronization

/// Read-only SQLite connections for the hot read paths (availability), lent out one caller at a time.
///
/// WAL lets readers run beside the store's one writer: every read sees the last committed state and never
/// waits for the writer, so availability reads scale with the cores instead of queueing behind writes on the
/// store's queue. Writes keep going through the `CalSyncStore` actor only.
///
/// A one-person read is short (a few index lookups on memory-mapped pages), so it runs on the caller's own
/// thread while it holds a lane: no hop to another thread and back. Reads over many people run on the lanes'
/// own serial queues, split over several lanes, so they never hold a caller's thread for long. When every
/// lane is lent out, callers wait (suspended, not blocked) for the next one to come back.
///
/// A private in-memory database (":memory:") cannot be shared between connections: its pool then has one
/// lane that runs on the store's own queue with the store's connection.
final class ReaderPool: Sendable {
    let lanes: [ReaderLane]
    private let state: Mutex<State>

    private struct State {
        var free: [ReaderLane]
        var waiters: [CheckedContinuation<ReaderLane, Never>] = []
    }

    /// Lanes with their own read-only connections to the database file at `path`.
    init(path: String, count: Int, sealer: CredentialSealer?) {
        let lanes = (0..<max(1, count)).map { index in
            ReaderLane(
                queue: DispatchQueue(label: "calsync.store.reader.\(index)", qos: .userInitiated), ownConnection: true,
                sealer: sealer
            ) { try Self.openReader(path: path) }
        }
        self.lanes = lanes
        state = Mutex(State(free: lanes))
    }

    /// One lane sharing the writer's queue and connection (in-memory databases).
    init(sharing queue: DispatchQueue, sealer: CredentialSealer?, connection: @escaping @Sendable () -> SQLiteDatabase) {
        let lane = ReaderLane(queue: queue, ownConnection: false, sealer: sealer) { connection() }
        lanes = [lane]
        state = Mutex(State(free: [lane]))
    }

    /// Runs `body` with a lane: on the caller's thread when the lane has its own connection.
    func read<T: Sendable>(_ body: @escaping @Sendable (ReaderLane) throws -> T) async throws -> T {
        let lane = await checkout()
        defer { checkin(lane) }
        guard lane.ownConnection else { return try await lane.runOnQueue(body) }
        return try body(lane)
    }

    /// Splits `items` into one chunk per lane and reads the chunks side by side on the lanes' queues;
    /// results keep the input order.
    func readChunked<Item: Sendable, T: Sendable>(
        _ items: [Item], _ body: @escaping @Sendable (ReaderLane, ArraySlice<Item>) throws -> [T]
    ) async throws -> [T] {
        guard items.count > 1, lanes.count > 1 else { return try await onQueue { try body($0, items[...]) } }
        let size = (items.count + lanes.count - 1) / lanes.count
        return try await withThrowingTaskGroup(of: (Int, [T]).self) { group in
            for (index, start) in stride(from: 0, to: items.count, by: size).enumerated() {
                let chunk = items[start..<min(start + size, items.count)]
                group.addTask { (index, try await self.onQueue { try body($0, chunk) }) }
            }
            var parts: [(Int, [T])] = []
            for try await part in group { parts.append(part) }
            return parts.sorted { $0.0 < $1.0 }.flatMap(\.1)
        }
    }

    /// Runs `body` with a lane, on that lane's queue (long reads).
    private func onQueue<T: Sendable>(_ body: @escaping @Sendable (ReaderLane) throws -> T) async throws -> T {
        let lane = await checkout()
        defer { checkin(lane) }
        return try await lane.runOnQueue(body)
    }

    /// A free lane, or the next one given back.
    func checkout() async -> ReaderLane {
        if let lane = state.withLock({ $0.free.popLast() }) { return lane }
        return await withCheckedContinuation { continuation in
            let lane = state.withLock { state -> ReaderLane? in
                if let lane = state.free.popLast() { return lane }
                state.waiters.append(continuation)
                return nil
            }
            if let lane { continuation.resume(returning: lane) }
        }
    }

    /// Gives `lane` back: to the longest waiting caller, else to the free list.
    func checkin(_ lane: ReaderLane) {
        let waiter = state.withLock { state -> CheckedContinuation<ReaderLane, Never>? in
            if !state.waiters.isEmpty { return state.waiters.removeFirst() }
            state.free.append(lane)
            return nil
        }
        waiter?.resume(returning: lane)
    }

    /// How much of the file each reader maps (address space, not memory: pages stay in the OS page cache).
    static let mmapBytes = 1 << 30

    static func openReader(path: String) throws -> SQLiteDatabase {
        let db = try SQLiteDatabase(path: path, flags: [.readOnly, .noMutex])
        try db.configure(SQLITE_DBCONFIG_DQS_DDL, enabled: false)
        try db.configure(SQLITE_DBCONFIG_DQS_DML, enabled: false)
        try db.execute("PRAGMA busy_timeout = 5000")
        // Pages read through a memory map, not a pread(2) each: the availability index is read over and over.
        try db.execute("PRAGMA mmap_size = \(mmapBytes)")
        return db
    }

    /// Whether `path` names a private in-memory database, which other connections cannot open.
    static func isInMemory(_ path: String) -> Bool {
        path.isEmpty || path == ":memory:" || path.contains("mode=memory")
    }
}
