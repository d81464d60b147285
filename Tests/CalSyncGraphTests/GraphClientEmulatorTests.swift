import CalSyncCore
import CalSyncGraph
import CalSyncHTTP
import Foundation
import GraphEmulator
import MicrosoftCalendarKit
import Testing

/// GraphClient against the colleague-built Graph emulator, in-process (no sockets), on the Contoso
/// tenant file. These check that the client and the emulator agree on the wire, end to end.
@Suite struct GraphClientEmulatorTests {
    static let jane = "11111111-aaaa-4bbb-8ccc-000000000001"
    static let bob = "11111111-aaaa-4bbb-8ccc-000000000002"
    static let frank = "11111111-aaaa-4bbb-8ccc-000000000006"
    /// [2025-03-01T00:00:00Z, 2025-04-01T00:00:00Z): the tenant file's events live in March 2025.
    static let window = TimeRange(
        start: Date(timeIntervalSince1970: 1_740_787_200), end: Date(timeIntervalSince1970: 1_743_465_600))

    struct Setup {
        let emulator: GraphEmulator
        let client: GraphClient
        let clock: MockWallClock
        let tenant: EmulatorTenant
    }

    static func setup(appIndex: Int = 0, secret: String? = nil) throws -> Setup {
        let tenant = try EmulatorTenant(contentsOf: Fixtures.url("contoso.json", folder: "tenants").path)
        let clock = MockWallClock(Date(timeIntervalSince1970: 1_740_787_200))
        let emulator = GraphEmulator(tenant: tenant, zones: .bundled, clock: clock)
        let app = tenant.apps[appIndex]
        let integration = Integration(
            id: "int-1", name: "Contoso", tenantId: tenant.tenantId, clientId: app.clientId,
            clientSecret: Secret(secret ?? app.clientSecret), graphBaseURL: "http://127.0.0.1:8089/v1.0",
            authorityHost: "http://127.0.0.1:8089")
        let client = try GraphClient(
            integration: integration, transport: InProcessTransport(emulator), zones: .bundled, clock: clock)
        return Setup(emulator: emulator, client: client, clock: clock, tenant: tenant)
    }

