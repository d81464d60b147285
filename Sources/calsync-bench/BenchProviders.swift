import CalSyncCore
import CalSyncGraph
import CalSyncHTTP
import CalSyncWorker

/// Graph clients over one shared libcurl transport.
struct BenchProviders: CalendarProviderFactory {
    let transport: any HTTPTransport
    func provider(for integration: Integration) throws -> any CalendarProvider {
        try GraphClient(integration: integration, transport: transport, zones: .bundled)
    }
}
