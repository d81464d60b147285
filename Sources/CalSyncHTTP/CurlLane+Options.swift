import CCurl
import Foundation

/// Per-transfer options: URL, limits, method, body and header list. Runs on the lane's queue.
extension CurlLane {
    /// Connect timeout cap; the whole-request timeout still applies when it is shorter.
    static let maxConnectTimeout = 10.0

    func configure(
        _ request: HTTPClientRequest,
        headerList: UnsafeMutablePointer<curl_slist>?,
        body: UnsafeRawBufferPointer?,
        accumulator: CurlResponseAccumulator,
        errorBuffer: UnsafeMutablePointer<CChar>
    ) throws(HTTPTransportError) {
        let context = Unmanaged.passUnretained(accumulator).toOpaque()
        try check(ccurl_setopt_pointer(handle, CURLOPT_ERRORBUFFER, errorBuffer))
        try check(ccurl_setopt_string(handle, CURLOPT_URL, request.url.absoluteString))
        try check(ccurl_setopt_string(handle, CURLOPT_PROTOCOLS_STR, "http,https"))
        try check(ccurl_setopt_long(handle, CURLOPT_NOSIGNAL, 1))
        try check(ccurl_setopt_long(handle, CURLOPT_FOLLOWLOCATION, 0))
        // NTLM authenticates an HTTP/1.1 connection; it has no HTTP/2 form.
        let httpVersion = request.credentials?.scheme == .ntlm ? CURL_HTTP_VERSION_1_1 : CURL_HTTP_VERSION_2TLS
        try check(ccurl_setopt_long(handle, CURLOPT_HTTP_VERSION, Int(httpVersion)))
        try check(ccurl_setopt_long(handle, CURLOPT_TCP_KEEPALIVE, 1))

        let timeout = max(request.timeout, 0.001)
        try check(ccurl_setopt_long(handle, CURLOPT_TIMEOUT_MS, Self.milliseconds(timeout)))
        try check(ccurl_setopt_long(handle, CURLOPT_CONNECTTIMEOUT_MS, Self.milliseconds(min(timeout, Self.maxConnectTimeout))))

        try check(ccurl_setopt_write_callback(handle, curlWriteCallback))
        try check(ccurl_setopt_pointer(handle, CURLOPT_WRITEDATA, context))
        try check(ccurl_setopt_header_callback(handle, curlHeaderCallback))
        try check(ccurl_setopt_pointer(handle, CURLOPT_HEADERDATA, context))
        try check(ccurl_setopt_xferinfo_callback(handle, curlProgressCallback))
        try check(ccurl_setopt_pointer(handle, CURLOPT_XFERINFODATA, context))
        try check(ccurl_setopt_long(handle, CURLOPT_NOPROGRESS, 0))

        if request.headers["User-Agent"] == nil {
            try check(ccurl_setopt_string(handle, CURLOPT_USERAGENT, userAgent))
        }
        try check(ccurl_setopt_slist(handle, CURLOPT_HTTPHEADER, headerList))
        try configureCredentials(request)
        try configureMethod(request.method, body: body)
    }

    /// libcurl's own HTTP authentication (CURLOPT_HTTPAUTH with exactly one scheme, so it never falls back to a
    /// weaker one) and the trusted certificate authorities. With NTLM, libcurl reuses a connection it logged on
    /// only for the same credentials.
    private func configureCredentials(_ request: HTTPClientRequest) throws(HTTPTransportError) {
        if let caFile = request.caFile {
            try check(ccurl_setopt_string(handle, CURLOPT_CAINFO, caFile))
        }
        guard let credentials = request.credentials else { return }
        let scheme: Int
        switch credentials.scheme {
        case .basic: scheme = Self.authBasic
        case .ntlm: scheme = Self.authNTLM
        }
        try check(ccurl_setopt_long(handle, CURLOPT_HTTPAUTH, scheme))
        try check(ccurl_setopt_string(handle, CURLOPT_USERNAME, credentials.username))
        try check(ccurl_setopt_string(handle, CURLOPT_PASSWORD, credentials.password))
    }

