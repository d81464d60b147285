import Foundation

/// A wall clock that never jumps: the system time when it was made, advanced by the monotonic clock. For
/// waits such as a `Retry-After` deadline, where a step of the system clock (NTP, a virtual machine's sync
/// with its host) would end the wait early or stretch it.
public struct SteadyWallClock: WallClock {
    private let origin: Date
    private let start: ContinuousClock.Instant

    public init() {
        origin = Date()
        start = .now
    }

    public func now() -> Date {
        origin.addingTimeInterval((ContinuousClock.now - start).inSeconds)
    }
}
