import CalSyncCore
import CalSyncGraph
import Foundation
import Testing

@testable import CalSyncWorker

/// The diagnosis rules (`SyncDiagnosis.verdict`), as a table: what an admin is told for each pattern of recent
/// outcomes. Judged on each person's latest outcome; people whose sync is off do not count.
@Suite struct SyncDiagnosisTests {
    typealias O = SyncDiagnosis.Outcome
    static let t = Date(timeIntervalSince1970: 1_772_323_200)

    static func failed(_ id: String, _ status: Int?, _ code: String?, at offset: TimeInterval = 0) -> O {
        O(instructorId: id, at: t.addingTimeInterval(offset), failed: true, code: code, httpStatus: status)
    }

    static func fine(_ id: String, at offset: TimeInterval = -600) -> O {
        O(instructorId: id, at: t.addingTimeInterval(offset), failed: false)
    }

    func verdict(_ outcomes: [O], matched: Int = 3, syncOff: Set<String> = [], directory: DirectoryState? = nil)
        -> SyncDiagnosis.Verdict
    {
        SyncDiagnosis.verdict(
            status: .active, purgeRequested: false, matchedCount: matched, outcomes: outcomes, directory: directory,
            syncOff: syncOff, vocabulary: GraphVocabulary())
    }

    struct Row: Sendable, CustomStringConvertible {
        var description: String
        var outcomes: [O]
        var syncOff: Set<String> = []
        var expected: SyncDiagnosis.Verdict
    }

    static let rows: [Row] = [
        Row(
            description: "503 everywhere, one person's sync off (their old pull was fine)",
            outcomes: [failed("i-1", 503, "serviceNotAvailable"), failed("i-2", 503, "serviceNotAvailable"), fine("i-off")],
            syncOff: ["i-off"], expected: .outage(failing: ["i-1", "i-2"])),
        Row(
            description: "503 everywhere",
            outcomes: [failed("i-1", 503, "serviceNotAvailable"), failed("i-2", 503, "serviceNotAvailable")],
            expected: .outage(failing: ["i-1", "i-2"])),
        Row(
            description: "timeouts and unresolvable host names (no HTTP answer)",
            outcomes: [failed("i-1", nil, "transient"), failed("i-2", nil, "outcome_unknown")],
            expected: .outage(failing: ["i-1", "i-2"])),
        Row(
            description: "500, 502 and 504",
            outcomes: [failed("i-1", 500, "generalException"), failed("i-2", 502, nil), failed("i-3", 504, "transient")],
            expected: .outage(failing: ["i-1", "i-2", "i-3"])),
        Row(
            description: "a 503 for one person while the others are fine is still the service, not their mailbox",
            outcomes: [failed("i-1", 503, "serviceNotAvailable"), fine("i-2", at: 0)],
            expected: .outage(failing: ["i-1"])),
        Row(
            description: "401 everywhere",
            outcomes: [failed("i-1", 401, "InvalidAuthenticationToken"), failed("i-2", 401, "InvalidAuthenticationToken")],
            expected: .authentication),
        Row(
            description: "a refused token (AADSTS) everywhere",
            outcomes: [failed("i-1", nil, "invalid_client AADSTS7000215"), failed("i-2", nil, "invalid_client AADSTS7000215")],
            expected: .authentication),
        Row(
            description: "one person's mailbox is missing (404)",
            outcomes: [failed("i-1", 404, "MailboxNotEnabledForRESTAPI"), fine("i-2"), fine("i-3")],
            expected: .somePeople(failing: ["i-1"])),
        Row(
            description: "the person with a missing mailbox has their sync off",
            outcomes: [failed("i-1", 404, "MailboxNotEnabledForRESTAPI"), fine("i-2")], syncOff: ["i-1"], expected: .ok),
        Row(
            description: "everyone fails, not on the service nor on authentication",
            outcomes: [failed("i-1", 400, "ErrorInvalidRequest"), failed("i-2", 404, "ErrorItemNotFound")],
            expected: .everyone),
        Row(
            description: "an older 503 is outlived by a later success",
            outcomes: [failed("i-1", 503, "serviceNotAvailable", at: -60), fine("i-1", at: 0), fine("i-2")], expected: .ok),
        Row(
            description: "the service fails for most, and one mailbox is missing: the outage is named",
            outcomes: [failed("i-1", 503, "serviceNotAvailable"), failed("i-2", 404, "MailboxNotEnabledForRESTAPI")],
            expected: .outage(failing: ["i-1"])),
    ]

