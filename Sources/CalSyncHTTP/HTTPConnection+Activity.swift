// MARK: - What the connection is doing, for shedding (on `loop.queue` only)

extension HTTPConnection {
    /// Whether the connection waits for a request (idle, or part of one received) or works, as the registry needs to
    /// know to pick a connection to shed at the cap (`ConnectionAdmission`).
    var activity: ConnectionAdmission.Activity {
        guard phase == .open, !busy, !hasPendingOutput, !draining else { return .working }
        return parser.isIdle ? .idle : .receiving
    }

    /// Tells the registry when `activity` changed (a lock taken only then: twice per request on a keep-alive
    /// connection). Called after every state change, by `updateTimer`. Connections being refused hold no slot.
    func publishActivity() {
        guard rejection == nil else { return }
        let current = activity
        guard current != publishedActivity else { return }
        publishedActivity = current
        registry.setActivity(id, current)
    }
}