    /// Runs a delta round to its deltaLink; returns all changes and the link.
    static func round(_ client: GraphClient, user: String, from cursor: DeltaCursor) async throws
        -> (changes: [CalendarChange], deltaLink: String, pages: Int)
    {
        var cursor = cursor
        var changes: [CalendarChange] = []
        for pages in 1...100 {
            let page = try await client.calendarDelta(userId: user, cursor: cursor)
            changes += page.changes
            if let deltaLink = page.deltaLink { return (changes, deltaLink, pages) }
            cursor = .link(try #require(page.nextLink))
        }
        Issue.record("the round did not end")
        return (changes, "", 100)
    }

    static func upserted(_ changes: [CalendarChange]) -> [String: ExternalEvent] {
        var events: [String: ExternalEvent] = [:]
        for case .upsert(let event) in changes { events[event.id] = event }
        return events
    }

    static func removed(_ changes: [CalendarChange]) -> Set<String> {
        var ids: Set<String> = []
        for case .removed(let id) in changes { ids.insert(id) }
        return ids
    }

    @Test func tokenAndUsersAcrossPages() async throws {
        let setup = try Self.setup()
        for n in 0..<1_000 {
            try setup.emulator.addUser(
                EmulatorTenant.User(
                    id: String(format: "22222222-0000-4000-8000-%012d", n), displayName: "Extra \(n)",
                    mail: "extra\(n)@contoso.example", userPrincipalName: "extra\(n)@contoso.example"))
        }
        let users = try await setup.client.directoryUsers()
        #expect(users.count == setup.tenant.users.count + 1_000)
        #expect(Set(users.map(\.id)).count == users.count)
        let jane = try #require(users.first { $0.id == Self.jane })
        #expect(jane.mail == "jane.doe@contoso.example")
        #expect(jane.proxyAddresses == setup.tenant.users[0].proxyAddresses)
        let stats = setup.emulator.stats()
        #expect(stats.count(route: "GET /users", status: 200) == 2)  // 999 + the rest
        #expect(stats.count(route: "POST /{tenant}/oauth2/v2.0/token", status: 200) == 1)
    }

    @Test func mailboxTimeZones() async throws {
        let setup = try Self.setup()
        #expect(try await setup.client.mailboxTimeZone(userId: Self.jane) == "W. Europe Standard Time")
        #expect(try await setup.client.mailboxTimeZone(userId: "11111111-aaaa-4bbb-8ccc-000000000004") == "Europe/Paris")
        let error = await calendarError { _ = try await setup.client.mailboxTimeZone(userId: Self.frank) }
        #expect(error?.kind == .noCalendar)  // no Exchange mailbox
    }

    @Test func deltaRoundThenChangesMadeInOutlook() async throws {
        let setup = try Self.setup()
        let first = try await Self.round(setup.client, user: Self.jane, from: .initial(Self.window))
        let events = Self.upserted(first.changes)
        #expect(!events.isEmpty)
        // The weekly Monday/Wednesday series comes expanded into occurrences.
        // (Occurrences are not items of the mailbox: only single events and series masters are stored.)
        let stored = Dictionary(uniqueKeysWithValues: setup.emulator.storedEvents(userId: Self.jane).map { ($0.id, $0) })
        #expect(events.values.filter { stored[$0.id] == nil && !$0.isSeriesMaster }.count >= 8)
        #expect(events.values.allSatisfy { if case .timed(_, let zone)? = $0.time { zone == "Etc/UTC" } else { $0.isAllDay } })

        // The instructor adds, edits and deletes events in Outlook.
        let added = try setup.emulator.addEvent(
            userId: Self.jane,
            json: #"""
                {"subject":"Doctor","start":{"dateTime":"2025-03-20T10:00:00","timeZone":"UTC"},
                 "end":{"dateTime":"2025-03-20T11:00:00","timeZone":"UTC"},"showAs":"oof"}
                """#)
        let singles = events.values.filter { stored[$0.id].map { !$0.isSeriesMaster } ?? false }.sorted { $0.id < $1.id }
        try #require(singles.count >= 2)
        let single = singles[0]
        let edited = singles[1]
        try setup.emulator.removeEvent(userId: Self.jane, eventId: single.id)
        try setup.emulator.updateEvent(userId: Self.jane, eventId: edited.id, json: #"{"showAs":"free"}"#)

        let second = try await Self.round(setup.client, user: Self.jane, from: .link(first.deltaLink))
        let changed = Self.upserted(second.changes)
        #expect(changed[added]?.showAs == .oof)
        #expect(
            changed[added]?.time
                == .timed(
                    TimeRange(start: Timestamp.parse("2025-03-20T10:00:00Z")!, end: Timestamp.parse("2025-03-20T11:00:00Z")!),
                    zone: "Etc/UTC"))
        #expect(Self.removed(second.changes).contains(single.id))
        #expect(changed[single.id] == nil)
        #expect(changed[edited.id]?.showAs == .free)
        #expect(changed[edited.id]?.time == edited.time)

        // An evicted token means a new initial round.
        setup.emulator.expireDeltaTokens()
        let error = await calendarError {
            _ = try await setup.client.calendarDelta(userId: Self.jane, cursor: .link(second.deltaLink))
        }
        #expect(error?.kind == .cursorExpired)
    }

    @Test func createFindReadUpdateDelete() async throws {
        let setup = try Self.setup()
        let client = setup.client
        let tag = "calsync|int-1|training|T-42|I-7"
        var outgoing = OutgoingEvent.sample(tag: tag)
        outgoing.time = .timed(
            TimeRange(start: Timestamp.parse("2025-03-18T08:00:00Z")!, end: Timestamp.parse("2025-03-18T16:00:00Z")!),
            zone: "Europe/Berlin")

        let id = try await client.createEvent(userId: Self.bob, event: outgoing, transactionId: "tx-create-1")
        let stored = try #require(setup.emulator.storedEvents(userId: Self.bob).first { $0.id == id })
        #expect(stored.subject == "Training: Swift Basics")
        #expect(stored.transactionId == "tx-create-1")
        #expect(stored.extendedProperties[CalSyncNamedProperty.graphId] == tag)
        #expect(stored.startTimeZone == "W. Europe Standard Time")
        #expect(stored.createdViaGraph)

        // A retried create with the same transactionId and body does not duplicate the event.
        #expect(try await client.createEvent(userId: Self.bob, event: outgoing, transactionId: "tx-create-1") == id)

        #expect(try await client.findEvent(userId: Self.bob, tag: tag) == id)
        #expect(try await client.findEvent(userId: Self.bob, tag: tag + "-other") == nil)

        let read = try await client.event(userId: Self.bob, eventId: id)
        #expect(read.tagValue == tag)
        #expect(read.idempotencyKey == "tx-create-1")
        #expect(read.categories == [EventTag.category])
        #expect(
            read.time
                == .timed(
                    TimeRange(start: Timestamp.parse("2025-03-18T08:00:00Z")!, end: Timestamp.parse("2025-03-18T16:00:00Z")!),
                    zone: "Etc/UTC"))

        outgoing.subject = "Training: Swift Advanced"
        outgoing.showAs = .tentative
        try await client.updateEvent(userId: Self.bob, eventId: id, event: outgoing)
        let updated = try #require(setup.emulator.storedEvents(userId: Self.bob).first { $0.id == id })
        #expect(updated.subject == "Training: Swift Advanced")
        #expect(updated.showAs == "tentative")
        #expect(updated.transactionId == "tx-create-1")

        try await client.deleteEvent(userId: Self.bob, eventId: id)
        let again = await calendarError { try await client.deleteEvent(userId: Self.bob, eventId: id) }
        #expect(again?.kind == .notFound)
        let gone = await calendarError { _ = try await client.event(userId: Self.bob, eventId: id) }
        #expect(gone?.kind == .notFound)
        #expect(try await client.findEvent(userId: Self.bob, tag: tag) == nil)
    }

    @Test func expiredTokensAreRefreshedOn401() async throws {
        let setup = try Self.setup()
        _ = try await setup.client.mailboxTimeZone(userId: Self.jane)
        setup.emulator.expireAccessTokens()
        #expect(try await setup.client.mailboxTimeZone(userId: Self.jane) == "W. Europe Standard Time")
        let stats = setup.emulator.stats()
        #expect(stats.count(route: "POST /{tenant}/oauth2/v2.0/token", status: 200) == 2)
        #expect(stats.count(route: "GET /users/{id}/mailboxSettings", status: 401) == 1)
    }

    @Test func tokensAreRefreshedAt80PercentOfTheirLifetime() async throws {
        let setup = try Self.setup()
        _ = try await setup.client.mailboxTimeZone(userId: Self.jane)
        setup.clock.advance(by: 3599 * 0.8 - 1)
        _ = try await setup.client.mailboxTimeZone(userId: Self.jane)
        setup.clock.advance(by: 2)
        _ = try await setup.client.mailboxTimeZone(userId: Self.jane)
        #expect(setup.emulator.stats().count(route: "POST /{tenant}/oauth2/v2.0/token", status: 200) == 2)
    }

    @Test func aWrongSecretIsNamedAndNeverShown() async throws {
        let wrong = "not-the-secret~value"
        let setup = try Self.setup(secret: wrong)
        let error = await calendarError { _ = try await setup.client.directoryUsers() }
        #expect(error?.kind == .credentialsRejected)
        #expect(error?.providerCode == "invalid_client AADSTS7000215")
        #expect(error?.message.contains("client secret is wrong") == true)
        #expect(!String(describing: error).contains(wrong))
        #expect(!String(describing: error).contains(setup.tenant.apps[0].clientSecret))
    }

    @Test func anAppWithoutConsentIsForbidden() async throws {
        let setup = try Self.setup(appIndex: 1)
        let error = await calendarError {
            _ = try await setup.client.calendarDelta(userId: Self.jane, cursor: .initial(Self.window))
        }
        #expect(error?.kind == .permissionMissing)
        let users = await calendarError { _ = try await setup.client.directoryUsers() }
        #expect(users?.kind == .permissionMissing)
    }
}