    @Test(arguments: rows) func theVerdictOf(_ row: Row) {
        #expect(verdict(row.outcomes, syncOff: row.syncOff) == row.expected)
    }

    @Test func theOutageVerdictNamesTheCalendarServiceNotAMailbox() {
        let sentence = SyncDiagnosis.Verdict.outage(failing: ["i-1"]).sentence
        #expect(sentence.hasPrefix("outage of the calendar service"))
        #expect(!sentence.contains("mailbox or e-mail"))
        #expect(SyncDiagnosis.Verdict.outage(failing: []).isProblem)
    }

    /// The directory failing on the service (5xx, no answer) is an outage too, with or without matched people; on
    /// authentication it is the credentials; otherwise, with nobody matched, its own sentence.
    @Test func theDirectoryFailingOnTheServiceIsAnOutage() {
        let down = DirectoryState(
            integrationId: "x", lastErrorAt: Self.t, lastErrorCode: "serviceNotAvailable",
            lastErrorHTTPStatus: 503)
        let unreachable = DirectoryState(integrationId: "x", lastErrorAt: Self.t, lastErrorCode: "transient")
        let refused = DirectoryState(
            integrationId: "x", lastErrorAt: Self.t, lastErrorCode: "invalid_client", lastErrorHTTPStatus: 401)
        let badRequest = DirectoryState(
            integrationId: "x", lastErrorAt: Self.t, lastErrorCode: "BadRequest", lastErrorHTTPStatus: 400)
        #expect(verdict([], matched: 0, directory: down) == .outage(failing: []))
        #expect(verdict([], matched: 0, directory: unreachable) == .outage(failing: []))
        #expect(verdict([Self.fine("i-1")], matched: 1, directory: down) == .outage(failing: []))
        #expect(verdict([], matched: 0, directory: refused) == .authentication)
        #expect(verdict([], matched: 0, directory: badRequest) == .directoryFailing)
    }

    /// A push that failed and waits for its next try is a failing outcome (it is not `error` yet).
    @Test func aRetryingPushIsAFailingOutcome() {
        let key = PushKey(integrationId: "x", itemKind: .event, itemId: "t-1", instructorId: "i-1")
        let retrying = OperationRecord(
            key: key, action: .create, status: .pending, attempts: 3, createdAt: Self.t, lastAttemptAt: Self.t,
            errorCode: "serviceNotAvailable", httpStatus: 503)
        let outcome = SyncDiagnosis.outcome(of: retrying)
        #expect(outcome?.failed == true && outcome?.httpStatus == 503)
        #expect(SyncDiagnosis.outcome(of: OperationRecord(key: key, action: .create, createdAt: Self.t)) == nil)
    }

    /// Which failures are the service's (not a person's, not the credentials').
    @Test func serviceFailures() {
        for (code, status) in [("serviceNotAvailable", 503), ("generalException", 500), ("x", 502), ("transient", 504)] {
            #expect(SyncDiagnosis.isServiceFailure(code: code, httpStatus: status), "\(code) \(status)")
        }
        #expect(SyncDiagnosis.isServiceFailure(code: "transient", httpStatus: nil))
        #expect(SyncDiagnosis.isServiceFailure(code: "outcome_unknown", httpStatus: nil))
        for (code, status) in [
            ("MailboxNotEnabledForRESTAPI", 404), ("ErrorAccessDenied", 403), ("TooManyRequests", 429),
            ("InvalidAuthenticationToken", 401),
        ] {
            #expect(!SyncDiagnosis.isServiceFailure(code: code, httpStatus: status), "\(code) \(status)")
        }
        #expect(!SyncDiagnosis.isServiceFailure(code: "invalid_client AADSTS7000215", httpStatus: nil))
        #expect(!SyncDiagnosis.isServiceFailure(code: "mass_deletion_held", httpStatus: nil))
    }
}
