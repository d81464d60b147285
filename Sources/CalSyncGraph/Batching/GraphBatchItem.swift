import CalSyncHTTP
import Foundation

/// One request inside a JSON batch (docs/microsoft-365.md §6): an id unique within the batch, the method, a URL
/// relative to the version root (`/users/…`, no `/v1.0`), headers (always including `Content-Type`
/// when there is a body) and a JSON body.
public struct GraphBatchItem: Sendable, Equatable {
    public var id: String
    public var method: HTTPMethod
    public var url: String
    public var headers: [String: String]
    /// A JSON document (object), or nil.
    public var body: Data?

    public init(id: String, method: HTTPMethod, url: String, headers: [String: String] = [:], body: Data? = nil) {
        self.id = id
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
    }

    /// The item for a request to an absolute Graph URL under `baseURL`, or nil when the URL lies
    /// elsewhere (such a request is sent on its own). `Authorization` stays on the batch request and
    /// never goes into its body; a body gets its `Content-Type`.
    public init?(id: String, request: HTTPClientRequest, baseURL: String) {
        let absolute = request.url.absoluteString
        guard absolute.count > baseURL.count, absolute.hasPrefix(baseURL) else { return nil }
        let relative = String(absolute.dropFirst(baseURL.count))
        guard relative.hasPrefix("/") else { return nil }
        var headers: [String: String] = [:]
        for (name, value) in request.headers where name.lowercased() != "authorization" { headers[name] = value }
        if request.body != nil, !headers.keys.contains(where: { $0.lowercased() == "content-type" }) {
            headers["Content-Type"] = "application/json"
        }
        self.init(id: id, method: request.method, url: relative, headers: headers, body: request.body)
    }
}
