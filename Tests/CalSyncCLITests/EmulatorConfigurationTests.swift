import CalSyncCore
import Foundation
import GraphEmulator
import Testing

@testable import calsync

/// `deploy/calsync.emulator.json`: `calsync serve` (or `sync --once`) against `calsync emulator --tenant
/// fixtures/tenants/contoso.json --shift-to-today` with nothing to look up, set or copy.
@Suite struct EmulatorConfigurationTests {
    static let file = ConfigurationFile.packageRoot.appendingPathComponent("deploy/calsync.emulator.json").path
    static let tenantFile = ConfigurationFile.packageRoot.appendingPathComponent("fixtures/tenants/contoso.json").path

    @Test func itNeedsNoEnvironmentAndPointsAtTheEmulatorsDefaults() throws {
        let configuration = try ConfigurationLoader.load(path: Self.file, environment: [:])
        let tenant = try EmulatorTenant(contentsOf: Self.tenantFile)
        let integrations = try ConfigurationLoader.declaredIntegrations(configuration, environment: [:])
        let integration = try #require(integrations.first)
        #expect(integrations.count == 1)
        let microsoft365 = try #require(integration.connection.microsoft365)
        #expect(microsoft365.graphBaseURL == "http://127.0.0.1:\(EmulatorCommand.defaultPort)/v1.0")
        #expect(microsoft365.authorityHost == "http://127.0.0.1:\(EmulatorCommand.defaultPort)")
        #expect(microsoft365.tenantId == tenant.tenantId)
        #expect(microsoft365.clientId == tenant.apps[0].clientId)
        #expect(microsoft365.clientSecret.revealed == tenant.apps[0].clientSecret)
        let roles = try ConfigurationLoader.tokens(configuration, environment: [:]).map(\.role)
        #expect(Set(roles) == [.admin, .scheduler, .reader])
        // Every instructor but one has a mailbox in the tenant; the one left shows what "unmatched" looks like.
        let addresses = Set(
            tenant.users.flatMap { [$0.userPrincipalName.lowercased()] + $0.proxyAddresses.map { $0.lowercased() } })
        let unmatched = configuration.instructors.filter {
            !addresses.contains($0.email.lowercased()) && !addresses.contains("smtp:" + $0.email.lowercased())
        }
        #expect(unmatched.map(\.id) == ["i-nobody"])
    }

    /// The two commands the README gives, run for real: the emulator with its events moved to the coming weeks, and one
    /// cycle with the ready configuration, which matches the people and finds their busy time.
    @Test func oneCycleAgainstTheEmulatorFindsBusyTime() async throws {
        let emulator = try CalSyncRun(["emulator", "--tenant", Self.tenantFile, "--port", "0", "--shift-to-today"])
        defer { emulator.remove() }
        #expect(try await emulator.waitFor("graphBaseURL:"), "\(emulator.stderr)")
        let base = try #require(
            emulator.stdout.split(separator: "\n").first { $0.hasPrefix("GraphEmulator listening on ") }?
                .split(separator: " ").last.map(String.init))
        #expect(emulator.stdout.contains("weeks later, so the first one is on "), "\(emulator.stdout)")

        let text = try String(contentsOfFile: Self.file, encoding: .utf8)
            .replacingOccurrences(of: "http://127.0.0.1:\(EmulatorCommand.defaultPort)", with: base)
        let copy = ConfigurationFile(text)
        defer { copy.remove() }
        let once = try await CalSyncRun.finished(["sync", "--once", "--config", copy.path], seconds: 60)
        #expect(once.status == 0, "\(once.stdout)\n\(once.stderr)")
        #expect(once.stdout.contains("matched 5: i-bob, i-carol, i-dan, i-erin, i-jane"), "\(once.stdout)")
        #expect(once.stdout.contains("unmatched i-nobody"))
        let written = once.stdout.split(separator: "\n").first { $0.contains(" busy block") }
            .flatMap { line in line.split(separator: ":").last?.split(separator: " ").first.flatMap { Int($0) } }
        #expect((written ?? 0) > 0, "\(once.stdout)")
    }
}
