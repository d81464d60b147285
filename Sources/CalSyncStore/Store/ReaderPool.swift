import CSQLite
import Dispatch

/// Read-only SQLite connections for the hot read paths (availability), each on its own serial queue.
///
/// WAL lets readers run beside the store's one writer: every read sees the last committed state and never
/// waits for the writer, so availability reads scale with the cores instead of queueing behind writes on the
/// store's queue. Writes keep going through the `CalSyncStore` actor only.
///
/// A private in-memory database (":memory:") cannot be shared between connections: its pool then has one
/// lane that runs on the store's own queue with the store's connection (still one queue per connection).
final class ReaderPool: Sendable {
    let lanes: [ReaderLane]

    /// Lanes with their own read-only connections to the database file at `path`.
    init(path: String, count: Int) {
        lanes = (0..<max(1, count)).map { index in
            ReaderLane(queue: DispatchQueue(label: "calsync.store.reader.\(index)", qos: .userInitiated), memoizes: true) {
                try Self.openReader(path: path)
            }
        }
    }

    /// One lane sharing the writer's queue and connection (in-memory databases).
    init(sharing queue: DispatchQueue, connection: @escaping @Sendable () -> SQLiteDatabase) {
        lanes = [ReaderLane(queue: queue, memoizes: false) { connection() }]
    }

    /// Runs `body` on the least busy lane.
    func read<T: Sendable>(_ body: @escaping @Sendable (ReaderLane) throws -> T) async throws -> T {
        var best = lanes[0]
        var bestLoad = best.pending.load(ordering: .relaxed)
        for lane in lanes.dropFirst() where bestLoad > 0 {
            let load = lane.pending.load(ordering: .relaxed)
            if load < bestLoad {
                best = lane
                bestLoad = load
            }
        }
        return try await best.run(body)
    }

    /// Splits `items` into one chunk per lane and reads the chunks side by side; results keep the input order.
    func readChunked<Item: Sendable, T: Sendable>(
        _ items: [Item], _ body: @escaping @Sendable (ReaderLane, ArraySlice<Item>) throws -> [T]
    ) async throws -> [T] {
        guard items.count > 1, lanes.count > 1 else { return try await lanes[0].run { try body($0, items[...]) } }
        let size = (items.count + lanes.count - 1) / lanes.count
        return try await withThrowingTaskGroup(of: (Int, [T]).self) { group in
            for (index, start) in stride(from: 0, to: items.count, by: size).enumerated() {
                let chunk = items[start..<min(start + size, items.count)]
                let lane = lanes[index % lanes.count]
                group.addTask { (index, try await lane.run { try body($0, chunk) }) }
            }
            var parts: [(Int, [T])] = []
            for try await part in group { parts.append(part) }
            return parts.sorted { $0.0 < $1.0 }.flatMap(\.1)
        }
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
