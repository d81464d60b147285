import CalSyncCore

/// What the demo's story does in people's calendars, as each emulated calendar system's side door does it: a person
/// (by their place in the demo's people, Ana first) adds, moves and deletes an appointment of their own, on a day in
/// their calendar's zone.
protocol DemoCalendars: Sendable {
    /// The people's calendar app, for the story's words ("Outlook").
    var appName: String { get }
    func addAppointment(person: Int, subject: String, on day: LocalDate, from: LocalTime, to: LocalTime) throws -> String
    func moveAppointment(person: Int, id: String, on day: LocalDate, from: LocalTime, to: LocalTime) throws
    func removeAppointment(person: Int, id: String) throws
}
