import CalSyncHTTP
import Foundation

// MARK: - RequestServerVersion, TimeZoneContext, ExchangeImpersonation and X-AnchorMailbox (docs/exchange.md)

extension EWSEmulator {
    func makeContext(_ soap: SOAPRequest, request: HTTPRequest, account sam: String) throws(EWSFault) -> EWSRequestContext {
        let version = try requestVersion(soap)
        var zone = TimeZone(identifier: "UTC")!
        if let id = soap.timeZoneContextId {
            // Microsoft's own all-day sample sends a TimeZoneContext with Exchange2007_SP1: any version may carry it.
            guard let found = timeZone(windowsId: id) else {
                throw EWSFault(code: "ErrorTimeZone", message: "The time zone Id '\(id)' is not valid.")
            }
            zone = found
        }
        let (account, ownMailbox) = state.withLock { state in
            let account = state.accounts[sam]!.account
            return (account, account.mailbox.flatMap { state.directory.mailbox(smtp: $0) })
        }
        var context = EWSRequestContext(
            request: request, soap: soap, version: version, account: sam, mailbox: ownMailbox, impersonating: false,
            timeZone: zone, now: clock.now())
        guard let impersonation = soap.impersonation else { return context }
        if soap.operation.name == "ResolveNames", !configuration.resolveNamesAcceptsImpersonation {
            throw EWSFault(code: "ErrorImpersonationFailed", message: "Impersonation failed: ResolveNames does not take it.")
        }
        let mailbox = try impersonatedMailbox(impersonation, account: account)
        context.mailbox = mailbox
        context.impersonating = true
        try checkAnchor(request, mailbox: mailbox, account: sam)
        return context
    }

    /// The schema version a request asks for. Without the header a request is read as Exchange2007.
    func requestVersion(_ soap: SOAPRequest) throws(EWSFault) -> EWSVersion {
        guard let name = soap.versionName else { return .exchange2007 }
        if let version = EWSVersion(name: name) { return version }
        if name == "Exchange2019" {
            // OBS: Exchange 2019 refuses its own name here and accepts Exchange2016.
            throw EWSFault.invalidRequest("The request is invalid.")
        }
        throw EWSFault(code: "ErrorInvalidServerVersion", message: "The specified server version is invalid.")
    }

    /// The mailbox an ExchangeImpersonation header names, after checking the account's ApplicationImpersonation role
    /// and its scope.
    func impersonatedMailbox(_ impersonation: EWSImpersonation, account: EWSTenant.ServiceAccount) throws(EWSFault)
        -> EWSTenant.Mailbox
    {
        guard !impersonation.value.isEmpty else {
            throw EWSFault(
                code: "ErrorInvalidExchangeImpersonationHeaderData",
                message: "The impersonation header's \(impersonation.kind.rawValue) is empty.")
        }
        guard let scope = account.impersonationScope else { throw Self.impersonateUserDenied }
        let found: EWSTenant.Mailbox? = state.withLock { state in
            switch impersonation.kind {
            case .primarySmtpAddress, .smtpAddress: return state.directory.mailbox(smtp: impersonation.value)
            case .principalName: return state.directory.mailbox(principalName: impersonation.value)
            case .sid: return state.directory.mailbox(sid: impersonation.value)
            }
        }
        guard let mailbox = found else {
            var fault = EWSFault(
                code: "ErrorNonExistentMailbox",
                message: "The SMTP address has no mailbox associated with it.",
                values: [EWSMessageValue(name: "SmtpAddress", value: impersonation.value)])
            fault.perItem = configuration.nonExistentMailboxShape == .responseMessage
            throw fault
        }
        if impersonation.kind == .primarySmtpAddress,
            mailbox.primarySmtpAddress.lowercased() != impersonation.value.lowercased()
        {
            var fault = EWSFault(
                code: "ErrorNonPrimarySmtpAddress",
                message: "The SMTP address isn't the primary SMTP address of the mailbox.",
                values: [EWSMessageValue(name: "Primary", value: mailbox.primarySmtpAddress)])
            fault.perItem = configuration.nonExistentMailboxShape == .responseMessage
            throw fault
        }
        guard scope.covers(mailbox.primarySmtpAddress) else { throw Self.impersonateUserDenied }
        return mailbox
    }

    static let impersonateUserDenied = EWSFault(
        code: "ErrorImpersonateUserDenied", message: "The account does not have permission to impersonate the requested user.")

    /// Counts impersonated requests without X-AnchorMailbox (or naming another mailbox), and refuses them when the
    /// configuration says so.
    func checkAnchor(_ request: HTTPRequest, mailbox: EWSTenant.Mailbox, account: String) throws(EWSFault) {
        let anchor = request.headers["X-AnchorMailbox"]
        let matches = state.withLock { state -> Bool? in
            guard let anchor else { return nil }
            return state.directory.mailbox(smtp: anchor)?.primarySmtpAddress == mailbox.primarySmtpAddress
        }
        state.withLock { state in
            state.withStats(account) { stats in
                if matches == nil { stats.missingAnchorMailbox += 1 }
                if matches == false { stats.mismatchedAnchorMailbox += 1 }
            }
        }
        if matches == nil, let status = configuration.missingAnchorMailboxStatus {
            var fault = EWSFault(
                code: "ErrorInternalServerTransientError",
                message: "An internal server error occurred. Try again later (no X-AnchorMailbox header).")
            fault.status = status
            throw fault
        }
    }
}
