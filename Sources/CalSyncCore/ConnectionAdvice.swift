/// What the doctor says where a connection's setting is the likely cause of a failure; each calendar system names
/// its own settings.
public struct ConnectionAdvice: Sendable, Hashable {
    /// Why the directory read may be refused (a missing permission or consent).
    public var directoryRefused: String
    /// Which setting to check when the calendar service's address answers wrongly or not at all.
    public var serviceAddress: String
    /// The diagnosis when every operation fails on authentication (what to check).
    public var authenticationFailing: String
    /// What to check when the connection's checks get no answer in time.
    public var notAnswering: String
    /// Why every calendar read may be refused, ending with what excludes them ("… excludes these mailboxes").
    public var calendarsRefused: String

    public static let neutralAuthenticationFailing =
        "all operations fail on authentication: check the connection's credentials, permissions or URLs"

    public init(
        directoryRefused: String = "a permission to read the directory is missing",
        serviceAddress: String = "check the connection's service address",
        authenticationFailing: String = ConnectionAdvice.neutralAuthenticationFailing,
        notAnswering: String = "the calendar service is not answering. Check the network and the connection's addresses.",
        calendarsRefused: String = "a permission is missing or an access policy excludes"
    ) {
        self.calendarsRefused = calendarsRefused
        self.notAnswering = notAnswering
        self.directoryRefused = directoryRefused
        self.serviceAddress = serviceAddress
        self.authenticationFailing = authenticationFailing
    }
}
