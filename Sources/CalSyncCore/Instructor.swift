/// A person the scheduler assigns (the scheduler's own id).
public struct Instructor: Sendable, Hashable, Codable {
    public var id: String
    public var name: String
    public var email: String
    public var establishment: String?
    /// IANA zone the scheduler gave; the mailbox's own zone wins once known.
    public var timeZone: String?
    public var syncEnabled: Bool

    public init(
        id: String, name: String, email: String, establishment: String? = nil, timeZone: String? = nil,
        syncEnabled: Bool = true
    ) {
        self.id = id
        self.name = name
        self.email = email
        self.establishment = establishment
        self.timeZone = timeZone
        self.syncEnabled = syncEnabled
    }
}
