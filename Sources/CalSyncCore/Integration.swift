import Foundation

/// A connection to one calendar tenant (Microsoft 365 first).
public struct Integration: Sendable, Hashable, Codable {
    public enum Status: String, Sendable, Codable { case active, inactive }

    public var id: String
    public var name: String
    public var type: String
    public var status: Status
    public var tenantId: String
    public var clientId: String
    public var clientSecret: Secret
    /// Establishments covered; empty = all.
    public var establishments: [String]
    /// e.g. `https://graph.microsoft.com/v1.0` (national clouds and the emulator differ).
    public var graphBaseURL: String
    /// e.g. `https://login.microsoftonline.com`.
    public var authorityHost: String
    public var settings: SyncSettings
    public var createdAt: Date

    public static let defaultGraphBaseURL = "https://graph.microsoft.com/v1.0"
    public static let defaultAuthorityHost = "https://login.microsoftonline.com"

    public init(
        id: String, name: String, type: String = "microsoft365", status: Status = .active, tenantId: String,
        clientId: String, clientSecret: Secret, establishments: [String] = [],
        graphBaseURL: String = Integration.defaultGraphBaseURL, authorityHost: String = Integration.defaultAuthorityHost,
        settings: SyncSettings = SyncSettings(), createdAt: Date = Date(timeIntervalSince1970: 0)
    ) {
        self.id = id
        self.name = name
        self.type = type
        self.status = status
        self.tenantId = tenantId
        self.clientId = clientId
        self.clientSecret = clientSecret
        self.establishments = establishments
        self.graphBaseURL = graphBaseURL
        self.authorityHost = authorityHost
        self.settings = settings
        self.createdAt = createdAt
    }

    /// Whether this integration covers a person of the given establishment.
    public func covers(establishment: String?) -> Bool {
        Self.covers(establishment: establishment, establishments: establishments)
    }

    /// Whether a set of covered establishments (empty = all) takes in a person of the given establishment; a
    /// person without one only when it is every establishment.
    public static func covers(establishment: String?, establishments: [String]) -> Bool {
        establishments.isEmpty || establishment.map(establishments.contains) == true
    }
}
