import CalSyncCore
import CalSyncHTTP
import Foundation
import MicrosoftCalendarKit

/// The Microsoft 365 adapter's own checks for `calsync doctor`, before the neutral ones (directory, matching,
/// calendars):
///
/// 1. **configuration**: the Graph and login URLs are accepted;
/// 2. **token**: a client-credentials token; a refusal is named from its AADSTS code (wrong secret, unknown
///    client, unknown tenant, …) with where to fix it;
/// 3. **consent**: the application permissions (`roles`) the token carries, when it can be read.
///
/// Read-only: it asks for a token and nothing else.
public struct GraphConnectionDoctor: Sendable {
    /// The application permissions CalSync needs (docs/microsoft-365.md, "Connecting a tenant").
    public static let requiredRoles = ["Calendars.ReadWrite", "MailboxSettings.Read", "User.Read.All"]

    let transport: any HTTPTransport
    let zones: WindowsZones
    let clock: any WallClock

    public init(transport: any HTTPTransport, zones: WindowsZones = .bundled, clock: any WallClock = SystemWallClock()) {
        self.transport = transport
        self.zones = zones
        self.clock = clock
    }

    /// - Parameter secretSource: where the client secret comes from ("environment variable X"), for advice.
    public func check(_ integration: Integration, secretSource: String?) async -> ConnectionChecks {
        var findings: [ConnectionFinding] = []
        let client: GraphClient
        do {
            client = try GraphClient(integration: integration, transport: transport, zones: zones, clock: clock)
        } catch {
            findings.append(.init(.configuration, .problem, "the Graph or login URL is refused: \(Self.describe(error))"))
            return ConnectionChecks(findings: findings, canContinue: false)
        }
        // 1. Token.
        let token: AccessToken
        do {
            token = try await client.tokenProvider.token()
        } catch {
            let (summary, details) = Self.tokenAdvice(error, integration: integration, secretSource: secretSource)
            findings.append(.init(.token, .problem, summary, details: details))
            return ConnectionChecks(findings: findings, canContinue: false)
        }
        let minutes = Int((token.expiresIn / 60).rounded())
        let authorityHost = integration.connection.microsoft365?.authorityHost ?? client.endpoint.authorityHost
        findings.append(.init(.token, .ok, "obtained from \(authorityHost) (valid \(minutes) min)"))
        findings.append(Self.consent(token))
        return ConnectionChecks(findings: findings, canContinue: true)
    }

    /// Consent, from the token's roles claim when it is a readable JWT.
    static func consent(_ token: AccessToken) -> ConnectionFinding {
        guard let roles = roles(inToken: token.value.revealed) else {
            return .init(
                .consent, .info, "the token's permissions cannot be read (not a JWT); the mailbox reads below check them")
        }
        let missing = requiredRoles.filter { required in !grants(roles, required) }
        if roles.isEmpty {
            return .init(
                .consent, .problem, "the token carries no application permissions: admin consent has not been granted",
                details: [
                    "in the app registration: API permissions → add \(requiredRoles.joined(separator: ", ")) "
                        + "(Microsoft Graph, application) → Grant admin consent"
                ])
        } else if !missing.isEmpty {
            return .init(
                .consent, .problem, "application permissions missing: \(missing.joined(separator: ", "))",
                details: [
                    "granted: \(roles.sorted().joined(separator: ", "))",
                    "add the missing ones (Microsoft Graph, application) and grant admin consent",
                ])
        }
        return .init(.consent, .ok, "application permissions: \(roles.sorted().joined(separator: ", "))")
    }

    /// Names the likely cause of a refused token from its AADSTS code, and where to fix it.
    public static func tokenAdvice(_ error: any Error, integration: Integration, secretSource: String?) -> (String, [String]) {
        guard let error = error as? CalendarError else { return ("the token request failed: \(error)", []) }
        let details = [error.message]
        if let explanation = GraphVocabulary.token(
            code: error.providerCode, context: ErrorExplanation.Context(integration, secretPlace: secretSource))
        {
            return (explanation.cause, details + (explanation.fix.map { [$0] } ?? []))
        }
        let authorityHost = integration.connection.microsoft365?.authorityHost ?? "?"
        let summary: String
        switch error.kind {
        case .transient, .throttled:
            summary =
                error.httpStatus == nil
                ? "the login endpoint cannot be reached: check authorityHost \(authorityHost)"
                : "the login endpoint is unavailable (HTTP \(error.httpStatus!)); try again later"
        case .configuration:
            summary = "the login URL is refused: check authorityHost \(authorityHost)"
        default:
            if error.providerCode == "invalid_token_response" {
                summary = "authorityHost \(authorityHost) does not look like a login endpoint"
            } else {
                summary = "the token request was refused" + (error.providerCode.map { " (\($0))" } ?? "")
            }
        }
        return (summary, details)
    }

    /// The `roles` claim of a JWT access token; nil when the token cannot be read as a JWT (tokens are opaque to
    /// clients; this is only a diagnostic). The value is never printed.
    static func roles(inToken token: String) -> [String]? {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3 else { return nil }
        var base64 = parts[1].replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        guard let data = Data(base64Encoded: base64),
            let claims = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
        else { return nil }
        return claims["roles"] as? [String] ?? []
    }

    /// Whether `roles` grants what `required` needs (a ReadWrite role covers its Read).
    static func grants(_ roles: [String], _ required: String) -> Bool {
        roles.contains(required) || (required.hasSuffix(".Read") && roles.contains(required + "Write"))
    }

    static func describe(_ error: any Error) -> String {
        (error as? CalendarError).map { $0.message } ?? "\(error)"
    }
}
