import CalSyncHTTP

// MARK: - Faults on the token endpoint (only with `GoogleFaults.faultTokenEndpoint`)

extension GoogleEmulator {
    /// The token endpoint, with `connectionReset`, `unavailable503`, `backendError500` and latency when
    /// `faultTokenEndpoint` is set (errors in the OAuth shape; google-auth retries 500 and 503, OBS).
    func handleTokenWithFaults(_ context: GoogleRequestContext) async -> HTTPResponse {
        let (fault, latency): (GoogleInjectedFault?, Duration) = withState { state in
            guard state.faults.faultTokenEndpoint else { return (nil, .zero) }
            var faults = GoogleFaults()
            faults.connectionReset = state.faults.connectionReset
            faults.unavailable503 = state.faults.unavailable503
            faults.backendError500 = state.faults.backendError500
            let fault = GoogleInjectedFault.draw(faults, &state.faultRNG, isWrite: false, usesSyncToken: false)
            if let fault { state.stats.countFault("token " + fault.name) }
            return (fault, state.drawLatency())
        }
        let response: HTTPResponse
        switch fault {
        case .connectionReset:
            response = HTTPResponse.dropConnection()
        case .error(let name, _) where name == "unavailable503":
            response = GoogleTokenError.unavailable.response
        case .error(let name, _) where name == "backendError500":
            response = GoogleTokenError.internalFailure.response
        default:
            response = handleToken(context)
        }
        await Self.pause(latency)
        return response
    }
}
