import CalSyncHTTP
import Foundation

/// Reads a `$batch` answer (docs/microsoft-365.md §6): `{"responses":[{"id","status","headers","body"}]}` in any
/// order. Each item becomes the response it would have been on its own — its status, its headers
/// (looked up case-insensitively, so a lower-case `retry-after` counts) and its body re-encoded as
/// JSON (`null` or absent → empty; a base64 string → its bytes).
public enum GraphBatchResponse {
    /// The items by id; throws when the document has no `responses` array or an item lacks an id
    /// or an integer status.
    public static func parse(_ data: Data) throws(GraphBatchError) -> [String: HTTPClientResponse] {
        guard let document = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            let responses = document["responses"] as? [Any]
        else { throw GraphBatchError("the $batch answer has no responses array") }
        var items: [String: HTTPClientResponse] = [:]
        for case let entry as [String: Any] in responses {
            guard let id = entry["id"] as? String else { throw GraphBatchError("a $batch item has no id") }
            guard let status = (entry["status"] as? NSNumber)?.intValue else {
                throw GraphBatchError("$batch item \(id) has no integer status")
            }
            var headers = HTTPHeaders()
            for (name, value) in (entry["headers"] as? [String: Any] ?? [:]).sorted(by: { $0.key < $1.key }) {
                if let text = value as? String { headers.add(name, text) } else { headers.add(name, "\(value)") }
            }
            items[id] = HTTPClientResponse(status: status, headers: headers, body: body(entry["body"]))
        }
        return items
    }

    static func body(_ value: Any?) -> Data {
        switch value {
        case nil, is NSNull: return Data()
        case let text as String: return Data(base64Encoded: text) ?? Data(text.utf8)
        case let object?:
            return (try? JSONSerialization.data(withJSONObject: object, options: [.fragmentsAllowed])) ?? Data()
        }
    }
}
