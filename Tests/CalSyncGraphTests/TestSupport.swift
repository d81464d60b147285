import CalSyncCore
import CalSyncGraph
import CalSyncHTTP
import CalSyncProviderKit
import Foundation

/// Fixture files: the project copy under `fixtures/` (reference payloads from Microsoft's docs).
enum Fixtures {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("fixtures")

    static func url(_ name: String, folder: String = "graph") -> URL {
        root.appendingPathComponent(folder).appendingPathComponent(name)
    }

    static func text(_ name: String, folder: String = "graph") -> String {
        do {
            return try String(contentsOf: url(name, folder: folder), encoding: .utf8)
        } catch {
            fatalError("missing fixture \(folder)/\(name): \(error)")
        }
    }

    static func data(_ name: String) -> Data { Data(text(name).utf8) }
}

/// A clock the test moves by hand.
final class MockWallClock: WallClock, @unchecked Sendable {
    // Guarded by `lock`.
    private let lock = NSLock()
    private var current: Date

    init(_ start: Date = Date(timeIntervalSince1970: 1_772_438_400)) { current = start }  // 2026-03-02T08:00:00Z

    func now() -> Date { lock.withLock { current } }
    func advance(by seconds: Double) { lock.withLock { current = current.addingTimeInterval(seconds) } }
    /// Moves the clock to `date` unless it is already later.
    func advance(to date: Date) { lock.withLock { current = max(current, date) } }
}

enum TestIntegration {
    static let secret = "s3cr+t/Value==~x"
    static let tenantId = "contoso-tenant-id"
    static let clientId = "11111111-2222-3333-4444-555555555555"

    static func make(
        graphBaseURL: String = "https://graph.microsoft.com/v1.0",
        authorityHost: String = "https://login.microsoftonline.com", secret: String = TestIntegration.secret
    ) -> Integration {
        Integration(
            id: "int-1", name: "Contoso", tenantId: tenantId, clientId: clientId, clientSecret: Secret(secret),
            graphBaseURL: graphBaseURL, authorityHost: authorityHost)
    }

    /// A client with its own gate (on `clock`, sleeping instantly unless given `sleeper`) and a
    /// seeded retry policy, so nothing waits for real and no test shares a mailbox with another.
    static func client(
        _ transport: any HTTPTransport, clock: MockWallClock = MockWallClock(), sleeper: TestSleeper? = nil,
        gate: InFlightGate? = nil, retryPolicy: GraphRetryPolicy = GraphRetryPolicy(random: SeededRandomSource(seed: 7))
    ) throws -> GraphClient {
        let gate = gate ?? InFlightGate(maxInFlight: 4, clock: clock, sleeper: sleeper ?? TestSleeper(clock: clock))
        return try GraphClient(
            integration: make(), transport: transport, zones: .bundled, clock: clock, gate: gate, retryPolicy: retryPolicy)
    }
}

/// Runs `body` and returns the `CalendarError` it throws (nil when it succeeds or throws another type).
func calendarError(_ body: () async throws -> Void) async -> CalendarError? {
    do {
        try await body()
        return nil
    } catch let error as CalendarError {
        return error
    } catch {
        return nil
    }
}

extension OutgoingEvent {
    static func sample(location: String? = "Room 4 'B'", tag: String = "calsync|int-1|training|T-42|I-7") -> OutgoingEvent {
        OutgoingEvent(
            subject: "Training: Swift Basics", bodyText: "Managed by CalSync. Do not edit.", location: location,
            time: .timed(
                TimeRange(start: Timestamp.parse("2026-03-10T08:00:00Z")!, end: Timestamp.parse("2026-03-10T16:00:00Z")!),
                zone: "Europe/Berlin"),
            showAs: .busy, isReminderOn: false, categories: [EventTag.category], tag: tag)
    }
}
