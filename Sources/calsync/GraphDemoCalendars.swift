import CalSyncCore
import GraphEmulator

/// The demo's people in the Graph emulator (their mailboxes are in Paris time for Ana, the one the story edits).
struct GraphDemoCalendars: DemoCalendars {
    let emulator: GraphEmulator
    let userIds: [String]
    /// The Windows name of Ana's mailbox zone (Paris), as Outlook writes it.
    static let paris = "Romance Standard Time"

    var appName: String { "Outlook" }

    func slot(_ day: LocalDate, _ from: LocalTime, _ to: LocalTime) -> EmulatorJSON {
        [
            "start": [
                "dateTime": .string(LocalDateTime(date: day, hour: from.hour, minute: from.minute).description),
                "timeZone": .string(Self.paris),
            ],
            "end": [
                "dateTime": .string(LocalDateTime(date: day, hour: to.hour, minute: to.minute).description),
                "timeZone": .string(Self.paris),
            ],
        ]
    }

    func addAppointment(person: Int, subject: String, on day: LocalDate, from: LocalTime, to: LocalTime) throws -> String {
        try emulator.addEvent(
            userId: userIds[person], json: slot(day, from, to).with(["subject": .string(subject), "showAs": "busy"]))
    }

    func moveAppointment(person: Int, id: String, on day: LocalDate, from: LocalTime, to: LocalTime) throws {
        try emulator.updateEvent(userId: userIds[person], eventId: id, json: slot(day, from, to))
    }

    func removeAppointment(person: Int, id: String) throws {
        try emulator.removeEvent(userId: userIds[person], eventId: id)
    }
}
