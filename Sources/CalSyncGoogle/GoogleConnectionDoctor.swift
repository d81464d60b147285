import CalSyncCore
import CalSyncHTTP
import Foundation

/// The Google adapter's own checks for `calsync doctor` and the admin pages' "Test connection", before the neutral
/// ones (directory, matching, calendars):
///
/// 1. **configuration**: the key file reads, and the base URL is accepted;
/// 2. **token**: a grant for the service account itself (the key and its signature, the clock);
/// 3. **consent**: with an admin address, the domain-wide delegation for the calendar scope and for the directory
///    scope, acting as that admin. A missing grant names the client id and the exact scopes to authorise. Without an
///    admin address the delegation is checked on each person's calendar by the checks that follow.
///
/// Read-only: it asks for tokens and nothing else.
public struct GoogleConnectionDoctor: Sendable {
    let transport: any HTTPTransport
    let clock: any WallClock

    public init(transport: any HTTPTransport, clock: any WallClock = SystemWallClock()) {
        self.transport = transport
        self.clock = clock
    }

    /// The scopes the Workspace admin authorises for the client id (the directory's only with an admin address).
    public static func scopes(for connection: GoogleConnection?) -> [String] {
        [GoogleScope.calendar] + (connection?.adminEmail == nil ? [] : [GoogleScope.directory])
    }

    /// - Parameter secretSource: where the key file comes from ("the file X"), for advice.
    public func check(_ integration: Integration, secretSource: String?) async -> ConnectionChecks {
        let provider: GoogleCalendarProvider
        let key: GoogleServiceAccountKey
        do {
            let (read, connection) = try GoogleProviderMaker.key(of: integration)
            key = read
            provider = try GoogleCalendarProvider(
                key: read, settings: GoogleProviderSettings(adminEmail: connection.adminEmail),
                baseURL: GoogleProviderMaker.baseURL(connection), transport: transport, clock: clock,
                retry: .noRetries)
        } catch {
            return ConnectionChecks(
                findings: [.init(.configuration, .problem, error.message, details: advice(error, secretSource))],
                canContinue: false)
        }
        let tokens = provider.client.tokens
        var findings: [ConnectionFinding] = [
            .init(
                .configuration, .ok,
                "service account \(key.clientEmail) (client id \(key.clientId), key id \(key.keyId ?? "none"))")
        ]
        // The key and its signature: a token for the account itself needs no delegation.
        do {
            let token = try await tokens.token(for: nil, scopes: [GoogleScope.calendar])
            let minutes = Int((token.expiresIn / 60).rounded())
            findings.append(.init(.token, .ok, "obtained from \(provider.client.endpoints.tokenURL) (valid \(minutes) min)"))
        } catch {
            findings.append(.init(.token, .problem, summary(error), details: advice(error, secretSource)))
            return ConnectionChecks(findings: findings, canContinue: false)
        }
        guard let admin = integration.connection.google?.adminEmail else {
            findings.append(
                .init(
                    .consent, .info,
                    "no admin address: the delegation of client id \(key.clientId) for \(GoogleScope.calendar) is "
                        + "checked on each person's calendar below"))
            return ConnectionChecks(findings: findings, canContinue: true)
        }
        let scopes = Self.scopes(for: integration.connection.google)
        for scope in scopes {
            do {
                _ = try await tokens.token(for: admin, scopes: [scope])
                findings.append(.init(.consent, .ok, "domain-wide delegation covers \(scope) (acting as \(admin))"))
            } catch let error as CalendarError where error.kind == .permissionMissing {
                findings.append(
                    .init(
                        .consent, .problem,
                        "domain-wide delegation is missing for client id \(key.clientId) and scope \(scope)",
                        details: [
                            "client id: \(key.clientId)",
                            "scopes to authorise, exactly: \(scopes.joined(separator: ","))",
                            "where: Google Admin console > Security > Access and data control > API controls > "
                                + "Manage domain-wide delegation (a new grant can take a while to apply)",
                        ]))
            } catch {
                findings.append(.init(.consent, .problem, summary(error), details: advice(error, secretSource)))
            }
        }
        return ConnectionChecks(findings: findings, canContinue: true)
    }

    func summary(_ error: any Error) -> String {
        guard let error = error as? CalendarError else { return "the token request failed: \(error)" }
        if let explanation = GoogleVocabulary().explain(
            code: error.providerCode, httpStatus: error.httpStatus, context: ErrorExplanation.Context())
        {
            return explanation.cause
        }
        switch error.kind {
        case .transient, .throttled: return "the token endpoint cannot be reached or is unavailable; try again later"
        default: return "the token request was refused" + (error.providerCode.map { " (\($0))" } ?? "")
        }
    }

    func advice(_ error: any Error, _ secretSource: String?) -> [String] {
        guard let error = error as? CalendarError else { return [] }
        let explanation = GoogleVocabulary().explain(
            code: error.providerCode, httpStatus: error.httpStatus,
            context: ErrorExplanation.Context(secretPlace: secretSource ?? "the integration's service-account key"))
        return [error.message] + (explanation?.fix.map { [$0] } ?? [])
    }
}
