import Foundation

// MARK: - What CalSync knows of a person's calendar

extension SyncWindow {
    /// The time over which a person's calendar is known at `now`; nil when it is known nowhere.
    ///
    /// Free time may be claimed only where CalSync has read the calendar (docs/product-rules.md, fail closed): inside
    /// the window the person's last completed pull read (`state`'s window, stored when the round completed; a failed
    /// pull leaves it as it was), and only while their sync status is `ok`.
    /// That window is further cut to the one the current settings ask for at `now`:
    /// - right after the daily roll and before the next pull, the day that just entered the window was not read yet
    ///   (nor is the day that left it still promised);
    /// - after `futureDays` or `pastDays` shrank, what lies beyond the new window is no longer kept in step.
    ///
    /// Training events and absences are CalSync's own and known everywhere: this bounds only the free time read from
    /// the calendar.
    public static func known(status: PersonSyncStatus, state: SyncState?, settings: SyncSettings, at now: Date)
        -> TimeRange?
    {
        guard status == .ok, let state, state.lastSuccessAt != nil else { return nil }
        return state.window.intersection(window(at: now, settings: settings))
    }
}
