import CalSyncCore
import CalSyncStore
import Foundation

/// `calsync doctor`: checks each integration from the outside in and says what to fix.
///
/// 1. the calendar system's own checks, from its adapter (e.g. signing in, and the permissions the sign-in carries);
/// 2. **directory** and **matching**: the users found, and the instructors no user (or several) matches, with reasons;
/// 3. **mailboxes**: a read of each matched person's calendar zone (up to `maxMailboxProbes`) and one calendar
///    search; refused everywhere → a permission or an access policy; some people only → named;
/// 4. **recent sync** and **already deleted**: the operations log classified by `SyncDiagnosis`, the rules
///    `GET /v1/sync/status` uses.
///
/// Read-only: it writes nothing to the store and creates nothing in any calendar.
public struct Doctor: Sendable {
    let store: CalSyncStore?
    let providers: any CalendarProviderFactory
    let clock: any WallClock
    /// Matched calendars read at most (the rest are left to the operations log).
    public var maxMailboxProbes = 50
    /// How many recent pushes the log classification looks at.
    public var recentOperations = SyncDiagnosis.Evidence.recentOperationCount

    /// - Parameters:
    ///   - store: the sync state (matches, pulls, operations log); nil when there is none yet.
    ///   - providers: the calendar systems' providers and their own checks (the provider registry).
    public init(store: CalSyncStore?, providers: any CalendarProviderFactory, clock: any WallClock = SystemWallClock()) {
        self.store = store
        self.providers = providers
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
        var report = await checkConnection(integration, instructors: all, secretSource: secretSource)
        await checkLog(integration, instructors: all, into: &report)
        return report
    }

    // MARK: - The connection: the adapter's checks, directory, matching, calendars

    func checkCalendars(
        _ integration: Integration, instructors: [Instructor], secretSource: String?,
        into report: inout DoctorReport.IntegrationReport
    ) async {
        let checks = await providers.connectionChecks(for: integration, secretSource: secretSource)
        for finding in checks.findings {
            report.add(
                DoctorReport.Check(finding.check), DoctorReport.Severity(finding.severity), finding.summary,
                details: finding.details)
        }
        guard checks.canContinue else { return }
        let provider: any CalendarProvider
        do {
            provider = try providers.provider(for: integration)
        } catch {
            report.add(.configuration, .problem, "the connection is refused: \(Self.describe(error))")
            return
        }
        let advice = providers.vocabularies.vocabulary(for: integration).advice(for: integration.connection)

        // Directory and matching.
        var users: [DirectoryUser]?
        do {
            let found = try await provider.directory(for: instructors.map(\.email))
            users = found
            report.add(.directory, .ok, "\(found.count) directory user\(found.count == 1 ? "" : "s") listed")
        } catch {
            let calendarError = error as? CalendarError
            var cause = calendarError?.kind == .permissionMissing ? advice.directoryRefused : Self.describe(error)
            if let calendarError, let status = calendarError.httpStatus, (500...599).contains(status) {
                // The service's address answered, with a server error: an outage of the service, not a setting to fix.
                cause = "outage of the calendar service (\(Self.short(calendarError))): \(cause); try again later"
            } else if Self.isServiceFailure(calendarError) {
                // No answer at all: the service is down or unreachable, or the service address's host is wrong.
                cause += "; no answer from the calendar service: an outage, or a wrong address: \(advice.serviceAddress)"
            } else {
                switch calendarError?.kind {
                case .invalidRequest?, .notFound?, .transient?:
                    // The sign-in worked, so its address and the credentials are right: what answers wrongly is the
                    // calendar service's address.
                    cause += "; a token was issued, so \(advice.serviceAddress)"
                default: break
                }
            }
            report.add(
                .directory, .problem, "the directory cannot be listed: \(cause)",
                details: calendarError?.kind == .permissionMissing ? [Self.describe(error)] : [])
        }
        let matched = await match(instructors, users: users, integration: integration, into: &report)

        // Calendars.
        await probeCalendars(
            matched, instructors: instructors, usersKnown: users != nil, integration: integration, provider: provider,
            into: &report)
    }

