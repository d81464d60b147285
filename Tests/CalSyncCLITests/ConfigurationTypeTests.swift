import CalSyncCore
import Foundation
import Testing

@testable import calsync

/// An integration of the configuration file names its calendar system with `type` (microsoft365 when left out); its
/// keys are those of that type, and a type CalSync does not support yet is refused at start, as the API refuses it.
@Suite struct ConfigurationTypeTests {
    static let microsoft365 = #""id": "contoso", "name": "C", "tenantId": "t", "clientId": "c", "clientSecretEnv": "S""#

    func failure(_ json: String) -> String? {
        let file = ConfigurationFile(json)
        defer { file.remove() }
        do {
            _ = try ConfigurationLoader.load(path: file.path, environment: [:])
            return nil
        } catch {
            return "\(error)".replacingOccurrences(of: file.path, with: "P")
        }
    }

    @Test func microsoft365IsTheDefaultAndMayBeNamed() throws {
        for type in ["", #""type": "microsoft365", "#] {
            let file = ConfigurationFile(#"{"integrations": [{\#(type)\#(Self.microsoft365)}]}"#)
            defer { file.remove() }
            let configuration = try ConfigurationLoader.load(path: file.path, environment: [:])
            let integrations = try ConfigurationLoader.declaredIntegrations(configuration, environment: ["S": "secret-value"])
            #expect(integrations.map(\.type) == ["microsoft365"])
        }
    }

    static let keyFile = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("fixtures/google/test-service-account.json").path

    /// The google integrations a file declares, or why they cannot be read.
    func google(_ keys: String) -> (integrations: [Integration], failure: String?) {
        let file = ConfigurationFile(#"{"integrations": [{"id": "g", "name": "G", "type": "google", \#(keys)}]}"#)
        defer { file.remove() }
        do {
            let configuration = try ConfigurationLoader.load(path: file.path, environment: [:])
            return (try ConfigurationLoader.declaredIntegrations(configuration, environment: [:]), nil)
        } catch {
            return ([], "\(error)".replacingOccurrences(of: file.path, with: "P"))
        }
    }

    @Test func googleReadsItsKeyFile() throws {
        let read = google(
            #""serviceAccountKeyFile": "\#(Self.keyFile)", "adminEmail": "grace@fabrikam.example", "#
                + #""googleBaseURL": "http://127.0.0.1:8092""#)
        #expect(read.failure == nil)
        let integration = try #require(read.integrations.first)
        let connection = try #require(integration.connection.google)
        #expect(connection.serviceAccount.clientId == "104217380923465120001")
        #expect(connection.adminEmail == "grace@fabrikam.example")
        #expect(connection.googleBaseURL == "http://127.0.0.1:8092")
        #expect(connection.serviceAccountKey.revealed.contains("PRIVATE KEY"))

        #expect(
            google(#""serviceAccountKeyFile": "/nonexistent/key.json""#).failure
                == ("integration g: cannot read serviceAccountKeyFile /nonexistent/key.json"))
        let notAKey = ConfigurationFile(#"{"type": "authorized_user", "client_id": "1"}"#)
        defer { notAKey.remove() }
        guard let refused = google(#""serviceAccountKeyFile": "\#(notAKey.path)""#).failure else {
            Issue.record("a file that is no service-account key was accepted")
            return
        }
        #expect(refused.contains("is not \"service_account\""))
        #expect(
            google(#""serviceAccountKeyFile": "\#(Self.keyFile)", "googleBaseURL": "http://www.example.com""#).failure
                == "the configuration file P: integrations[0].googleBaseURL: googleBaseURL must be an https:// URL "
                + "without a query (plain http only on this machine).")
        #expect(
            google(#""serviceAccountKeyFile": "\#(Self.keyFile)", "tenantId": "t""#).failure
                == ("P: unknown key \"integrations[0].tenantId\""))
    }

    @Test(arguments: [#""caldav""#, #""""#, "42"])
    func anUnknownTypeNamesTheSupportedOnes(type: String) {
        #expect(
            failure(#"{"integrations": [{\#(Self.microsoft365), "type": \#(type)}]}"#)
                == "the configuration file P: integrations[0].type must be microsoft365 or exchange or google")
    }

    @Test func theKeysAreThoseOfTheType() {
        #expect(
            failure(#"{"integrations": [{\#(Self.microsoft365), "ewsURL": "https://mail.example.com"}]}"#)
                == "P: unknown key \"integrations[0].ewsURL\"")
        #expect(
            failure(#"{"integrations": [{\#(Self.microsoft365), "clientSecretEnvv": "S"}]}"#)
                == "P: unknown key \"integrations[0].clientSecretEnvv\" (did you mean \"clientSecretEnv\"?)")
    }
}
