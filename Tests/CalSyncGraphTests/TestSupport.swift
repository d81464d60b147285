import CalSyncCore
import CalSyncGraph
import CalSyncHTTP
import CalSyncProviderKit
import CalSyncTesting
import Foundation

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
        _ transport: any HTTPTransport, clock: ManualClock = ManualClock(), sleeper: TestSleeper? = nil,
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