    /// CURLAUTH_BASIC and CURLAUTH_NTLM (C macros with casts, which Swift does not import).
    static let authBasic = 1 << 0
    static let authNTLM = 1 << 3

    private func configureMethod(_ method: HTTPMethod, body: UnsafeRawBufferPointer?) throws(HTTPTransportError) {
        switch method {
        case .head:
            try check(ccurl_setopt_long(handle, CURLOPT_NOBODY, 1))
            return
        case .get where body == nil:
            try check(ccurl_setopt_long(handle, CURLOPT_HTTPGET, 1))
            return
        case .post:
            break  // POSTFIELDS below makes it a POST
        default:
            try check(ccurl_setopt_string(handle, CURLOPT_CUSTOMREQUEST, method.rawValue))
        }
        if let body {
            try check(ccurl_setopt_off_t(handle, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(body.count)))
            try check(ccurl_setopt_pointer(handle, CURLOPT_POSTFIELDS, UnsafeMutableRawPointer(mutating: body.baseAddress)))
        }
    }

    /// The body to send: the request's, or an empty one for POST/PUT/PATCH so that
    /// `Content-Length: 0` goes out (servers may answer 411 otherwise). HEAD never carries one.
    static func bodyToSend(_ request: HTTPClientRequest) -> Data? {
        switch request.method {
        case .head: return nil
        case .post, .put, .patch: return request.body ?? Data()
        default: return request.body
        }
    }

    /// Builds the request's header list. Adds `Expect:` (no `100-continue` round trip) and, when a
    /// body goes out without a `Content-Type`, an empty `Content-Type:` so libcurl does not invent
    /// `application/x-www-form-urlencoded`. Fields with line breaks are refused (header injection);
    /// the error names the field but never shows its value.
    func makeHeaderList(for request: HTTPClientRequest) throws(HTTPTransportError) -> UnsafeMutablePointer<curl_slist>? {
        guard Self.isToken(request.method.rawValue) else {
            throw HTTPTransportError(.other, "invalid HTTP method")
        }
        var lines: [String] = []
        for field in request.headers {
            guard Self.isToken(field.name) else {
                throw HTTPTransportError(.other, "invalid request header field name")
            }
            guard !field.value.utf8.contains(where: { $0 == 0x0D || $0 == 0x0A || $0 == 0 }) else {
                throw HTTPTransportError(.other, "request header \(field.name) contains a line break or NUL")
            }
            // "Name;" is libcurl's spelling for a field with an empty value ("Name:" would remove it).
            lines.append(field.value.isEmpty ? "\(field.name);" : "\(field.name): \(field.value)")
        }
        if Self.bodyToSend(request) != nil {
            if request.headers["Expect"] == nil { lines.append("Expect:") }
            if request.headers["Content-Type"] == nil { lines.append("Content-Type:") }
        }

        var list: UnsafeMutablePointer<curl_slist>?
        for line in lines {
            guard let appended = curl_slist_append(list, line) else {
                curl_slist_free_all(list)
                throw HTTPTransportError(.other, "curl_slist_append failed")
            }
            list = appended
        }
        return list
    }

    // MARK: - Helpers

    private func check(_ code: CURLcode) throws(HTTPTransportError) {
        guard code == CURLE_OK else {
            throw HTTPTransportError(.other, "curl_easy_setopt failed: \(String(cString: curl_easy_strerror(code)))")
        }
    }

    private static func milliseconds(_ seconds: Double) -> Int {
        Int(min(max((seconds * 1000).rounded(.up), 1), Double(Int32.max)))
    }

    /// RFC 9110 §5.6.2 token: the only characters allowed in a method or field name.
    static func isToken(_ string: String) -> Bool {
        !string.isEmpty
            && string.utf8.allSatisfy { byte in
                switch byte {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                    UInt8(ascii: "0")...UInt8(ascii: "9"):
                    return true
                default:
                    return "!#$%&'*+-.^_`|~".utf8.contains(byte)
                }
            }
    }
}
