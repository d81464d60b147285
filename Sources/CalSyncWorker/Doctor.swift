import CalSyncCore
import CalSyncGraph
import CalSyncHTTP
import CalSyncStore
import Foundation

/// `calsync doctor`: checks each integration from the outside in and says what to fix.
///
/// 1. **token**: a client-credentials token; a refusal is named from its AADSTS code (wrong secret, unknown
///    client, unknown tenant, …) with where to fix it.
/// 2. **consent**: the application permissions (`roles`) the token carries, when it can be read.
/// 3. **directory** and **matching**: the users listed, and the instructors no user (or several) matches, with reasons.
/// 4. **mailboxes**: a read of each matched person's mailbox settings (up to `maxMailboxProbes`) and one calendar read;
///    403 everywhere → admin consent missing or an application access policy; some people only → named.
/// 5. **recent sync** and **already deleted**: the operations log classified by `SyncDiagnosis`, the rules
///    `GET /v1/sync/status` uses.
///
/// Read-only: it writes nothing to the store and creates nothing in any calendar.
public struct Doctor: Sendable {
    let store: CalSyncStore?
    let transport: any HTTPTransport
    let zones: WindowsZones
    let clock: any WallClock
    /// Matched mailboxes read at most (the rest are left to the operations log).
    public var maxMailboxProbes = 50
    /// The application permissions CalSync needs (docs/microsoft-365.md, "Connecting a tenant").
    public static let requiredRoles = ["Calendars.ReadWrite", "MailboxSettings.Read", "User.Read.All"]
    /// How many recent pushes the log classification looks at.
    public var recentOperations = SyncDiagnosis.Evidence.recentOperationCount

    /// - Parameter store: the sync state (matches, pulls, operations log); nil when there is none yet.
    public init(store: CalSyncStore?, transport: any HTTPTransport, zones: WindowsZones = .bundled,
                clock: any WallClock = SystemWallClock()) {
        self.store = store
        self.transport = transport
        self.zones = zones
        self.clock = clock
    }

    /// Checks every integration given.
    /// - Parameters:
    ///   - instructors: everyone known (each integration checks those of its establishments with sync enabled).
    ///   - secretSources: per integration id, where its secret comes from (e.g. "environment variable X"), for advice.
    public func examine(integrations: [Integration], instructors: [Instructor], secretSources: [String: String] = [:]) async
        -> DoctorReport
    {
        var reports: [DoctorReport.IntegrationReport] = []
        for integration in integrations {
            reports.append(await examine(integration, instructors: instructors, secretSource: secretSources[integration.id]))
        }
        return DoctorReport(
            integrations: reports, generalProblems: integrations.isEmpty ? ["no integration is configured or stored"] : [])
    }

    /// Checks one integration.
    public func examine(_ integration: Integration, instructors all: [Instructor], secretSource: String? = nil) async
        -> DoctorReport.IntegrationReport
    {
        var report = DoctorReport.IntegrationReport(
            integrationId: integration.id, name: integration.name,
            connection: "tenant \(integration.tenantId), client \(integration.clientId), Graph \(integration.graphBaseURL)")
        let instructors = all.filter { $0.syncEnabled && integration.covers(establishment: $0.establishment) }
        if integration.status == .inactive {
            report.add(.configuration, .info, "the integration is inactive: nothing is pulled or pushed (checked anyway)")
        }
        await checkGraph(integration, instructors: instructors, secretSource: secretSource, into: &report)
        await checkLog(integration, instructors: all, into: &report)
        return report
    }

    // MARK: - Graph: token, consent, directory, matching, mailboxes

