import CalSyncCore
import CalSyncTesting
import Foundation
import Testing

@testable import CalSyncStore

@Suite struct IntegrationStoreTests {
    @Test func roundTripsEveryFieldIncludingSettingsAndSecret() async throws {
        let store = try makeStore()
        let integration = sampleIntegration()
        try await store.saveIntegration(integration)
        let loaded = try #require(try await store.integration(id: "int-1"))
        #expect(loaded == integration)
        #expect(loaded.connection.secret.revealed == "s3cr3t-int-1")
        #expect(loaded.settings.workday.start == LocalTime(hour: 8, minute: 15))
        #expect(try await store.integration(id: "nope") == nil)
    }

    @Test(arguments: [
        Connection.exchange(
            ExchangeConnection(
                ewsURL: "https://mail.contoso.example/EWS/Exchange.asmx", username: #"CONTOSO\svc-calsync"#,
                password: Secret("ews-password"), authScheme: .basic, caFile: "/etc/calsync/contoso-ca.pem",
                serverVersion: "Exchange2016", inFlightLimit: 4)),
        Connection.google(
            GoogleConnection(
                serviceAccountKey: Secret(#"{"type":"service_account","private_key":"-----BEGIN"}"#),
                serviceAccount: ServiceAccountIdentity(
                    clientEmail: "calsync@fabrikam.iam.gserviceaccount.com", clientId: "1234567890",
                    privateKeyId: "abc123", tokenURI: "https://oauth2.googleapis.com/token"),
                adminEmail: "it-admin@fabrikam.example")),
    ])
    func roundTripsEveryTypeOfConnectionWithItsCredentialOnlyInTheSecretColumn(connection: Connection) async throws {
        let file = TemporaryDatabase()
        defer { file.remove() }
        var integration = sampleIntegration()
        integration.connection = connection
        try await CalSyncStore(path: file.path).saveIntegration(integration)
        #expect(try await CalSyncStore(path: file.path).integration(id: "int-1") == integration)
        let db = try SQLiteDatabase(path: file.path)
        let (type, fields, secret) = try #require(
            try db.fetchOne("SELECT type, connection_json, secret FROM integrations") {
                ($0.string(at: 0), $0.string(at: 1), $0.string(at: 2))
            })
        #expect(type == connection.type)
        #expect(secret == connection.secret.revealed)
        #expect(!fields.contains("password") && !fields.contains("private_key"))
    }

    @Test func anExchangeRowWrittenWithoutServerVersionOrInFlightLimitReadsTheDefaults() async throws {
        let file = TemporaryDatabase()
        defer { file.remove() }
        var integration = sampleIntegration()
        integration.connection = .exchange(
            ExchangeConnection(
                ewsURL: "https://mail.contoso.example/EWS/Exchange.asmx", username: "svc", password: Secret("pw"),
                serverVersion: "Exchange2016", inFlightLimit: 3))
        try await CalSyncStore(path: file.path).saveIntegration(integration)
        try SQLiteDatabase(path: file.path).run(
            "UPDATE integrations SET connection_json = ?",
            #"{"ewsURL":"https://mail.contoso.example/EWS/Exchange.asmx","username":"svc","authScheme":"ntlm"}"#)
        let exchange = try #require(try await CalSyncStore(path: file.path).integration(id: "int-1")?.connection.exchange)
        #expect(exchange.serverVersion == "Exchange2013_SP1")
        #expect(exchange.inFlightLimit == 10)
        #expect(exchange.password.revealed == "pw")
    }

    @Test func settingsAreStoredAsJSONAndSecretInItsOwnColumn() async throws {
        let file = TemporaryDatabase()
        defer { file.remove() }
        try await CalSyncStore(path: file.path).saveIntegration(sampleIntegration())
        let db = try SQLiteDatabase(path: file.path)
        let (settings, secret) = try #require(
            try db.fetchOne("SELECT settings_json, secret FROM integrations") { ($0.string(at: 0), $0.string(at: 1)) })
        #expect(secret == "s3cr3t-int-1")
        #expect(!settings.contains("s3cr3t"))
        let decoded = try JSONDecoder().decode(SyncSettings.self, from: Data(settings.utf8))
        #expect(decoded == sampleIntegration().settings)
        #expect(settings.contains("\"futureDays\":90"))
    }

    @Test func upsertUpdatesInPlaceWithoutCascading() async throws {
        let store = try await seededStore()
        try await store.applyBusyChanges(
            integrationId: "int-1", instructorId: "i-1", upserts: [block("e1", 0, 60)],
            removals: [])
        var changed = sampleIntegration()
        changed.name = "Renamed"
        changed.status = .inactive
        changed.connection = changed.connection.replacingSecret(Secret("rotated"))
        try await store.saveIntegration(changed)
        #expect(try await store.integration(id: "int-1") == changed)
        #expect(try await store.busyBlockIds(integrationId: "int-1", instructorId: "i-1") == ["e1"])
    }

    @Test func listsByCreationThenId() async throws {
        let store = try makeStore()
        try await store.saveIntegration(sampleIntegration(id: "b", createdAt: at(10)))
        try await store.saveIntegration(sampleIntegration(id: "c", createdAt: at(0)))
        try await store.saveIntegration(sampleIntegration(id: "a", createdAt: at(10)))
        #expect(try await store.integrations().map(\.id) == ["c", "a", "b"])
    }

    @Test func deleteCascadesToEverythingOfTheIntegrationOnly() async throws {
        let store = try await seededStore(integrations: ["int-1", "int-2"])
        for integrationId in ["int-1", "int-2"] {
            try await store.saveMatch(
                InstructorMatch(
                    instructorId: "i-1", integrationId: integrationId, status: .matched,
                    calendarId: "u-1"))
            try await store.applyBusyChanges(
                integrationId: integrationId, instructorId: "i-1",
                upserts: [block("e-\(integrationId)", 0, 60, integrationId: integrationId)], removals: [])
            try await store.saveSyncState(
                SyncState(
                    integrationId: integrationId, instructorId: "i-1",
                    calendarId: "u-1", cursor: SyncCursor("link"), windowStart: at(0),
                    windowEnd: at(600)))
            try await store.saveMapping(
                EventMapping(
                    key: pushKey("t-1", integrationId: integrationId),
                    calendarId: "u-1", externalId: "x", idempotencyKey: "tx",
                    generation: 0, fingerprint: nil, updatedAt: at(0)))
        }
        let operationId = try await store.appendOperation(
            OperationRecord(
                key: pushKey("t-1"), action: .create,
                createdAt: at(0)))
        try await store.deleteIntegration(id: "int-1")
        #expect(try await store.integration(id: "int-1") == nil)
        #expect(try await store.matches(integrationId: "int-1").isEmpty)
        #expect(try await store.busyBlocks(instructorId: "i-1").map(\.externalId) == ["e-int-2"])
        #expect(try await store.syncState(integrationId: "int-1", instructorId: "i-1") == nil)
        #expect(try await store.mappings(integrationId: "int-1").isEmpty)
        #expect(try await store.matches(integrationId: "int-2").count == 1)
        #expect(try await store.syncState(integrationId: "int-2", instructorId: "i-1") != nil)
        #expect(try await store.mappings(integrationId: "int-2").count == 1)
        #expect(try await store.instructor(id: "i-1") != nil)
        #expect(try await store.operation(id: operationId) != nil, "the operations log keeps its history")
        #expect(try await store.integrityCheck() == "ok")
    }
}
