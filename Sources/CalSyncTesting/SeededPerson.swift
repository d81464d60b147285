/// A person a test puts in a calendar system's directory (through its side door), with their calendar.
public struct SeededPerson: Sendable, Hashable {
    public var displayName: String
    /// The primary address.
    public var mail: String
    /// Other addresses that reach the same person.
    public var aliases: [String]
    /// Their calendar's zone, an IANA name.
    public var zone: String
    /// False for a directory user without a calendar (no mailbox, no licence).
    public var hasCalendar: Bool

    public init(_ displayName: String, mail: String, aliases: [String] = [], zone: String = "UTC", hasCalendar: Bool = true) {
        self.displayName = displayName
        self.mail = mail
        self.aliases = aliases
        self.zone = zone
        self.hasCalendar = hasCalendar
    }
}
