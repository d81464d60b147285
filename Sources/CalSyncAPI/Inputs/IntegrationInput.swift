import CalSyncCore
import Foundation

/// The bodies of `POST /v1/integrations` and `PATCH /v1/integrations/{id}` (docs/api.md, "Integrations"): the fields
/// every type shares here, each type's own connection fields in `IntegrationInput+<Type>.swift`. Credentials are
/// write-only: they are read here, stored, and never echoed, not even in an error message.
enum IntegrationInput {
    /// The fields every type takes when created.
    static let sharedCreateFields: Set<String> = ["name", "type", "establishments", "settings"]
    /// The fields every type takes in a PATCH.
    static let sharedPatchFields: Set<String> = ["type", "name", "status", "establishments", "settings"]

    /// A new integration from a create body: its type first (`type(of:)`), then the fields of that type.
    static func created(from body: JSONInput, id: String, now: Date) throws -> Integration {
        let type = try type(of: body)
        let connection: Connection
        switch type {
        case Microsoft365Connection.type:
            try allowOnly(body, sharedCreateFields.union(Microsoft365Input.createFields), type: type)
            connection = .microsoft365(try Microsoft365Input.created(from: body))
        case GoogleConnection.type:
            try allowOnly(body, sharedCreateFields.union(GoogleInput.createFields), type: type)
            connection = .google(try GoogleInput.created(from: body))
        case ExchangeConnection.type:
            try allowOnly(body, sharedCreateFields.union(ExchangeInput.createFields), type: type)
            connection = .exchange(try ExchangeInput.created(from: body))
        default:
            throw APIError(422, "unsupported_type", IntegrationType.notSupportedYetMessage(type) + ".", field: "type")
        }
        let name = try body.requiredString("name", maxLength: 200)
        let settings = try body.object("settings").map { try SettingsInput.merged($0, onto: SyncSettings()) }
        return Integration(
            id: id, name: name, status: .active, connection: connection,
            establishments: try establishments(body) ?? [], settings: settings ?? SyncSettings(), createdAt: now)
    }

    /// The integration after a PATCH: only the fields given change; `settings` merge key by key.
    static func patched(_ current: Integration, with body: JSONInput) throws -> Integration {
        try keepType(of: current, in: body)
        var updated = current
        switch current.connection {
        case .microsoft365(let connection):
            try allowOnly(body, sharedPatchFields.union(Microsoft365Input.patchFields), type: current.type)
            updated.connection = .microsoft365(try Microsoft365Input.patched(connection, with: body))
        case .google(let connection):
            try allowOnly(body, sharedPatchFields.union(GoogleInput.patchFields), type: current.type)
            updated.connection = .google(try GoogleInput.patched(connection, with: body))
        case .exchange(let connection):
            try allowOnly(body, sharedPatchFields.union(ExchangeInput.patchFields), type: current.type)
            updated.connection = .exchange(try ExchangeInput.patched(connection, with: body))
        }
        for key in ["name", "status", "settings"] where body.isNull(key) {
            throw APIError.invalid(key, "`\(key)` cannot be null; leave it out to keep its value.")
        }
        if let name = try body.string("name", maxLength: 200) { updated.name = name }
        if let status = try body.string("status", maxLength: 16) {
            guard let value = Integration.Status(rawValue: status) else {
                throw APIError.invalid("status", "`status` must be active or inactive.")
            }
            updated.status = value
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
