import CalSyncCore
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

    init() {}

    enum CodingKeys: String, CodingKey, CaseIterable {
        case database, listen, syncIntervalSeconds, integrations, instructors, trainingEvents, tokens
    }

    /// Every key the file may have, at every level; an integration's `settings` has those of `SyncSettings`.
    static let knownKeys = KnownKeys(
        CodingKeys.self,
        nested: [
            .integrations: KnownKeys(IntegrationConfig.CodingKeys.self, nested: [.settings: KnownKeys(encoding: SyncSettings())]),
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
    }

    struct TokenConfig: Sendable, Decodable {
        var role: String
        /// The token itself, or the name of an environment variable holding it (preferred).
        var token: String?
        var tokenEnv: String?

        enum CodingKeys: String, CodingKey, CaseIterable { case role, token, tokenEnv }
    }

    struct IntegrationConfig: Sendable, Decodable {
        var id: String
        var name: String
        var tenantId: String
        var clientId: String
        /// The secret itself, or the name of an environment variable holding it (preferred).
        var clientSecret: String?
        var clientSecretEnv: String?
        var establishments: [String]?
        var graphBaseURL: String?
        var authorityHost: String?
        var settings: SyncSettings?

        enum CodingKeys: String, CodingKey, CaseIterable {
            case id, name, tenantId, clientId, clientSecret, clientSecretEnv, establishments, graphBaseURL, authorityHost
            case settings
        }
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
        var status: TrainingEvent.Status?
        var instructorIds: [String]?

        enum CodingKeys: String, CodingKey, CaseIterable {
            case id, title, start, end, timeZone, location, description, status, instructorIds
        }
    }
}
