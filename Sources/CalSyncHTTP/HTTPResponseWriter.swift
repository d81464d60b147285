import Foundation

/// Serializes a response into the bytes that go on the wire: status line, headers, empty line, body.
/// Owns the framing headers: `Content-Length`, `Date` and `Connection` are set here, whatever the
/// responder put in them.
enum HTTPResponseWriter {
    /// The interim response for `Expect: 100-continue`.
    static let continueBytes = Array("HTTP/1.1 100 Continue\r\n\r\n".utf8)

    /// - Parameters:
    ///   - isHEAD: send the headers a GET would get (including its Content-Length) but no body.
    ///   - keepAlive: false adds `Connection: close`.
    ///   - isHTTP10: an HTTP/1.0 client kept alive needs an explicit `Connection: keep-alive`.
    static func serialize(_ response: HTTPResponse, isHEAD: Bool, keepAlive: Bool, isHTTP10: Bool) -> [UInt8] {
        let status = (100...999).contains(response.status) ? response.status : 500
        // RFC 9110 §6.4.1, §8.6: 1xx, 204 and 304 carry neither content nor (here) a Content-Length.
        let bodyless = status < 200 || status == 204 || status == 304
        var head = "HTTP/1.1 \(status) \(reasonPhrase(status))\r\n"
        for (name, value) in response.headers where isSendable(name: name, value: value) {
            switch name.lowercased() {
            case "content-length", "date", "connection", "transfer-encoding":
                continue
            default:
                head += "\(name): \(value)\r\n"
            }
        }
        if !bodyless {
            head += "Content-Length: \(contentLength(response, isHEAD: isHEAD))\r\n"
        }
        head += "Date: \(HTTPDate.now())\r\n"
        if !keepAlive {
            head += "Connection: close\r\n"
        } else if isHTTP10 {
            head += "Connection: keep-alive\r\n"
        }
        head += "\r\n"

        var bytes = Array(head.utf8)
        if !isHEAD && !bodyless && !response.body.isEmpty {
            bytes.reserveCapacity(bytes.count + response.body.count)
            bytes.append(contentsOf: response.body)
        }
        return bytes
    }

    /// The body's length; for HEAD with an empty body, the responder's own Content-Length if it set one.
    private static func contentLength(_ response: HTTPResponse, isHEAD: Bool) -> Int {
        if isHEAD, response.body.isEmpty, let declared = response.headers["Content-Length"],
            declared.utf8.allSatisfy({ (0x30...0x39).contains($0) }), let value = Int(declared)
        {
            return value
        }
        return response.body.count
    }

    /// Whether the responder asked to close the connection after this response.
    static func asksToClose(_ response: HTTPResponse) -> Bool {
        response.headers.values("Connection").contains { $0.lowercased().contains("close") }
    }

    /// Drops fields that would break the framing (response splitting): invalid names, CR/LF in values.
    private static func isSendable(name: String, value: String) -> Bool {
        !name.isEmpty && name.utf8.allSatisfy(HTTPByte.isTokenChar) && value.utf8.allSatisfy(HTTPByte.isFieldValueChar)
    }

    /// RFC 9110 §15 reason phrases; clients ignore them, humans read them.
    static func reasonPhrase(_ status: Int) -> String {
        switch status {
        case 100: "Continue"
        case 101: "Switching Protocols"
        case 200: "OK"
        case 201: "Created"
        case 202: "Accepted"
        case 204: "No Content"
        case 206: "Partial Content"
        case 301: "Moved Permanently"
        case 302: "Found"
        case 303: "See Other"
        case 304: "Not Modified"
        case 307: "Temporary Redirect"
        case 308: "Permanent Redirect"
        case 400: "Bad Request"
        case 401: "Unauthorized"
        case 403: "Forbidden"
        case 404: "Not Found"
        case 405: "Method Not Allowed"
        case 406: "Not Acceptable"
        case 408: "Request Timeout"
        case 409: "Conflict"
        case 410: "Gone"
        case 411: "Length Required"
        case 412: "Precondition Failed"
        case 413: "Content Too Large"
        case 414: "URI Too Long"
        case 415: "Unsupported Media Type"
        case 417: "Expectation Failed"
        case 422: "Unprocessable Content"
        case 429: "Too Many Requests"
        case 431: "Request Header Fields Too Large"
        case 500: "Internal Server Error"
        case 501: "Not Implemented"
        case 502: "Bad Gateway"
        case 503: "Service Unavailable"
        case 504: "Gateway Timeout"
        case 505: "HTTP Version Not Supported"
        default: "Status \(status)"
        }
    }
}