    func checkGraph(_ integration: Integration, instructors: [Instructor], secretSource: String?,
                    into report: inout DoctorReport.IntegrationReport) async {
        let client: GraphClient
        do {
            client = try GraphClient(integration: integration, transport: transport, zones: zones, clock: clock)
        } catch {
            report.add(.configuration, .problem, "the Graph or login URL is refused: \(Self.describe(error))")
            return
        }
        // 1. Token.
        let token: AccessToken
        do {
            token = try await client.tokenProvider.token()
        } catch {
            let (summary, details) = Self.tokenAdvice(error, integration: integration, secretSource: secretSource)
            report.add(.token, .problem, summary, details: details)
            return
        }
        let minutes = Int((token.expiresIn / 60).rounded())
        report.add(.token, .ok, "obtained from \(integration.authorityHost) (valid \(minutes) min)")

        // 2. Consent, from the token's roles claim when it is a readable JWT.
        if let roles = Self.roles(inToken: token.value.revealed) {
            let missing = Self.requiredRoles.filter { required in !Self.grants(roles, required) }
            if roles.isEmpty {
                report.add(.consent, .problem, "the token carries no application permissions: admin consent has not been granted",
                           details: ["in the app registration: API permissions → add \(Self.requiredRoles.joined(separator: ", ")) "
                                     + "(Microsoft Graph, application) → Grant admin consent"])
            } else if !missing.isEmpty {
                report.add(.consent, .problem, "application permissions missing: \(missing.joined(separator: ", "))",
                           details: ["granted: \(roles.sorted().joined(separator: ", "))",
                                     "add the missing ones (Microsoft Graph, application) and grant admin consent"])
            } else {
                report.add(.consent, .ok, "application permissions: \(roles.sorted().joined(separator: ", "))")
            }
        } else {
            report.add(.consent, .info, "the token's permissions cannot be read (not a JWT); the mailbox reads below check them")
        }

        // 3. Directory and matching.
        var users: [DirectoryUser]?
        do {
            users = try await client.directoryUsers()
            report.add(.directory, .ok, "\(users!.count) directory user\(users!.count == 1 ? "" : "s") listed")
        } catch {
            let calendarError = error as? CalendarError
            var cause = calendarError?.kind == .forbidden
                ? "User.Read.All is missing or admin consent has not been granted" : Self.describe(error)
            let graphURLAdvice = "check graphBaseURL (\(integration.graphBaseURL)): it should be "
                + "https://graph.microsoft.com/v1.0 or a national cloud's equivalent"
            if let calendarError, let status = calendarError.httpStatus, (500...599).contains(status) {
                // The Graph URL answered, with a server error: an outage of the service, not a setting to fix.
                cause = "outage of the calendar service (\(Self.short(calendarError))): \(cause); try again later"
            } else if Self.isServiceFailure(calendarError) {
                // No answer at all: the service is down or unreachable, or the Graph URL's host is wrong.
                cause += "; no answer from the calendar service: an outage, or a wrong Graph URL: \(graphURLAdvice)"
            } else {
                switch calendarError?.kind {
                case .invalidRequest?, .notFound?, .transient?:
                    // The token was issued, so the login URL and the credentials are right: what answers wrongly is
                    // the Graph URL.
                    cause += "; a token was issued, so \(graphURLAdvice)"
                default: break
                }
            }
            report.add(.directory, .problem, "the directory cannot be listed: \(cause)",
                       details: calendarError?.kind == .forbidden ? [Self.describe(error)] : [])
        }
        let matched = await match(instructors, users: users, integration: integration, into: &report)

        // 4. Mailboxes.
        await probeMailboxes(matched, instructors: instructors, usersKnown: users != nil, client: client, into: &report)
    }

