import CalSyncCore
import Foundation

/// The two base URLs an integration talks to, validated before anything is sent.
///
/// Plain `http://` is accepted only for loopback hosts (tests, the emulator): a client secret or a
/// bearer token must never cross a network in clear text (docs/product-rules.md, "Reliability model").
public struct GraphEndpoint: Sendable, Hashable {
    /// Graph's versioned base, without a trailing slash, e.g. `https://graph.microsoft.com/v1.0`.
    public let graphBaseURL: String
    /// The login authority, without a trailing slash, e.g. `https://login.microsoftonline.com`.
    public let authorityHost: String

    /// Validates and normalises both URLs; throws `CalendarError(.configuration)` naming the bad field.
    public init(graphBaseURL: String, authorityHost: String) throws {
        self.graphBaseURL = try Self.validated(graphBaseURL, field: "graphBaseURL")
        self.authorityHost = try Self.validated(authorityHost, field: "authorityHost")
    }

    /// The endpoint of an integration.
    public init(integration: Integration) throws {
        let connection = try GraphClient.connection(of: integration)
        try self.init(graphBaseURL: connection.graphBaseURL, authorityHost: connection.authorityHost)
    }

    /// `{authorityHost}/{tenant}/oauth2/v2.0/token` (docs/microsoft-365.md §1).
    public func tokenURL(tenantId: String) -> String {
        authorityHost + "/" + GraphPercentEncoding.pathSegment(tenantId) + "/oauth2/v2.0/token"
    }

    /// True when `link` (a nextLink/deltaLink) points at the same scheme, host and port as Graph's
    /// base, so a bearer token is never handed to another origin.
    public func isSameOrigin(_ link: String) -> Bool {
        guard let base = URLComponents(string: graphBaseURL), let other = URLComponents(string: link) else {
            return false
        }
        return base.scheme?.lowercased() == other.scheme?.lowercased()
            && base.host?.lowercased() == other.host?.lowercased()
            && Self.effectivePort(base) == Self.effectivePort(other)
    }

    // MARK: - Validation

    /// `raw` trimmed and without trailing slashes; throws `CalendarError(.configuration)` whose message starts with
    /// `field` (the configuration file passes its path, `integrations[0].graphBaseURL`) when it breaks a rule.
    public static func validated(_ raw: String, field: String) throws -> String {
        var text = raw.trimmingCharacters(in: .whitespaces)
        while text.hasSuffix("/") { text.removeLast() }
        guard !text.isEmpty else {
            throw CalendarError(.configuration, providerCode: "invalidURL", message: "\(field) is empty")
        }
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(),
            let host = components.host, !host.isEmpty
        else {
            throw CalendarError(
                .configuration, providerCode: "invalidURL", message: "\(field) is not an absolute URL: \(text)")
        }
        guard components.query == nil, components.fragment == nil, components.user == nil,
            components.password == nil
        else {
            throw CalendarError(
                .configuration, providerCode: "invalidURL",
                message: "\(field) must not carry a query, fragment or credentials: \(Self.redacted(components))")
        }
        switch scheme {
        case "https":
            return text
        case "http" where isLoopback(host: host):
            return text
        case "http":
            throw CalendarError(
                .configuration, providerCode: "insecureURL",
                message: "\(field) uses plain http:// to the non-loopback host \(host); "
                    + "use https:// (http:// is accepted only for 127.0.0.0/8, ::1 and localhost)")
        default:
            throw CalendarError(
                .configuration, providerCode: "invalidURL", message: "\(field) must use https://, not \(scheme)://")
        }
    }

    /// 127.0.0.0/8, ::1 and localhost (the rule lives in `LoopbackHost`).
    static func isLoopback(host: String) -> Bool { LoopbackHost.contains(host) }

    private static func effectivePort(_ components: URLComponents) -> Int? {
        if let port = components.port { return port }
        switch components.scheme?.lowercased() {
        case "https": return 443
        case "http": return 80
        default: return nil
        }
    }

    private static func redacted(_ components: URLComponents) -> String {
        "\(components.scheme ?? "")://\(components.host ?? "")\(components.path)"
    }
}
