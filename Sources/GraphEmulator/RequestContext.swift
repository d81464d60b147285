import CalSyncHTTP
import Foundation

/// Per-request facts every handler needs: ids for the response headers and error bodies, the host
/// for absolute links, the parsed `Prefer` header and the preferences that were applied.
struct RequestContext: Sendable {
    let request: HTTPRequest
    let now: Date
    let requestId: String
    /// When the HTTP request reached the emulator (a batch item's is its batch's): what the early-retry check
    /// compares, since a client cannot heed a `Retry-After` it had not received when it sent the request.
    let arrival: ContinuousClock.Instant
    let clientRequestId: String
    let prefer: PreferHeader
    var appliedPreferences: [String] = []

    init(request: HTTPRequest, now: Date, requestId: String, arrival: ContinuousClock.Instant = .now) {
        self.request = request
        self.now = now
        self.requestId = requestId
        self.arrival = arrival
        self.clientRequestId = request.headers["client-request-id"] ?? requestId
        self.prefer = PreferHeader(values: request.headers.values("Prefer"))
    }

    /// `http://HOST` from the request's Host header (links are absolute, as Graph's are).
    var origin: String { "http://" + (request.headers["Host"] ?? "localhost") }

    /// `http://HOST/v1.0`
    var serviceRoot: String { origin + "/v1.0" }

    /// The request path with a `/v1.0` prefix, as links repeat it.
    var versionedPath: String {
        request.path.lowercased().hasPrefix("/v1.0/") ? request.path : "/v1.0" + request.path
    }

    /// A query parameter by name; system query options match with or without `$` and in any case.
    func query(_ name: String) -> String? {
        let wanted = name.lowercased()
        let bare = wanted.hasPrefix("$") ? String(wanted.dropFirst()) : wanted
        return request.query.first { pair in
            let n = pair.name.lowercased()
            return n == wanted || (wanted.hasPrefix("$") && n == bare)
        }?.value
    }

    /// Names of the query parameters present, lower-cased.
    var queryNames: Set<String> { Set(request.query.map { $0.name.lowercased() }) }

    /// Builds `origin + path + ?query` from encoded name/value pairs.
    func link(path: String, query: [(String, String)]) -> String {
        let encoded = query.map { Self.encode($0.0) + "=" + Self.encode($0.1) }.joined(separator: "&")
        return origin + Self.encodePath(path) + (encoded.isEmpty ? "" : "?" + encoded)
    }

    static func encode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~$")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }

    static func encodePath(_ path: String) -> String {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "?#")
        return path.addingPercentEncoding(withAllowedCharacters: allowed) ?? path
    }
}
