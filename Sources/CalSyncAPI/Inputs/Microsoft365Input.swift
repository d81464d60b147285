import CalSyncCore

/// The connection fields of a `microsoft365` integration's bodies (docs/api.md, "Integrations").
enum Microsoft365Input {
    static let createFields: Set<String> = ["tenantId", "clientId", "clientSecret", "graphBaseURL", "authorityHost"]
    /// A PATCH rotates the client secret; the tenant and the app stay.
    static let patchFields: Set<String> = ["clientSecret"]

    static func created(from body: JSONInput) throws -> Microsoft365Connection {
        let tenantId = try IntegrationInput.identifier(body, "tenantId", extra: [], required: true)!
        let clientId = try IntegrationInput.identifier(body, "clientId", extra: [":"], required: true)!
        let secret = try body.requiredString("clientSecret", maxLength: 1_024)
        let graphBaseURL = try body.string("graphBaseURL", maxLength: 2_048).map {
            try EndpointURL.validated($0, field: "graphBaseURL")
        }
        let authorityHost = try body.string("authorityHost", maxLength: 2_048).map {
            try EndpointURL.validated($0, field: "authorityHost")
        }
        return Microsoft365Connection(
            tenantId: tenantId, clientId: clientId, clientSecret: Secret(secret),
            graphBaseURL: graphBaseURL ?? Microsoft365Connection.defaultServiceURL,
            authorityHost: authorityHost ?? Microsoft365Connection.defaultAuthorityHost)
    }

    static func patched(_ current: Microsoft365Connection, with body: JSONInput) throws -> Microsoft365Connection {
        if body.isNull("clientSecret") {
            throw APIError.invalid("clientSecret", "`clientSecret` cannot be null; leave it out to keep its value.")
        }
        var updated = current
        if let secret = try body.string("clientSecret", maxLength: 1_024) { updated.clientSecret = Secret(secret) }
        return updated
    }
}
