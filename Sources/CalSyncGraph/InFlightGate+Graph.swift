import CalSyncProviderKit

extension InFlightGate {
    /// The process-wide gate every `GraphClient` uses unless given another: 4 requests at a time per app and mailbox
    /// (Outlook's concurrency limit, docs/microsoft-365.md §7).
    public static let graph = InFlightGate(maxInFlight: GraphClient.capabilities.inFlightLimit)
}
