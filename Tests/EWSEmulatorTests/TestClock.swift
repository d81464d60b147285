import CalSyncCore
import Foundation

/// A clock tests move by hand.
final class TestClock: WallClock, @unchecked Sendable {
    // @unchecked Sendable: `current` is only touched while `lock` is held.
    private let lock = NSLock()
    private var current: Date

    init(_ start: Date) { current = start }

    func now() -> Date { lock.withLock { current } }
    func advance(_ seconds: TimeInterval) { lock.withLock { current += seconds } }
}
