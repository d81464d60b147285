import CalSyncCore
import CalSyncTesting
import Foundation
import Testing

@testable import CalSyncStore

/// Credentials at rest: what the database file holds, and what a process with another key, or none, reads from it.
@Suite struct CredentialsAtRestTests {
    static let connections: [Connection] = [
        .microsoft365(
            Microsoft365Connection(tenantId: "tenant-1", clientId: "client-1", clientSecret: Secret("m365-client-secret-Q7x"))),
        .exchange(
            ExchangeConnection(
                ewsURL: "https://mail.contoso.example/EWS/Exchange.asmx", username: #"CONTOSO\svc-calsync"#,
                password: Secret("ews-password-Z9k"), authScheme: .ntlm)),
        .google(
            GoogleConnection(
                serviceAccountKey: Secret(#"{"type":"service_account","private_key":"-----BEGIN PRIVATE KEY-----K3y"}"#),
                serviceAccount: ServiceAccountIdentity(
                    clientEmail: "calsync@fabrikam.iam.gserviceaccount.com", clientId: "1234567890", privateKeyId: "abc123",
                    tokenURI: "https://oauth2.googleapis.com/token"))),
    ]

    func sealer() throws -> CredentialSealer { try CredentialSealer.random().sealer }

    func integration(_ id: String, _ connection: Connection) -> Integration {
        var integration = sampleIntegration(id: id)
        integration.connection = connection
        return integration
    }

    /// The `secret` column of an integration, read from the file as anyone with the file could.
    func storedSecret(_ file: TemporaryDatabase, _ id: String) throws -> String? {
        try SQLiteDatabase(path: file.path).fetchOne("SELECT secret FROM integrations WHERE id = ?", id) { $0.string(at: 0) }
    }

    /// Every byte of the database file and its WAL.
    func fileBytes(_ file: TemporaryDatabase) -> Data {
        ["", "-wal"].reduce(into: Data()) { $0 += FileManager.default.contents(atPath: file.path + $1) ?? Data() }
    }

    @Test(arguments: connections)
    func theFileHoldsNoCredentialAndTheKeyReadsItBack(connection: Connection) async throws {
        let file = TemporaryDatabase()
        defer { file.remove() }
        let key = try sealer()
        let store = try CalSyncStore(path: file.path, sealer: key)
        try await store.saveIntegration(integration("int-1", connection))
        try await store.checkpoint()

        let stored = try #require(try storedSecret(file, "int-1"))
        #expect(stored.hasPrefix("v1:\(key.keyId):"))
        #expect(!stored.contains(connection.secret.revealed))
        #expect(fileBytes(file).range(of: Data(connection.secret.revealed.utf8)) == nil)
        // Another process with the key reads the credential back.
        let loaded = try await CalSyncStore(path: file.path, sealer: key).integration(id: "int-1")
        #expect(loaded?.connection == connection)
        #expect(loaded?.connection.secret.revealed == connection.secret.revealed)
    }

    @Test func theReadConnectionsOpenCredentialsWithTheStoresKey() async throws {
        let file = TemporaryDatabase()
        defer { file.remove() }
        let key = try sealer()
        let store = try CalSyncStore(path: file.path, sealer: key)
        try await store.saveIntegration(sampleIntegration())
        _ = try await store.saveInstructor(sampleInstructor())
        let facts = try await store.personSyncFacts(for: sampleInstructor())
        #expect(facts.integrations.first?.connection.secret.revealed == "s3cr3t-int-1")
        let withoutKey = try await CalSyncStore(path: file.path).personSyncFacts(for: sampleInstructor())
        #expect(withoutKey.integrations.first?.connection.secret.unreadable != nil)
    }

    @Test func eachWriteSealsWithAFreshNonce() async throws {
        let file = TemporaryDatabase()
        defer { file.remove() }
        let store = try CalSyncStore(path: file.path, sealer: try sealer())
        try await store.saveIntegration(sampleIntegration())
        let first = try storedSecret(file, "int-1")
        try await store.saveIntegration(sampleIntegration())
        #expect(try storedSecret(file, "int-1") != first)
    }

    @Test func aCopyOpenedWithoutTheKeyYieldsNoCredentialButTheIntegration() async throws {
        let file = TemporaryDatabase()
        defer { file.remove() }
        let key = try sealer()
        try await CalSyncStore(path: file.path, sealer: key).saveIntegration(sampleIntegration())
        let copy = TemporaryDatabase()
        defer { copy.remove() }
        try await CalSyncStore(path: file.path, sealer: key).checkpoint()
        try FileManager.default.copyItem(atPath: file.path, toPath: copy.path)

        let withoutKey = try #require(try await CalSyncStore(path: copy.path).integration(id: "int-1"))
        #expect(withoutKey.name == "Contoso int-1")
        #expect(withoutKey.connection.secret.revealed.isEmpty)
        #expect(
            withoutKey.connection.secret.unreadable?.reason
                == "the credential is stored encrypted under key id \(key.keyId) and no key is configured: set "
                + "CALSYNC_SECRET_KEY_FILE to that key or enter the credential again")

        let other = try sealer()
        let withAnotherKey = try #require(try await CalSyncStore(path: copy.path, sealer: other).integrations().first)
        #expect(withAnotherKey.connection.secret.revealed.isEmpty)
        #expect(
            withAnotherKey.connection.secret.unreadable?.reason
                == "the credential was stored under another key (key id \(key.keyId); this server's key is "
                + "\(other.keyId)): set CALSYNC_SECRET_KEY_FILE to that key or enter the credential again")
    }

    @Test func aSealedValuePastedIntoAnotherRowDoesNotOpen() async throws {
        let file = TemporaryDatabase()
        defer { file.remove() }
        let key = try sealer()
        let store = try CalSyncStore(path: file.path, sealer: key)
        try await store.saveIntegration(sampleIntegration(id: "int-1"))
        try await store.saveIntegration(sampleIntegration(id: "int-2"))
        let db = try SQLiteDatabase(path: file.path)
        try db.run("UPDATE integrations SET secret = ? WHERE id = 'int-2'", try #require(try storedSecret(file, "int-1")))

        let pasted = try #require(try await store.integration(id: "int-2"))
        #expect(pasted.connection.secret.revealed.isEmpty)
        #expect(pasted.connection.secret.unreadable?.reason.contains("it was altered or copied from another integration") == true)
        #expect(try await store.integration(id: "int-1")?.connection.secret.revealed == "s3cr3t-int-1")
    }

    @Test func savingWithoutANewCredentialKeepsTheUnreadableOneAndANewCredentialReplacesIt() async throws {
        let file = TemporaryDatabase()
        defer { file.remove() }
        let key = try sealer()
        try await CalSyncStore(path: file.path, sealer: key).saveIntegration(sampleIntegration())
        let sealed = try storedSecret(file, "int-1")

        let elsewhere = try CalSyncStore(path: file.path, sealer: try sealer())
        var renamed = try #require(try await elsewhere.integration(id: "int-1"))
        renamed.name = "Renamed"
        try await elsewhere.saveIntegration(renamed)
        #expect(try storedSecret(file, "int-1") == sealed)
        #expect(
            try await CalSyncStore(path: file.path, sealer: key).integration(id: "int-1")?.connection.secret.revealed
                == "s3cr3t-int-1")

        renamed.connection = renamed.connection.replacingSecret(Secret("entered-again"))
        try await elsewhere.saveIntegration(renamed)
        let fixed = try await elsewhere.integration(id: "int-1")
        #expect(fixed?.connection.secret.revealed == "entered-again")
        #expect(fixed?.connection.secret.unreadable == nil)
    }

    @Test func credentialsStoredInClearAreSealedInPlaceOnceAKeyIsConfigured() async throws {
        let file = TemporaryDatabase()
        defer { file.remove() }
        let clear = try CalSyncStore(path: file.path)
        try await clear.saveIntegration(sampleIntegration(id: "int-1"))
        try await clear.saveIntegration(sampleIntegration(id: "int-2"))
        try await clear.checkpoint()
        #expect(try storedSecret(file, "int-1") == "s3cr3t-int-1")

        let key = try sealer()
        let store = try CalSyncStore(path: file.path, sealer: key)
        #expect(try await store.integration(id: "int-1")?.connection.secret.revealed == "s3cr3t-int-1")
        let report = try await store.sealCredentials(under: key)
        #expect(report.sealed == ["int-1", "int-2"])
        #expect(report.alreadySealed.isEmpty && report.unreadable.isEmpty)
        #expect(try storedSecret(file, "int-1")?.hasPrefix("v1:\(key.keyId):") == true)
        // Not left behind in free space or the WAL either.
        #expect(fileBytes(file).range(of: Data("s3cr3t-int".utf8)) == nil)
        #expect(try await store.integration(id: "int-2")?.connection.secret.revealed == "s3cr3t-int-2")

        let again = try await store.sealCredentials(under: key)
        #expect(again.sealed.isEmpty)
        #expect(again.alreadySealed == ["int-1", "int-2"])
    }

    @Test func rotationReSealsEveryCredentialUnderTheNewKeyAndTheOldOneNoLongerOpensThem() async throws {
        let file = TemporaryDatabase()
        defer { file.remove() }
        let (old, new, lost) = (try sealer(), try sealer(), try sealer())
        try await CalSyncStore(path: file.path).saveIntegration(sampleIntegration(id: "int-clear"))
        try await CalSyncStore(path: file.path, sealer: old).saveIntegration(sampleIntegration(id: "int-old"))
        try await CalSyncStore(path: file.path, sealer: lost).saveIntegration(sampleIntegration(id: "int-lost"))

        let report = try await CalSyncStore(path: file.path, sealer: old).sealCredentials(under: new)
        #expect(report.sealed == ["int-clear", "int-old"])
        #expect(report.unreadable == ["int-lost"])

        let rotated = try CalSyncStore(path: file.path, sealer: new)
        #expect(try await rotated.integration(id: "int-clear")?.connection.secret.revealed == "s3cr3t-int-clear")
        #expect(try await rotated.integration(id: "int-old")?.connection.secret.revealed == "s3cr3t-int-old")
        let before = try await CalSyncStore(path: file.path, sealer: old).integration(id: "int-old")
        #expect(
            before?.connection.secret.unreadable?.reason.contains("key id \(new.keyId); this server's key is \(old.keyId)")
                == true)
        // The credential neither key opened is as it was: its own key still reads it.
        #expect(
            try await CalSyncStore(path: file.path, sealer: lost).integration(id: "int-lost")?.connection.secret.revealed
                == "s3cr3t-int-lost")
    }

    @Test func aClearPasswordThatLooksSealedStaysAPassword() async throws {
        let store = try makeStore()
        var integration = sampleIntegration()
        integration.connection = integration.connection.replacingSecret(Secret("v1:not-a-key-id:hunter2"))
        try await store.saveIntegration(integration)
        #expect(try await store.integration(id: "int-1")?.connection.secret.revealed == "v1:not-a-key-id:hunter2")
    }

    @Test func aNewDatabaseFileAndItsWALAreReadableByTheirOwnerOnly() async throws {
        let file = TemporaryDatabase()
        defer { file.remove() }
        let store = try CalSyncStore(path: file.path)
        try await store.saveIntegration(sampleIntegration())
        for suffix in ["", "-wal", "-shm"] {
            let attributes = try FileManager.default.attributesOfItem(atPath: file.path + suffix)
            #expect((attributes[.posixPermissions] as? Int) == 0o600, "\(suffix)")
        }
    }
}
