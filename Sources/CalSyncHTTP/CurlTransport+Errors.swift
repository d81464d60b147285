import CCurl
import Foundation

extension CurlTransport {
    /// Maps a failed transfer's `CURLcode` to an `HTTPTransportError`.
    ///
    /// The message names the method, the target's scheme, host and port, libcurl's text for the code
    /// and its error-buffer detail. It never contains the path, the query, request headers or the
    /// body: those may carry tokens or personal data.
    static func transportError(
        _ code: CURLcode,
        detail: String,
        method: HTTPMethod,
        url: URL
    ) -> HTTPTransportError {
        let summary = String(cString: curl_easy_strerror(code))
        var message = "\(method.rawValue) \(redactedTarget(url)): \(summary)"
        if !detail.isEmpty, detail != summary { message += " (\(detail))" }
        return HTTPTransportError(kind(of: code), message)
    }

    static func kind(of code: CURLcode) -> HTTPTransportError.Kind {
        switch code {
        case CURLE_OPERATION_TIMEDOUT:
            return .timeout
        case CURLE_COULDNT_CONNECT, CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY:
            return .connectionFailed
        case CURLE_RECV_ERROR, CURLE_SEND_ERROR, CURLE_GOT_NOTHING, CURLE_PARTIAL_FILE:
            return .connectionReset
        case CURLE_SSL_CONNECT_ERROR, CURLE_SSL_ENGINE_NOTFOUND, CURLE_SSL_ENGINE_SETFAILED,
            CURLE_SSL_CERTPROBLEM, CURLE_SSL_CIPHER, CURLE_PEER_FAILED_VERIFICATION,
            CURLE_SSL_ENGINE_INITFAILED, CURLE_SSL_CACERT_BADFILE, CURLE_SSL_SHUTDOWN_FAILED,
            CURLE_SSL_CRL_BADFILE, CURLE_SSL_ISSUER_ERROR, CURLE_SSL_PINNEDPUBKEYNOTMATCH,
            CURLE_SSL_INVALIDCERTSTATUS, CURLE_SSL_CLIENTCERT, CURLE_USE_SSL_FAILED:
            return .tls
        case CURLE_URL_MALFORMAT, CURLE_UNSUPPORTED_PROTOCOL:
            return .invalidURL
        default:
            return .other
        }
    }

    /// `scheme://host:port` only: the path and query may contain secrets (signed URLs, tokens).
    static func redactedTarget(_ url: URL) -> String {
        let scheme = url.scheme ?? "?"
        let host = url.host ?? "?"
        if let port = url.port { return "\(scheme)://\(host):\(port)" }
        return "\(scheme)://\(host)"
    }
}
