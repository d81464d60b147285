import CalSyncCore
import Foundation

/// The service and sign-in base URLs an admin gives an integration (e.g. a Microsoft 365 connection's `graphBaseURL`
/// and `authorityHost`).
///
/// Absolute `https://` URLs, or plain `http://` only for loopback hosts (127.0.0.0/8, ::1, localhost: tests and
/// the emulator), so a client secret or a bearer token never crosses a network in clear text (docs/product-rules.md,
/// "Reliability model"). The rules match the ones the adapters apply to their endpoints, so what the API accepts the
/// worker can use. Error messages never repeat the value: it could carry credentials.
enum EndpointURL {
    /// The URL trimmed and without trailing slashes; 422 naming `field` when it breaks a rule.
    static func validated(
        _ raw: String, field: String, example: String = "https://graph.microsoft.com/v1.0"
    ) throws -> String {
        var text = raw.trimmingCharacters(in: .whitespaces)
        while text.hasSuffix("/") { text.removeLast() }
        guard !text.isEmpty, !text.unicodeScalars.contains(where: { $0.value <= 0x20 || $0.value == 0x7F }) else {
            throw APIError.invalid(field, "`\(field)` must be an absolute https:// URL without spaces.")
        }
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(),
            let host = components.host, !host.isEmpty
        else {
            throw APIError.invalid(field, "`\(field)` must be an absolute URL such as \(example).")
        }
        guard components.query == nil, components.fragment == nil, components.user == nil, components.password == nil
        else {
            throw APIError.invalid(field, "`\(field)` must not carry a query, a fragment or credentials.")
        }
        switch scheme {
        case "https":
            return text
        case "http" where isLoopback(host: host):
            return text
        case "http":
            throw APIError.invalid(
                field, "`\(field)` must use https://; plain http:// is accepted only for 127.0.0.0/8, ::1 and localhost.")
        default:
            throw APIError.invalid(field, "`\(field)` must use https://.")
        }
    }

    /// 127.0.0.0/8, ::1 and localhost (the rule lives in `LoopbackHost`).
    static func isLoopback(host: String) -> Bool { LoopbackHost.contains(host) }
}
