import CalSyncCore
import CalSyncGoogle
import CalSyncHTTP
import Foundation
import GoogleEmulator
import Testing

/// Google's back-off rules against the emulator's injected faults: what is retried, how long CalSync waits, and what
/// reaches the engine (docs/google.md, "Errors", "Quotas").
@Suite struct GoogleTransportTests {
    private func harness(_ change: (inout GoogleFaults) -> Void, maxRetries: Int = 4) throws -> GoogleAdapterHarness {
        let h = try GoogleAdapterHarness(maxRetries: maxRetries, fastBackoff: true)
        var faults = GoogleFaults()
        faults.seed = 7
        change(&faults)
        h.emulator.setFaults(faults)
        return h
    }

    @Test(arguments: [("rateLimit403", 403), ("userRateLimit403", 403), ("rateLimit429", 429)])
    func rateLimitsBackOffExponentiallyThenReachTheEngineAsThrottled(fault: String, status: Int) async throws {
        let h = try harness { faults in
            switch fault {
            case "rateLimit403": faults.rateLimit403 = 1
            case "userRateLimit403": faults.userRateLimit403 = 1
            default: faults.rateLimit429 = 1
            }
        }
        let error = try #require(await h.failure { _ = try await h.provider.timeZone(of: GoogleAdapterHarness.ada) })
        #expect(error.kind == .throttled)
        #expect(error.httpStatus == status)
        #expect(error.providerCode == (fault == "userRateLimit403" ? "userRateLimitExceeded" : "rateLimitExceeded"))
        // base × 2^n plus the (fixed) half of the jitter, four retries.
        #expect(h.waits.all.map { ($0 * 1000).rounded() } == [60, 110, 210, 410])
        // The next step of the back-off (capped at 0.4 s here) is the wait the engine keeps.
        #expect(error.retryAfter.map { ($0 * 1000).rounded() } == 410)
        let stats = h.emulator.stats()
        #expect(stats.person(GoogleAdapterHarness.ada).requests == 5)
        #expect(stats.requestsInsideBackoff == 0)
    }

    @Test func retryAfterIsHonouredWhenGoogleSendsIt() async throws {
        let h = try harness(
            { faults in
                faults.rateLimit429 = 1
                faults.retryAfterSeconds = 1...1  // whole seconds, longer than the (scaled) back-off
            }, maxRetries: 2)
        let error = try #require(await h.failure { _ = try await h.provider.timeZone(of: GoogleAdapterHarness.ada) })
        #expect(h.waits.all == [1, 1])
        #expect(error.retryAfter == 1)
        #expect(h.emulator.stats().requestsInsideBackoff == 0)
    }

    @Test func quotaExceededIsReportedWithoutRetrying() async throws {
        let h = try harness { $0.quotaExceeded403 = 1 }
        let error = try #require(await h.failure { _ = try await h.provider.timeZone(of: GoogleAdapterHarness.ada) })
        #expect(error.kind == .throttled)
        #expect(error.providerCode == "quotaExceeded")
        #expect(h.waits.all.isEmpty)
        #expect(h.emulator.stats().person(GoogleAdapterHarness.ada).requests == 1)
    }

    @Test func serverErrorsAndResetsAreRetriedUntilAnAnswerComes() async throws {
        let h = try harness(
            { faults in
                faults.backendError500 = 0.15
                faults.unavailable503 = 0.1
                faults.connectionReset = 0.05
            }, maxRetries: 12)
        for person in [GoogleAdapterHarness.ada, GoogleAdapterHarness.grace, GoogleAdapterHarness.linus] {
            for _ in 0..<5 { #expect(!(try await h.provider.timeZone(of: person)).isEmpty) }
        }
        let stats = h.emulator.stats()
        #expect(stats.faultsInjected.values.reduce(0, +) > 0)
        #expect(h.waits.all.count >= stats.faultsInjected.values.reduce(0, +))
        #expect(stats.requestsInsideBackoff == 0)
    }

    @Test func aFailureThatOutlastsTheRetriesIsTransient() async throws {
        let h = try harness { $0.unavailable503 = 1 }
        let error = try #require(await h.failure { _ = try await h.provider.timeZone(of: GoogleAdapterHarness.ada) })
        #expect(error.kind == .transient)
        #expect(error.httpStatus == 503)
        #expect(h.waits.all.count == 4)
    }

    @Test func anUnknownEventIsNotFoundWithGooglesReason() async throws {
        let h = try GoogleAdapterHarness()
        let error = try #require(
            await h.failure { _ = try await h.provider.event("nosuchevent00", in: GoogleAdapterHarness.ada) })
        #expect(error.kind == .notFound)
        #expect(error.httpStatus == 404)
        #expect(error.providerCode == "notFound")
        #expect(h.waits.all.isEmpty)
    }

    @Test func theErrorMapperReadsGooglesBodies() throws {
        func body(_ status: Int, _ reason: String) -> Data {
            Data(
                #"{"error":{"errors":[{"domain":"global","reason":"\#(reason)","message":"m"}],"code":\#(status),"message":"m"}}"#
                    .utf8)
        }
        let cases: [(Int, String, CalendarError.Kind)] = [
            (410, "fullSyncRequired", .cursorExpired), (410, "updatedMinTooLongAgo", .cursorExpired),
            (410, "deleted", .notFound), (404, "notFound", .notFound), (409, "duplicate", .transient),
            (403, "forbidden", .permissionMissing), (403, "insufficientPermissions", .permissionMissing),
            (403, "rateLimitExceeded", .throttled), (429, "rateLimitExceeded", .throttled),
            (400, "timeRangeEmpty", .invalidRequest), (500, "backendError", .transient), (401, "authError", .unauthorized),
        ]
        for (status, reason, kind) in cases {
            let error = GoogleErrorMapper.map(status: status, body: body(status, reason), retryAfter: nil)
            #expect(error.kind == kind, "\(status) \(reason)")
            #expect(error.providerCode == reason)
            #expect(error.httpStatus == status)
        }
        let detailsOnly = Data(
            #"{"error":{"code":403,"status":"PERMISSION_DENIED","details":[{"reason":"SERVICE_DISABLED"}]}}"#.utf8)
        #expect(GoogleErrorMapper.map(status: 403, body: detailsOnly, retryAfter: nil).providerCode == "SERVICE_DISABLED")
    }
}
