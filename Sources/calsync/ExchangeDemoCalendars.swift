import CalSyncCore
import EWSEmulator

/// Ana's Outlook on the demo's emulated Exchange Server.
struct ExchangeDemoCalendars: DemoCalendars {
    let emulator: EWSEmulator
    /// Ana's primary SMTP address.
    let ana: String

    func addAppointment(_ subject: String, from start: LocalDateTime, to end: LocalDateTime) throws -> String {
        var item = EWSTenantItem(subject: subject, start: start.description, end: end.description)
        item.timeZone = "Romance Standard Time"
        item.legacyFreeBusyStatus = "Busy"
        return try emulator.addItem(mailbox: ana, item)
    }

    func moveAppointment(_ id: String, from start: LocalDateTime, to end: LocalDateTime) throws {
        try emulator.updateItem(mailbox: ana, id: id, EWSItemChange(start: start.description, end: end.description))
    }

    func removeAppointment(_ id: String) throws {
        try emulator.removeItem(mailbox: ana, id: id)
    }
}