    /// Matches the instructors with the rules the sync uses (`InstructorMatcher`); falls back on the stored matches
    /// when the directory cannot be listed. Returns the matched people with their calendar ids.
    func match(
        _ instructors: [Instructor], users: [DirectoryUser]?, integration: Integration,
        into report: inout DoctorReport.IntegrationReport
    ) async -> [(Instructor, String)] {
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
                if let calendarId = outcome.calendarId { matched.append((instructor, calendarId)) }
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
            report.add(
                .matching, .info, "\(unknown.count) of \(instructors.count) instructors not matched yet (from \(source))",
                details: unknown.map { $0.line })
        } else {
            var details = report.unmatched.map { "unmatched " + $0.line }
            details += report.ambiguous.map { "ambiguous " + $0.line }
            details += unknown.map { $0.line }
            report.add(
                .matching, .problem,
                "\(notMatched) of \(instructors.count) instructors not matched (from \(source)): fix their e-mail address "
                    + "in the scheduler or the directory", details: details)
        }
        return matched
    }

    /// Reads each matched person's calendar zone (bounded) and searches one calendar. Without any matched person,
    /// tries the instructors' addresses as calendar ids, so permissions are checked even when the directory is not
    /// readable.
    func probeCalendars(
        _ matched: [(Instructor, CalendarID)], instructors: [Instructor], usersKnown: Bool,
        integration: Integration, provider: any CalendarProvider,
        into report: inout DoctorReport.IntegrationReport
    ) async {
        let vocabulary = providers.vocabularies.vocabulary(for: integration)
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
        for (instructor, calendarId) in probed {
            do {
                _ = try await provider.timeZone(of: calendarId)
                if !calendarChecked {
                    // One small calendar read (a tag nobody uses): checks the permission on events as well.
                    calendarChecked = true
                    _ = try await provider.find(tag: "calsync|doctor|probe", in: calendarId)
                }
            } catch {
                let calendarError = error as? CalendarError
                var reason = SyncDiagnosis.personalCause(
                    code: calendarError?.providerCode, httpStatus: calendarError?.httpStatus, vocabulary: vocabulary)
                if calendarError?.httpStatus == nil { reason = Self.describe(error) }
                if Self.isServiceFailure(calendarError) { reason = "the calendar service failed: " + Self.describe(error) }
                reason += calendarError.map { " [\(Self.short($0))]" } ?? ""
                failures.append(
                    (
                        DoctorReport.Person(
                            instructorId: instructor.id, name: instructor.name,
                            email: instructor.email, reason: reason), calendarError
                    ))
            }
        }
        let suffix = targets.count > probed.count ? " (the first \(probed.count) of \(targets.count))" : ""
        let what = byAddress ? " by e-mail address (no directory match to go by)" : ""
        if failures.isEmpty {
            report.add(.mailboxes, .ok, "\(probed.count) mailbox\(probed.count == 1 ? "" : "es") read\(suffix)\(what)")
            return
        }
        let forbidden = failures.allSatisfy { $0.1?.kind == .permissionMissing }
        if failures.allSatisfy({ Self.isServiceFailure($0.1) }) {
            report.add(
                .mailboxes, .problem,
                "\(failures.count) of \(probed.count) mailboxes cannot be read\(suffix): outage of the calendar service "
                    + "(server errors or no answer), not a mailbox problem", details: failures.map { $0.0.line })
            report.unreachableMailboxes = failures.map(\.0)
        } else if failures.count == probed.count, forbidden {
            report.add(
                .mailboxes, .problem,
                "reading mailboxes is refused (403): "
                    + "\(vocabulary.advice(for: integration.connection).calendarsRefused) "
                    + "\(probed.count == 1 ? "this mailbox" : "these mailboxes")",
                details: [failures[0].0.line] + (failures.count > 1 ? ["and \(failures.count - 1) more, all 403"] : []))
            report.unreachableMailboxes = failures.map(\.0)
        } else if failures.count == probed.count {
            report.add(.mailboxes, .problem, "no mailbox could be read\(what)", details: failures.map { $0.0.line })
            report.unreachableMailboxes = failures.map(\.0)
        } else {
            report.unreachableMailboxes = failures.map(\.0)
            report.add(
                .mailboxes, .problem,
                "\(failures.count) of \(probed.count) mailboxes cannot be read\(suffix): some people only, "
                    + "check their mailbox or e-mail address", details: failures.map { $0.0.line })
        }
    }

    // MARK: - Advice

    /// Whether a failure is the calendar service's own (5xx, no answer), as the diagnosis judges it.
    static func isServiceFailure(_ error: CalendarError?) -> Bool {
        guard let error else { return false }
        return SyncDiagnosis.isServiceFailure(code: error.recordedCode, httpStatus: error.httpStatus)
    }

    static func describe(_ error: any Error) -> String {
        (error as? CalendarError).map { $0.message } ?? "\(error)"
    }

    static func short(_ error: CalendarError) -> String {
        [error.httpStatus.map { "HTTP \($0)" }, error.providerCode].compactMap { $0 }.joined(separator: " ")
    }

    static func clip(_ text: String, to limit: Int = 160) -> String {
        let flat = text.split(whereSeparator: \.isNewline).joined(separator: " ")
        return flat.count > limit ? String(flat.prefix(limit)) + "…" : flat
    }
}
