import CalSyncHTTP
import Foundation

/// A multipart batch request (DOC, Calendar batch guide; wire details as google-api-python-client 2.202.0 sends them,
/// fixture `batch-request-python-client-capture.txt`): `multipart/mixed` with a boundary (quoted or not), parts of
/// type `application/http` with an optional `Content-ID`, each holding a whole HTTP request with a path-only URL.
/// Lines may end in CRLF or bare LF.
struct GoogleBatchRequest: Sendable {
    struct Part: Sendable {
        /// The part's `Content-ID` without its angle brackets, e.g. `8636b849-… + 1`.
        var contentId: String?
        var method: HTTPMethod
        var target: String
        var headers: HTTPHeaders
        var body: Data
    }

    var parts: [Part]

    init(contentType: String?, body: Data, maximumParts: Int) throws(GoogleError) {
        guard let contentType, contentType.lowercased().hasPrefix("multipart/mixed"), let boundary = Self.boundary(contentType)
        else {
            throw Self.invalid("A batch request must be multipart/mixed with a boundary.")
        }
        guard let text = String(validating: Array(body), as: UTF8.self) else {
            throw Self.invalid("The batch body is not UTF-8.")
        }
        var sections: [[Substring]] = []
        var current: [Substring]?
        var closed = false
        // Split on bytes: to Swift's String "\r\n" is one Character, which a split on "\n" would not see.
        for rawLine in text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            let line = Substring(
                String(decoding: rawLine.last == UInt8(ascii: "\r") ? rawLine.dropLast() : rawLine, as: UTF8.self))
            if line == "--" + boundary + "--" {
                if let current { sections.append(current) }
                closed = true
                break
            }
            if line == "--" + boundary {
                if let current { sections.append(current) }
                current = []
                continue
            }
            current?.append(line)
        }
        guard closed else { throw Self.invalid("The batch body does not end with its closing boundary.") }
        guard !sections.isEmpty else { throw Self.invalid("A batch request must hold at least one call.") }
        guard sections.count <= maximumParts else {
            throw Self.invalid("A batch request cannot hold more than \(maximumParts) calls.")
        }
        parts = try sections.map(Self.part)
    }

    private static func part(_ lines: [Substring]) throws(GoogleError) -> Part {
        var index = 0
        var outer = HTTPHeaders()
        while index < lines.count, !lines[index].isEmpty {
            try addHeader(lines[index], to: &outer)
            index += 1
        }
        index += 1
        guard outer["Content-Type"]?.lowercased().hasPrefix("application/http") == true else {
            throw invalid("Each part of a batch request must be of type application/http.")
        }
        guard index < lines.count else { throw invalid("A batch part holds no request.") }
        let requestLine = lines[index].split(separator: " ")
        guard requestLine.count == 3, requestLine[2].hasPrefix("HTTP/") else {
            throw invalid("A batch part's request line is malformed.")
        }
        index += 1
        var headers = HTTPHeaders()
        while index < lines.count, !lines[index].isEmpty {
            try addHeader(lines[index], to: &headers)
            index += 1
        }
        var body = Data(lines.dropFirst(index + 1).joined(separator: "\n").utf8)
        if let length = headers["Content-Length"].flatMap(Int.init), length >= 0, length < body.count {
            body = body.prefix(length)
        }
        while body.last == 0x0A || body.last == 0x0D { body.removeLast() }
        var target = String(requestLine[1])
        // An absolute URL keeps only its path and query (DOC: parts use path-only URLs).
        if let url = URL(string: target), url.scheme != nil {
            target = url.path(percentEncoded: true) + (url.query(percentEncoded: true).map { "?" + $0 } ?? "")
        }
        var contentId = outer["Content-ID"]
        if let id = contentId, id.hasPrefix("<"), id.hasSuffix(">") { contentId = String(id.dropFirst().dropLast()) }
        return Part(
            contentId: contentId, method: HTTPMethod(String(requestLine[0])), target: target, headers: headers, body: body)
    }

    private static func addHeader(_ line: Substring, to headers: inout HTTPHeaders) throws(GoogleError) {
        guard let colon = line.firstIndex(of: ":"), colon != line.startIndex else {
            throw invalid("A batch part has a malformed header.")
        }
        headers.add(String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
    }

    /// The `boundary` parameter of a Content-Type, without quotes.
    static func boundary(_ contentType: String) -> String? {
        for parameter in contentType.split(separator: ";").dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1)
            guard pair.count == 2, pair[0].trimmingCharacters(in: .whitespaces).lowercased() == "boundary" else { continue }
            var value = pair[1].trimmingCharacters(in: .whitespaces)
            if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") { value = String(value.dropFirst().dropLast()) }
            return value.isEmpty ? nil : value
        }
        return nil
    }

    static func invalid(_ message: String) -> GoogleError { GoogleError(status: 400, reason: "badRequest", message: message) }
}
