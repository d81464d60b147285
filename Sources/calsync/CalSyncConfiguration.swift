import CalSyncAPI
import CalSyncCore
import CalSyncWorker
import Foundation

/// Everything `calsync` is configured with: a JSON file (`--config`) with `CALSYNC_*` environment
/// overrides, read in one place (`ConfigurationLoader`). Integrations, instructors and training events may be
/// declared here too; they are written to the store at every start (`Runtime.seed`). Unknown keys, at any depth,
/// are refused (`knownKeys`).
struct CalSyncConfiguration: Sendable, Decodable {
    var database = "calsync.sqlite"
    var listen = "127.0.0.1:8080"
    /// Seconds between sync cycles, for every integration (an integration's own `syncIntervalSeconds` only sets when its
    /// people count as stale: docs/api.md, "Which `syncIntervalSeconds` wins").
    var syncIntervalSeconds = 300
    var integrations: [IntegrationConfig] = []
    var instructors: [InstructorConfig] = []
    var trainingEvents: [TrainingEventConfig] = []
    /// API tokens with their roles; CALSYNC_ADMIN_TOKEN, CALSYNC_SCHEDULER_TOKEN, CALSYNC_READER_TOKEN add to them.
    var tokens: [TokenConfig] = []
    /// The HTTP server's connection cap; nil: derived from the descriptor limit (`FileDescriptorLimit`).
    var maxConnections: Int?
    /// Open connections from one client address (0: no cap).
    var maxConnectionsPerAddress = 64
    /// Addresses or CIDR prefixes exempt from the per-address cap, besides loopback (which always is).
    var maxConnectionsPerAddressExempt: [String] = []
    /// The least severe log lines written (CALSYNC_LOG_LEVEL wins over the file's `logLevel`).
    var logLevel: Logger.Level = .info

    init() {}

    enum CodingKeys: String, CodingKey, CaseIterable {
        case database, listen, syncIntervalSeconds, integrations, instructors, trainingEvents, tokens, logLevel
        case maxConnections, maxConnectionsPerAddress, maxConnectionsPerAddressExempt
    }

    /// Every key the file may have, at every level; an integration's `settings` has those of `SyncSettings`.
    static let knownKeys = KnownKeys(
        CodingKeys.self,
        nested: [
            .integrations: IntegrationConfig.knownKeys,
            .instructors: KnownKeys(InstructorConfig.CodingKeys.self),
            .trainingEvents: KnownKeys(TrainingEventConfig.CodingKeys.self),
            .tokens: KnownKeys(TokenConfig.CodingKeys.self),
        ])

    init(from decoder: any Decoder) throws {
        try Self.knownKeys.check(decoder)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let defaults = CalSyncConfiguration()
        database = try c.decodeIfPresent(String.self, forKey: .database) ?? defaults.database
        listen = try c.decodeIfPresent(String.self, forKey: .listen) ?? defaults.listen
        syncIntervalSeconds = try c.decodeIfPresent(Int.self, forKey: .syncIntervalSeconds) ?? defaults.syncIntervalSeconds
        integrations = try c.decodeIfPresent([IntegrationConfig].self, forKey: .integrations) ?? []
        instructors = try c.decodeIfPresent([InstructorConfig].self, forKey: .instructors) ?? []
        trainingEvents = try c.decodeIfPresent([TrainingEventConfig].self, forKey: .trainingEvents) ?? []
        tokens = try c.decodeIfPresent([TokenConfig].self, forKey: .tokens) ?? []
        maxConnections = try c.decodeIfPresent(Int.self, forKey: .maxConnections)
        maxConnectionsPerAddress =
            try c.decodeIfPresent(Int.self, forKey: .maxConnectionsPerAddress) ?? defaults.maxConnectionsPerAddress
        maxConnectionsPerAddressExempt = try c.decodeIfPresent([String].self, forKey: .maxConnectionsPerAddressExempt) ?? []
        if let name = try c.decodeIfPresent(String.self, forKey: .logLevel) {
            logLevel = try Self.logLevel(name, setting: "logLevel")
        }
    }

    /// The level `name` names; the error says what `setting` may be.
    static func logLevel(_ name: String, setting: String) throws -> Logger.Level {
        guard let level = Logger.Level(rawValue: name) else {
            throw ConfigurationLoader.Failure(
                description: "\(setting) must be debug, info, warning or error, not \"\(name)\"")
        }
        return level
    }

    struct TokenConfig: Sendable, Decodable {
        var role: String
        /// The token itself, or the name of an environment variable holding it (preferred).
        var token: String?
        var tokenEnv: String?

        enum CodingKeys: String, CodingKey, CaseIterable { case role, token, tokenEnv }
    }

    struct InstructorConfig: Sendable, Decodable {
        var id: String
        var name: String
        var email: String
        var establishment: String?
        var timeZone: String?
        /// Applied at every start when given; left out, the stored switch (the admins') is kept.
        var syncEnabled: Bool?

        enum CodingKeys: String, CodingKey, CaseIterable { case id, name, email, establishment, timeZone, syncEnabled }
    }

    struct TrainingEventConfig: Sendable, Decodable {
        var id: String
        var title: String
        /// RFC 3339 with an offset.
        var start: String
        var end: String
        var timeZone: String?
        var location: String?
        var description: String?
        /// scheduled or cancelled (checked with the rest of the event, `declaredTrainingEvents`).
        var status: String?
        var instructorIds: [String]?

        enum CodingKeys: String, CodingKey, CaseIterable {
            case id, title, start, end, timeZone, location, description, status, instructorIds
        }
    }
}
