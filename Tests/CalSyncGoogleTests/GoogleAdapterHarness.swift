import CalSyncCore
import CalSyncGoogle
import CalSyncHTTP
import CalSyncProviderKit
import Foundation
import GoogleEmulator
import Testing

/// The fabrikam Google emulator in process, and the Google adapter pointed at it with the test service-account key.
struct GoogleAdapterHarness {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let tenantPath = root.appendingPathComponent("fixtures/tenants/google-fabrikam.json").path
    static let keyFile = root.appendingPathComponent("fixtures/google/test-service-account.json")

    static let ada = "ada@fabrikam.example"
    static let grace = "grace@fabrikam.example"
    static let linus = "linus@fabrikam.example"
    static let margaret = "margaret@fabrikam.example"
    static let clientId = "104217380923465120001"
    /// A Monday, 09:00 in Zurich.
    static let start = "2026-03-02T08:00:00Z"
    /// The first back-off of `fastBackoff` harnesses.
    static let fastBase = 0.05

    let emulator: GoogleEmulator
    let clock: ManualClock
    let waits = WaitLog()
    let provider: GoogleCalendarProvider

    /// - Parameter fastBackoff: Google's back-off scaled down to tens of milliseconds, slept for real (the emulator
    ///   measures back-offs on the real clock; its minimum is scaled to match).
    init(
        settings: GoogleProviderSettings = GoogleProviderSettings(), maxRetries: Int = 4, fastBackoff: Bool = false,
        configuration: GoogleEmulatorConfiguration = .init()
    ) throws {
        var configuration = configuration
        if fastBackoff { configuration.minimumBackoffSeconds = Self.fastBase }
        let clock = ManualClock(Timestamp.parse(Self.start)!)
        self.clock = clock
        emulator = GoogleEmulator(
            tenant: try GoogleTenant(contentsOf: Self.tenantPath), configuration: configuration, clock: clock)
        let waits = self.waits
        let retry = GoogleRetryPolicy(
            maxRetries: maxRetries, waitBudget: fastBackoff ? 5 : 40, backoffBase: fastBackoff ? Self.fastBase : 1,
            backoffCap: fastBackoff ? 0.4 : 32, jitter: fastBackoff ? 0.02 : 1,
            sleeper: RecordingSleeper(waits: waits, clock: clock, real: fastBackoff), random: HalfRandom())
        provider = try GoogleCalendarProvider(
            key: try GoogleServiceAccountKey(json: Data(contentsOf: Self.keyFile)), settings: settings,
            baseURL: "http://127.0.0.1:8092", transport: InProcessTransport(emulator), clock: clock, retry: retry)
    }

    static func keyJSON() throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: keyFile)) as? [String: Any])
    }

    /// Today's window in UTC plus `days` days either side.
    func window(days: Int = 14) -> TimeRange {
        let now = clock.now()
        return TimeRange(
            start: now.addingTimeInterval(-Double(days) * 86_400), end: now.addingTimeInterval(Double(days) * 86_400))
    }

    /// Every change of a round, following `.more` cursors; the cursor the round ended with.
    func round(_ calendar: String, window: TimeRange, from cursor: SyncCursor? = nil) async throws
        -> (changes: [CalendarChange], cursor: SyncCursor, pages: Int, full: Bool)
    {
        var changes: [CalendarChange] = []
        var cursor = cursor
        var pages = 0
        var full = true
        while pages < 100 {
            let page = try await provider.changes(in: calendar, window: window, from: cursor)
            pages += 1
            changes += page.changes
            full = full && page.isFullListing
            switch page.next {
            case .more(let next): cursor = next
            case .done(let last): return (changes, last, pages, full)
            }
        }
        Issue.record("more than 100 pages")
        return (changes, cursor!, pages, full)
    }

    /// A stored event of the emulator's calendar (deleted ones included).
    func stored(_ user: String, _ id: String) -> JSONValue? { emulator.storedEvent(user: user, eventId: id) }

    /// Expects `body` to throw a `CalendarError` and returns it.
    func failure(_ body: () async throws -> Void) async -> CalendarError? {
        do {
            try await body()
            Issue.record("expected a CalendarError")
            return nil
        } catch let error as CalendarError {
            return error
        } catch {
            Issue.record("unexpected \(error)")
            return nil
        }
    }
}

extension GoogleAdapterHarness {
    /// ±14 days around the harness's start.
    static var window14: TimeRange {
        let now = Timestamp.parse(start)!
        return TimeRange(start: now - 14 * 86_400, end: now + 14 * 86_400)
    }
}
