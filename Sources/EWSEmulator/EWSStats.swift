import CalSyncHTTP

/// The emulator's statistics (`GET /_emulator/stats`): per service account, plus what came in without a logon.
public struct EWSStats: Sendable, Hashable {
    /// By samAccountName.
    public var accounts: [String: EWSAccountStats] = [:]
    /// 401 answers to requests without valid credentials (the NTLM challenge, step two of a handshake, is not one).
    public var unauthorized = 0
    /// Logons naming no known account.
    public var unknownAccountLogons = 0
    /// Responses by `<operation> <HTTP status>` (status 0: the connection was dropped).
    public var responses: [String: Int] = [:]

    public init() {}

    public var json: JSONValue {
        [
            "accounts": .object(accounts.mapValues(\.json)),
            "unauthorized": .number(Double(unauthorized)),
            "unknownAccountLogons": .number(Double(unknownAccountLogons)),
            "responses": .object(responses.mapValues { .number(Double($0)) }),
        ]
    }
}
