import CalSyncCore
import Foundation
import Synchronization

/// A clock tests move by hand; the adapter's back-off waits move it too, so the emulator sees them as real time.
final class ManualClock: WallClock, Sendable {
    private let current: Mutex<Date>

    init(_ start: Date) { current = Mutex(start) }

    func now() -> Date { current.withLock { $0 } }
    func advance(_ seconds: TimeInterval) { current.withLock { $0 += seconds } }
}
