import CalSyncAPI
import CalSyncCore
import CalSyncHTTP
import CalSyncProviders
import CalSyncStore
import CalSyncWorker
import Foundation

/// The composition root shared by `serve`, `sync` and `demo`: the store (seeded from the
/// configuration), the engine wired to the calendar systems (the provider registry), the sync controller and the API.
struct Runtime {
    let store: CalSyncStore
    let engine: SyncEngine
    let metrics: MetricsRegistry
    let logger: Logger
    /// The engine's providers (their vocabularies serve the API too).
    let providers: any CalendarProviderFactory

    static func open(
        _ configuration: CalSyncConfiguration, environment: [String: String], logger: Logger,
        providers: (any CalendarProviderFactory)? = nil
    ) async throws -> Runtime {
        let key = try SecretKeySetting.read(environment)
        let store = try openStore(configuration.database, sealer: key.sealer)
        try await seed(store, from: configuration, environment: environment, logger: logger)
        // Once the file is accepted (a refused one is the only thing said).
        key.log(to: logger)
        DatabaseFileMode.warnIfShared(configuration.database, logger: logger)
        try await key.sealCredentialsInClear(of: store, logger: logger)
        let metrics = MetricsRegistry()
        let transport = MeteredTransport(CurlTransport(maxConnections: 16), metrics: metrics)
        let factory = providers ?? ProviderRegistry.standard(transport: transport)
        // Pulls spread over the interval (a slot every ~30 s), people pulled and pushed concurrently so
        // their requests can be coalesced into batches (the registry's providers batch where the system allows).
        let engine = SyncEngine(
            store: store, providers: factory, logger: logger,
            spread: PullSpread.forInterval(Double(configuration.syncIntervalSeconds)), pullConcurrency: 64,
            pushConcurrency: 32)
        return Runtime(store: store, engine: engine, metrics: metrics, logger: logger, providers: factory)
    }

    /// Opens (creating and migrating) the database, with the key credentials are sealed under; every error names it.
    static func openStore(_ path: String, sealer: CredentialSealer? = nil) throws -> CalSyncStore {
        do {
            return try CalSyncStore(path: path, sealer: sealer)
        } catch {
            if case StoreError.cannotOpen = error { throw error }  // "cannot open the database PATH: why"
            throw ConfigurationLoader.Failure(description: "cannot open the database \(path): \(error)")
        }
    }

    /// Writes the integrations, instructors and training events declared in the file, at every start: the file wins
    /// over changes made through the API to the same ids. An instructor's `syncEnabled` is applied only when the file
    /// states it (logged when that changes the stored switch); left out, the switch stays the admins'. Everything is
    /// checked before anything is written (secrets, events, the instructors the events name), so a refused file
    /// changes nothing.
    static func seed(
        _ store: CalSyncStore, from configuration: CalSyncConfiguration, environment: [String: String],
        logger: Logger
    ) async throws {
        let integrations = try ConfigurationLoader.declaredIntegrations(configuration, environment: environment)
        let events = try ConfigurationLoader.declaredTrainingEvents(configuration)
        try await checkInstructors(of: configuration, in: store)
        for integration in integrations {
            var integration = integration
            if let existing = try await store.integration(id: integration.id) { integration.createdAt = existing.createdAt }
            try await store.saveIntegration(integration)
        }
        for item in configuration.instructors {
            let stored = try await store.instructor(id: item.id)
            let instructor = ConfigurationLoader.declaredInstructor(item, stored: stored)
            if let stored, stored.syncEnabled != instructor.syncEnabled {
                logger.info(
                    "the configuration file sets the instructor's sync switch",
                    ["instructor": instructor.id, "syncEnabled": "\(instructor.syncEnabled)", "was": "\(stored.syncEnabled)"])
            }
            try await store.saveInstructor(instructor)
        }
        for event in events {
            try await store.saveTrainingEvent(event)
        }
    }

    /// Each instructor a declared training event names is declared in the file or already stored.
    static func checkInstructors(of configuration: CalSyncConfiguration, in store: CalSyncStore) async throws {
        let declared = Set(configuration.instructors.map(\.id))
        for (index, event) in configuration.trainingEvents.enumerated() {
            for (position, id) in (event.instructorIds ?? []).enumerated() where !declared.contains(id) {
                guard try await store.instructor(id: id) == nil else { continue }
                throw ConfigurationLoader.Failure(
                    description: "trainingEvents[\(index)].instructorIds[\(position)]: no instructor has the id \"\(id)\" "
                        + "(declare it under instructors)")
            }
        }
    }

    /// The controller (loop + real-time pusher) and the API server on `listen`, with `server`'s other settings
    /// (the connection caps) when given.
    /// `accessLog` gets a line per request (`calsync demo` keeps it out of its terminal unless --verbose).
    func startService(
        interval: Int, listen: String, tokens: [Authenticator.Token], accessLog: Logger,
        server settings: HTTPServerConfiguration? = nil,
        onReport: @escaping @Sendable (CycleReport) -> Void
    ) throws -> (SyncController, HTTPServer, Int) {
        let controller = SyncController(
            engine: engine, store: store, interval: Double(interval), metrics: metrics, onReport: onReport)
        // The admin pages' "Test connection": the doctor's read-only checks, on a few connections of their own.
        let doctor = Doctor(
            store: store,
            providers: ProviderRegistry.standard(transport: CurlTransport(maxConnections: 4), coalescesRequests: false))
        let context = APIContext(
            store: store, sync: controller, metrics: metrics, vocabularies: providers.vocabularies,
            defaultSyncIntervalSeconds: interval, doctor: doctor)
        let api = CalSyncAPI.server(context, authenticator: Authenticator(tokens: tokens), logger: accessLog)
        let (host, port) = try ConfigurationLoader.listenAddress(listen)
        var configuration = settings ?? HTTPServerConfiguration()
        configuration.host = host
        configuration.port = port
        let server = HTTPServer(configuration: configuration, responder: api, metrics: metrics)
        let bound = try server.start()
        controller.start()
        return (controller, server, bound)
    }
}
