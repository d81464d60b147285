import CalSyncCore
import EWSEmulator

/// The demo's people in the EWS emulator, as their Outlook would change their calendars (Paris wall clocks).
struct ExchangeDemoCalendars: DemoCalendars {
    let emulator: EWSEmulator
    /// The people's primary SMTP addresses, Ana first.
    let addresses: [String]

    var appName: String { "Outlook" }

    static func wall(_ day: LocalDate, _ time: LocalTime) -> String {
        LocalDateTime(date: day, hour: time.hour, minute: time.minute).description
    }

    func addAppointment(person: Int, subject: String, on day: LocalDate, from: LocalTime, to: LocalTime) throws -> String {
        var item = EWSTenantItem(subject: subject, start: Self.wall(day, from), end: Self.wall(day, to))
        item.timeZone = "Romance Standard Time"
        item.legacyFreeBusyStatus = "Busy"
        return try emulator.addItem(mailbox: addresses[person], item)
    }

    func moveAppointment(person: Int, id: String, on day: LocalDate, from: LocalTime, to: LocalTime) throws {
        try emulator.updateItem(
            mailbox: addresses[person], id: id, EWSItemChange(start: Self.wall(day, from), end: Self.wall(day, to)))
    }

    func removeAppointment(person: Int, id: String) throws {
        try emulator.removeItem(mailbox: addresses[person], id: id)
    }
}
