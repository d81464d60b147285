import Foundation

/// Thread-safe accumulator behind `CurlTransport.stats`; lanes record into it from their queues.
final class CurlStatsRecorder: @unchecked Sendable {
    // `stats` is guarded by `lock`.
    private let lock = NSLock()
    private var stats = CurlTransportStats()

    var snapshot: CurlTransportStats {
        lock.withLock { stats }
    }

    func record(connectionsOpened: Int, failed: Bool) {
        lock.withLock {
            stats.requestsSent += 1
            stats.connectionsOpened += connectionsOpened
            if failed { stats.transportErrors += 1 }
        }
    }
}
