import CalSyncCore

/// The connection fields of an `exchange` integration's bodies (docs/api.md, "Integrations"): the EWS URL, the service
/// account's user name and password (write-only), its logon scheme, an optional CA file, and, rarely needed, the EWS
/// schema version requests are written against and the account's in-flight limit.
enum ExchangeInput {
    static let createFields: Set<String> = [
        "ewsURL", "username", "password", "authScheme", "caFile", "serverVersion", "inFlightLimit",
    ]
    /// A PATCH rotates the password and may change every other connection field.
    static let patchFields = createFields

    static func created(from body: JSONInput) throws -> ExchangeConnection {
        let ewsURL = try EndpointURL.validated(
            try body.requiredString("ewsURL", maxLength: 2_048), field: "ewsURL", example: example)
        guard let username = try username(body) else {
            throw APIError.invalid("username", "`username` is required.")
        }
        guard let password = try password(body) else { throw APIError.invalid("password", "`password` is required.") }
        var connection = ExchangeConnection(ewsURL: ewsURL, username: username, password: Secret(password))
        try apply(body, to: &connection)
        return connection
    }

    static func patched(_ current: ExchangeConnection, with body: JSONInput) throws -> ExchangeConnection {
        for key in ["ewsURL", "username", "password", "authScheme", "serverVersion", "inFlightLimit"]
        where body.isNull(key) {
            throw APIError.invalid(key, "`\(key)` cannot be null; leave it out to keep its value.")
        }
        var updated = current
        if let url = try body.string("ewsURL", maxLength: 2_048) {
            updated.ewsURL = try EndpointURL.validated(url, field: "ewsURL", example: example)
        }
        if let username = try username(body) { updated.username = username }
        if let password = try password(body) { updated.password = Secret(password) }
        if body.isNull("caFile") { updated.caFile = nil }
        try apply(body, to: &updated)
        return updated
    }

    private static let example = "https://mail.contoso.com/EWS/Exchange.asmx"

    /// The optional fields both bodies take the same way.
    private static func apply(_ body: JSONInput, to connection: inout ExchangeConnection) throws {
        if let scheme = try body.choice("authScheme", ExchangeConnection.AuthScheme.self) {
            connection.authScheme = scheme
        }
        if let caFile = try body.string("caFile", maxLength: 4_096) {
            guard caFile.hasPrefix("/"), !caFile.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F })
            else {
                throw APIError.invalid("caFile", "`caFile` must be the absolute path of a PEM file, e.g. /etc/calsync/ca.pem.")
            }
            connection.caFile = caFile
        }
        if let version = try body.string("serverVersion", maxLength: 64) {
            guard ExchangeConnection.isServerVersion(version) else {
                throw APIError.invalid(
                    "serverVersion",
                    "`serverVersion` must be Exchange2013, Exchange2013_SP1 (the default), Exchange2016 or a dated "
                        + "version such as V2017_07_11.")
            }
            connection.serverVersion = version
        }
        if let limit = try body.int("inFlightLimit", in: 1...100) { connection.inFlightLimit = limit }
    }

    /// `DOMAIN\user` or `user@domain`: no ':' (it would end a Basic logon's user name) and no control characters.
    private static func username(_ body: JSONInput) throws -> String? {
        guard let username = try body.string("username", maxLength: 256) else { return nil }
        guard !username.unicodeScalars.contains(where: { $0 == ":" || $0.value < 0x20 || $0.value == 0x7F }) else {
            throw APIError.invalid(
                "username", "`username` must be DOMAIN\\user or user@domain, without ':' or control characters.")
        }
        return username
    }

    /// The password, never repeated in an error.
    private static func password(_ body: JSONInput) throws -> String? {
        try body.string("password", maxLength: 1_024)
    }
}
