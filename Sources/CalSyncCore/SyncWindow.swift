import Foundation

/// The fixed window a delta link is bound to (docs/product-rules.md, reliability model): whole UTC days
/// [today − pastDays, today + futureDays + 1). It rolls once a day, which starts a new initial round.
public enum SyncWindow {
    /// Plain arithmetic on UTC days (no time zone, no calendar): availability answers work it out on every request.
    public static func window(at now: Date, pastDays: Int, futureDays: Int) -> TimeRange {
        let today = (now.timeIntervalSince1970 / 86_400).rounded(.down)
        return TimeRange(
            start: Date(timeIntervalSince1970: (today - Double(max(0, pastDays))) * 86_400),
            end: Date(timeIntervalSince1970: (today + Double(max(0, futureDays)) + 1) * 86_400))
    }

    public static func window(at now: Date, settings: SyncSettings) -> TimeRange {
        window(at: now, pastDays: settings.pastDays, futureDays: settings.futureDays)
    }
}
