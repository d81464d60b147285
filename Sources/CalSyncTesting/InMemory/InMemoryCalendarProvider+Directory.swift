import CalSyncCore
import Foundation

// MARK: - People and zones

extension InMemoryCalendarProvider {
    /// Adds a directory user (with a calendar in `person.zone` unless `hasCalendar` is false) and returns it; its
    /// `id` is its calendar's id.
    @discardableResult
    public func addPerson(_ person: SeededPerson) -> DirectoryUser {
        state.withLock { state in
            let id = state.newId("user")
            let user = DirectoryUser(
                id: id, displayName: person.displayName, mail: person.mail, userPrincipalName: person.mail,
                proxyAddresses: ["SMTP:\(person.mail)"] + person.aliases.map { "smtp:\($0)" })
            state.users.append(user)
            if person.hasCalendar { state.calendars[id] = InMemoryCalendar(zone: person.zone) }
            return user
        }
    }

    /// Moves a calendar to another zone (the person changed their settings).
    public func setZone(_ zone: String, of calendar: CalendarID) {
        state.withLock { $0.calendars[calendar]?.zone = zone }
    }

    /// The whole directory, whatever the addresses (the engine matches them).
    public func directory(for addresses: [String]) async throws -> [DirectoryUser] {
        try await perform(.directory, calendar: nil) { $0.users }
    }

    public func timeZone(of calendar: CalendarID) async throws -> String {
        try await perform(.timeZone, calendar: calendar) { try $0.calendar(calendar).zone }
    }
}
