import Foundation

/// Collects one transfer's response: header lines from `CURLOPT_HEADERFUNCTION`, body bytes from
/// `CURLOPT_WRITEFUNCTION`, and the cancellation flag for `CURLOPT_XFERINFOFUNCTION`.
///
/// libcurl hands every response it sees to the header callback, one complete line per call: interim
/// `1xx` responses (such as `100 Continue`), proxy `CONNECT` answers, then the final response, and
/// after the body possibly chunked trailers. Each status line (`HTTP/...`) starts a fresh header
/// block, so only the final response's fields are kept; lines after its blank line are trailers and
/// are ignored. Lines are parsed on UTF-8 bytes because `"\r\n"` is a single `Character` in Swift.
///
/// Only used on the lane queue that performs the transfer (see `CurlLane`).
final class CurlResponseAccumulator {
    private(set) var headers = HTTPHeaders()
    private(set) var body = Data()
    /// True after the blank line that ends the current header block.
    private var headerBlockComplete = false
    let cancellation: CurlCancellationFlag

    init(cancellation: CurlCancellationFlag) {
        self.cancellation = cancellation
    }

    func appendBody(_ bytes: UnsafeRawBufferPointer) {
        body.append(contentsOf: bytes)
    }

    /// Handles one raw header line as delivered by libcurl (including its line ending).
    func appendHeaderLine(_ raw: UnsafeRawBufferPointer) {
        let line = Self.trimmingLineEnding(raw)
        if line.isEmpty {
            headerBlockComplete = true
            return
        }
        if Self.isStatusLine(line) {
            headers = HTTPHeaders()
            headerBlockComplete = false
            return
        }
        if headerBlockComplete { return }  // trailer field after the body
        if line[line.startIndex] == UInt8(ascii: " ") || line[line.startIndex] == UInt8(ascii: "\t") {
            appendContinuation(line)  // obsolete line folding (RFC 9112 §5.2)
            return
        }
        guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else { return }  // not a field: skip
        let name = Self.trimmingWhitespace(line[line.startIndex..<colon])
        guard !name.isEmpty else { return }
        let value = Self.trimmingWhitespace(line[(colon + 1)...])
        headers.add(String(decoding: name, as: UTF8.self), String(decoding: value, as: UTF8.self))
    }

    // MARK: - Byte helpers

    private func appendContinuation(_ line: UnsafeRawBufferPointer.SubSequence) {
        guard let last = headers.fields.last else { return }
        let extra = String(decoding: Self.trimmingWhitespace(line), as: UTF8.self)
        var rebuilt = HTTPHeaders(headers.fields.dropLast().map { ($0.name, $0.value) })
        rebuilt.add(last.name, last.value.isEmpty ? extra : last.value + " " + extra)
        headers = rebuilt
    }

    private static func isStatusLine(_ line: UnsafeRawBufferPointer.SubSequence) -> Bool {
        line.starts(with: "HTTP/".utf8)
    }

    private static func trimmingLineEnding(_ raw: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer.SubSequence {
        var end = raw.endIndex
        while end > raw.startIndex, raw[end - 1] == UInt8(ascii: "\n") || raw[end - 1] == UInt8(ascii: "\r") {
            end -= 1
        }
        return raw[raw.startIndex..<end]
    }

    private static func trimmingWhitespace(
        _ bytes: UnsafeRawBufferPointer.SubSequence
    ) -> UnsafeRawBufferPointer.SubSequence {
        var start = bytes.startIndex
        var end = bytes.endIndex
        while start < end, bytes[start] == UInt8(ascii: " ") || bytes[start] == UInt8(ascii: "\t") { start += 1 }
        while end > start, bytes[end - 1] == UInt8(ascii: " ") || bytes[end - 1] == UInt8(ascii: "\t") { end -= 1 }
        return bytes[start..<end]
    }
}
