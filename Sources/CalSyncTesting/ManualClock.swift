import CalSyncCore
import Foundation
import Synchronization

/// A wall clock the test moves by hand: `now()` answers the same instant until the test calls
/// `advance(by:)`, `advance(to:)` or `set(_:)`. Shared safely between the test and the code under test.
public final class ManualClock: WallClock, Sendable {
    /// 2026-03-02T08:00:00Z, a Monday: where a clock starts when the test does not say.
    public static let defaultStart = Date(timeIntervalSince1970: 1_772_438_400)

    private let current: Mutex<Date>

    public init(_ start: Date = ManualClock.defaultStart) { current = Mutex(start) }

    public func now() -> Date { current.withLock { $0 } }

    /// Moves the clock forward (or back, for a negative interval) by `seconds`.
    public func advance(by seconds: TimeInterval) { current.withLock { $0 += seconds } }

    /// Moves the clock to `date` unless it is already later (a clock that waits never goes back).
    public func advance(to date: Date) { current.withLock { $0 = max($0, date) } }

    /// Puts the clock at `date`, earlier or later.
    public func set(_ date: Date) { current.withLock { $0 = date } }
}
