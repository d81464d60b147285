import Foundation

/// A request an HTTP client sends (to Graph, the login endpoint or the emulator).
public struct HTTPClientRequest: Sendable {
    public var method: HTTPMethod
    public var url: URL
    public var headers: HTTPHeaders
    public var body: Data?
    /// Whole-request timeout in seconds.
    public var timeout: Double
    /// Credentials the transport presents when the server asks for them (NTLM, Basic); nil sends none.
    public var credentials: HTTPCredentials?
    /// A PEM file of the certificate authorities to trust for this request's server instead of the system's
    /// (verification itself is never switched off); nil uses the system's.
    public var caFile: String?

    public init(
        method: HTTPMethod, url: URL, headers: HTTPHeaders = HTTPHeaders(), body: Data? = nil, timeout: Double = 30,
        credentials: HTTPCredentials? = nil, caFile: String? = nil
    ) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.timeout = timeout
        self.credentials = credentials
        self.caFile = caFile
    }
}

/// A transport failure: no HTTP status was received.
public struct HTTPTransportError: Error, Sendable, CustomStringConvertible {
    public enum Kind: String, Sendable {
        case timeout, connectionFailed, connectionReset, tls, invalidURL, other
    }
    public var kind: Kind
    public var message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { "\(kind.rawValue): \(message)" }
}

/// The seam between Graph code and the network. `CurlTransport` is the real one.
public protocol HTTPTransport: Sendable {
    func send(_ request: HTTPClientRequest) async throws -> HTTPClientResponse
    /// A transport like this one whose connections no other caller shares (at most `maxConnections` of them), for a
    /// logon that holds to its connection (NTLM). A transport without connections of its own returns itself.
    func withOwnConnections(maxConnections: Int) -> any HTTPTransport
}

extension HTTPTransport {
    public func withOwnConnections(maxConnections: Int) -> any HTTPTransport { self }
}
