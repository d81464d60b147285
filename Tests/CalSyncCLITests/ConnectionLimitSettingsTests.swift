import CalSyncHTTP
import Foundation
import Testing

@testable import calsync

/// The configuration file's connection caps (`maxConnections`, `maxConnectionsPerAddress`,
/// `maxConnectionsPerAddressExempt`) and the server settings `serve` makes of them.
@Suite struct ConnectionLimitSettingsTests {
    func load(_ json: String) throws -> CalSyncConfiguration {
        let file = ConfigurationFile(json)
        defer { file.remove() }
        return try ConfigurationLoader.load(path: file.path, environment: [:])
    }

    @Test func withoutSettingsTheCapFollowsTheDescriptorLimitAndLoopbackIsExempt() throws {
        let server = try ConfigurationLoader.serverConfiguration(load(#"{"listen": "0.0.0.0:9000"}"#))
        #expect(server.host == "0.0.0.0" && server.port == 9000)
        #expect(server.maxConnections == FileDescriptorLimit.defaultMaxConnections())
        #expect(server.maxConnectionsPerAddress == 64)
        #expect(server.maxConnectionsPerAddressExempt == ["127.0.0.0/8", "::1"])
    }

    @Test func theFileSetsTheCapsAndAddsExemptionsToLoopback() throws {
        let configuration = try load(
            #"{"maxConnections": 2000, "maxConnectionsPerAddress": 16, "maxConnectionsPerAddressExempt": ["10.0.0.5", "fd00::/8"]}"#
        )
        let server = try ConfigurationLoader.serverConfiguration(configuration)
        #expect(server.maxConnections == 2000)
        #expect(server.maxConnectionsPerAddress == 16)
        #expect(server.maxConnectionsPerAddressExempt == ["127.0.0.0/8", "::1", "10.0.0.5", "fd00::/8"])
    }

    @Test(arguments: [
        (#"{"maxConnections": 0}"#, "maxConnections must be ≥ 1"),
        (#"{"maxConnectionsPerAddress": -1}"#, "maxConnectionsPerAddress must be ≥ 0"),
        (
            #"{"maxConnectionsPerAddressExempt": ["proxy.local"]}"#,
            #"maxConnectionsPerAddressExempt: "proxy.local" is not an IP address"#
        ),
        (#"{"maxConnectionsPerAddressExempt": ["10.0.0.0/40"]}"#, #""10.0.0.0/40" is not an IP address or CIDR prefix"#),
    ])
    func badValuesAreRefusedWithTheirName(json: String, expected: String) {
        let error = #expect(throws: ConfigurationLoader.Failure.self) { try load(json) }
        #expect(error?.description.contains(expected) == true, "\(String(describing: error))")
    }
}
