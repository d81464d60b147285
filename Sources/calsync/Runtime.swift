import CalSyncCore
import CalSyncHTTP
import CalSyncStore
import CalSyncWorker
import Foundation

/// The composition root shared by `serve`, `sync` and `demo`: the store, seeded from the
/// configuration, and an engine wired to Graph.
struct Runtime {
    let configuration: CalSyncConfiguration
    let store: CalSyncStore
    let engine: SyncEngine
    let logger: Logger

    static func open(_ configuration: CalSyncConfiguration, environment: [String: String], logger: Logger,
                     providers: (any CalendarProviderFactory)? = nil) async throws -> Runtime {
        let store: CalSyncStore
        do {
            store = try CalSyncStore(path: configuration.database)
        } catch {
            throw ConfigurationLoader.Failure(description: "cannot open the database \(configuration.database): \(error)")
        }
        for integration in try ConfigurationLoader.declaredIntegrations(configuration, environment: environment) {
            var integration = integration
            if let existing = try await store.integration(id: integration.id) { integration.createdAt = existing.createdAt }
            try await store.saveIntegration(integration)
        }
        for instructor in ConfigurationLoader.declaredInstructors(configuration) {
            var instructor = instructor
            // The sync toggle belongs to the admins once the person exists.
            if let existing = try await store.instructor(id: instructor.id) { instructor.syncEnabled = existing.syncEnabled }
            try await store.saveInstructor(instructor)
        }
        for event in try ConfigurationLoader.declaredTrainingEvents(configuration) {
            try await store.saveTrainingEvent(event)
        }
        let factory = providers ?? GraphProviderFactory(transport: CurlTransport(maxConnections: 16))
        let engine = SyncEngine(store: store, providers: factory, logger: logger)
        return Runtime(configuration: configuration, store: store, engine: engine, logger: logger)
    }
}
