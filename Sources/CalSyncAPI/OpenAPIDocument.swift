import CalSyncHTTP
import Foundation

/// The OpenAPI 3.1 document of this API (deploy/openapi.json), served by `GET /openapi.json` as the exact
/// committed bytes. It is built into the binary (deploy/embed-openapi.sh writes `bundledJSON`), so serving it
/// never depends on a file at run time.
public enum OpenAPIDocument {
    /// The document's bytes, as committed.
    public static let data = Data(bundledJSON.utf8)

    /// The answer of `GET /openapi.json`.
    static var response: HTTPResponse {
        HTTPResponse(status: 200, headers: ["Content-Type": "application/json"], body: data)
    }
}
