import Foundation
import Testing

@testable import calsync

/// `calsync demo --provider exchange`: the same story on an emulated Exchange Server (the EWSEmulator on a loopback
/// port, logged on to with libcurl's NTLM), run as a user runs it.
@Suite struct ExchangeDemoTests {
    @Test func theDemoTellsItsStoryOnAnExchangeServer() async throws {
        let run = try CalSyncRun(["demo", "--provider", "exchange", "--interval", "1", "--cycles", "4"])
        defer { run.remove() }
        #expect(try await run.waitFor("demo stopped after 4 cycles", seconds: 90), "\(run.stdout)")
        let out = run.stdout
        #expect(out.contains("  EWS emulator:   http://127.0.0.1:"), "\(out)")
        #expect(out.contains("/EWS/Exchange.asmx (NTLM as CONTOSO\\svc-calsync;"))
        let name = "[Contoso (emulated Exchange Server)]"
        #expect(out.contains("\(name) matched 4: i-ana, i-ben, i-chloe, i-dev"))
        #expect(out.contains("\(name) unmatched i-zoe"))
        #expect(!out.contains("\(name) error:"), "\(out)")
        // Every training and absence of the matched people lands in their mailboxes in the first cycle.
        #expect(out.contains("\(name) pushed: 7 created, 0 updated, 0 deleted"), "\(out)")
        #expect(out.contains("→ demo: Ana adds a dentist appointment tomorrow 14:00–14:45 (Paris) in Outlook"))
        #expect(out.contains("→ demo: the scheduler moves Swift Basics one hour later"))
        // The moved session is updated in Ana's and Ben's calendars.
        #expect(out.contains("\(name) pushed: 0 created, 2 updated, 0 deleted"), "\(out)")
        #expect(run.stderr == "", "\(run.stderr)")
    }

    @Test func anUnknownProviderIsRefused() async throws {
        let run = try CalSyncRun(["demo", "--provider", "caldav"])
        defer { run.remove() }
        #expect(try await run.exitStatus(within: 20) == 2)
        #expect(run.stderr.contains("--provider must be microsoft365, exchange, google"))
        #expect(DemoCommand.help.contains("--provider microsoft365|exchange|google"))
    }
}
