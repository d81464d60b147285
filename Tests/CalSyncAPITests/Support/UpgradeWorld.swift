import CalSyncAPI
import CalSyncCore
import CalSyncGraph
import CalSyncHTTP
import CalSyncProviders
import CalSyncStore
import CalSyncTesting
import CalSyncWorker
import Foundation
import GraphEmulator
import Synchronization

/// Today's CalSync opening the upgrade fixture: the database copy is migrated by opening it, the engine pulls and
/// pushes against a GraphEmulator loaded with the recorded calendars, and the API answers from the same store, all
/// on a clock stopped at the moment of the recording. The emulator is reached in process: the recorded Graph address
/// (in the integration and in every delta link) stays as it was, and no socket listens there.
final class UpgradeWorld: @unchecked Sendable {  // owned by one test
    let fixture: UpgradeFixture
    let clock: ManualClock
    let emulator: GraphEmulator
    let store: CalSyncStore
    let engine: SyncEngine
    let api: HTTPResponder
    /// The emulator's stored events before the upgraded binary ran, by user.
    let eventsBefore: [String: [EmulatorEventSnapshot]]

    static let reader = "upgrade-reader-token-0123456789"

    /// - Parameter resumable: the emulator honours the recorded delta links (Graph keeps its sync state while
    ///   CalSync is upgraded); false: they are unknown to it (410), as after Graph expired them.
    init(resumable: Bool) throws {
        let fixture = try UpgradeFixture()
        self.fixture = fixture
        let clock = ManualClock(fixture.recordedAt)
        self.clock = clock
        let emulator = GraphEmulator(tenant: fixture.tenant, zones: .bundled, clock: clock)
        self.emulator = emulator
        guard emulator.tenantIssues.isEmpty else {
            throw UpgradeFixture.Missing(description: "emulator.json does not load: \(emulator.tenantIssues)")
        }
        if resumable {
            for delta in fixture.deltaLinks { try emulator.adoptDeltaLink(delta.link, window: delta.window) }
        }
        eventsBefore = Self.events(of: fixture.tenant, in: emulator)
        let store = try CalSyncStore(path: fixture.path)
        self.store = store
        engine = SyncEngine(
            // The registry `calsync serve` makes its providers with (and so the fingerprints it computes).
            store: store, providers: ProviderRegistry.standard(transport: InProcessTransport(emulator), clock: clock),
            clock: clock,
            logger: .silent)
        api = CalSyncAPI.server(
            APIContext(
                store: store, sync: RecordingSyncControl(), metrics: MetricsRegistry(), clock: clock,
                vocabularies: ProviderRegistry.standardVocabularies),
            authenticator: Authenticator(tokens: [.init(Secret(Self.reader), role: .reader)]), logger: .silent)
    }

    /// Requests to the emulator that write to a calendar (single or inside a `$batch`).
    var calendarWrites: [String: Int] {
        var writes: [String: Int] = [:]
        for (key, count) in emulator.stats().counts
        where ["POST /users", "PATCH /users", "DELETE /users"].contains(where: key.route.hasPrefix) {
            writes["\(key.route) → \(key.status)", default: 0] += count
        }
        return writes
    }

    /// The emulator's stored events now, by user.
    var events: [String: [EmulatorEventSnapshot]] { Self.events(of: fixture.tenant, in: emulator) }

    static func events(of tenant: EmulatorTenant, in emulator: GraphEmulator) -> [String: [EmulatorEventSnapshot]] {
        Dictionary(uniqueKeysWithValues: tenant.users.map { ($0.id, emulator.storedEvents(userId: $0.id)) })
    }

    /// Each recorded availability request asked again: (recorded answer, today's answer), comparable as strings.
    func availabilityAnswers() async -> [(name: String, path: String, recorded: String, now: String, json: Any)] {
        var answers: [(String, String, String, String, Any)] = []
        for answer in fixture.answers {
            var headers: HTTPHeaders = ["Authorization": "Bearer \(Self.reader)"]
            var body = Data()
            if let request = answer.request, let data = try? JSONSerialization.data(withJSONObject: request) {
                headers["Content-Type"] = "application/json"
                body = data
            }
            let method: HTTPMethod = body.isEmpty ? .get : .post
            let response = await api.respond(to: HTTPRequest(method: method, target: answer.path, headers: headers, body: body))
            let json = (try? JSONSerialization.jsonObject(with: response.body, options: .fragmentsAllowed)) ?? NSNull()
            let compared = UpgradeFixture.comparable(recorded: answer.body, answer: json)
            answers.append(
                (answer.name, answer.path, "\(answer.status) \(compared.recorded)", "\(response.status) \(compared.answer)", json)
            )
        }
        return answers
    }
}
