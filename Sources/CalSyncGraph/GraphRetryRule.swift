import CalSyncHTTP

/// What `GraphClient.send` does after one failed attempt (see `GraphRetryPolicy`).
enum GraphRetryRule: Equatable {
    /// 429 / 503: the service refused the request; wait (Retry-After or backoff) on the whole
    /// mailbox and resend, whatever the method.
    case throttle
    /// A transient failure of an idempotent request, or one that certainly never left (connect
    /// failure): back off and resend.
    case backoff
    /// A POST that may or may not have been carried out (5xx, 504, timeout, reset): never resent here.
    case outcomeUnknown
    /// Not retryable: thrown as mapped.
    case fail

    /// Methods whose repetition has the effect of one call. PATCH qualifies because we always send
    /// the event's full content.
    static func isIdempotent(_ method: HTTPMethod) -> Bool {
        method == .get || method == .head || method == .put || method == .patch || method == .delete
            || method == .options
    }

    /// For an HTTP answer other than 2xx and 401.
    static func forStatus(_ status: Int, method: HTTPMethod) -> GraphRetryRule {
        switch status {
        case 429, 503:
            return .throttle
        case 500...599:
            guard isIdempotent(method) else { return .outcomeUnknown }
            // 501 Not Implemented and 505 HTTP Version Not Supported will not change on retry.
            return status == 501 || status == 505 ? .fail : .backoff
        default:
            return .fail
        }
    }

    /// For a failure without an HTTP status. libcurl itself re-sends a request (POST too) once when a
    /// reused keep-alive connection dies before any response byte; a reset or timeout that still
    /// reaches us may therefore have been carried out once — or twice, which transactionId covers.
    static func forTransport(_ kind: HTTPTransportError.Kind, method: HTTPMethod) -> GraphRetryRule {
        switch kind {
        case .connectionFailed:
            // Could not connect or resolve: nothing was sent, so even a create can be resent.
            return .backoff
        case .timeout, .connectionReset, .other:
            return isIdempotent(method) ? .backoff : .outcomeUnknown
        case .tls:
            // Usually a certificate or configuration problem: retrying soon will not help.
            return isIdempotent(method) ? .fail : .outcomeUnknown
        case .invalidURL:
            return .fail
        }
    }
}
