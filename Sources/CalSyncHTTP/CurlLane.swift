import CCurl
import Dispatch
import Foundation

/// One worker lane: a serial `DispatchQueue` that owns one libcurl easy handle.
///
/// The handle is reused for every transfer on the lane, so libcurl's connection cache keeps the
/// connection alive between requests (options are cleared with `curl_easy_reset`, which keeps live
/// connections). `curl_easy_perform` blocks, so it runs only on `queue`: never on the cooperative
/// pool, never on a concurrent queue. Each serial queue gets its own thread while it has work.
final class CurlLane: @unchecked Sendable {
    // `handle` is guarded by `queue`: it is only used inside blocks running on `queue` (and in
    // `deinit`, when no block can be pending because every pending block retains the lane).
    let queue: DispatchQueue
    let handle: UnsafeMutableRawPointer
    let userAgent: String
    private let stats: CurlStatsRecorder

    init(index: Int, userAgent: String, stats: CurlStatsRecorder) throws(HTTPTransportError) {
        try CurlGlobal.ensureInitialized()
        guard let handle = curl_easy_init() else {
            throw HTTPTransportError(.other, "curl_easy_init failed")
        }
        self.handle = handle
        self.queue = DispatchQueue(label: "calsync.curl.lane.\(index)")
        self.userAgent = userAgent
        self.stats = stats
    }

    deinit {
        curl_easy_cleanup(handle)
    }

    /// Performs `request` on this lane's queue; suspends (without blocking a thread) until done.
    func send(_ request: HTTPClientRequest, cancellation: CurlCancellationFlag) async throws -> HTTPClientResponse {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<HTTPClientResponse, any Error>) in
            queue.async {
                continuation.resume(with: Result { try self.perform(request, cancellation: cancellation) })
            }
        }
    }

    // MARK: - On `queue`

    private func perform(_ request: HTTPClientRequest, cancellation: CurlCancellationFlag) throws -> HTTPClientResponse {
        dispatchPrecondition(condition: .onQueue(queue))
        if cancellation.isCancelled { throw CancellationError() }

        curl_easy_reset(handle)
        // Drop every pointer option (body, header list, error buffer, callback data) before they dangle.
        defer { curl_easy_reset(handle) }

        let headerList = try makeHeaderList(for: request)
        defer { curl_slist_free_all(headerList) }
        let accumulator = CurlResponseAccumulator(cancellation: cancellation)
        var errorBuffer = [CChar](repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
        var emptyBody: UInt8 = 0

        let code: CURLcode = try withExtendedLifetime(accumulator) {
            try errorBuffer.withUnsafeMutableBufferPointer { errorBytes in
                try withUnsafeMutablePointer(to: &emptyBody) { emptyBodyPointer in
                    try withBodyBytes(Self.bodyToSend(request), empty: emptyBodyPointer) { body in
                        try configure(
                            request,
                            headerList: headerList,
                            body: body,
                            accumulator: accumulator,
                            errorBuffer: errorBytes.baseAddress!
                        )
                        return curl_easy_perform(handle)
                    }
                }
            }
        }

        var connects = 0
        ccurl_getinfo_long(handle, CURLINFO_NUM_CONNECTS, &connects)
        stats.record(connectionsOpened: connects, failed: code != CURLE_OK)

        guard code == CURLE_OK else {
            if code == CURLE_ABORTED_BY_CALLBACK, cancellation.isCancelled { throw CancellationError() }
            let detail = errorBuffer.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
            throw CurlTransport.transportError(code, detail: detail, method: request.method, url: request.url)
        }
        var status = 0
        ccurl_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &status)
        return HTTPClientResponse(status: status, headers: accumulator.headers, body: accumulator.body)
    }

    /// Runs `body` with the request body's bytes kept alive, or nil when no body is sent.
    /// An empty body is a valid one-byte buffer with count 0: a NULL `CURLOPT_POSTFIELDS` would make
    /// libcurl read the body from its read callback (stdin by default).
    private func withBodyBytes<T>(
        _ data: Data?,
        empty: UnsafeMutablePointer<UInt8>,
        _ body: (UnsafeRawBufferPointer?) throws -> T
    ) rethrows -> T {
        guard let data else { return try body(nil) }
        if data.isEmpty { return try body(UnsafeRawBufferPointer(start: empty, count: 0)) }
        return try data.withUnsafeBytes { try body($0) }
    }
}
