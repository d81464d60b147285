import CalSyncCore
import Foundation

/// xs:dateTime as EWS reads and writes it (`docs/exchange.md`, "Time zones"): a value with `Z` or an offset is taken
/// as written; one without is read in the zone the context gives (StartTimeZone, TimeZoneContext, else UTC).
/// Fractions of a second are accepted and dropped. Responses carry whole-second UTC values with `Z`.
enum EWSDateTime {
    static func parse(_ text: String, defaultZone: TimeZone) -> Date? {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if let instant = Timestamp.parse(trimmed, requireOffset: true) { return instant }
        guard let local = LocalDateTime(trimmed) else { return nil }
        return local.instant(in: defaultZone)
    }

    /// `2025-01-06T09:00:00Z`
    static func format(_ instant: Date) -> String {
        Timestamp.format(instant)
    }

    /// xs:date: `2025-01-06`, also with a zone suffix (`Z`, `+01:00`), which is ignored.
    static func parseDate(_ text: String) -> LocalDate? {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard trimmed.count >= 10 else { return nil }
        return LocalDate(String(trimmed.prefix(10)))
    }
}
