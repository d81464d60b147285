import Foundation

/// What the emulator remembers about an access token it issued (real Graph would read the same
/// facts from the JWT's `appid`, `roles` and `exp` claims).
struct AccessTokenRecord: Sendable {
    let clientId: String
    let roles: Set<String>
    var expiresAt: Date

    func hasAnyRole(_ accepted: [String]) -> Bool {
        accepted.contains { roles.contains($0) }
    }

    static let calendarRead = ["Calendars.Read", "Calendars.ReadWrite"]
    static let calendarWrite = ["Calendars.ReadWrite"]
    static let mailboxSettingsRead = ["MailboxSettings.Read", "MailboxSettings.ReadWrite"]
    static let directoryRead = ["User.Read.All", "User.ReadWrite.All", "Directory.Read.All", "Directory.ReadWrite.All"]
}
