import CalSyncHTTP
import CalSyncProviderKit
import Foundation

/// A made-up calendar system's batch format, to show `RequestBatcher` knows no vendor: the batch is a `POST /batch`
/// whose body lists one part per line (`id METHOD path`); the answer lists one line per part (`id status body`).
/// Requests under `/calendars/` may be batched, at most 3 per batch, grouped by their `Authorization`.
struct LineBatchWire: BatchWireFormat {
    let maxItems = 3

    func canBatch(_ request: HTTPClientRequest) -> Bool { request.url.path.hasPrefix("/calendars/") }

    func group(of request: HTTPClientRequest) -> String { request.headers["Authorization"] ?? "" }

    func encode(_ requests: [HTTPClientRequest], ids: [String]) -> HTTPClientRequest {
        let lines = zip(ids, requests).map { "\($0) \($1.method.rawValue) \($1.url.path)" }
        var headers = HTTPHeaders()
        if let token = requests.first?.headers["Authorization"] { headers.add("Authorization", token) }
        return HTTPClientRequest(
            method: .post, url: URL(string: "https://calendar.test/batch")!, headers: headers,
            body: Data(lines.joined(separator: "\n").utf8))
    }

    func decode(_ response: HTTPClientResponse) -> [String: HTTPClientResponse]? {
        guard response.status == 200 else { return nil }
        var parts: [String: HTTPClientResponse] = [:]
        for line in String(decoding: response.body, as: UTF8.self).split(separator: "\n") {
            let fields = line.split(separator: " ", maxSplits: 2).map(String.init)
            guard fields.count == 3, let status = Int(fields[1]) else { return nil }
            var headers = HTTPHeaders()
            if status == 429 { headers.add("Retry-After", "30") }
            parts[fields[0]] = HTTPClientResponse(status: status, headers: headers, body: Data(fields[2].utf8))
        }
        return parts
    }
}
