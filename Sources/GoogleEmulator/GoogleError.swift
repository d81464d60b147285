import CalSyncHTTP

/// An error answer of the Calendar and Directory APIs, in the shape Google documents (fixtures `error-*.json`):
/// `{"error": {"errors": [{"domain", "reason", "message", "locationType"?, "location"?}], "code", "message"}}`,
/// plus `"status"` where real answers carry one.
public struct GoogleError: Error, Sendable, Hashable {
    public var status: Int
    public var domain: String
    public var reason: String
    public var message: String
    public var location: String?
    public var locationType: String?
    /// The canonical status name some answers add (`UNAUTHENTICATED`, `PERMISSION_DENIED`).
    public var statusName: String?
    public var headers: [String: String]

    public init(
        status: Int, domain: String = "global", reason: String, message: String, location: String? = nil,
        locationType: String? = nil, statusName: String? = nil, headers: [String: String] = [:]
    ) {
        self.status = status
        self.domain = domain
        self.reason = reason
        self.message = message
        self.location = location
        self.locationType = locationType
        self.statusName = statusName
        self.headers = headers
    }

    public var body: JSONValue {
        var item: [String: JSONValue] = ["domain": .string(domain), "reason": .string(reason), "message": .string(message)]
        if let locationType { item["locationType"] = .string(locationType) }
        if let location { item["location"] = .string(location) }
        var error: [String: JSONValue] = [
            "errors": [.object(item)], "code": .number(Double(status)), "message": .string(message),
        ]
        if let statusName { error["status"] = .string(statusName) }
        return ["error": .object(error)]
    }

    func response(extraHeaders: HTTPHeaders = HTTPHeaders()) -> HTTPResponse {
        var headers = extraHeaders
        for (name, value) in self.headers.sorted(by: { $0.key < $1.key }) { headers[name] = value }
        headers["Content-Type"] = "application/json; charset=UTF-8"
        return HTTPResponse(status: status, headers: headers, body: body.data)
    }
}
