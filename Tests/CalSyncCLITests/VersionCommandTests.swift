import Foundation
import Testing

@testable import calsync

/// `calsync version`: the version and the commit deploy/build-release.sh stamped, or an honest "unknown".
@Suite struct VersionCommandTests {
    @Test func aStampedCommitIsPrinted() {
        #expect(VersionCommand.line(commit: "2c5cfb9a0d1e") == "calsync \(CalSyncCLI.version) (commit 2c5cfb9a0d1e)")
    }

    @Test func theBinaryBuiltByTheTestsSaysItsCommitIsUnknown() async throws {
        let version = try await CalSyncProcess.run(["version"])
        #expect(version.status == 0)
        // `swift build` (as the tests are built) stamps no commit; deploy/build-release.sh does.
        #expect(version.stdout == "calsync 0.1.0 (commit unknown: a development build; deploy/build-release.sh stamps it)\n")
        #expect(try await CalSyncProcess.run(["--version"]).stdout == version.stdout)
        let extra = try await CalSyncProcess.run(["version", "extra"])
        #expect(extra.status == 2)
        #expect(extra.stderr.hasPrefix("calsync: version takes no arguments"))
    }
}
