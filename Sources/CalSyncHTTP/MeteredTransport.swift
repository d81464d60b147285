/// Counts requests by status (and throttling answers) around another transport, for `/metrics`.
public struct MeteredTransport: HTTPTransport {
    let base: any HTTPTransport
    let metrics: MetricsRegistry
    let name: String

    /// - Parameter name: the metric prefix, e.g. `calsync_graph`.
    public init(_ base: any HTTPTransport, metrics: MetricsRegistry, name: String = "calsync_graph") {
        self.base = base
        self.metrics = metrics
        self.name = name
        metrics.describe(
            "\(name)_requests_total", type: "counter", help: "Outgoing Graph and login requests by HTTP status (0 = no answer).")
        metrics.describe("\(name)_throttled_total", type: "counter", help: "Throttling answers (429 and 503) from Graph.")
    }

    /// The same metering around the base transport's own connections.
    public func withOwnConnections(maxConnections: Int) -> any HTTPTransport {
        MeteredTransport(base.withOwnConnections(maxConnections: maxConnections), metrics: metrics, name: name)
    }

    public func send(_ request: HTTPClientRequest) async throws -> HTTPClientResponse {
        do {
            let response = try await base.send(request)
            metrics.increment("\(name)_requests_total", ["status": "\(response.status)"])
            if response.status == 429 || response.status == 503 { metrics.increment("\(name)_throttled_total") }
            return response
        } catch {
            metrics.increment("\(name)_requests_total", ["status": "0"])
            throw error
        }
    }
}
