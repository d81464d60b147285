/// What the NTLM handshake left on a connection (stored in its `HTTPConnectionContext`).
enum NTLMConnectionState: Sendable {
    /// The server sent this challenge; the connection's next request should carry the AUTHENTICATE_MESSAGE.
    case challenged(serverChallenge: [UInt8])
    /// The connection is logged on as this account (lower-cased samAccountName) until it closes, unless the account's
    /// session epoch moves on (password changed, account locked).
    case authenticated(account: String, epoch: Int)
}
