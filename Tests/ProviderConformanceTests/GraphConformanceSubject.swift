import CalSyncCore
import CalSyncGraph
import CalSyncHTTP
import CalSyncProviderKit
import CalSyncTesting
import Foundation
import GraphEmulator
import MicrosoftCalendarKit
import Synchronization

/// The Microsoft 365 adapter under the conformance suite: the provider the registry's maker builds, talking to a
/// GraphEmulator in-process (no sockets) with an empty directory; the emulator's side door seeds people and their
/// events and injects faults. The client retries nothing within a call, so the suite sees what Graph answered.
final class GraphConformanceSubject: ConformanceSubject {
    static let tenantId = "c0f0a11e-0000-4000-8000-000000000001"
    static let app = EmulatorTenant.App(
        clientId: "c0f0a11e-0000-4000-8000-0000000000a1", clientSecret: "conformance-secret~value",
        roles: ["Calendars.ReadWrite", "MailboxSettings.Read", "User.Read.All"])

    let emulator: GraphEmulator
    let provider: any CalendarProvider
    /// Each calendar's IANA zone, as the person was seeded.
    let zones = Mutex<[CalendarID: String]>([:])

    init() throws {
        var configuration = EmulatorConfiguration()
        // Small pages and replayed items, as Graph may send them.
        configuration.deltaDefaultPageSize = 2
        configuration.deltaReplayProbability = 0.25
        let tenant = EmulatorTenant(tenantId: Self.tenantId, domain: "conformance.test", apps: [Self.app], users: [])
        let clock = SystemWallClock()
        emulator = GraphEmulator(tenant: tenant, configuration: configuration, zones: .bundled, clock: clock)
        let integration = Integration(
            id: "conformance", name: "Conformance", tenantId: Self.tenantId, clientId: Self.app.clientId,
            clientSecret: Secret(Self.app.clientSecret), graphBaseURL: "http://127.0.0.1:8089/v1.0",
            authorityHost: "http://127.0.0.1:8089")
        // A gate of its own: no other test shares its mailboxes' Retry-Afters.
        let maker = GraphProviderMaker(
            zones: .bundled, gate: InFlightGate(maxInFlight: GraphClient.capabilities.inFlightLimit), retryPolicy: .noRetries)
        provider = try maker.makeProvider(
            for: integration,
            in: ProviderEnvironment(transport: InProcessTransport(emulator), clock: clock, coalescesRequests: false))
    }

    func addPerson(_ person: SeededPerson) async throws -> DirectoryUser {
        let user = EmulatorTenant.User(
            id: UUID().uuidString.lowercased(), displayName: person.displayName, mail: person.mail,
            userPrincipalName: person.mail,
            proxyAddresses: ["SMTP:\(person.mail)"] + person.aliases.map { "smtp:\($0)" },
            mailboxTimeZone: WindowsZones.bundled.windowsName(for: person.zone), hasMailbox: person.hasCalendar)
        try emulator.addUser(user)
        zones.withLock { $0[user.id] = person.zone }
        return DirectoryUser(
            id: user.id, displayName: user.displayName, mail: user.mail, userPrincipalName: user.userPrincipalName,
            proxyAddresses: user.proxyAddresses)
    }

    func add(_ event: PersonEvent, to calendar: CalendarID) async throws -> String {
        try emulator.addEvent(userId: calendar, json: try json(event, calendar: calendar))
    }

    func change(_ id: String, in calendar: CalendarID, to event: PersonEvent) async throws {
        try emulator.updateEvent(userId: calendar, eventId: id, json: try json(event, calendar: calendar))
    }

    func remove(_ id: String, from calendar: CalendarID) async throws {
        try emulator.removeEvent(userId: calendar, eventId: id)
    }

    func itemCount(tag: String, in calendar: CalendarID) async throws -> Int {
        emulator.storedEvents(userId: calendar).count { $0.extendedProperties.values.contains(tag) }
    }

    func expireCursors() async throws { emulator.expireDeltaTokens() }

    func throttle(retryAfter: Double) async throws {
        emulator.updateFaults {
            $0.throttle429 = 1
            $0.retryAfterSeconds = retryAfter...retryAfter
        }
    }

    func failCreatesAfterCommit() async throws { emulator.updateFaults { $0.gatewayTimeout504AfterCommit = 1 } }

    func clearFaults() async throws { emulator.setFaults(EmulatorFaults()) }

    func shutDown() async {}

    /// The event as the person's Outlook writes it: wall clocks in the event's zone (all-day: midnight in the
    /// mailbox's zone), a numbered recurrence.
    func json(_ event: PersonEvent, calendar: CalendarID) throws -> Data {
        var body: [String: Any] = [
            "subject": event.subject, "showAs": event.showAs.rawValue, "isCancelled": event.isCancelled,
            "categories": event.categories,
        ]
        if let location = event.location { body["location"] = ["displayName": location] }
        if event.declinedByOwner { body["responseStatus"] = ["response": "declined"] }
        let startDate: LocalDate
        let zone: String
        switch event.time {
        case .timed(let range, let own):
            let tz = TimeZone(identifier: own)!
            body["start"] = ["dateTime": LocalDateTime(range.start, in: tz).description, "timeZone": own]
            body["end"] = ["dateTime": LocalDateTime(range.end, in: tz).description, "timeZone": own]
            body["isAllDay"] = false
            startDate = LocalDate(range.start, in: tz)
            zone = own
        case .allDay(let first, let end):
            zone = zones.withLock { $0[calendar] } ?? "UTC"
            body["start"] = ["dateTime": "\(first)T00:00:00", "timeZone": zone]
            body["end"] = ["dateTime": "\(end)T00:00:00", "timeZone": zone]
            body["isAllDay"] = true
            startDate = first
        }
        if let recurrence = event.recurrence {
            var pattern: [String: Any] = ["type": recurrence.frequency.rawValue, "interval": recurrence.interval]
            if recurrence.frequency == .weekly { pattern["daysOfWeek"] = [Self.weekdays[startDate.isoWeekday - 1]] }
            body["recurrence"] = [
                "pattern": pattern,
                "range": [
                    "type": "numbered", "startDate": startDate.description, "numberOfOccurrences": recurrence.count,
                    "recurrenceTimeZone": zone,
                ],
            ]
        }
        return try JSONSerialization.data(withJSONObject: body)
    }

    static let weekdays = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
}
