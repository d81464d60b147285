import CalSyncCore
import CalSyncHTTP
import CalSyncProviders
import CalSyncStore
import CalSyncWorker
import Foundation

/// `calsync doctor`: checks every configured or stored integration and prints what to fix (`Doctor` does the
/// checking; this command gathers the integrations and people, and prints the report).
enum DoctorCommand {
    static let help = """
        Usage: calsync doctor [--config FILE]

        Checks each integration (declared in the configuration file or stored in the database) and
        says what to fix:
          token          a client-credentials token; a refusal is named from its AADSTS code
                         (wrong secret 7000215, unknown client 700016, unknown tenant 90002, …)
          consent        the application permissions the token carries
          directory      the directory users can be listed (User.Read.All)
          matching       instructors no directory user matches, or several do, with reasons
          mailboxes      each matched person's mailbox can be read (403 → admin consent missing or an
                         application access policy excludes the mailbox; some people only → named)
          recent sync    the operations log classified as GET /v1/sync/status does: all failing →
                         credentials, consent or URL; some people only → mailbox or e-mail mismatch
          already deleted  deletes answered 404: the person had already deleted the event

        It changes nothing: no store writes, no calendar writes. Exits 0 when healthy, 1 when
        problems were found, 2 when the configuration cannot be read.

        Environment: CALSYNC_CONFIG, CALSYNC_DATABASE, CALSYNC_SECRET_KEY_FILE (the key the stored
        credentials are encrypted under; without it the doctor warns that they are stored in clear),
        and each integration's clientSecretEnv.

        Options:
          --config FILE   configuration file (JSON)
          --help          show this help
        """

    static func run(_ args: [String]) async -> Int32 {
        do {
            let parsed = try Arguments(args, command: "doctor", valueFlags: ["config"], switchFlags: ["help"])
            if parsed.switches.contains("help") {
                Output.line(help)
                return 0
            }
            let environment = ProcessInfo.processInfo.environment
            let configuration = try ConfigurationLoader.load(path: parsed.values["config"], environment: environment)
            let report = try await examine(configuration, environment: environment)
            Output.line(report.text)
            return report.healthy ? 0 : 1
        } catch {
            Output.error("\(error)")
            return 2
        }
    }

    static func examine(_ configuration: CalSyncConfiguration, environment: [String: String]) async throws -> DoctorReport {
        var notes: [String] = []
        var store: CalSyncStore?
        let key = try SecretKeySetting.read(environment)
        notes.append(
            key.sealer.map { "credentials are stored encrypted under key id \($0.keyId)" }
                ?? "warning: " + SecretKeySetting.clearWarning)
        if let warning = key.warning { notes.append("warning: " + warning) }
        if FileManager.default.fileExists(atPath: configuration.database) {
            store = try Runtime.openStore(configuration.database, sealer: key.sealer)
        } else {
            notes.append("no database at \(configuration.database) yet: only the configuration is checked")
        }

        // The configuration's integrations win over stored ones of the same id (as `serve` writes them at start).
        var integrations: [Integration] = []
        var secretSources: [String: String] = [:]
        var unloadable: [DoctorReport.IntegrationReport] = []
        for item in configuration.integrations {
            do {
                integrations.append(try ConfigurationLoader.declaredIntegration(item, environment: environment))
                secretSources[item.id] = ConfigurationLoader.secretSource(item)
            } catch {
                var report = DoctorReport.IntegrationReport(
                    integrationId: item.id, name: item.name, connection: item.connection.summary)
                report.findings.append(DoctorReport.Finding(.configuration, .problem, "\(error)"))
                unloadable.append(report)
            }
        }
        var instructors: [Instructor] = []
        let storedPeople = try await store?.instructors() ?? []
        let storedById = Dictionary(storedPeople.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        for item in configuration.instructors {
            instructors.append(ConfigurationLoader.declaredInstructor(item, stored: storedById[item.id]))
        }
        if let store {
            let declared = Set(configuration.integrations.map(\.id))
            for stored in try await store.integrations() where !declared.contains(stored.id) {
                integrations.append(stored)
                let field = stored.connection.exchange == nil ? "clientSecret" : "password"
                secretSources[stored.id] = "the integration's \(field) (PATCH /v1/integrations/\(stored.id))"
            }
            let declaredPeople = Set(instructors.map(\.id))
            instructors += storedPeople.filter { !declaredPeople.contains($0.id) }
        }

        let doctor = Doctor(
            store: store,
            providers: ProviderRegistry.standard(transport: CurlTransport(maxConnections: 8), coalescesRequests: false))
        var report = await doctor.examine(integrations: integrations, instructors: instructors, secretSources: secretSources)
        report.integrations = unloadable + report.integrations
        if !unloadable.isEmpty { report.generalProblems.removeAll() }
        report.notes += notes
        return report
    }
}
