import CalSyncCore
import CalSyncProviderKit
import MicrosoftCalendarKit

/// The Microsoft 365 adapter for the provider registry: a `GraphClient` per integration, batching when the
/// environment coalesces requests, all clients of the process sharing one mailbox gate.
public struct GraphProviderMaker: ProviderMaker {
    let zones: WindowsZones
    let gate: InFlightGate
    let retryPolicy: GraphRetryPolicy

    /// - Parameters:
    ///   - gate: one gate for every client of the process (the default `.shared` does that).
    ///   - retryPolicy: retries within one call (`.standard` in production).
    public init(zones: WindowsZones = .bundled, gate: InFlightGate = .graph, retryPolicy: GraphRetryPolicy = .standard) {
        self.zones = zones
        self.gate = gate
        self.retryPolicy = retryPolicy
    }

    public var connectionType: String { Microsoft365Connection.type }

    public var vocabulary: any ProviderVocabulary { GraphVocabulary(zones: zones) }

    public func makeProvider(for integration: Integration, in environment: ProviderEnvironment) throws
        -> any CalendarProvider
    {
        try GraphClient(
            integration: integration, transport: environment.transport, zones: zones, clock: environment.clock, gate: gate,
            retryPolicy: retryPolicy, batching: environment.coalescesRequests ? .standard : .off)
    }

    public func connectionChecks(
        for integration: Integration, secretSource: String?, in environment: ProviderEnvironment
    ) async -> ConnectionChecks {
        await GraphConnectionDoctor(transport: environment.transport, zones: zones, clock: environment.clock)
            .check(integration, secretSource: secretSource)
    }
}
