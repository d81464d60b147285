import CalSyncHTTP
import Foundation

/// `/healthz`, `/readyz` (no token), `/metrics` and `/openapi.json` (reader).
enum HealthRoutes {
    static func register(on router: inout Router, _ context: APIContext) {
        router.add(.get, "/healthz", role: nil) { request in
            try request.allowQuery([])
            return JSONOutput.response(200, ["status": "ok"])
        }
        router.add(.get, "/readyz", role: nil) { request in
            try request.allowQuery([])
            do {
                _ = try await context.store.lastSyncRun()
            } catch {
                throw APIError.notReady("The store is not ready: \(error)")
            }
            return JSONOutput.response(200, ["status": "ready"])
        }
        router.add(.get, "/metrics", role: .reader) { request in
            try request.allowQuery([])
            await context.sync.refreshMetrics(context.metrics)
            return HTTPResponse(
                status: 200, headers: ["Content-Type": "text/plain; version=0.0.4; charset=utf-8"],
                body: Data(context.metrics.render().utf8))
        }
        router.add(.get, "/openapi.json", role: .reader) { request in
            try request.allowQuery([])
            return OpenAPIDocument.response
        }
    }
}
