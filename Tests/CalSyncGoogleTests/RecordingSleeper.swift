import CalSyncProviderKit
import Foundation

/// Records each wait and moves the manual clock by it; sleeps for real too when `real` (the emulator measures
/// back-offs on the real clock).
struct RecordingSleeper: Sleeper {
    let waits: WaitLog
    let clock: ManualClock
    let real: Bool

    func sleep(seconds: Double) async throws {
        waits.record(seconds)
        clock.advance(seconds)
        if real { try await TaskSleeper().sleep(seconds: seconds) }
    }
}
