import CalSyncCore
import Foundation
import Testing

@testable import calsync

/// An Exchange Server integration in the configuration file: its own keys, the password from the environment
/// (`passwordEnv`) or the file (`password`), and the adapter's rules checked at start.
@Suite struct ExchangeConfigurationTests {
    static let base =
        #""id": "x", "name": "Contoso (Exchange)", "type": "exchange", "ewsURL": "https://mail.contoso.example/EWS/Exchange.asmx", "username": "CONTOSO\\svc-calsync""#

    func integrations(_ keys: String, environment: [String: String] = [:]) throws -> [Integration] {
        let file = ConfigurationFile(#"{"integrations": [{\#(Self.base)\#(keys)}]}"#)
        defer { file.remove() }
        let configuration = try ConfigurationLoader.load(path: file.path, environment: environment)
        return try ConfigurationLoader.declaredIntegrations(configuration, environment: environment)
    }

    func failure(_ keys: String, environment: [String: String] = [:]) -> String? {
        do {
            _ = try integrations(keys, environment: environment)
            return nil
        } catch {
            return "\(error)".replacingOccurrences(of: #"the configuration file \S+: "#, with: "", options: .regularExpression)
        }
    }

    @Test func thePasswordComesFromTheEnvironmentAndTheRestFromTheFile() throws {
        let keys =
            #", "passwordEnv": "EWS_PASSWORD", "authScheme": "basic", "caFile": "/etc/calsync/ca.pem", "serverVersion": "Exchange2016", "inFlightLimit": 4"#
        let integration = try #require(try integrations(keys, environment: ["EWS_PASSWORD": "Calsync-Demo-2026!"]).first)
        let exchange = try #require(integration.connection.exchange)
        #expect(exchange.ewsURL == "https://mail.contoso.example/EWS/Exchange.asmx")
        #expect(exchange.username == #"CONTOSO\svc-calsync"#)
        #expect(exchange.password.revealed == "Calsync-Demo-2026!")
        #expect(exchange.authScheme == .basic)
        #expect(exchange.caFile == "/etc/calsync/ca.pem")
        #expect(exchange.serverVersion == "Exchange2016")
        #expect(exchange.inFlightLimit == 4)
    }

    @Test func theDefaultsAreNTLMExchange2013SP1AndTen() throws {
        let exchange = try #require(try integrations(#", "password": "in-the-file""#).first?.connection.exchange)
        #expect(exchange.password.revealed == "in-the-file")
        #expect(exchange.authScheme == .ntlm)
        #expect(exchange.serverVersion == "Exchange2013_SP1")
        #expect(exchange.inFlightLimit == 10)
        #expect(exchange.caFile == nil)
    }

    @Test func whatCannotBeUsedIsNamed() {
        #expect(failure("") == "integration x: set password or passwordEnv")
        #expect(
            failure(#", "passwordEnv": "EWS_PASSWORD""#)
                == "integration x: environment variable EWS_PASSWORD (its service account's password) is not set")
        #expect(failure(#", "password": "p", "authScheme": "kerberos""#)?.contains("authScheme must be ntlm or basic") == true)
        #expect(failure(#", "password": "p", "serverVersion": "Exchange2019""#)?.contains("serverVersion must be") == true)
        #expect(failure(#", "password": "p", "inFlightLimit": 0"#)?.contains("inFlightLimit must be between 1 and 100") == true)
        #expect(failure(#", "password": "p", "caFile": "ca.pem""#)?.contains("caFile must be an absolute path") == true)
        #expect(
            failure(#", "password": "p", "clientSecretEnv": "S""#)?.contains(#"unknown key "integrations[0].clientSecretEnv""#)
                == true)
    }

    @Test func plainHTTPIsRefusedBeyondLoopback() {
        let file = ConfigurationFile(
            #"{"integrations": [{"id": "x", "name": "X", "type": "exchange", "ewsURL": "http://mail.contoso.example/EWS/Exchange.asmx", "username": "svc", "password": "p"}]}"#
        )
        defer { file.remove() }
        #expect(throws: (any Error).self) { try ConfigurationLoader.load(path: file.path, environment: [:]) }
    }
}
