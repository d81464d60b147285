import CalSyncHTTP
import Foundation

/// A `POST /$batch` body, validated as Graph validates it (docs/microsoft-365.md §6, json-batching 2025-02-21).
/// Anything wrong with the batch as a whole is one 400 for the whole batch; what is wrong with one
/// item's own request (an unknown path, a wrong method) is that item's answer, not a batch error.
struct EmulatorBatchRequest: Sendable {
    struct Item: Sendable {
        let id: String
        let method: HTTPMethod
        /// The relative URL as sent (`/users/…` or `users/…`).
        let url: String
        let headers: HTTPHeaders
        let body: Data
        let dependsOn: [String]
    }

    /// Graph's documented limit.
    static let maxItems = 20

    let items: [Item]

    init(json: EmulatorJSON) throws(GraphError) {
        guard let requests = json["requests"]?.arrayValue else {
            throw Self.invalid("The batch request must be a JSON object with a 'requests' array.")
        }
        guard !requests.isEmpty else { throw Self.invalid("The batch request contains no requests.") }
        guard requests.count <= Self.maxItems else {
            throw Self.invalid("Number of requests exceeds the limit of \(Self.maxItems).")
        }
        var items: [Item] = []
        var seen = Set<String>()
        for request in requests {
            let item = try Self.item(request)
            // Ids are compared without regard to case; a repeated id rejects the whole batch.
            guard seen.insert(item.id.lowercased()).inserted else {
                throw Self.invalid("Request id '\(item.id)' is not unique within the batch.")
            }
            items.append(item)
        }
        for item in items {
            for dependency in item.dependsOn where !seen.contains(dependency.lowercased()) {
                throw Self.invalid("Request id '\(item.id)' depends on '\(dependency)', which is not in the batch.")
            }
            if item.dependsOn.contains(where: { $0.lowercased() == item.id.lowercased() }) {
                throw Self.invalid("Request id '\(item.id)' depends on itself.")
            }
        }
        self.items = items
        try checkAcyclic()
    }

    private static func item(_ json: EmulatorJSON) throws(GraphError) -> Item {
        guard let object = json.objectValue else { throw invalid("Each request must be a JSON object.") }
        guard let id = object["id"]?.stringValue, !id.isEmpty else { throw invalid("A request has no 'id'.") }
        guard let methodName = object["method"]?.stringValue, !methodName.isEmpty else {
            throw invalid("Request id '\(id)' has no valid 'method'.")
        }
        let method = HTTPMethod(methodName.uppercased())
        guard let url = object["url"]?.stringValue, !url.isEmpty else { throw invalid("Request id '\(id)' has no 'url'.") }
        if url.contains("://") {
            throw invalid("Request id '\(id)': the url must be relative to the $batch endpoint, e.g. /users/{id}.")
        }
        var headers = HTTPHeaders()
        if let raw = object["headers"] {
            guard let fields = raw.objectValue else { throw invalid("Request id '\(id)': 'headers' must be an object.") }
            for (name, value) in fields.sorted(by: { $0.key < $1.key }) {
                guard let text = value.stringValue else {
                    throw invalid("Request id '\(id)': header '\(name)' must be a string.")
                }
                headers.add(name, text)
            }
        }
        var body = Data()
        if let raw = object["body"], !raw.isNull {
            // DOC: a request with a body must say what it is.
            guard headers["Content-Type"] != nil else {
                throw invalid("Write request id : \(id) does not contain Content-Type header or body.")
            }
            if let text = raw.stringValue {
                guard let decoded = Data(base64Encoded: text) else {
                    throw invalid("Request id '\(id)': a string body must be base64.")
                }
                body = decoded
            } else {
                body = raw.data
            }
        }
        var dependsOn: [String] = []
        if let raw = object["dependsOn"] {
            guard let list = raw.arrayValue, list.allSatisfy({ $0.stringValue != nil }) else {
                throw invalid("Request id '\(id)': 'dependsOn' must be an array of ids.")
            }
            dependsOn = list.compactMap(\.stringValue)
        }
        return Item(id: id, method: method, url: url, headers: headers, body: body, dependsOn: dependsOn)
    }

    /// Items in an order where every dependency comes before its dependents.
    func checkAcyclic() throws(GraphError) {
        var done = Set<String>()
        var remaining = items
        while !remaining.isEmpty {
            let ready = remaining.filter { $0.dependsOn.allSatisfy { done.contains($0.lowercased()) } }
            guard !ready.isEmpty else { throw Self.invalid("The requests' dependsOn form a cycle.") }
            for item in ready { done.insert(item.id.lowercased()) }
            remaining.removeAll { item in ready.contains { $0.id == item.id } }
        }
    }

    static func invalid(_ message: String) -> GraphError {
        GraphError(status: 400, code: "BadRequest", message: message)
    }
}
