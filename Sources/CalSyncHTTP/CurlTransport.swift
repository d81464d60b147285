import Foundation

/// The real `HTTPTransport`: libcurl easy handles on a pool of worker lanes.
///
/// Each lane is one serial `DispatchQueue` owning one reused easy handle, so connections stay alive
/// across requests (HTTP/2 when negotiated over TLS, HTTP/1.1 otherwise). A request waits,
/// suspended, for a free lane; the blocking `curl_easy_perform` then runs on that lane's queue,
/// never on the Swift concurrency pool. At most `maxConnections` transfers run at once.
///
/// Redirects are not followed: a 3xx comes back as a response, like any other status. Only a
/// failure without an HTTP status throws `HTTPTransportError`; cancelling the calling task throws
/// `CancellationError` (also while a transfer is in progress).
public final class CurlTransport: HTTPTransport {
    public let maxConnections: Int
    public let userAgent: String
    private let pool: CurlLanePool
    private let recorder: CurlStatsRecorder

    /// - Parameters:
    ///   - maxConnections: number of lanes, i.e. concurrent transfers and kept-alive connections per host.
    ///   - userAgent: sent unless the request sets its own `User-Agent`.
    public init(maxConnections: Int = 16, userAgent: String = "CalSync/0.1") {
        precondition(maxConnections > 0, "maxConnections must be positive")
        let recorder = CurlStatsRecorder()
        self.maxConnections = maxConnections
        self.userAgent = userAgent
        self.recorder = recorder
        self.pool = CurlLanePool(capacity: maxConnections) { index throws(HTTPTransportError) in
            try CurlLane(index: index, userAgent: userAgent, stats: recorder)
        }
    }

    /// A new pool of `maxConnections` lanes with the same user agent: connections no other caller shares.
    public func withOwnConnections(maxConnections: Int) -> any HTTPTransport {
        CurlTransport(maxConnections: maxConnections, userAgent: userAgent)
    }

    /// Requests sent and connections opened so far; `connectionsOpened` much lower than
    /// `requestsSent` means keep-alive connections are being reused.
    public var stats: CurlTransportStats {
        recorder.snapshot
    }

    public func send(_ request: HTTPClientRequest) async throws -> HTTPClientResponse {
        try Self.validate(request.url)
        try Task.checkCancellation()
        let lane = try await pool.acquire()
        defer { pool.release(lane) }
        let cancellation = CurlCancellationFlag()
        return try await withTaskCancellationHandler {
            try await lane.send(request, cancellation: cancellation)
        } onCancel: {
            cancellation.cancel()
        }
    }

    /// Refuses anything but absolute http(s) URLs with a host before taking a lane.
    private static func validate(_ url: URL) throws(HTTPTransportError) {
        guard let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https" else {
            throw HTTPTransportError(.invalidURL, "unsupported URL scheme \(url.scheme ?? "(none)")")
        }
        guard let host = url.host, !host.isEmpty else {
            throw HTTPTransportError(.invalidURL, "URL has no host")
        }
    }
}
