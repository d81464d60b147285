import CalSyncCore
import Foundation
import MicrosoftCalendarKit

/// A `dateTimeTimeZone` as stored with an event: the wall clock and the zone name exactly as the
/// client sent them (Windows, `UTC` or IANA; docs/microsoft-365.md §4), plus the resolved `TimeZone`.
struct EventTime: Sendable, Hashable {
    var wall: LocalDateTime
    var zoneName: String
    var zone: TimeZone

    /// The instant the wall clock denotes in its zone.
    var instant: Date { wall.instant(in: zone) }

    /// Parses a request's `{"dateTime": "...", "timeZone": "..."}`. A missing `timeZone` means UTC.
    static func parse(_ json: EmulatorJSON?, field: String, zones: WindowsZones) throws(GraphError) -> EventTime {
        guard let json, let object = json.objectValue, let text = object["dateTime"]?.stringValue else {
            throw GraphError.invalidRequest("The '\(field)' property must be an object with a 'dateTime' value.")
        }
        let zoneName = object["timeZone"]?.stringValue ?? "UTC"
        guard let zone = zones.timeZone(named: zoneName) else {
            throw GraphError(
                status: 400, code: "TimeZoneNotSupportedException",
                message: "A valid TimeZone value must be specified. The following TimeZone value is not supported: '\(zoneName)'."
            )
        }
        var wallText = text
        if wallText.hasSuffix("Z") || wallText.hasSuffix("z") { wallText.removeLast() }
        guard let wall = LocalDateTime(wallText) else {
            throw GraphError(
                status: 400, code: "BadRequest",
                message: "Cannot convert the literal '\(text)' to the expected type 'Edm.DateTime' for '\(field).dateTime'.")
        }
        return EventTime(wall: wall, zoneName: zoneName, zone: zone)
    }

    /// The same wall time on another date (occurrences of a series keep the master's clock time).
    func moved(to date: LocalDate) -> EventTime {
        EventTime(
            wall: LocalDateTime(date: date, hour: wall.hour, minute: wall.minute, second: wall.second),
            zoneName: zoneName, zone: zone)
    }

    /// The stored form, as the side door shows it.
    var json: EmulatorJSON {
        ["dateTime": .string(GraphDateFormat.wallDateTime(wall)), "timeZone": .string(zoneName)]
    }
}
