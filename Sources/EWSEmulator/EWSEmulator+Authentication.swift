import CalSyncCrypto
import CalSyncHTTP
import Foundation

// MARK: - Logon: NTLM (per connection) and Basic (per request), as IIS does for the EWS virtual directory

extension EWSEmulator {
    static let ntlmStateKey = "EWSEmulator.ntlm"

    /// The account a request is logged on as, or the 401 to answer. Counts failed logons and applies the lockout
    /// policy (`docs/exchange.md`, "Logon").
    func authenticate(_ request: HTTPRequest) -> Result<String, AuthenticationRefusal> {
        let connection = request.connection
        let authorization = request.headers["Authorization"] ?? ""
        let scheme = authorization.split(separator: " ", maxSplits: 1).first.map { $0.lowercased() } ?? ""
        let token = authorization.split(separator: " ", maxSplits: 1).dropFirst().first.map(String.init) ?? ""
        if scheme == "ntlm", configuration.acceptsNTLM {
            return authenticateNTLM(token: token, connection: connection)
        }
        if scheme == "basic", configuration.acceptsBasic {
            return authenticateBasic(token: token)
        }
        if authorization.isEmpty, let connection,
            case .authenticated(let account, let epoch)? = connection.value(Self.ntlmStateKey, as: NTLMConnectionState.self)
        {
            let current = state.withLock { state in
                Self.unlockIfDue(&state, account: account, now: clock.now(), tenant: tenant)
                return state.accounts[account].map { $0.sessionEpoch == epoch && $0.lockedAt == nil } ?? false
            }
            if current { return .success(account) }
            connection.setValue(nil, for: Self.ntlmStateKey)
        }
        return .failure(refusal())
    }

    private func authenticateNTLM(token: String, connection: HTTPConnectionContext?) -> Result<String, AuthenticationRefusal> {
        guard let data = Data(base64Encoded: token), let message = NTLMMessage([UInt8](data)) else {
            return .failure(refusal())
        }
        switch message {
        case .negotiate(let flags):
            // NTLM authenticates a connection: without one (in process) the handshake cannot complete.
            guard let connection, let challenge = try? SecureRandom.bytes(8) else { return .failure(refusal()) }
            connection.setValue(NTLMConnectionState.challenged(serverChallenge: challenge), for: Self.ntlmStateKey)
            let type2 = NTLMChallengeMessage(
                flags: NTLMFlags.challenge(for: flags), serverChallenge: challenge,
                netbiosDomain: tenant.netbiosDomain.uppercased(), netbiosComputer: (tenant.serverName ?? "EX01").uppercased(),
                dnsDomain: tenant.dnsDomain, dnsComputer: tenant.serverHost,
                timestamp: NTLMChallengeMessage.fileTime(unixSeconds: clock.now().timeIntervalSince1970))
            return .failure(
                AuthenticationRefusal(challenge: ["NTLM " + Data(type2.bytes).base64EncodedString()], countsAsUnauthorized: false)
            )
        case .authenticate(let type3):
            // The challenge is spent whatever happens: an AUTHENTICATE_MESSAGE is good for one try on its connection.
            guard let connection,
                case .challenged(let serverChallenge)? = connection.value(Self.ntlmStateKey, as: NTLMConnectionState.self)
            else { return .failure(refusal()) }
            connection.setValue(nil, for: Self.ntlmStateKey)
            guard !type3.isAnonymous, let sam = accountKey(domain: type3.domain, user: type3.user) else {
                state.withLock { $0.stats.unknownAccountLogons += 1 }
                return .failure(refusal())
            }
            let outcome = logon(sam) { password in
                NTLMv2Verifier.verify(type3, password: password, serverChallenge: serverChallenge)
            }
            guard let epoch = outcome else { return .failure(refusal()) }
            connection.setValue(NTLMConnectionState.authenticated(account: sam, epoch: epoch), for: Self.ntlmStateKey)
            return .success(sam)
        }
    }

