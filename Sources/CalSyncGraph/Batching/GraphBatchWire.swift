import CalSyncHTTP
import CalSyncProviderKit
import Foundation

/// Graph's JSON batching (docs/microsoft-365.md §6) as a `BatchWireFormat`: at most 20 requests per `POST
/// {version root}/$batch`, each a `GraphBatchItem` relative to the version root; one bearer token per batch (it stays on
/// the outer request). The answer's items come back in any order (`GraphBatchResponse`).
public struct GraphBatchWire: BatchWireFormat {
    /// The version root, e.g. `https://graph.microsoft.com/v1.0`.
    public let baseURL: String
    public let maxItems = 20

    public init(baseURL: String) { self.baseURL = baseURL }

    public func canBatch(_ request: HTTPClientRequest) -> Bool {
        GraphBatchItem(id: "", request: request, baseURL: baseURL) != nil
    }

    public func group(of request: HTTPClientRequest) -> String { request.headers["Authorization"] ?? "" }

    public func encode(_ requests: [HTTPClientRequest], ids: [String]) -> HTTPClientRequest {
        let items = zip(ids, requests).compactMap { GraphBatchItem(id: $0, request: $1, baseURL: baseURL) }
        var headers = HTTPHeaders()
        if let token = requests.first?.headers["Authorization"] { headers.add("Authorization", token) }
        headers.add("Accept", "application/json")
        headers.add("Content-Type", "application/json")
        return HTTPClientRequest(
            method: .post, url: URL(string: baseURL + "/$batch")!, headers: headers, body: GraphBatchEncoder.encode(items))
    }

    public func decode(_ response: HTTPClientResponse) -> [String: HTTPClientResponse]? {
        try? GraphBatchResponse.parse(response.body)
    }
}
