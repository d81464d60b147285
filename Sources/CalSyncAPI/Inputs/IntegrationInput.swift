import CalSyncCore
import Foundation

/// The bodies of `POST /v1/integrations` and `PATCH /v1/integrations/{id}` (docs/api.md, "Integrations").
/// The client secret is write-only: it is read here, stored, and never echoed, not even in an error message.
enum IntegrationInput {
    static let createFields: Set<String> = [
        "name", "type", "tenantId", "clientId", "clientSecret", "establishments", "graphBaseURL", "authorityHost",
        "settings",
    ]
    static let patchFields: Set<String> = ["name", "status", "clientSecret", "establishments", "settings"]
    static let supportedTypes = ["microsoft365"]

    /// A new integration from a create body.
    static func created(from body: JSONInput, id: String, now: Date) throws -> Integration {
        try body.allowOnly(createFields)
        let name = try body.requiredString("name", maxLength: 200)
        let type = try body.string("type", maxLength: 64) ?? "microsoft365"
        guard supportedTypes.contains(type) else {
            throw APIError.invalid("type", "`type` must be one of: \(supportedTypes.joined(separator: ", ")).")
        }
        let tenantId = try identifier(body, "tenantId", extra: [], required: true)!
        let clientId = try identifier(body, "clientId", extra: [":"], required: true)!
        let secret = try body.requiredString("clientSecret", maxLength: 1_024)
        let graphBaseURL = try body.string("graphBaseURL", maxLength: 2_048).map {
            try EndpointURL.validated($0, field: "graphBaseURL")
        }
        let authorityHost = try body.string("authorityHost", maxLength: 2_048).map {
            try EndpointURL.validated($0, field: "authorityHost")
        }
        let settings = try body.object("settings").map { try SettingsInput.merged($0, onto: SyncSettings()) }
        return Integration(
            id: id, name: name, status: .active, tenantId: tenantId, clientId: clientId,
            clientSecret: Secret(secret), establishments: try establishments(body) ?? [],
            graphBaseURL: graphBaseURL ?? Microsoft365Connection.defaultServiceURL,
            authorityHost: authorityHost ?? Microsoft365Connection.defaultAuthorityHost,
            settings: settings ?? SyncSettings(), createdAt: now)
    }

    /// The integration after a PATCH: only the fields given change; `settings` merge key by key.
    static func patched(_ current: Integration, with body: JSONInput) throws -> Integration {
        try body.allowOnly(patchFields)
        for key in ["name", "status", "clientSecret", "settings"] where body.isNull(key) {
            throw APIError.invalid(key, "`\(key)` cannot be null; leave it out to keep its value.")
        }
        var updated = current
        if let name = try body.string("name", maxLength: 200) { updated.name = name }
        if let status = try body.string("status", maxLength: 16) {
            guard let value = Integration.Status(rawValue: status) else {
                throw APIError.invalid("status", "`status` must be active or inactive.")
            }
            updated.status = value
        }
        if let secret = try body.string("clientSecret", maxLength: 1_024) {
            updated.connection = updated.connection.replacingSecret(Secret(secret))
        }
        if body.has("establishments") { updated.establishments = try establishments(body) ?? [] }
        if let settings = try body.object("settings") {
            updated.settings = try SettingsInput.merged(settings, onto: current.settings)
        }
        return updated
    }

    /// `establishments`: omitted, null or [] = all; repeated names count once.
    static func establishments(_ body: JSONInput) throws -> [String]? {
        guard let list = try body.stringArray("establishments", maxCount: 1_000, maxLength: 128) else { return nil }
        var seen = Set<String>()
        return list.filter { seen.insert($0).inserted }
    }

    /// A tenant or client id: 1–256 characters of letters, digits, '.', '_', '-' (and `extra`); they end up in
    /// the token request's URL path and form body.
    static func identifier(_ body: JSONInput, _ key: String, extra: Set<Character>, required: Bool) throws -> String? {
        let value = required ? try body.requiredString(key, maxLength: 256) : try body.string(key, maxLength: 256)
        guard let value else { return nil }
        let allowed = value.allSatisfy { c in
            c.isASCII && (c.isLetter || c.isNumber || c == "." || c == "_" || c == "-" || extra.contains(c))
        }
        guard allowed else {
            let others = extra.isEmpty ? "" : ", " + extra.sorted().map { "'\($0)'" }.joined(separator: ", ")
            throw APIError.invalid(key, "`\(key)` must be letters, digits, '.', '_' or '-'\(others).")
        }
        return value
    }
}
