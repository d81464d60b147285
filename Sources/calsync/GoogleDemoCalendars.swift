import CalSyncCore
import CalSyncHTTP
import GoogleEmulator

/// The demo's people in the Google emulator (their calendars are in Paris time for Ana, the one the story edits).
struct GoogleDemoCalendars: DemoCalendars {
    let emulator: GoogleEmulator
    /// The people's primary addresses, Ana first.
    let addresses: [String]

    var appName: String { "Google Calendar" }

    static func slot(_ day: LocalDate, _ from: LocalTime, _ to: LocalTime, zone: String) -> [String: JSONValue] {
        [
            "start": .object([
                "dateTime": .string(LocalDateTime(date: day, hour: from.hour, minute: from.minute).description),
                "timeZone": .string(zone),
            ]),
            "end": .object([
                "dateTime": .string(LocalDateTime(date: day, hour: to.hour, minute: to.minute).description),
                "timeZone": .string(zone),
            ]),
        ]
    }

    func addAppointment(person: Int, subject: String, on day: LocalDate, from: LocalTime, to: LocalTime) throws -> String {
        var body = Self.slot(day, from, to, zone: GoogleDemoTenant.paris)
        body["summary"] = .string(subject)
        return try emulator.addEvent(user: addresses[person], json: .object(body))
    }

    func moveAppointment(person: Int, id: String, on day: LocalDate, from: LocalTime, to: LocalTime) throws {
        try emulator.updateEvent(
            user: addresses[person], eventId: id, json: .object(Self.slot(day, from, to, zone: GoogleDemoTenant.paris)))
    }

    func removeAppointment(person: Int, id: String) throws {
        try emulator.removeEvent(user: addresses[person], eventId: id)
    }
}
