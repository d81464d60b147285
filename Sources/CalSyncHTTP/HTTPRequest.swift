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
    /// When the request was received (read whole by the server, or handed over in process).
    public var receivedAt: ContinuousClock.Instant
    /// The connection it came on (`HTTPServer` sets it; nil in process unless the caller gives one).
    public var connection: HTTPConnectionContext?

    public init(
        method: HTTPMethod, target: String, headers: HTTPHeaders = HTTPHeaders(), body: Data = Data(),
        remoteAddress: String = "", receivedAt: ContinuousClock.Instant = .now, connection: HTTPConnectionContext? = nil
    ) {
        self.receivedAt = receivedAt
        self.connection = connection
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
        guard let mark = target.utf8.firstIndex(of: UInt8(ascii: "?")) else {
            return (percentDecoded(Substring(target), plusIsSpace: false), "")
        }
        let rawPath = target[..<mark]
        let query = target[target.utf8.index(after: mark)...]
        return (percentDecoded(rawPath, plusIsSpace: false), String(query))
    }

    /// Parses `a=1&b=x+y` into decoded pairs. Malformed escapes are kept as written.
    public static func parseQuery(_ raw: String) -> [(name: String, value: String)] {
        guard !raw.isEmpty else { return [] }
        return raw.split(separator: "&", omittingEmptySubsequences: true).map { pair in
            guard let eq = pair.utf8.firstIndex(of: UInt8(ascii: "=")) else {
                return (name: percentDecoded(pair, plusIsSpace: true), value: "")
            }
            return (
                name: percentDecoded(pair[..<eq], plusIsSpace: true),
                value: percentDecoded(pair[pair.utf8.index(after: eq)...], plusIsSpace: true)
            )
        }
    }

    /// Decodes `%XX` escapes on bytes (and `+` as a space in queries). A malformed escape, or escapes
    /// that do not form UTF-8, leave the text as written.
    static func percentDecoded(_ text: Substring, plusIsSpace: Bool) -> String {
        let utf8 = text.utf8
        guard utf8.contains(where: { $0 == UInt8(ascii: "%") || (plusIsSpace && $0 == UInt8(ascii: "+")) }) else {
            return String(text)
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count)
        var i = utf8.startIndex
        while i != utf8.endIndex {
            let byte = utf8[i]
            if byte == UInt8(ascii: "%") {
                let h = utf8.index(after: i)
                if h != utf8.endIndex, utf8.index(after: h) != utf8.endIndex,
                    let high = hexValue(utf8[h]), let low = hexValue(utf8[utf8.index(after: h)])
                {
                    bytes.append(high << 4 | low)
                    i = utf8.index(h, offsetBy: 2)
                    continue
                }
                bytes.append(byte)
            } else {
                bytes.append(plusIsSpace && byte == UInt8(ascii: "+") ? UInt8(ascii: " ") : byte)
            }
            i = utf8.index(after: i)
        }
        return String(validating: bytes, as: UTF8.self) ?? String(text)
    }

    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