    /// Matches the instructors with the rules the sync uses (`InstructorMatcher`); falls back on the stored matches
    /// when the directory cannot be listed. Returns the matched people with their directory user ids.
    func match(_ instructors: [Instructor], users: [DirectoryUser]?, integration: Integration,
               into report: inout DoctorReport.IntegrationReport) async -> [(Instructor, String)] {
        guard !instructors.isEmpty else {
            report.add(.matching, .info, "no instructor with sync enabled belongs to this integration's establishments")
            return []
        }
        var outcomes: [String: InstructorMatch] = [:]
        var source = "the directory"
        if let users {
            let matcher = EmailMatcher(users: users)
            for instructor in instructors {
                outcomes[instructor.id] = InstructorMatcher.outcome(
                    matcher.match(email: instructor.email), instructor: instructor, integrationId: integration.id,
                    previous: nil, now: clock.now())
            }
        } else if let store, let stored = try? await store.matches(integrationId: integration.id), !stored.isEmpty {
            source = "the last sync (the directory could not be listed now)"
            for match in stored { outcomes[match.instructorId] = match }
        } else {
            report.add(.matching, .info, "not checked: the directory cannot be listed and no sync has been recorded")
            return []
        }
        var matched: [(Instructor, String)] = []
        var unknown: [DoctorReport.Person] = []
        for instructor in instructors.sorted(by: { $0.id < $1.id }) {
            func person(_ reason: String) -> DoctorReport.Person {
                DoctorReport.Person(instructorId: instructor.id, name: instructor.name, email: instructor.email, reason: reason)
            }
            guard let outcome = outcomes[instructor.id] else {
                unknown.append(person("not matched yet"))
                continue
            }
            switch outcome.status {
            case .matched:
                if let userId = outcome.calendarUserId { matched.append((instructor, userId)) }
            case .unmatched: report.unmatched.append(person(outcome.reason ?? "no directory user has this e-mail address"))
            case .ambiguous: report.ambiguous.append(person((outcome.reason ?? "several directory users") + "; never guessed"))
            case .pending: unknown.append(person("not matched yet"))
            }
        }
        let notMatched = report.unmatched.count + report.ambiguous.count
        if notMatched == 0, unknown.isEmpty {
            let all = instructors.count == 1 ? "the instructor is" : "all \(instructors.count) instructors are"
            report.add(.matching, .ok, "\(all) matched (from \(source))")
        } else if notMatched == 0 {
            report.add(.matching, .info, "\(unknown.count) of \(instructors.count) instructors not matched yet (from \(source))",
                       details: unknown.map { $0.line })
        } else {
            var details = report.unmatched.map { "unmatched " + $0.line }
            details += report.ambiguous.map { "ambiguous " + $0.line }
            details += unknown.map { $0.line }
            report.add(.matching, .problem,
                       "\(notMatched) of \(instructors.count) instructors not matched (from \(source)): fix their e-mail address "
                        + "in the scheduler or the directory", details: details)
        }
        return matched
    }

    /// Reads each matched person's mailbox settings (bounded) and one calendar. Without any matched person, tries
    /// the instructors' addresses as user principal names, so consent is checked even when the directory is not readable.
    func probeMailboxes(_ matched: [(Instructor, String)], instructors: [Instructor], usersKnown: Bool, client: GraphClient,
                        into report: inout DoctorReport.IntegrationReport) async {
        var targets = matched
        var byAddress = false
        if targets.isEmpty, !usersKnown {
            targets = instructors.sorted { $0.id < $1.id }.map { ($0, $0.email) }
            byAddress = true
        }
        guard !targets.isEmpty else {
            report.add(.mailboxes, .info, "no matched person: no mailbox to read")
            return
        }
        let probed = Array(targets.prefix(maxMailboxProbes))
        var failures: [(DoctorReport.Person, CalendarError?)] = []
        var calendarChecked = false
        for (instructor, userId) in probed {
            do {
                _ = try await client.mailboxTimeZone(userId: userId)
                if !calendarChecked {
                    // One small calendar read (a tag nobody uses): checks the Calendars permission as well.
                    calendarChecked = true
                    _ = try await client.findEvent(userId: userId, tag: "calsync|doctor|probe")
                }
            } catch {
                let calendarError = error as? CalendarError
                var reason = SyncDiagnosis.personalCause(code: calendarError?.code, httpStatus: calendarError?.httpStatus)
                if calendarError?.httpStatus == nil { reason = Self.describe(error) }
                if Self.isServiceFailure(calendarError) { reason = "the calendar service failed: " + Self.describe(error) }
                reason += calendarError.map { " [\(Self.short($0))]" } ?? ""
                failures.append((DoctorReport.Person(instructorId: instructor.id, name: instructor.name,
                                                     email: instructor.email, reason: reason), calendarError))
            }
        }
        let suffix = targets.count > probed.count ? " (the first \(probed.count) of \(targets.count))" : ""
        let what = byAddress ? " by e-mail address (no directory match to go by)" : ""
        if failures.isEmpty {
            report.add(.mailboxes, .ok, "\(probed.count) mailbox\(probed.count == 1 ? "" : "es") read\(suffix)\(what)")
            return
        }
        let forbidden = failures.allSatisfy { $0.1?.kind == .forbidden }
        if failures.allSatisfy({ Self.isServiceFailure($0.1) }) {
            report.add(.mailboxes, .problem,
                       "\(failures.count) of \(probed.count) mailboxes cannot be read\(suffix): outage of the calendar service "
                        + "(server errors or no answer), not a mailbox problem", details: failures.map { $0.0.line })
            report.unreachableMailboxes = failures.map(\.0)
        } else if failures.count == probed.count, forbidden {
            report.add(.mailboxes, .problem,
                       "reading mailboxes is refused (403): admin consent missing or an application access policy excludes "
                        + "\(probed.count == 1 ? "this mailbox" : "these mailboxes")",
                       details: [failures[0].0.line] + (failures.count > 1 ? ["and \(failures.count - 1) more, all 403"] : []))
            report.unreachableMailboxes = failures.map(\.0)
        } else if failures.count == probed.count {
            report.add(.mailboxes, .problem, "no mailbox could be read\(what)", details: failures.map { $0.0.line })
            report.unreachableMailboxes = failures.map(\.0)
        } else {
            report.unreachableMailboxes = failures.map(\.0)
            report.add(.mailboxes, .problem,
                       "\(failures.count) of \(probed.count) mailboxes cannot be read\(suffix): some people only, "
                        + "check their mailbox or e-mail address", details: failures.map { $0.0.line })
        }
    }

