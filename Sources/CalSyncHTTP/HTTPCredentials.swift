import Foundation

/// A user name and password that the transport itself presents when the server asks (HTTP authentication done by
/// libcurl, not by a header the caller writes). NTLM authenticates a connection rather than a request, so it needs
/// the transport's kept-alive connections: a caller that uses it keeps one transport per account.
/// `description` never shows the password.
public struct HTTPCredentials: Sendable, Hashable, CustomStringConvertible {
    public enum Scheme: String, Sendable, Hashable {
        /// Windows authentication: NEGOTIATE, CHALLENGE and AUTHENTICATE on one connection.
        case ntlm
        /// `Authorization: Basic`, sent with every request (only over TLS or to a loopback host).
        case basic
    }

    public var scheme: Scheme
    public var username: String
    public var password: String

    public init(scheme: Scheme, username: String, password: String) {
        self.scheme = scheme
        self.username = username
        self.password = password
    }

    /// The `Authorization` value of a Basic logon (for transports without libcurl).
    public var basicAuthorization: String {
        "Basic " + Data("\(username):\(password)".utf8).base64EncodedString()
    }

    public var description: String { "\(scheme.rawValue) logon as \(username)" }
}
