import Foundation

/// A connection to one calendar system (a Microsoft 365 tenant, …) and the people it covers.
public struct Integration: Sendable, Hashable, Codable {
    public enum Status: String, Sendable, Codable { case active, inactive }

    public var id: String
    public var name: String
    public var status: Status
    /// How CalSync reaches the calendar system (one case per system), secrets included.
    public var connection: Connection
    /// Establishments covered; empty = all.
    public var establishments: [String]
    public var settings: SyncSettings
    public var createdAt: Date

    public init(
        id: String, name: String, status: Status = .active, connection: Connection, establishments: [String] = [],
        settings: SyncSettings = SyncSettings(), createdAt: Date = Date(timeIntervalSince1970: 0)
    ) {
        self.id = id
        self.name = name
        self.status = status
        self.connection = connection
        self.establishments = establishments
        self.settings = settings
        self.createdAt = createdAt
    }

    /// The connection's type (`microsoft365`, …), as the API names it.
    public var type: String { connection.type }

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
