import CalSyncCore
import CalSyncHTTP
import CalSyncProviderKit
import Foundation

/// Sends EWS operations for one service account: the envelope and its headers, the account's logon (presented by
/// the transport), `X-AnchorMailbox`, and the answer read into response messages or a neutral `CalendarError`.
/// One client per account: its transport's kept-alive connections are the ones NTLM logged on.
final class EWSClient: Sendable {
    let settings: ExchangeSettings
    let transport: any HTTPTransport
    let clock: any WallClock
    /// The refused-password latch of the account.
    let hold = EWSAccountHold()
    /// The account's admission: at most `inFlightLimit` requests at once, and none before a BackOffMilliseconds
    /// elapsed (the budget is the account's, whichever mailbox a request is for).
    let gate: InFlightGate
    static let account = InFlightKey.account()

    init(settings: ExchangeSettings, transport: any HTTPTransport, clock: any WallClock, sleeper: any Sleeper) {
        self.settings = settings
        self.transport = transport
        self.clock = clock
        self.gate = InFlightGate(maxInFlight: max(1, settings.inFlightLimit), sleeper: sleeper)
    }

    /// Sends `operation` (the element `body` writes inside `s:Body`) as `mailbox` (nil: as the service account)
    /// and returns its response messages. `isCreate`: a failure without a clear answer is reported as
    /// `CalendarError.outcomeUnknownCode` (the item may exist).
    ///
    /// Throttling (ErrorServerBusy, which Exchange answers before doing anything) is waited out and retried while
    /// the wait fits the settings' retry budget; beyond it the error goes to the engine with the wait it should keep.
    func call(
        _ operation: String, as mailbox: String?, isCreate: Bool = false, body: (inout SOAPWriter) -> Void
    ) async throws -> [EWSResponseMessage] {
        if let problem = settings.problem { throw CalendarError(.configuration, message: problem) }
        let envelope = EWSEnvelope.make(version: settings.serverVersion, impersonating: mailbox, body: body)
        let started = ContinuousClock.now
        var retries = 0
        while true {
            try hold.check()
            let budget = settings.retryWaitBudget - (ContinuousClock.now - started).inSeconds
            let permit: InFlightPermit
            do {
                permit = try await gate.enter(Self.account, maxWait: retries < settings.maxRetries ? max(0, budget) : 0)
            } catch let deferred as InFlightDeferred {
                throw CalendarError(
                    .throttled, providerCode: CalendarError.deferredCode,
                    message: "Exchange asked this service account to back off; "
                        + "\(Int(deferred.remaining.rounded(.up))) s left",
                    retryAfter: deferred.remaining)
            }
            do {
                defer { permit.release() }
                try hold.check()
                return try await send(operation, as: mailbox, envelope: envelope, isCreate: isCreate)
            } catch let error as CalendarError where retries < settings.maxRetries && Self.isRetried(error) {
                // A wait beyond what is left of the budget goes to the engine as Exchange said it.
                let left = settings.retryWaitBudget - (ContinuousClock.now - started).inSeconds
                let wait = error.retryAfter ?? (error.kind == .throttled ? 0 : Self.backOff(retry: retries))
                if wait > left { throw error }
                retries += 1
                // A back-off already holds the gate; other failures wait here, for this call only.
                if error.kind != .throttled { try await gate.sleeper.sleep(seconds: wait) }
            }
        }
    }

    /// Whether a failed call is sent again: throttling (Exchange did nothing), and server or connection failures of
    /// calls that are safe to repeat (a create that may have been saved is not: the engine looks its tag up). A
    /// timeout is not, as it already took its time.
    static func isRetried(_ error: CalendarError) -> Bool {
        guard !error.isOutcomeUnknown else { return false }
        switch error.kind {
        case .throttled: return true
        case .transient: return error.providerCode != HTTPTransportError.Kind.timeout.rawValue
        default: return false
        }
    }

    /// The wait before retry number `retry` (0 for the first) of a failure that named none: 0.5 s, 1 s, 2 s, … 4 s.
    static func backOff(retry: Int) -> Double { min(4, 0.5 * Double(1 << min(retry, 4))) }

