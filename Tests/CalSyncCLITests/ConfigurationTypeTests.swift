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

    @Test func googleIsNotSupportedYet() {
        let google = #"{"id": "g", "name": "G", "type": "google", "serviceAccountKeyFile": "/etc/calsync/key.json"}"#
        #expect(
            failure(#"{"integrations": [{\#(Self.microsoft365)}, \#(google)]}"#)
                == "the configuration file P: integrations[1]: google integrations are not supported yet")
    }

    @Test(arguments: [#""caldav""#, #""""#, "42"])
    func anUnknownTypeNamesTheSupportedOnes(type: String) {
        #expect(
            failure(#"{"integrations": [{\#(Self.microsoft365), "type": \#(type)}]}"#)
                == "the configuration file P: integrations[0].type must be microsoft365 or exchange "
                + "(google is not supported yet)")
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
