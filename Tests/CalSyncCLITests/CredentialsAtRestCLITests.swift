import CalSyncCore
import CalSyncHTTP
import CalSyncStore
import CalSyncTesting
import CalSyncWorker
import Foundation
import GraphEmulator
import Testing

@testable import calsync

/// Credentials at rest as an operator meets them: `serve`'s words at start, a cycle on a database whose credential was
/// stored under another key, and `calsync secret-key rotate`.
@Suite(.serialized) struct CredentialsAtRestCLITests {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("calsync-keys-\(UUID().uuidString)")
    let database = TemporaryDatabase(prefix: "calsync-at-rest")

    init() throws { try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true) }

    func newKey(_ name: String) async throws -> (path: String, keyId: String) {
        let path = directory.appendingPathComponent(name).path
        let made = try await CalSyncProcess.run(["secret-key", "new", path])
        #expect(made.status == 0, "\(made.stderr)")
        return (path, try CredentialKeyFile.read(path).sealer.keyId)
    }

    func serveUntilListening(_ environment: [String: String]) async throws -> String {
        let serve = try CalSyncProcess(
            ["serve"],
            environment: ["CALSYNC_DATABASE": database.path, "CALSYNC_LISTEN": "127.0.0.1:0"].merging(environment) { $1 })
        defer { serve.remove() }
        #expect(try await serve.listeningAddress() != nil, "\(serve.errors)")
        #expect(try await serve.stop() == 0)
        return serve.errors
    }

    @Test func serveWarnsLoudlyWithoutAKeyAndSealsWhatItFindsInClearOnceOneIsSet() async throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let withoutKey = try await serveUntilListening(["CALSYNC_SECRET_KEY_FILE": ""])
        let warning = withoutKey.split(separator: "\n").filter { $0.contains(#""msg":"credentials are stored in clear: "#) }
        #expect(warning.count == 1, "\(withoutKey)")
        #expect(warning.first?.contains(#""level":"warning""#) == true)
        let attributes = try FileManager.default.attributesOfItem(atPath: database.path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)

        // An integration written in clear (by the API, before a key was set); its syncs are refused before sending
        // anything (plain http:// to a remote host), so each serve stops at once.
        try await CalSyncStore(path: database.path).saveIntegration(
            Integration(
                id: "contoso", name: "Contoso", tenantId: "t", clientId: "c", clientSecret: Secret("clear-secret-4711"),
                graphBaseURL: "http://graph.contoso.example/v1.0", createdAt: Date()))
        let key = try await newKey("calsync.key")
        let withKey = try await serveUntilListening(["CALSYNC_SECRET_KEY_FILE": key.path])
        #expect(!withKey.contains("credentials are stored in clear"), "\(withKey)")
        #expect(withKey.contains(#""keyId":"\#(key.keyId)""#) && withKey.contains(#""msg":"credentials are stored encrypted""#))
        let sealed = withKey.split(separator: "\n").first {
            $0.contains(#""msg":"credentials stored in clear are now encrypted""#)
        }
        #expect(sealed?.contains(#""count":"1""#) == true, "\(withKey)")
        #expect(!withKey.contains("clear-secret-4711"))
        let stored = try SQLiteDatabase(path: database.path).fetchOne("SELECT secret FROM integrations") { $0.string(at: 0) }
        #expect(stored?.hasPrefix("v1:\(key.keyId):") == true)
        #expect(!withKey.contains("the database file may be read by other users"))
        // Already sealed: nothing more to say at the next start. A database file others may read is named.
        chmod(database.path, 0o644)
        let again = try await serveUntilListening(["CALSYNC_SECRET_KEY_FILE": key.path])
        #expect(!again.contains("credentials stored in clear are now encrypted"))
        let shared = again.split(separator: "\n").first { $0.contains("the database file may be read by other users") }
        #expect(shared?.contains(#""mode":"0644""#) == true, "\(again)")
    }

    /// A cycle against the Graph emulator: the right key syncs; another key fails closed with the error that says
    /// which key; rotation moves every credential to the new key and the old one no longer opens them.
    @Test func anotherKeyFailsClosedAndRotationKeepsTheIntegrationWorking() async throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let demo = DemoTenant(today: LocalDate(Date(), in: TimeZone(identifier: "UTC")!))
        var serverConfiguration = HTTPServerConfiguration()
        serverConfiguration.port = 0
        let server = HTTPServer(
            configuration: serverConfiguration,
            responder: GraphEmulator(tenant: demo.tenant, configuration: EmulatorConfiguration(), zones: .bundled))
        let port = try server.start()
        defer { Task { await server.shutdown(timeout: 2) } }
        let (old, new) = (try await newKey("old.key"), try await newKey("new.key"))
        var configuration = CalSyncConfiguration()
        configuration.database = database.path

        func cycle(_ key: String) async throws -> CycleReport.IntegrationReport? {
            let runtime = try await Runtime.open(
                configuration, environment: ["CALSYNC_SECRET_KEY_FILE": key], logger: .silent)
            return await runtime.engine.runCycle()?.integrations.first
        }

        let first = try Runtime.openStore(database.path, sealer: try CredentialKeyFile.read(old.path).sealer)
        try await first.saveIntegration(
            Integration(
                id: "contoso", name: "Contoso", tenantId: DemoTenant.tenantId, clientId: DemoTenant.clientId,
                clientSecret: demo.clientSecret, graphBaseURL: "http://127.0.0.1:\(port)/v1.0",
                authorityHost: "http://127.0.0.1:\(port)", createdAt: Date()))
        for instructor in demo.instructors.prefix(1) { try await first.saveInstructor(instructor) }
        #expect(try await cycle(old.path)?.errors == [])

        let refused = try await cycle(new.path)
        #expect(
            refused?.errors == [
                "configuration credential_unreadable: the credential was stored under another key (key id \(old.keyId); "
                    + "this server's key is \(new.keyId)): set CALSYNC_SECRET_KEY_FILE to that key or enter the "
                    + "credential again"
            ])

        let rotation = try await CalSyncProcess.run(
            ["secret-key", "rotate", "--new-key-file", new.path],
            environment: ["CALSYNC_DATABASE": database.path, "CALSYNC_SECRET_KEY_FILE": old.path])
        #expect(rotation.status == 0, "\(rotation.stderr)")
        #expect(
            rotation.stdout.hasPrefix(
                "re-encrypted 1 credentials of \(database.path) from key id \(old.keyId) to key id \(new.keyId)\n"),
            "\(rotation.stdout)")
        #expect(rotation.stdout.contains("now set CALSYNC_SECRET_KEY_FILE=\(new.path) and start calsync serve"))
        #expect(try await cycle(new.path)?.errors == [])
        #expect(try await cycle(old.path)?.errors.first?.contains("stored under another key (key id \(new.keyId)") == true)
        #expect(!rotation.stdout.contains(demo.clientSecret.revealed) && !rotation.stderr.contains(demo.clientSecret.revealed))
    }

    @Test func rotationIsRefusedWhileServeHoldsTheDatabase() async throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let new = try await newKey("new.key")
        let serve = try CalSyncProcess(
            ["serve"], environment: ["CALSYNC_DATABASE": database.path, "CALSYNC_LISTEN": "127.0.0.1:0"])
        defer { serve.remove() }
        #expect(try await serve.listeningAddress() != nil, "\(serve.errors)")
        let rotation = try await CalSyncProcess.run(
            ["secret-key", "rotate", "--new-key-file", new.path], environment: ["CALSYNC_DATABASE": database.path])
        #expect(rotation.status == 2)
        #expect(rotation.stderr.contains("is in use by another CalSync process (pid \(serve.pid): calsync serve since"))
        #expect(try await serve.stop() == 0)
    }
}
