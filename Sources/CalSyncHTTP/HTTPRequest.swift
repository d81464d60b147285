import Foundation

/// A request as the server received it.
public struct HTTPRequest: Sendable {
    public var method: HTTPMethod
    /// The raw request-target, e.g. `/v1.0/users?$top=5`.
    public var target: String
    /// The percent-decoded path, without the query, e.g. `/v1.0/users`.
    public var path: String
    /// The raw query string after `?`, without it, or "" when absent.
    public var rawQuery: String
    /// Query parameters, percent-decoded (`+` is a space), in order.
    public var query: [(name: String, value: String)]
    public var headers: HTTPHeaders
    public var body: Data
    /// The peer's address, for logs (e.g. `127.0.0.1`).
    public var remoteAddress: String

    public init(
        method: HTTPMethod, target: String, headers: HTTPHeaders = HTTPHeaders(), body: Data = Data(),
        remoteAddress: String = ""
    ) {
        self.method = method
        self.target = target
        self.headers = headers
        self.body = body
        self.remoteAddress = remoteAddress
        let (path, rawQuery) = HTTPRequest.split(target)
        self.path = path
        self.rawQuery = rawQuery
        self.query = HTTPRequest.parseQuery(rawQuery)
    }

    /// The first value of a query parameter, or nil.
    public func queryValue(_ name: String) -> String? {
        query.first { $0.name == name }?.value
    }

    /// The first value of a query parameter, compared case-insensitively on the name.
    public func queryValue(caseInsensitive name: String) -> String? {
        let lowered = name.lowercased()
        return query.first { $0.name.lowercased() == lowered }?.value
    }

    static func split(_ target: String) -> (path: String, query: String) {
        let parts = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        let rawPath = parts.first.map(String.init) ?? ""
        let path = rawPath.removingPercentEncoding ?? rawPath
        return (path, parts.count > 1 ? String(parts[1]) : "")
    }

    /// Parses `a=1&b=x+y` into decoded pairs. Malformed escapes are kept as written.
    public static func parseQuery(_ raw: String) -> [(name: String, value: String)] {
        guard !raw.isEmpty else { return [] }
        return raw.split(separator: "&", omittingEmptySubsequences: true).map { pair in
            let kv = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ s: Substring) -> String {
                let spaced = s.replacingOccurrences(of: "+", with: " ")
                return spaced.removingPercentEncoding ?? spaced
            }
            return (name: decode(kv[0]), value: kv.count > 1 ? decode(kv[1]) : "")
        }
    }
}
