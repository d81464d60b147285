import Synchronization

/// The waits the adapter asked for.
final class WaitLog: Sendable {
    private let waits = Mutex<[Double]>([])
    var all: [Double] { waits.withLock { $0 } }
    func record(_ seconds: Double) { waits.withLock { $0.append(seconds) } }
}
