/// The settings of one Google Workspace connection besides its key (docs/google.md, "Finding people").
public struct GoogleProviderSettings: Sendable, Hashable {
    /// An administrator allowed to read the directory: people are then found with Directory `users.list` (their
    /// aliases match too). Nil: each person's address is tried as their calendar.
    public var adminEmail: String?
    /// `maxResults` of `events.list` pages (Google: at most 2500).
    public var pageSize: Int
    /// Requests in flight at once per person (Google counts quotas per user: 600 a minute).
    public var inFlightLimit: Int

    public init(adminEmail: String? = nil, pageSize: Int = 2500, inFlightLimit: Int = 4) {
        self.adminEmail = adminEmail.flatMap { $0.isEmpty ? nil : $0 }
        self.pageSize = min(max(1, pageSize), 2500)
        self.inFlightLimit = max(1, inFlightLimit)
    }
}
