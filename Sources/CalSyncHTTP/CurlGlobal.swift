import CCurl

/// Process-wide libcurl initialisation.
///
/// `curl_global_init` is not thread-safe and must run before any thread uses curl. A `static let`
/// is initialised exactly once, under `swift_once`, so every caller of `ensureInitialized()` sees
/// the finished initialisation. Never cleaned up: the process owns libcurl until it exits.
enum CurlGlobal {
    private static let initResult: CURLcode = curl_global_init(Int(CURL_GLOBAL_DEFAULT))

    /// Initialises libcurl on first call; throws if libcurl could not be initialised.
    static func ensureInitialized() throws(HTTPTransportError) {
        let code = initResult
        guard code == CURLE_OK else {
            throw HTTPTransportError(.other, "curl_global_init failed: \(String(cString: curl_easy_strerror(code)))")
        }
    }
}
