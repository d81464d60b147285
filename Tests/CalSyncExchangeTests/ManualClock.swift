import CalSyncCore
import Foundation
import Synchronization

/// A clock tests move by hand (shared by the emulator and the provider, so back-offs are judged on one time).
final class ManualClock: WallClock {
    private let current: Mutex<Date>

    init(_ start: Date) { current = Mutex(start) }

    func now() -> Date { current.withLock { $0 } }
    func advance(_ seconds: TimeInterval) { current.withLock { $0 += seconds } }
}
