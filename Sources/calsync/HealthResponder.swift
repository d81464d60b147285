import CalSyncHTTP
import CalSyncStore

/// `/healthz` and `/readyz` (api-contract.md, "Health and meta"); the full API comes with the HTTP API issue.
struct HealthResponder: HTTPResponder {
    let store: CalSyncStore

    func respond(to request: HTTPRequest) async -> HTTPResponse {
        switch (request.method, request.path) {
        case (.get, "/healthz"), (.head, "/healthz"):
            return .json(200, object: ["status": "ok"])
        case (.get, "/readyz"), (.head, "/readyz"):
            let ok = (try? await store.lastSyncRun()) != nil
            return ok ? .json(200, object: ["status": "ready"]) : .json(503, object: ["error": ["code": "not_ready", "message": "the store is not open"]])
        case (_, "/healthz"), (_, "/readyz"):
            var response = HTTPResponse.json(405, object: ["error": ["code": "method_not_allowed", "message": "use GET"]])
            response.headers["Allow"] = "GET, HEAD"
            return response
        default:
            return .json(404, object: ["error": ["code": "not_found", "message": "no such resource: \(request.path)"]])
        }
    }
}
