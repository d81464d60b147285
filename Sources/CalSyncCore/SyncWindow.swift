import Foundation

/// The fixed window a delta link is bound to (docs/product-rules.md, reliability model): whole UTC days
/// [today − pastDays, today + futureDays + 1). It rolls once a day, which starts a new initial round.
public enum SyncWindow {
    public static func window(at now: Date, pastDays: Int, futureDays: Int) -> TimeRange {
        let utc = TimeZone(identifier: "UTC")!
        let today = LocalDate(now, in: utc)
        return TimeRange(start: today.adding(days: -max(0, pastDays)).startOfDay(in: utc),
                         end: today.adding(days: max(0, futureDays) + 1).startOfDay(in: utc))
    }

    public static func window(at now: Date, settings: SyncSettings) -> TimeRange {
        window(at: now, pastDays: settings.pastDays, futureDays: settings.futureDays)
    }
}
