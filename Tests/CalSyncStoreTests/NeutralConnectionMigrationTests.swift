import CalSyncCore
import CalSyncTesting
import Foundation
import Testing

@testable import CalSyncStore

/// 012-neutral-connection: an integration written by a store at 009 (its connection in columns of its own) reads back
/// identical once the table is rebuilt, its secret only in `secret`, and everything that hangs off it stays and still
/// goes with it.
@Suite struct NeutralConnectionMigrationTests {
    static let secret = #"s3cr3t "quoted" \ tenant/secret~"#

    /// The integration the 009-era row holds.
    static var expected: Integration {
        var settings = SyncSettings()
        settings.futureDays = 90
        settings.remindersOn = true
        return Integration(
            id: "int-9", name: "Contoso (released)", status: .inactive, tenantId: "contoso.onmicrosoft.com",
            clientId: "0c9d8e7f-6a5b-4c3d", clientSecret: Secret(secret), establishments: ["paris", "lyon"],
            graphBaseURL: "http://127.0.0.1:8089/v1.0", authorityHost: "http://127.0.0.1:8089",
            settings: settings, createdAt: at(0))
    }

    /// A database at 009 holding the integration in its old columns, a person matched through it, a busy block, a
    /// delta state with its link, a mapping and a directory state.
    func releasedDatabase() throws -> TemporaryDatabase {
        let file = TemporaryDatabase()
        let db = try SQLiteDatabase(path: file.path)
        try db.execute("PRAGMA foreign_keys = ON")
        try Migrator(Array(CalSyncSchema.migrator.migrations.prefix(9))).migrate(db)
        let integration = Self.expected
        let connection = try #require(integration.connection.microsoft365)
        try db.run(
            """
            INSERT INTO integrations (id, name, type, status, tenant_id, client_id, client_secret, establishments_json,
                graph_base_url, authority_host, settings_json, created_at_ms, purge_requested_at_ms)
            VALUES (?, ?, 'microsoft365', 'inactive', ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            integration.id, integration.name, connection.tenantId, connection.clientId, Self.secret,
            try JSONColumn.encode(integration.establishments), connection.graphBaseURL, connection.authorityHost,
            try JSONColumn.encode(integration.settings), integration.createdAt.millisecondsSince1970,
            at(5).millisecondsSince1970)
        try db.execute(
            """
            INSERT INTO instructors (id, name, email, establishment) VALUES ('i-1', 'Ana', 'ana@contoso.example', 'paris');
            INSERT INTO instructor_matches (integration_id, instructor_id, status, calendar_user_id)
                VALUES ('int-9', 'i-1', 'matched', 'user-ana');
            INSERT INTO busy_blocks VALUES ('int-9', 'i-1', 'ev-1', 1000, 2000, 'busy', 0);
            INSERT INTO delta_states (integration_id, instructor_id, calendar_user_id, delta_link, window_start_ms,
                window_end_ms, last_success_at_ms) VALUES ('int-9', 'i-1', 'user-ana', 'https://x/delta?token=1', 10, 20, 15);
            INSERT INTO event_mappings VALUES ('int-9', 'event', 't-1', 'i-1', 'user-ana', 'ext-1', 'tx-1', 3, 'fp-1', 30);
            INSERT INTO directory_states (integration_id, last_success_at_ms) VALUES ('int-9', 40);
            """)
        return file
    }

    @Test func aReleasedIntegrationReadsBackIdenticalWithItsSecretOutOfTheConnection() async throws {
        let file = try releasedDatabase()
        defer { file.remove() }
        let store = try CalSyncStore(path: file.path)
        #expect(try await store.appliedMigrations().last == "012-neutral-connection")

        #expect(try await store.integration(id: "int-9") == Self.expected)
        #expect(try await store.integrations() == [Self.expected])
        #expect(try await store.integrationsAwaitingPurge() == [Self.expected])
        #expect(try await store.purgeRequestedAt(integrationId: "int-9") == at(5))
        let facts = try await store.personSyncFacts(for: sampleInstructor())
        #expect(facts.integrations == [Self.expected], "the readers' lane reads it the same way")

        let db = try SQLiteDatabase(path: file.path)
        let columns = try db.fetchAll("PRAGMA table_info(integrations)") { $0.string(at: 1) }
        #expect(
            columns == [
                "id", "name", "type", "status", "connection_json", "secret", "establishments_json", "settings_json",
                "created_at_ms", "purge_requested_at_ms",
            ])
        let (connection, secret) = try #require(
            try db.fetchOne("SELECT connection_json, secret FROM integrations") { ($0.string(at: 0), $0.string(at: 1)) })
        #expect(secret == Self.secret)
        #expect(!connection.contains("s3cr3t"))
        let fields = try JSONSerialization.jsonObject(with: Data(connection.utf8)) as? [String: String]
        #expect(
            fields == [
                "tenantId": "contoso.onmicrosoft.com", "clientId": "0c9d8e7f-6a5b-4c3d",
                "graphBaseURL": "http://127.0.0.1:8089/v1.0", "authorityHost": "http://127.0.0.1:8089",
            ])
    }

    @Test func whatHangsOffTheIntegrationStaysAndStillGoesWithIt() async throws {
        let file = try releasedDatabase()
        defer { file.remove() }
        let store = try CalSyncStore(path: file.path)
        let state = try #require(try await store.syncState(integrationId: "int-9", instructorId: "i-1"))
        #expect(state.cursor?.value == "https://x/delta?token=1", "the person resumes from the cursor they had")
        #expect(state.windowStart.millisecondsSince1970 == 10 && state.windowEnd.millisecondsSince1970 == 20)
        #expect(state.lastSuccessAt?.millisecondsSince1970 == 15)
        #expect(try await store.match(instructorId: "i-1", integrationId: "int-9")?.calendarId == "user-ana")
        #expect(try await store.busyBlockIds(integrationId: "int-9", instructorId: "i-1") == ["ev-1"])
        #expect(try await store.mappings(integrationId: "int-9").map(\.fingerprint) == ["fp-1"])
        #expect(try await store.directoryState(integrationId: "int-9")?.lastSuccessAt?.millisecondsSince1970 == 40)

        // Saving it again updates the rebuilt row in place; deleting it still cascades to every table.
        var renamed = Self.expected
        renamed.name = "Renamed"
        try await store.saveIntegration(renamed)
        #expect(try await store.busyBlockIds(integrationId: "int-9", instructorId: "i-1") == ["ev-1"])
        try await store.deleteIntegration(id: "int-9")
        #expect(try await store.syncState(integrationId: "int-9", instructorId: "i-1") == nil)
        #expect(try await store.match(instructorId: "i-1", integrationId: "int-9") == nil)
        #expect(try await store.busyBlockIds(integrationId: "int-9", instructorId: "i-1").isEmpty)
        #expect(try await store.mappings(integrationId: "int-9").isEmpty)
        #expect(try await store.directoryState(integrationId: "int-9") == nil)
    }

    @Test func aRowOfATypeThisVersionDoesNotKnowIsRefusedNotMisread() async throws {
        // A type the code does not know cannot be saved (Connection has one case per type); a row a newer version
        // wrote is refused by name when read, never read as Microsoft 365.
        let file = try releasedDatabase()
        defer { file.remove() }
        _ = try CalSyncStore(path: file.path)
        try SQLiteDatabase(path: file.path).execute("UPDATE integrations SET type = 'caldav'")
        let store = try CalSyncStore(path: file.path)
        await #expect(throws: StoreError.corruptValue("type has unknown value \"caldav\"")) {
            try await store.integrations()
        }
    }
}
