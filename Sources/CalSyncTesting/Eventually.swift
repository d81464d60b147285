import Foundation

/// Polls `condition` until it holds; says whether it did.
///
/// It gives up only once `seconds` of real time have passed **and** it has polled `polls` times. The second bound makes
/// it measure progress rather than time: when the whole test run saturates the machine, each poll waits its turn
/// behind the code it is waiting for, so a slow machine gets more time, never a false failure.
public func eventually(
    within seconds: Double = 20, polls: Int = 2_000, every interval: Duration = .milliseconds(5),
    _ condition: () async throws -> Bool
) async rethrows -> Bool {
    let deadline = ContinuousClock.now + .milliseconds(Int(seconds * 1_000))
    var polled = 0
    while ContinuousClock.now < deadline || polled < polls {
        if try await condition() { return true }
        polled += 1
        try? await Task.sleep(for: interval)
    }
    return try await condition()
}
