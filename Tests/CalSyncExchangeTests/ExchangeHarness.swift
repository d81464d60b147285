import CalSyncCore
import CalSyncHTTP
import EWSEmulator
import Foundation

@testable import CalSyncExchange

/// The EWSEmulator loaded from the Exchange tenant file at a fixed time (Monday 2 March 2026, 08:00 in Paris), and an
/// `ExchangeCalendarProvider` talking to it in process, logged on with Basic as `CONTOSO\svc-calsync`.
struct ExchangeHarness {
    static let jane = "jane.doe@contoso.example"
    static let ben = "ben.smith@contoso.example"
    static let chloe = "chloe.martin@contoso.example"
    static let account = #"CONTOSO\svc-calsync"#
    static let password = "Calsync-Demo-2026!"
    static let url = URL(string: "http://127.0.0.1:8091/EWS/Exchange.asmx")!
    static let now = Timestamp.parse("2026-03-02T07:00:00Z")!

    let emulator: EWSEmulator
    let clock: ManualClock
    let provider: ExchangeCalendarProvider

    init(
        configuration: EWSConfiguration = EWSConfiguration(), username: String = account, password: String = password,
        edit: (inout EWSTenant) -> Void = { _ in }
    ) throws {
        var tenant = try EWSTenant(contentsOf: ExchangeFixtures.tenantPath)
        edit(&tenant)
        clock = ManualClock(Self.now)
        emulator = EWSEmulator(tenant: tenant, configuration: configuration, clock: clock)
        provider = ExchangeCalendarProvider(
            settings: ExchangeSettings(ewsURL: Self.url, username: username, password: Secret(password), authScheme: .basic),
            transport: InProcessTransport(emulator), clock: clock)
    }

    /// A provider for another account (or password) against the same emulator.
    func provider(username: String, password: String) -> ExchangeCalendarProvider {
        ExchangeCalendarProvider(
            settings: ExchangeSettings(ewsURL: Self.url, username: username, password: Secret(password), authScheme: .basic),
            transport: InProcessTransport(emulator), clock: clock)
    }

    /// A provider for the same account whose CalendarView requests ask for at most `calendarViewLimit` items.
    func makeProvider(calendarViewLimit: Int) -> ExchangeCalendarProvider {
        ExchangeCalendarProvider(
            settings: provider.settings, transport: InProcessTransport(emulator), zones: .bundled, clock: clock,
            calendarViewLimit: calendarViewLimit)
    }

    /// A mailbox's stored items (singles and masters) by subject, as the emulator's side door shows them.
    func stored(_ mailbox: String = jane) -> [String: JSONValue] {
        var result: [String: JSONValue] = [:]
        for item in emulator.items(mailbox: mailbox) { result[item["subject"]?.stringValue ?? ""] = item }
        return result
    }

    /// The service account's statistics.
    var stats: EWSAccountStats? { emulator.stats().accounts["svc-calsync"] }

    /// Three weeks from the harness's Monday, 00:00 UTC.
    static let window = TimeRange(
        start: Timestamp.parse("2026-02-23T00:00:00Z")!, end: Timestamp.parse("2026-03-23T00:00:00Z")!)

    /// Every change of a round, following `.more` cursors; the last page's cursor.
    func round(_ calendar: String = jane, window: TimeRange = window, from cursor: SyncCursor? = nil) async throws
        -> (changes: [CalendarChange], cursor: SyncCursor, full: Bool, pages: Int)
    {
        var changes: [CalendarChange] = []
        var next = cursor
        var pages = 0
        var full = false
        while true {
            let page = try await provider.changes(in: calendar, window: window, from: next)
            pages += 1
            full = full || page.isFullListing
            changes += page.changes
            switch page.next {
            case .more(let more): next = more
            case .done(let done): return (changes, done, full, pages)
            }
        }
    }
}

extension Array where Element == CalendarChange {
    /// The upserted events by id.
    var upserts: [String: ExternalEvent] {
        var events: [String: ExternalEvent] = [:]
        for change in self { if case .upsert(let event) = change { events[event.id] = event } }
        return events
    }
}
