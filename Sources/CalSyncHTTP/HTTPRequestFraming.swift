/// What the header fields of a request say about its body and its connection (RFC 9112 §6, §9.3;
/// RFC 9110 §10.1.1). Refuses the ambiguous framings that enable request smuggling.
struct HTTPRequestFraming: Sendable, Equatable {
    var contentLength: Int
    var keepAlive: Bool
    var expectsContinue: Bool

    init(headers: HTTPHeaders, isHTTP10: Bool, maxBodyBytes: Int) throws(HTTPParseFailure) {
        // RFC 9112 §3.2: a server MUST respond 400 to an HTTP/1.1 request without exactly one Host field.
        let hosts = headers.values("Host")
        if hosts.count > 1 { throw .badRequest("more than one Host header") }
        if hosts.isEmpty && !isHTTP10 { throw .badRequest("missing Host header") }

        let transferEncodings = headers.values("Transfer-Encoding")
        let contentLengths = headers.values("Content-Length")
        if !transferEncodings.isEmpty {
            // RFC 9112 §6.1: both present is a smuggling attempt; refuse and close.
            if !contentLengths.isEmpty {
                throw .badRequest("request has both Transfer-Encoding and Content-Length")
            }
            let codings = transferEncodings.flatMap(Self.tokens)
            if codings.last == "chunked" {
                throw HTTPParseFailure(
                    status: 411, code: "length_required",
                    message: "chunked request bodies are not supported; send Content-Length")
            }
            throw HTTPParseFailure(
                status: 501, code: "not_implemented", message: "unsupported Transfer-Encoding")
        }
        contentLength = try Self.contentLength(contentLengths)
        if contentLength > maxBodyBytes {
            throw HTTPParseFailure(
                status: 413, code: "payload_too_large", message: "request body exceeds \(maxBodyBytes) bytes")
        }

        let connection = headers.values("Connection").flatMap(Self.tokens)
        if connection.contains("close") {
            keepAlive = false
        } else {
            keepAlive = !isHTTP10 || connection.contains("keep-alive")
        }

        expectsContinue = false
        if let expect = headers["Expect"] {
            guard expect.lowercased() == "100-continue" else {
                throw HTTPParseFailure(
                    status: 417, code: "expectation_failed", message: "only Expect: 100-continue is supported")
            }
            // RFC 9110 §10.1.1: ignore 100-continue from HTTP/1.0 clients.
            expectsContinue = !isHTTP10 && contentLength > 0
        }
    }

    /// RFC 9110 §8.6: digits only; repeated values (in several fields or a list) must all agree.
    private static func contentLength(_ fields: [String]) throws(HTTPParseFailure) -> Int {
        guard !fields.isEmpty else { return 0 }
        var result: Int?
        for field in fields {
            for item in field.split(separator: ",", omittingEmptySubsequences: false) {
                let text = item.trimmingSpacesAndTabs()
                guard !text.isEmpty, text.utf8.count <= 18, text.utf8.allSatisfy({ (0x30...0x39).contains($0) }),
                    let value = Int(text)
                else { throw .badRequest("invalid Content-Length") }
                if let previous = result, previous != value { throw .badRequest("conflicting Content-Length values") }
                result = value
            }
        }
        return result ?? 0
    }

    /// A comma-separated list, trimmed and lowercased. Split on UTF-8 bytes, not `Character`s: a comma
    /// followed by a combining mark is one `Character`, so `Connection: close,\u{301}` would hide `close`.
    private static func tokens(_ field: String) -> [String] {
        field.utf8.split(separator: UInt8(ascii: ",")).map {
            Substring(decoding: $0, as: UTF8.self).trimmingSpacesAndTabs().lowercased()
        }.filter { !$0.isEmpty }
    }
}

extension Substring {
    fileprivate func trimmingSpacesAndTabs() -> Substring {
        var text = self
        while let c = text.first, c == " " || c == "\t" { text = text.dropFirst() }
        while let c = text.last, c == " " || c == "\t" { text = text.dropLast() }
        return text
    }
}
