import Foundation
import Testing

/// `calsync demo --provider google`: the same story against the Google emulator, with a key made for the run.
@Suite struct DemoGoogleTests {
    @Test func theStoryRunsOnGoogleWorkspace() async throws {
        let run = try await CalSyncRun.finished(
            ["demo", "--provider", "google", "--interval", "1", "--cycles", "4"],
            environment: ["CALSYNC_LISTEN": "127.0.0.1:0"], seconds: 90)
        #expect(run.status == 0, "\(run.stdout)\n\(run.stderr)")
        let out = run.stdout
        #expect(out.contains("  Google emulator: http://127.0.0.1:"))
        #expect(out.contains("client id 100000000000000000042"))
        // People matched through the directory (Chloé by her alias), Zoé by nobody.
        #expect(out.contains("matched 4: i-ana, i-ben, i-chloe, i-dev"))
        #expect(out.contains("unmatched i-zoe"))
        // Their own events pulled, the training sessions and absences pushed, the story played in Google Calendar.
        #expect(out.contains("i-ana: training t-swift-101"))
        #expect(out.contains("→ demo: Ana adds a dentist appointment tomorrow 14:00–14:45 (Paris) in Google Calendar"))
        #expect(!out.contains("error"), "\(out)")
        #expect(!out.contains("PRIVATE KEY"))
        #expect(out.contains("demo stopped after 4 cycles"))
        #expect(run.stderr == "", "\(run.stderr)")

        let refused = try await CalSyncRun.finished(["demo", "--provider", "caldav"])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("--provider must be microsoft365, exchange, google"))
    }
}
