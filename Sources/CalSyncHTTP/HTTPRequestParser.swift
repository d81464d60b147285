import Foundation

/// An incremental HTTP/1.1 request parser (RFC 9112) over raw bytes. Pure: no I/O, no clock, no
/// globals, so it can be unit-tested byte by byte and fuzzed.
///
/// Feed bytes as they arrive, then call `next()` until it answers `.needMore`. Pipelined requests in
/// one buffer come out one by one, in order. After an `.error` the parser stays failed: the server
/// answers with the error and closes the connection.
///
/// Request bodies are framed by `Content-Length` only; chunked bodies are refused (411), as are other
/// transfer codings (501).
public struct HTTPRequestParser: Sendable {
    public enum Result: Sendable {
        /// A complete request (head and body).
        case request(HTTPRequest)
        /// The buffered bytes do not hold a complete request yet.
        case needMore
        /// The head asked for `Expect: 100-continue` and its body has not started: send
        /// `HTTP/1.1 100 Continue` now, feed the body, call `next()` again. Answered at most once per request.
        case expectContinue
        /// The request is invalid; answer with this status and close.
        case error(status: Int, code: String, message: String)
    }

    public let maxHeaderBytes: Int
    public let maxBodyBytes: Int
    /// Copied into every `HTTPRequest` produced.
    public var remoteAddress: String

    /// Whether the connection may stay open after the last request returned by `next()`
    /// (HTTP/1.1 unless `Connection: close`; HTTP/1.0 only with `Connection: keep-alive`).
    public private(set) var keepAlive = true
    /// Whether the last request returned by `next()` was HTTP/1.0.
    public private(set) var isHTTP10 = false

    private var buffer: [UInt8] = []
    /// First byte not consumed yet.
    private var start = 0
    /// While looking for the end of the head: next byte to scan, and where the current line began.
    private var scanIndex = 0
    private var lineStart = 0
    private var state: State = .head

    private enum State: Sendable {
        case head
        case body(ParsedHead)
        case failed(HTTPParseFailure)
    }

    public init(maxHeaderBytes: Int = 16 * 1024, maxBodyBytes: Int = 1 << 20, remoteAddress: String = "") {
        self.maxHeaderBytes = maxHeaderBytes
        self.maxBodyBytes = maxBodyBytes
        self.remoteAddress = remoteAddress
    }

    /// Bytes received but not yet returned as part of a request.
    public var bufferedByteCount: Int { buffer.count - start }

    /// True between requests: nothing buffered, no head or body in progress.
    public var isIdle: Bool {
        if case .head = state { return buffer.count == start }
        return false
    }

    /// True once a head is complete and its body is still arriving.
    public var isReadingBody: Bool {
        if case .body = state { return true }
        return false
    }

    /// Appends received bytes.
    public mutating func feed(_ bytes: some Sequence<UInt8>) {
        if start > 0 { compact() }
        buffer.append(contentsOf: bytes)
    }

    /// Appends received bytes from raw memory (the server's receive buffer).
    public mutating func feed(_ bytes: UnsafeRawBufferPointer) {
        if start > 0 { compact() }
        buffer.append(contentsOf: bytes)
    }

    /// Parses as far as the buffered bytes allow.
    public mutating func next() -> Result {
        switch state {
        case .failed(let failure):
            return failure.result
        case .body(var head):
            let available = buffer.count - start
            if available >= head.contentLength {
                let end = start + head.contentLength
                let body = head.contentLength == 0 ? Data() : Data(buffer[start..<end])
                consume(upTo: end)
                state = .head
                keepAlive = head.keepAlive
                isHTTP10 = head.isHTTP10
                let request = HTTPRequest(
                    method: head.method, target: head.target, headers: head.headers, body: body,
                    remoteAddress: remoteAddress)
                return .request(request)
            }
            if head.expectsContinue && !head.continueAnswered && available == 0 {
                head.continueAnswered = true
                state = .body(head)
                return .expectContinue
            }
            return .needMore
        case .head:
            return parseHeadIfComplete()
        }
    }

    // MARK: - Head

    private mutating func parseHeadIfComplete() -> Result {
        // RFC 9112 §2.2: a server SHOULD ignore at least one empty line received before the request-line.
        while start < buffer.count, buffer[start] == HTTPByte.lf || buffer[start] == HTTPByte.cr {
            if buffer[start] == HTTPByte.cr {
                guard start + 1 < buffer.count else { return .needMore }
                guard buffer[start + 1] == HTTPByte.lf else { break }
                start += 1
            }
            start += 1
        }
        if start == buffer.count {
            consume(upTo: start)
            return .needMore
        }
        if scanIndex < start { (scanIndex, lineStart) = (start, start) }

        guard let headEnd = findHeadEnd() else {
            if buffer.count - start > maxHeaderBytes { return fail(.headerTooLarge(maxHeaderBytes)) }
            return .needMore
        }
        if headEnd - start > maxHeaderBytes { return fail(.headerTooLarge(maxHeaderBytes)) }
        let head: ParsedHead
        do {
            head = try Self.parseHead(buffer[start..<headEnd], maxBodyBytes: maxBodyBytes)
        } catch {
            return fail(error)
        }
        consume(upTo: headEnd)
        state = .body(head)
        return next()
    }

    /// Scans from `scanIndex` for the empty line that ends the head; returns the index after it.
    /// Lines end in CRLF or, leniently (RFC 9112 §2.2), a bare LF. Resumable across feeds.
    private mutating func findHeadEnd() -> Int? {
        let count = buffer.count
        var index = scanIndex
        var line = lineStart
        let found: Int? = buffer.withUnsafeBufferPointer { bytes in
            while index < count {
                if bytes[index] == HTTPByte.lf {
                    let lineEnd = (index > line && bytes[index - 1] == HTTPByte.cr) ? index - 1 : index
                    if lineEnd == line { return index + 1 }
                    line = index + 1
                }
                index += 1
            }
            return nil
        }
        (scanIndex, lineStart) = (index, line)
        return found
    }

    private mutating func fail(_ failure: HTTPParseFailure) -> Result {
        state = .failed(failure)
        keepAlive = false
        return failure.result
    }

    // MARK: - Buffer

    private mutating func consume(upTo index: Int) {
        start = index
        (scanIndex, lineStart) = (index, index)
        if start == buffer.count {
            if buffer.capacity > 256 * 1024 { buffer = [] } else { buffer.removeAll(keepingCapacity: true) }
            (start, scanIndex, lineStart) = (0, 0, 0)
        }
    }

    private mutating func compact() {
        buffer.removeSubrange(0..<start)
        scanIndex -= start
        lineStart -= start
        start = 0
    }
}
