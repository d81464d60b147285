/// A request head that passed syntax and framing checks; its body may still be arriving.
struct ParsedHead: Sendable {
    var method: HTTPMethod
    var target: String
    var headers: HTTPHeaders
    var isHTTP10: Bool
    var keepAlive: Bool
    var contentLength: Int
    var expectsContinue: Bool
    var continueAnswered = false
}

/// Why a request was refused: the status, the stable code of the JSON error body, and a message.
struct HTTPParseFailure: Error, Sendable, Equatable {
    var status: Int
    var code: String
    var message: String

    var result: HTTPRequestParser.Result { .error(status: status, code: code, message: message) }

    static func badRequest(_ message: String) -> HTTPParseFailure {
        HTTPParseFailure(status: 400, code: "bad_request", message: message)
    }

    static func headerTooLarge(_ limit: Int) -> HTTPParseFailure {
        HTTPParseFailure(
            status: 431, code: "header_too_large", message: "request line and headers exceed \(limit) bytes")
    }
}

/// Bytes the parser looks for.
enum HTTPByte {
    static let cr = UInt8(ascii: "\r")
    static let lf = UInt8(ascii: "\n")
    static let space = UInt8(ascii: " ")
    static let tab = UInt8(ascii: "\t")
    static let colon = UInt8(ascii: ":")

    /// RFC 9110 §5.6.2 `tchar`: the characters of a method or a field name.
    static func isTokenChar(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        default:
            return "!#$%&'*+-.^_`|~".utf8.contains(byte)
        }
    }

    /// RFC 9110 §5.5 field-value characters: VCHAR, SP, HTAB, obs-text. No CR, LF, NUL or other controls.
    static func isFieldValueChar(_ byte: UInt8) -> Bool {
        byte == tab || (byte >= 0x20 && byte != 0x7F)
    }
}

extension HTTPRequestParser {
    /// Parses a complete head (request-line, fields, and the empty line) and checks its framing.
    static func parseHead(_ head: ArraySlice<UInt8>, maxBodyBytes: Int) throws(HTTPParseFailure) -> ParsedHead {
        var lines: [ArraySlice<UInt8>] = []
        var lineStart = head.startIndex
        for index in head.indices where head[index] == HTTPByte.lf {
            var end = index
            if end > lineStart && head[end - 1] == HTTPByte.cr { end -= 1 }
            if end == lineStart { break }
            lines.append(head[lineStart..<end])
            lineStart = index + 1
        }
        guard let requestLine = lines.first else { throw .badRequest("missing request line") }
        var (method, target, isHTTP10) = try parseRequestLine(requestLine)
        var headers = HTTPHeaders()
        for line in lines.dropFirst() {
            let (name, value) = try parseField(line)
            headers.add(name, value)
        }
        let framing = try HTTPRequestFraming(headers: headers, isHTTP10: isHTTP10, maxBodyBytes: maxBodyBytes)
        target = try originForm(target, method: method)
        return ParsedHead(
            method: method, target: target, headers: headers, isHTTP10: isHTTP10, keepAlive: framing.keepAlive,
            contentLength: framing.contentLength, expectsContinue: framing.expectsContinue)
    }

    /// `method SP request-target SP HTTP-version` (RFC 9112 §3), single spaces only.
    static func parseRequestLine(_ line: ArraySlice<UInt8>) throws(HTTPParseFailure) -> (HTTPMethod, String, Bool) {
        let parts = line.split(separator: HTTPByte.space, maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3, !parts[0].isEmpty, !parts[1].isEmpty else {
            throw .badRequest("malformed request line")
        }
        guard parts[0].allSatisfy(HTTPByte.isTokenChar) else { throw .badRequest("invalid method") }
        guard parts[1].allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else { throw .badRequest("invalid request target") }
        let version = parts[2]
        let isHTTP10: Bool
        if version.elementsEqual("HTTP/1.1".utf8) {
            isHTTP10 = false
        } else if version.elementsEqual("HTTP/1.0".utf8) {
            isHTTP10 = true
        } else if version.count == 8, version.starts(with: "HTTP/".utf8),
            version.dropFirst(5).enumerated().allSatisfy({
                $0.offset == 1 ? $0.element == UInt8(ascii: ".") : (0x30...0x39).contains($0.element)
            })
        {
            throw HTTPParseFailure(
                status: 505, code: "http_version_not_supported", message: "only HTTP/1.0 and HTTP/1.1 are supported")
        } else {
            throw .badRequest("malformed HTTP version")
        }
        let method = HTTPMethod(String(decoding: parts[0], as: UTF8.self))
        return (method, String(decoding: parts[1], as: UTF8.self), isHTTP10)
    }

    /// `field-name ":" OWS field-value OWS` (RFC 9112 §5). Obsolete line folding is refused.
    static func parseField(_ line: ArraySlice<UInt8>) throws(HTTPParseFailure) -> (String, String) {
        guard let first = line.first, first != HTTPByte.space, first != HTTPByte.tab else {
            throw .badRequest("obsolete header line folding")
        }
        guard let colon = line.firstIndex(of: HTTPByte.colon), colon > line.startIndex else {
            throw .badRequest("header field without a name")
        }
        let name = line[line.startIndex..<colon]
        guard name.allSatisfy(HTTPByte.isTokenChar) else { throw .badRequest("invalid header field name") }
        var value = line[(colon + 1)...]
        while let byte = value.first, byte == HTTPByte.space || byte == HTTPByte.tab { value = value.dropFirst() }
        while let byte = value.last, byte == HTTPByte.space || byte == HTTPByte.tab { value = value.dropLast() }
        guard value.allSatisfy(HTTPByte.isFieldValueChar) else { throw .badRequest("invalid header field value") }
        return (String(decoding: name, as: UTF8.self), String(decoding: value, as: UTF8.self))
    }

    /// Turns an absolute-form target into origin-form (RFC 9112 §3.2.2); accepts `*` only for OPTIONS.
    static func originForm(_ target: String, method: HTTPMethod) throws(HTTPParseFailure) -> String {
        if target.hasPrefix("/") { return target }
        if target == "*" {
            guard method == .options else { throw .badRequest("asterisk target is only valid for OPTIONS") }
            return target
        }
        let lowered = target.lowercased()
        for scheme in ["http://", "https://"] where lowered.hasPrefix(scheme) {
            let rest = target.dropFirst(scheme.count)
            guard let slash = rest.firstIndex(where: { $0 == "/" || $0 == "?" }) else { return "/" }
            return rest[slash] == "/" ? String(rest[slash...]) : "/" + rest[slash...]
        }
        throw .badRequest("invalid request target")
    }
}
