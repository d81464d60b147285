import Synchronization

/// Thread-safe accumulator behind `CurlTransport.stats`; lanes record into it from their queues.
final class CurlStatsRecorder: Sendable {
    private let stats = Mutex(CurlTransportStats())

    var snapshot: CurlTransportStats {
        stats.withLock { $0 }
    }

    func record(connectionsOpened: Int, failed: Bool) {
        stats.withLock { stats in
            stats.requestsSent += 1
            stats.connectionsOpened += connectionsOpened
            if failed { stats.transportErrors += 1 }
        }
    }
}
