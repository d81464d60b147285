import CalSyncCore
import CalSyncStore
import Foundation

/// Matches the instructors an integration covers to its directory users, and learns each matched
/// calendar's time zone. The directory is asked only when someone needs (re)matching.
struct InstructorMatcher: Sendable {
    let store: CalSyncStore
    let clock: any WallClock
    let logger: Logger
    /// Matched people are re-checked this often (users get renamed, addresses move).
    var rematchAfter: TimeInterval = 3_600
    /// Unmatched and ambiguous people are re-checked this often.
    var retryUnmatchedAfter: TimeInterval = 300
    /// Calendar zones read at once for newly matched people.
    var zoneConcurrency = 64

    func run(
        integration: Integration, provider: any CalendarProvider, instructors: [Instructor],
        report: inout CycleReport.IntegrationReport
    ) async -> [String: InstructorMatch] {
        var matches: [String: InstructorMatch] = [:]
        do {
            for match in try await store.matches(integrationId: integration.id) { matches[match.instructorId] = match }
        } catch {
            report.errors.append("reading matches: \(error)")
            return [:]
        }
        let now = clock.now()
        let due = instructors.filter { needsMatching(matches[$0.id], instructor: $0, now: now) }
        if !due.isEmpty,
            let matcher = await directory(
                for: due.map(\.email), integration: integration, provider: provider, report: &report)
        {
            let fresh = due.map { instructor in
                Self.outcome(
                    matcher.match(email: instructor.email), instructor: instructor,
                    integrationId: integration.id, previous: matches[instructor.id], now: now)
            }
            do {
                for match in try await store.saveMatches(fresh) { matches[match.instructorId] = match }
            } catch {
                report.errors.append("saving matches: \(error)")
            }
        }
        var zoneless: [InstructorMatch] = []
        for instructor in instructors {
            guard let match = matches[instructor.id] else { continue }
            switch match.status {
            case .matched:
                report.matched.append(instructor.id)
                if match.calendarTimeZone == nil, match.calendarId != nil { zoneless.append(match) }
            case .unmatched: report.unmatched.append((instructor.id, match.reason ?? "no directory user"))
            case .ambiguous: report.ambiguous.append((instructor.id, match.reason ?? "several directory users"))
            case .pending: break
            }
        }
        let learned = await learnZones(zoneless, provider: provider, report: &report)
        do {
            for match in try await store.saveMatches(learned) { matches[match.instructorId] = match }
        } catch {
            report.errors.append("saving calendar time zones: \(error)")
        }
        return matches
    }

    /// The directory users that may answer to these addresses, ready to match against; nil (reported) when they
    /// cannot be read.
    func directory(
        for addresses: [String], integration: Integration, provider: any CalendarProvider,
        report: inout CycleReport.IntegrationReport
    ) async -> EmailMatcher? {
        do {
            let users = try await provider.directory(for: addresses)
            try? await store.recordDirectorySuccess(integrationId: integration.id, at: clock.now())
            return EmailMatcher(users: users)
        } catch {
            // Reported with the cycle's errors (which `calsync serve` logs one by one), not logged twice here.
            report.errors.append("listing directory users: \(error)")
            // Remembered for the diagnosis: a refused token here means nobody can be matched or pulled.
            let calendarError = error as? CalendarError
            try? await store.recordDirectoryFailure(
                integrationId: integration.id, at: clock.now(),
                code: calendarError?.recordedCode ?? "internal",
                httpStatus: calendarError?.httpStatus, message: calendarError?.message ?? "\(error)")
            return nil
        }
    }

    /// Reads the calendar zone of newly matched people, `zoneConcurrency` at a time (their requests may batch);
    /// returns the matches whose zone is now known.
    func learnZones(
        _ zoneless: [InstructorMatch], provider: any CalendarProvider,
        report: inout CycleReport.IntegrationReport
    ) async -> [InstructorMatch] {
        var learned: [InstructorMatch] = []
        await withTaskGroup(of: (InstructorMatch, String?, [String]).self) { group in
            var next = zoneless.makeIterator()
            func startNext() {
                guard var match = next.next(), let calendarId = match.calendarId else { return }
                group.addTask {
                    var own = CycleReport.IntegrationReport(integrationId: "", integrationName: "")
                    let zone = await self.calendarZone(of: calendarId, provider: provider, report: &own)
                    match.calendarTimeZone = zone
                    return (match, zone, own.errors)
                }
            }
            for _ in 0..<zoneConcurrency { startNext() }
            for await (match, zone, errors) in group {
                report.errors += errors
                if zone != nil { learned.append(match) }
                startNext()
            }
        }
        return learned
    }

    func needsMatching(_ match: InstructorMatch?, instructor: Instructor, now: Date) -> Bool {
        guard let match, let at = match.matchedAt else { return true }
        if match.matchedEmail?.lowercased() != instructor.email.lowercased() { return true }
        let age = now.timeIntervalSince(at)
        switch match.status {
        case .matched: return age >= rematchAfter
        case .unmatched, .ambiguous: return age >= retryUnmatchedAfter
        case .pending: return true
        }
    }

    /// The match an e-mail matching result makes (pure; `Doctor` applies the same rules).
    static func outcome(
        _ result: EmailMatcher.Outcome, instructor: Instructor, integrationId: String,
        previous: InstructorMatch?, now: Date
    ) -> InstructorMatch {
        var match = InstructorMatch(
            instructorId: instructor.id, integrationId: integrationId, status: .pending,
            matchedAt: now, matchedEmail: instructor.email)
        switch result {
        case .matched(let user, _):
            match.status = .matched
            match.calendarId = user.id
            match.calendarAddress = user.mail ?? user.userPrincipalName
            // Keep a known calendar zone while the person stays on the same calendar.
            if previous?.calendarId == user.id { match.calendarTimeZone = previous?.calendarTimeZone }
        case .unmatched(let reason):
            match.status = .unmatched
            match.reason = reason
        case .ambiguous(let candidates, let field):
            match.status = .ambiguous
            let ids = candidates.map(\.id).joined(separator: ", ")
            match.reason =
                "\(candidates.count) directory users share \(instructor.email.lowercased()) as \(field.rawValue): \(ids)"
        }
        return match
    }

    /// The calendar's IANA zone; one that is not a known zone is reported and read as UTC; nil (reported) when it
    /// cannot be read.
    func calendarZone(
        of calendarId: CalendarID, provider: any CalendarProvider,
        report: inout CycleReport.IntegrationReport
    ) async -> String? {
        do {
            let zone = try await provider.timeZone(of: calendarId)
            if TimeZone(identifier: zone) != nil { return zone }
            report.errors.append(
                "calendar \(calendarId) has time zone \(zone), which is not a known zone; using UTC for its all-day events")
            return "UTC"
        } catch {
            report.errors.append("reading the time zone of calendar \(calendarId): \(error)")
            return nil
        }
    }
}
