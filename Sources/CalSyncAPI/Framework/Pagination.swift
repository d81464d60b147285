import Foundation

/// `?limit=` (1–500, default 100) and `?cursor=` (opaque: base64url of the last key of the previous page).
public struct Pagination: Sendable {
    public var limit: Int
    /// The last key of the previous page, decoded from the cursor.
    public var after: String?

    public init(_ request: APIRequest) throws {
        if let text = request.query("limit") {
            guard let n = Int(text), (1...500).contains(n) else {
                throw APIError(400, "invalid_parameter", "`limit` must be a whole number from 1 to 500.", field: "limit")
            }
            limit = n
        } else {
            limit = 100
        }
        if let cursor = request.query("cursor") {
            guard let key = Self.decode(cursor) else {
                throw APIError(400, "invalid_parameter", "`cursor` is not a cursor this API gave out.", field: "cursor")
            }
            after = key
        }
    }

    /// Cuts a sorted list to one page and gives the cursor of the next one.
    public func page<T>(_ items: [T], key: (T) -> String) -> (items: [T], nextCursor: String?) {
        let rest = after.map { last in items.filter { key($0) > last } } ?? items
        let page = Array(rest.prefix(limit))
        let next = rest.count > limit ? page.last.map { Self.encode(key($0)) } : nil
        return (page, next)
    }

    static func encode(_ key: String) -> String {
        Data(("c1:" + key).utf8).base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    static func decode(_ cursor: String) -> String? {
        var base64 = cursor.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        guard cursor.count <= 400, let data = Data(base64Encoded: base64), let text = String(data: data, encoding: .utf8),
            text.hasPrefix("c1:")
        else { return nil }
        return String(text.dropFirst(3))
    }
}

/// The list envelope of the contract: `{"items": [...], "nextCursor": "..." | null}`.
public func listResponse(_ items: [Any], nextCursor: String?) -> [String: Any] {
    ["items": items, "nextCursor": nextCursor as Any]
}