    /// One request, and its answer read.
    private func send(_ operation: String, as mailbox: String?, envelope: Data, isCreate: Bool) async throws
        -> [EWSResponseMessage]
    {
        var headers: HTTPHeaders = ["Content-Type": "text/xml; charset=utf-8", "Accept": "text/xml"]
        if let mailbox { headers["X-AnchorMailbox"] = mailbox }
        let request = HTTPClientRequest(
            method: .post, url: settings.ewsURL, headers: headers, body: envelope, timeout: settings.timeout,
            credentials: HTTPCredentials(
                scheme: settings.authScheme, username: settings.username, password: settings.password.revealed),
            caFile: settings.caFile)
        let response: HTTPClientResponse
        do {
            response = try await transport.send(request)
        } catch let error as HTTPTransportError {
            throw failure(error, isCreate: isCreate)
        }
        response.onRead?()
        return try read(response, operation: operation, isCreate: isCreate)
    }

    /// The answer's response messages, or the error it stands for.
    private func read(_ response: HTTPClientResponse, operation: String, isCreate: Bool) throws -> [EWSResponseMessage] {
        let status = response.status
        if status == 401 {
            let error = CalendarError(
                .credentialsRejected, httpStatus: 401,
                message: "Exchange refused the service account's \(settings.authScheme.rawValue) logon as "
                    + "\(settings.username) (HTTP 401): check the user name and password. It is not tried again until "
                    + "the password is changed, so Active Directory does not lock the account out")
            hold.refuse(error)
            throw error
        }
        let root = try? SOAPParser.parse(response.body)
        let body = root?.child("Body", in: SOAPNamespace.envelope)
        if let fault = body?.child("Fault", in: SOAPNamespace.envelope) {
            let parsed = EWSFault(fault)
            if parsed.code == EWSErrorCode.serverBusy {
                gate.deferRequests(Self.account, seconds: Double(parsed.backOffMilliseconds ?? 0) / 1000)
            }
            var error = parsed.error(httpStatus: status)
            // A server error while creating says nothing about whether the item was saved.
            if isCreate, error.kind == .transient {
                error.message = "\(parsed.code): \(error.message)"
                error.providerCode = CalendarError.outcomeUnknownCode
            }
            throw error
        }
        guard (200..<300).contains(status) else { throw httpFailure(response, isCreate: isCreate) }
        guard let answer = body?.message(operation + "Response") else {
            throw CalendarError(
                .transient, httpStatus: status, providerCode: isCreate ? CalendarError.outcomeUnknownCode : nil,
                message: "Exchange's answer to \(operation) is not an EWS response")
        }
        let messages = EWSResponseMessage.all(in: answer)
        for message in messages where message.code == EWSErrorCode.serverBusy {
            gate.deferRequests(Self.account, seconds: Double(message.backOffMilliseconds ?? 0) / 1000)
        }
        return messages
    }

    /// A status without a SOAP answer: throttling by IIS, a proxy's or server's error page, a wrong URL.
    private func httpFailure(_ response: HTTPClientResponse, isCreate: Bool) -> CalendarError {
        let status = response.status
        let retryAfter = response.headers["Retry-After"].flatMap { Double($0.trimmingCharacters(in: .whitespaces)) }
        switch status {
        case 403:
            return CalendarError(
                .permissionMissing, httpStatus: status, message: "Exchange refused the service account (HTTP 403)")
        case 404:
            return CalendarError(
                .configuration, httpStatus: status, message: "no EWS endpoint at this URL (HTTP 404): check the EWS URL")
        case 500...599, 300...399:
            // A 5xx (or a redirect to an error page) says nothing about whether a create was carried out.
            return CalendarError(
                .transient, httpStatus: status, providerCode: isCreate ? CalendarError.outcomeUnknownCode : nil,
                message: "Exchange answered HTTP \(status) without an EWS response", retryAfter: retryAfter)
        default:
            return CalendarError(
                .invalidRequest, httpStatus: status, message: "Exchange answered HTTP \(status) without an EWS response")
        }
    }

    /// A request that got no HTTP answer.
    private func failure(_ error: HTTPTransportError, isCreate: Bool) -> CalendarError {
        switch error.kind {
        case .tls:
            return CalendarError(
                .configuration, providerCode: "tls",
                message: "the TLS connection to Exchange failed (\(error.message)): check the server's certificate, "
                    + "or name the certificate authority that issued it in the CA file setting")
        case .invalidURL:
            return CalendarError(.configuration, message: "the EWS URL cannot be used: \(error.message)")
        case .connectionFailed:
            return CalendarError(
                .transient, providerCode: "unreachable",
                message: "Exchange cannot be reached (\(error.message)): check the EWS URL, and that a firewall lets "
                    + "CalSync's address through")
        case .timeout, .connectionReset, .other:
            return CalendarError(
                .transient, providerCode: isCreate ? CalendarError.outcomeUnknownCode : error.kind.rawValue,
                message: "no answer from Exchange: \(error.message)")
        }
    }
}
