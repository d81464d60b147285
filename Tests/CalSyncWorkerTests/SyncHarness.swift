import CalSyncCore
import CalSyncGraph
import CalSyncHTTP
import CalSyncProviders
import CalSyncStore
import CalSyncTesting
import Foundation
import GraphEmulator
import MicrosoftCalendarKit
import Synchronization

@testable import CalSyncWorker

/// The provider registry over libcurl, as in production: one provider (so one token cache) per integration,
/// kept until its connection changes. A fresh client per call would fetch a token per operation and hide token
/// expiry from the tests. Requests are not batched (each test sees plain requests).
func curlProviders(transport: CurlTransport) -> ProviderRegistry {
    ProviderRegistry.standard(transport: transport, coalescesRequests: false)
}

/// The vocabularies the harness's providers speak (Microsoft 365's), for planning pushes outside the engine.
let graphVocabularies = ProviderRegistry.standardVocabularies

/// A GraphEmulator behind a real socket server, a store in a temp file and an engine talking to
/// the emulator over HTTP through libcurl: the whole sync path as it runs in production.
final class SyncHarness: @unchecked Sendable {  // mutated only by the test that owns it
    let emulator: GraphEmulator
    let server: HTTPServer
    let transport = CurlTransport(maxConnections: 8)
    let database = TemporaryDatabase(prefix: "calsync")
    var store: CalSyncStore
    var engine: SyncEngine
    var integration: Integration

    static let secret = "harness-secret-value-1"

    /// - Parameter apps: app registrations besides CalSync's own (`calsync-app`, fully consented), e.g. one without consent.
    init(
        users: [EmulatorTenant.User], configuration: EmulatorConfiguration = EmulatorConfiguration(),
        apps: [EmulatorTenant.App] = []
    ) async throws {
        let tenant = EmulatorTenant(
            tenantId: "11111111-2222-3333-4444-555555555555", domain: "contoso.example",
            apps: [
                EmulatorTenant.App(
                    clientId: "calsync-app", clientSecret: Self.secret,
                    roles: ["Calendars.ReadWrite", "MailboxSettings.Read", "User.Read.All"])
            ] + apps,
            users: users)
        emulator = GraphEmulator(tenant: tenant, configuration: configuration, zones: .bundled)
        var serverConfiguration = HTTPServerConfiguration()
        serverConfiguration.port = 0
        server = HTTPServer(configuration: serverConfiguration, responder: emulator)
        let port = try server.start()
        integration = Integration(
            id: "contoso", name: "Contoso", tenantId: tenant.tenantId, clientId: "calsync-app",
            clientSecret: Secret(Self.secret), graphBaseURL: "http://127.0.0.1:\(port)/v1.0",
            authorityHost: "http://127.0.0.1:\(port)", createdAt: Date())
        store = try database.open()
        engine = SyncEngine(store: store, providers: curlProviders(transport: transport), logger: .silent)
        try await store.saveIntegration(integration)
    }

    func stop() async { await server.shutdown(timeout: 2) }

    /// One cycle; fails the caller loudly if a cycle was already running.
    func cycle() async throws -> CycleReport {
        guard let report = await engine.runCycle() else { throw HarnessError("a cycle was already running") }
        return report
    }

    /// A new store and engine on the same database file: what a restarted process sees.
    func restart() async throws {
        store = try database.open()
        engine = SyncEngine(store: store, providers: curlProviders(transport: transport), logger: .silent)
    }

    func add(_ instructor: Instructor) async throws { try await store.saveInstructor(instructor) }

    func blocks(_ instructorId: String) async throws -> [BusyBlock] {
        try await store.busyBlocks(instructorId: instructorId, overlapping: nil)
    }
}

struct HarnessError: Error, CustomStringConvertible {
    var description: String
    init(_ d: String) { description = d }
}

/// Dates relative to today (UTC), so test events always fall inside the sync window.
enum Day {
    static let utc = TimeZone(identifier: "UTC")!
    static func date(_ offset: Int) -> LocalDate { LocalDate(Date(), in: utc).adding(days: offset) }
    /// `YYYY-MM-DDTHH:MM:00` on today + offset.
    static func wall(_ offset: Int, _ hour: Int, _ minute: Int = 0) -> String {
        LocalDateTime(date: date(offset), hour: hour, minute: minute).description
    }
    static func instant(_ offset: Int, _ hour: Int, _ minute: Int = 0, zone: TimeZone = utc) -> Date {
        LocalDateTime(date: date(offset), hour: hour, minute: minute).instant(in: zone)
    }
}

/// Graph-shaped bodies for instructor-made events.
enum Body {
    static func event(
        _ subject: String, start: String, end: String, zone: String = "UTC", showAs: String = "busy",
        allDay: Bool = false
    ) -> EmulatorJSON {
        [
            "subject": .string(subject),
            "start": ["dateTime": .string(start), "timeZone": .string(zone)],
            "end": ["dateTime": .string(end), "timeZone": .string(zone)],
            "showAs": .string(showAs),
            "isAllDay": .bool(allDay),
        ]
    }
}

extension EmulatorJSON {
    /// This object with the given keys set (test convenience).
    func merging(_ other: [String: EmulatorJSON]) -> EmulatorJSON {
        guard case .object(var fields) = self else { return self }
        for (key, value) in other { fields[key] = value }
        return .object(fields)
    }
}

extension EmulatorEventSnapshot {
    /// CalSync's extended-property tag on this event, if any.
    var tag: String? { extendedProperty(CalSyncNamedProperty.graphId) }
}

extension Integration {
    /// The Microsoft 365 settings, to change in a test.
    var m365: Microsoft365Connection {
        get { connection.microsoft365! }
        set { connection = .microsoft365(newValue) }
    }
}
