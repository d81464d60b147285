// MARK: - Reason phrases for responders that write HTTP messages themselves

extension HTTPResponse {
    /// The RFC 9110 reason phrase the server writes for `status` (e.g. "Not Found"). Multipart batch answers, which
    /// carry whole HTTP responses in their parts, need it: Google's Python client reads the phrase.
    public static func reasonPhrase(for status: Int) -> String {
        HTTPResponseWriter.reasonPhrase(status)
    }
}