    private func authenticateBasic(token: String) -> Result<String, AuthenticationRefusal> {
        guard let data = Data(base64Encoded: token), let text = String(data: data, encoding: .utf8),
            let colon = text.firstIndex(of: ":")
        else { return .failure(refusal()) }
        let name = String(text[..<colon])
        let password = String(text[text.index(after: colon)...])
        var domain = ""
        var user = name
        if let backslash = name.firstIndex(of: "\\") {
            domain = String(name[..<backslash])
            user = String(name[name.index(after: backslash)...])
        }
        guard let sam = accountKey(domain: domain, user: user) else {
            state.withLock { $0.stats.unknownAccountLogons += 1 }
            return .failure(refusal())
        }
        guard logon(sam, check: { $0 == password }) != nil else { return .failure(refusal()) }
        return .success(sam)
    }

    /// The account a logon names: `user@upn` (whatever the domain), or a samAccountName in this domain (NetBIOS or
    /// DNS name, or none). Lower-cased samAccountName, or nil.
    func accountKey(domain: String, user: String) -> String? {
        state.withLock { state in
            if user.contains("@") {
                return state.accounts.first { $0.value.account.userPrincipalName.lowercased() == user.lowercased() }?.key
            }
            let domainMatches =
                domain.isEmpty || domain.lowercased() == tenant.netbiosDomain.lowercased()
                || domain.lowercased() == tenant.dnsDomain.lowercased()
            guard domainMatches, state.accounts[user.lowercased()] != nil else { return nil }
            return user.lowercased()
        }
    }

    /// Checks a logon attempt against the account's password as Active Directory would: a locked account fails
    /// whatever the password; a wrong password counts towards the lockout threshold; a right one resets the count.
    /// Returns the account's session epoch on success.
    func logon(_ sam: String, check: (String) -> Bool) -> Int? {
        let now = clock.now()
        return state.withLock { state -> Int? in
            Self.unlockIfDue(&state, account: sam, now: now, tenant: tenant)
            guard var account = state.accounts[sam] else { return nil }
            if account.lockedAt != nil {
                state.withStats(sam) { $0.logonsWhileLockedOut += 1 }
                return nil
            }
            if check(account.account.password) {
                state.withStats(sam) { $0.consecutiveFailedLogons = 0 }
                return account.sessionEpoch
            }
            var lockedNow = false
            state.withStats(sam) { stats in
                stats.failedLogons += 1
                stats.consecutiveFailedLogons += 1
                if let threshold = tenant.accountLockoutThreshold, threshold > 0, stats.consecutiveFailedLogons >= threshold {
                    stats.lockouts += 1
                    stats.lockedOut = true
                    lockedNow = true
                }
            }
            if lockedNow {
                account.lockedAt = now
                account.sessionEpoch += 1
                state.accounts[sam] = account
            }
            return nil
        }
    }

    /// Ends a lockout whose duration has passed (tenants without a duration stay locked until the side door unlocks).
    static func unlockIfDue(_ state: inout EWSState, account sam: String, now: Date, tenant: EWSTenant) {
        guard let lockedAt = state.accounts[sam]?.lockedAt, let duration = tenant.accountLockoutDurationSeconds,
            now.timeIntervalSince(lockedAt) >= Double(duration)
        else { return }
        state.accounts[sam]?.lockedAt = nil
        state.withStats(sam) { stats in
            stats.lockedOut = false
            stats.consecutiveFailedLogons = 0
        }
    }

    /// A 401 offering the enabled schemes.
    func refusal() -> AuthenticationRefusal {
        var schemes: [String] = []
        if configuration.acceptsNTLM { schemes.append("NTLM") }
        if configuration.acceptsBasic { schemes.append("Basic realm=\"\(tenant.serverHost)\"") }
        return AuthenticationRefusal(challenge: schemes, countsAsUnauthorized: true)
    }
}
