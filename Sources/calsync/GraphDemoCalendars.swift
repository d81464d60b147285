import CalSyncCore
import GraphEmulator

/// Ana's Outlook on the demo's emulated Microsoft 365 tenant.
struct GraphDemoCalendars: DemoCalendars {
    let emulator: GraphEmulator
    /// Ana's user id.
    let ana: String

    func slot(_ start: LocalDateTime, _ end: LocalDateTime) -> EmulatorJSON {
        let paris = "Romance Standard Time"
        return [
            "start": ["dateTime": .string(start.description), "timeZone": .string(paris)],
            "end": ["dateTime": .string(end.description), "timeZone": .string(paris)],
        ]
    }

    func addAppointment(_ subject: String, from start: LocalDateTime, to end: LocalDateTime) throws -> String {
        try emulator.addEvent(userId: ana, json: slot(start, end).with(["subject": .string(subject), "showAs": "busy"]))
    }

    func moveAppointment(_ id: String, from start: LocalDateTime, to end: LocalDateTime) throws {
        try emulator.updateEvent(userId: ana, eventId: id, json: slot(start, end))
    }

    func removeAppointment(_ id: String) throws {
        try emulator.removeEvent(userId: ana, eventId: id)
    }
}
