import CalSyncCore
import CalSyncGraph
import CalSyncHTTP
import CalSyncWorker
import Synchronization

/// Production providers: one `GraphClient` per integration over a shared libcurl transport, batching
/// concurrent requests into `$batch` POSTs (`GraphBatching.standard`).
/// Clients (and so their cached tokens) are kept until the integration's credentials or URLs change.
final class GraphProviderFactory: CalendarProviderFactory {
    private let transport: any HTTPTransport
    private let zones: WindowsZones
    private let clients = Mutex<[String: (integration: Integration, client: GraphClient)]>([:])

    init(transport: any HTTPTransport, zones: WindowsZones = .bundled) {
        self.transport = transport
        self.zones = zones
    }

    func provider(for integration: Integration) throws -> any CalendarProvider {
        if let cached = clients.withLock({ $0[integration.id] }), Self.sameConnection(cached.integration, integration) {
            return cached.client
        }
        let client = try GraphClient(integration: integration, transport: transport, zones: zones, batching: .standard)
        clients.withLock { $0[integration.id] = (integration, client) }
        return client
    }

    static func sameConnection(_ a: Integration, _ b: Integration) -> Bool {
        a.tenantId == b.tenantId && a.clientId == b.clientId && a.clientSecret == b.clientSecret
            && a.graphBaseURL == b.graphBaseURL && a.authorityHost == b.authorityHost
    }
}
