import CalSyncCore
import CalSyncGoogle
import CalSyncHTTP
import CalSyncProviderKit
import CalSyncTesting
import Foundation
import GoogleEmulator

/// The Google Workspace adapter under the conformance suite: the provider the registry's maker builds (people found
/// through the directory as an administrator), talking to a GoogleEmulator in process with the fabrikam service
/// account and its delegation but no people; the emulator's side door seeds people and their events and injects
/// faults. The client retries nothing within a call, so the suite sees what Google answered.
final class GoogleConformanceSubject: ConformanceSubject {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let admin = "it-admin@conformance.test"

    let emulator: GoogleEmulator
    let provider: any CalendarProvider

    init() throws {
        var tenant = try GoogleTenant(contentsOf: Self.root.appendingPathComponent("fixtures/tenants/google-fabrikam.json").path)
        tenant.domain = "conformance.test"
        tenant.admins = [Self.admin]
        tenant.users = [GoogleTenant.User(id: "100000000000000000001", primaryEmail: Self.admin)]
        let clock = SystemWallClock()
        emulator = GoogleEmulator(tenant: tenant, clock: clock)
        let keyFile = try String(
            contentsOf: Self.root.appendingPathComponent("fixtures/google/test-service-account.json"), encoding: .utf8)
        let key = try GoogleServiceAccountKey(json: Data(keyFile.utf8))
        let integration = Integration(
            id: "conformance", name: "Conformance",
            connection: .google(
                GoogleConnection(
                    serviceAccountKey: Secret(keyFile),
                    serviceAccount: ServiceAccountIdentity(
                        clientEmail: key.clientEmail, clientId: key.clientId, privateKeyId: key.keyId, tokenURI: key.tokenURI),
                    adminEmail: Self.admin, googleBaseURL: "http://127.0.0.1:8092")))
        provider = try GoogleProviderMaker(retry: .noRetries).makeProvider(
            for: integration,
            in: ProviderEnvironment(transport: InProcessTransport(emulator), clock: clock, coalescesRequests: false))
    }

    func addPerson(_ person: SeededPerson) async throws -> DirectoryUser {
        let id = String(100_000_000_000_000_000 + UInt64.random(in: 2..<1_000_000_000))
        let user = GoogleTenant.User(
            id: id, primaryEmail: person.mail, givenName: person.displayName, aliases: person.aliases,
            timeZone: person.zone)
        guard emulator.addUser(user) else { throw CalendarError(.configuration, message: "\(person.mail) is taken") }
        return DirectoryUser(
            id: person.mail, displayName: person.displayName, mail: person.mail,
            proxyAddresses: ["SMTP:\(person.mail)"] + person.aliases.map { "smtp:\($0)" })
    }

    func add(_ event: PersonEvent, to calendar: CalendarID) async throws -> String {
        try emulator.addEvent(user: calendar, json: json(event, calendar: calendar))
    }

    func change(_ id: String, in calendar: CalendarID, to event: PersonEvent) async throws {
        try emulator.updateEvent(user: calendar, eventId: id, json: json(event, calendar: calendar))
    }

    func remove(_ id: String, from calendar: CalendarID) async throws {
        try emulator.removeEvent(user: calendar, eventId: id)
    }

    func itemCount(tag: String, in calendar: CalendarID) async throws -> Int {
        emulator.storedEvents(user: calendar).count {
            $0["extendedProperties"]?["private"]?["calsyncTag"]?.stringValue == tag
                && $0["status"]?.stringValue != "cancelled"
        }
    }

    func expireCursors() async throws { emulator.expireSyncTokens() }

    func throttle(retryAfter: Double) async throws {
        var faults = GoogleFaults()
        faults.rateLimit429 = 1
        faults.retryAfterSeconds = retryAfter...retryAfter
        emulator.setFaults(faults)
    }

    func failCreatesAfterCommit() async throws {
        var faults = GoogleFaults()
        faults.backendError500AfterCommit = 1
        emulator.setFaults(faults)
    }

    func clearFaults() async throws { emulator.setFaults(GoogleFaults()) }

    func shutDown() async {}

    /// The event as the person's Google Calendar writes it: wall clocks in the event's zone, all-day dates, an RRULE.
    func json(_ event: PersonEvent, calendar: CalendarID) -> JSONValue {
        var body: [String: JSONValue] = [
            "summary": .string(event.subject), "location": event.location.map(JSONValue.string) ?? .string(""),
            "transparency": .string(event.showAs == .free || event.showAs == .workingElsewhere ? "transparent" : "opaque"),
            "status": .string(event.isCancelled ? "cancelled" : event.showAs == .tentative ? "tentative" : "confirmed"),
        ]
        if event.showAs == .oof { body["eventType"] = .string("outOfOffice") }
        if event.showAs == .workingElsewhere {
            body["eventType"] = .string("workingLocation")
            body["visibility"] = .string("public")
            body["workingLocationProperties"] = .object(["type": .string("homeOffice"), "homeOffice": .object([:])])
        }
        if event.declinedByOwner {
            body["organizer"] = .object(["email": .string("someone@elsewhere.test")])
            body["attendees"] = .array([
                .object(["email": .string(calendar), "self": .bool(true), "responseStatus": .string("declined")]),
                .object(["email": .string("someone@elsewhere.test"), "organizer": .bool(true)]),
            ])
        }
        switch event.time {
        case .timed(let range, let own):
            let tz = TimeZone(identifier: own)!
            body["start"] = .object([
                "dateTime": .string(LocalDateTime(range.start, in: tz).description), "timeZone": .string(own),
            ])
            body["end"] = .object(["dateTime": .string(LocalDateTime(range.end, in: tz).description), "timeZone": .string(own)])
        case .allDay(let first, let end):
            body["start"] = .object(["date": .string(first.description)])
            body["end"] = .object(["date": .string(end.description)])
        }
        if let recurrence = event.recurrence {
            let frequency = recurrence.frequency == .daily ? "DAILY" : "WEEKLY"
            body["recurrence"] = .array([
                .string("RRULE:FREQ=\(frequency);INTERVAL=\(recurrence.interval);COUNT=\(recurrence.count)")
            ])
        }
        return .object(body)
    }
}
