import CalSyncCore
import Foundation

/// The date and time formats Graph and Entra write.
enum GraphDateFormat {
    static let utc = TimeZone(identifier: "UTC")!

    /// `2020-08-18T12:51:51` (innerError.date).
    static func innerErrorDate(_ instant: Date) -> String {
        LocalDateTime(instant, in: utc).description
    }

    /// `2017-04-15T03:00:50.7579581Z` (createdDateTime, lastModifiedDateTime: always UTC, 7 digits).
    static func offsetDateTime(_ instant: Date) -> String {
        let whole = instant.timeIntervalSince1970.rounded(.down)
        let ticks = Int(((instant.timeIntervalSince1970 - whole) * 10_000_000).rounded(.down))
        let wall = LocalDateTime(Date(timeIntervalSince1970: whole), in: utc)
        return wall.description + "." + String(format: "%07d", min(ticks, 9_999_999)) + "Z"
    }

    /// `2017-04-15T11:00:00.0000000` (dateTimeTimeZone.dateTime in responses).
    static func wallDateTime(_ wall: LocalDateTime) -> String {
        wall.description + ".0000000"
    }

    /// `2016-01-09 02:02:12Z` (Entra error timestamps).
    static func entraTimestamp(_ instant: Date) -> String {
        let wall = LocalDateTime(instant, in: utc)
        return wall.date.description + " " + String(format: "%02d:%02d:%02d", wall.hour, wall.minute, wall.second) + "Z"
    }
}
