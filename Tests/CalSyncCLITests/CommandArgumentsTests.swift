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
        (
            ["backup", "a.sqlite", "b.sqlite"],
            "calsync: unexpected argument b.sqlite (`calsync backup --help` lists what backup takes)"
        ),
        (
            ["restore", "--force", "a.sqlite"],
            "calsync: unknown option --force (`calsync restore --help` lists what restore takes)"
        ),
    ])
    func everyCommandRefusesWhatItDoesNotTake(arguments: [String], message: String) async throws {
        let (status, _, stderr) = try await CalSyncRun.finished(arguments, seconds: 10)
        #expect(status == 2, "\(arguments)")
        #expect(stderr == message + "\n", "\(arguments)")
    }

    /// The file of `backup` may come before or after its flags.
    @Test func backupTakesItsFileBeforeOrAfterItsFlags() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("calsync-args-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let missing = folder.appendingPathComponent("missing.sqlite").path
        for arguments in [["backup", "--force", "copy.sqlite"], ["backup", "copy.sqlite", "--force"]] {
            let (status, _, stderr) = try await CalSyncRun.finished(
                arguments, environment: ["CALSYNC_DATABASE": missing], seconds: 10)
            #expect(status == 2, "\(arguments)")
            #expect(!stderr.contains("unexpected argument"), "\(arguments): \(stderr)")
            #expect(stderr.contains(missing), "\(arguments): \(stderr)")
        }
    }
}