    // MARK: - Advice

    /// Names the likely cause of a refused token from its AADSTS code, and where to fix it.
    static func tokenAdvice(_ error: any Error, integration: Integration, secretSource: String?) -> (String, [String]) {
        guard let error = error as? CalendarError else { return ("the token request failed: \(error)", []) }
        let secretPlace = secretSource ?? "the integration's client secret"
        let aadsts = error.code?.split(separator: " ").first { $0.uppercased().hasPrefix("AADSTS") }
            .flatMap { Int($0.dropFirst(6)) }
        var details = [error.message]
        let summary: String
        switch aadsts {
        case 7_000_215?:
            summary = "wrong client secret (AADSTS7000215)"
            details.append("put the secret's value (not its secret id) of app \(integration.clientId) in \(secretPlace)")
        case 7_000_222?:
            summary = "the client secret has expired (AADSTS7000222)"
            details.append("create a new client secret in the app registration and put it in \(secretPlace)")
        case 7_000_218?:
            summary = "no client secret was sent (AADSTS7000218)"
            details.append("set \(secretPlace)")
        case 700_016?:
            summary = "unknown client id (AADSTS700016)"
            details.append("clientId \(integration.clientId) is not an application in tenant \(integration.tenantId): use the app "
                           + "registration's Application (client) ID, registered in this tenant")
        case 90_002?:
            summary = "unknown tenant (AADSTS90002)"
            details.append("tenant \(integration.tenantId) was not found: use the Directory (tenant) ID or a verified domain")
        case 900_023?:
            summary = "malformed tenant id (AADSTS900023)"
            details.append("use the Directory (tenant) ID (a GUID) or a verified domain, not \(integration.tenantId)")
        case 65_001?:
            summary = "admin consent missing (AADSTS65001)"
            details.append("grant admin consent for the app's application permissions")
        case 7_000_112?:
            summary = "the application is disabled in the tenant (AADSTS7000112)"
        case 70_011?, 700_022?:
            summary = "the token scope was refused (AADSTS\(aadsts!))"
        case let other?:
            summary = "the token request was refused (AADSTS\(other))"
        case nil:
            switch error.kind {
            case .transient, .throttled:
                summary = error.httpStatus == nil
                    ? "the login endpoint cannot be reached: check authorityHost \(integration.authorityHost)"
                    : "the login endpoint is unavailable (HTTP \(error.httpStatus!)); try again later"
            case .configuration:
                summary = "the login URL is refused: check authorityHost \(integration.authorityHost)"
            default:
                if error.code == "invalid_token_response" {
                    summary = "authorityHost \(integration.authorityHost) does not look like a login endpoint"
                } else {
                    summary = "the token request was refused" + (error.code.map { " (\($0))" } ?? "")
                }
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

    /// Whether a failure is the calendar service's own (5xx, no answer), as the diagnosis judges it.
    static func isServiceFailure(_ error: CalendarError?) -> Bool {
        guard let error else { return false }
        return SyncDiagnosis.isServiceFailure(code: error.code ?? error.kind.rawValue, httpStatus: error.httpStatus)
    }

    static func describe(_ error: any Error) -> String {
        (error as? CalendarError).map { $0.message } ?? "\(error)"
    }

    static func short(_ error: CalendarError) -> String {
        [error.httpStatus.map { "HTTP \($0)" }, error.code].compactMap { $0 }.joined(separator: " ")
    }

    static func clip(_ text: String, to limit: Int = 160) -> String {
        let flat = text.split(whereSeparator: \.isNewline).joined(separator: " ")
        return flat.count > limit ? String(flat.prefix(limit)) + "…" : flat
    }
}
