import CalSyncCrypto
import CalSyncTesting
import ChildProcessKit
import Foundation
import Testing

/// The throw-away service-account key in fixtures/google (a test key, never registered anywhere), plus the
/// `openssl` command line as an independent oracle.
enum TestKey {
    static let keyFile = Fixtures.url("google/test-service-account.json")

    /// The `private_key` PEM of the fixture key file.
    static func privateKeyPEM() throws -> String {
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: keyFile)) as? [String: Any]
        return try #require(object?["private_key"] as? String)
    }

    static func privateKey() throws -> PrivateKey { try PrivateKey(pem: privateKeyPEM()) }

    static func hex(_ text: String) -> [UInt8] {
        var bytes: [UInt8] = []
        var index = text.startIndex
        while index < text.endIndex {
            let next = text.index(index, offsetBy: 2)
            bytes.append(UInt8(text[index..<next], radix: 16)!)
            index = next
        }
        return bytes
    }

    static func hexString(_ bytes: [UInt8]) -> String { bytes.map { String(format: "%02x", $0) }.joined() }

    /// A fresh temporary directory, removed by the caller.
    static func temporaryDirectory() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("calsync-crypto-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }

    /// Runs `openssl` with `arguments`; returns its exit status and standard output + error.
    static func openssl(_ arguments: [String]) async throws -> (status: Int32, output: String) {
        let (exit, output) = try await ChildProcess.run("/usr/bin/env", ["openssl"] + arguments)
        return (exit.status, output)
    }
}
