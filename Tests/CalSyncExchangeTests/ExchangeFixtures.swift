import Foundation

/// The repository's `fixtures/`: Microsoft's EWS samples (`fixtures/ews/`) and the Exchange tenant file.
enum ExchangeFixtures {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let tenantPath = root.appendingPathComponent("fixtures/tenants/exchange-contoso.json").path

    static func text(_ name: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent("fixtures/ews").appendingPathComponent(name), encoding: .utf8)
    }
}
