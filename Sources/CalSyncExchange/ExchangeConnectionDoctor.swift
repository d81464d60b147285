import CalSyncCore

/// The Exchange adapter's own checks for `calsync doctor`, before the neutral ones (directory, matching, calendars):
///
/// 1. **configuration**: the EWS URL and the account's settings are accepted (https, or http to a loopback host);
/// 2. **logon**: the service account logs on (one ResolveNames as itself); a refusal is named: the password (not
///    tried again until it changes), the certificate, the URL and the firewall;
/// 3. **impersonation**: the account may act as a person (one read of that person's calendar); a refusal names the
///    role assignment to run.
///
/// Read-only. A refused password counts as one failed logon, like any request's.
public struct ExchangeConnectionDoctor: Sendable {
    let provider: ExchangeCalendarProvider
    let vocabulary = ExchangeVocabulary()

    public init(provider: ExchangeCalendarProvider) {
        self.provider = provider
    }

    /// - Parameter person: a primary SMTP address to try impersonation on (a matched person); nil skips that check.
    public func check(impersonating person: String?) async -> ConnectionChecks {
        if let problem = provider.settings.problem {
            return ConnectionChecks(findings: [.init(.configuration, .problem, problem)], canContinue: false)
        }
        var findings: [ConnectionFinding] = [
            .init(.configuration, .ok, "EWS at \(provider.settings.ewsURL.absoluteString), \(provider.settings.serverVersion)")
        ]
        let logon = ConnectionFinding(
            .token, .ok, "\(provider.settings.authScheme.rawValue) logon as \(provider.settings.username)")
        do {
            _ = try await provider.directory(for: [person ?? provider.settings.username])
            findings.append(logon)
        } catch let error as CalendarError where error.kind == .permissionMissing || error.kind == .noCalendar {
            // Exchange logged the account on and answered: what it refused is checked below.
            findings.append(logon)
        } catch {
            findings.append(finding(.token, "the service account cannot log on", error))
            return ConnectionChecks(findings: findings, canContinue: false)
        }
        guard let person else { return ConnectionChecks(findings: findings, canContinue: true) }
        do {
            _ = try await provider.timeZone(of: person)
            findings.append(.init(.consent, .ok, "ApplicationImpersonation: may act as \(person)"))
        } catch {
            findings.append(finding(.consent, "the service account may not act as \(person)", error))
            return ConnectionChecks(findings: findings, canContinue: false)
        }
        return ConnectionChecks(findings: findings, canContinue: true)
    }

    /// A problem named from the error's code, with what to do.
    private func finding(_ check: ConnectionFinding.Check, _ fallback: String, _ error: any Error) -> ConnectionFinding {
        guard let error = error as? CalendarError else { return .init(check, .problem, "\(fallback): \(error)") }
        let explanation = vocabulary.explain(
            code: error.providerCode ?? error.kind.rawValue, httpStatus: error.httpStatus,
            context: ErrorExplanation.Context())
        return .init(
            check, .problem, explanation?.cause ?? fallback,
            details: [error.message] + (explanation?.fix.map { [$0] } ?? []))
    }
}
