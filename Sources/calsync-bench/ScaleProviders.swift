import CalSyncCore
import CalSyncGraph
import CalSyncHTTP
import CalSyncWorker
import Synchronization

/// One batching `GraphClient` per integration (as `calsync serve` keeps them), so concurrent pulls and
/// pushes share one `$batch` coalescer and one cached token.
final class ScaleProviders: CalendarProviderFactory {
    let transport: any HTTPTransport
    let batching: GraphBatching
    private let clients = Mutex<[String: GraphClient]>([:])

    init(transport: any HTTPTransport, batching: GraphBatching) {
        self.transport = transport
        self.batching = batching
    }

    func provider(for integration: Integration) throws -> any CalendarProvider {
        if let client = clients.withLock({ $0[integration.id] }) { return client }
        let client = try GraphClient(integration: integration, transport: transport, zones: .bundled, batching: batching)
        clients.withLock { $0[integration.id] = client }
        return client
    }
}
