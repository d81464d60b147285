/// Graph's `dateTimeTimeZone`: a wall clock with no offset plus the zone that names it (a Windows name, `UTC`, or
/// an IANA name).
public struct GraphDateTime: Sendable, Hashable, Codable {
    /// e.g. `2026-03-02T09:00:00.0000000`
    public var dateTime: String
    /// A Windows zone name, `UTC`, or an IANA name.
    public var timeZone: String

    public init(dateTime: String, timeZone: String) {
        self.dateTime = dateTime
        self.timeZone = timeZone
    }
}
