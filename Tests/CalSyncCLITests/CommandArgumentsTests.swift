import Foundation
import Testing

/// Every command refuses what it does not take, with a sentence saying so, and exit status 2: nothing runs on
/// defaults because a word on the command line was silently dropped.
@Suite struct CommandArgumentsTests {
    @Test func serveWithAFileNameAndNoConfigFlagIsRefusedNotRunOnDefaults() async throws {
        let (status, stdout, stderr) = try await CalSyncRun.finished(["serve", "calsync.json"], seconds: 10)
        #expect(status == 2)
        #expect(stderr == "calsync: unexpected argument calsync.json (did you mean --config calsync.json?)\n")
        #expect(stdout.isEmpty)
    }

    @Test(arguments: [
        (["sync", "--once", "calsync.json"], "calsync: unexpected argument calsync.json (did you mean --config calsync.json?)"),
        (["doctor", "my.json"], "calsync: unexpected argument my.json (did you mean --config my.json?)"),
        (["sync", "once"], "calsync: unexpected argument once (`calsync sync --help` lists what sync takes)"),
        (["demo", "3"], "calsync: unexpected argument 3 (`calsync demo --help` lists what demo takes)"),
        (["demo", "--cycles", "2", "fast"], "calsync: unexpected argument fast (`calsync demo --help` lists what demo takes)"),
        (
            ["emulator", "fixtures/tenants/contoso.json"],
            "calsync: unexpected argument fixtures/tenants/contoso.json (did you mean --tenant fixtures/tenants/contoso.json?)"
        ),
        (["serve", "--config"], "calsync: --config needs a value"),
        (["serve", "--verbose"], "calsync: unknown option --verbose (`calsync serve --help` lists what serve takes)"),
    ])
    func everyCommandRefusesWhatItDoesNotTake(arguments: [String], message: String) async throws {
        let (status, _, stderr) = try await CalSyncRun.finished(arguments, seconds: 10)
        #expect(status == 2, "\(arguments)")
        #expect(stderr == message + "\n", "\(arguments)")
    }
}
