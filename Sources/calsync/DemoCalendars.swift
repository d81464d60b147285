import CalSyncCore

/// The people's side of the demo's calendar system: what Ana does in her own calendar app, through the emulator's
/// side door (times are wall clocks in Paris, her mailbox's zone).
protocol DemoCalendars: Sendable {
    /// Adds Ana's own busy appointment; returns its id.
    func addAppointment(_ subject: String, from start: LocalDateTime, to end: LocalDateTime) throws -> String
    func moveAppointment(_ id: String, from start: LocalDateTime, to end: LocalDateTime) throws
    func removeAppointment(_ id: String) throws
}
