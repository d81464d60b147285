import CBuildInfo

/// `calsync version`: the version and the commit the binary was built from.
enum VersionCommand {
    static let help = """
        Usage: calsync version

        Prints the version of this binary and the commit it was built from. deploy/build-release.sh
        (and the container build, which runs it) stamps the commit; a plain `swift build` says
        "commit unknown".
        """

    /// The commit stamped at build time; nil for a plain `swift build`.
    static var commit: String? {
        let commit = String(cString: cbuildinfo_commit())
        return commit.isEmpty ? nil : commit
    }

    /// `calsync 0.1.0 (commit 2c5cfb9a0d1e)`.
    static func line(commit: String?) -> String {
        guard let commit else {
            return "calsync \(CalSyncCLI.version) (commit unknown: a development build; deploy/build-release.sh stamps it)"
        }
        return "calsync \(CalSyncCLI.version) (commit \(commit))"
    }

    static func run(_ args: [String]) -> Int32 {
        if args == ["--help"] {
            Output.line(help)
            return 0
        }
        guard args.isEmpty else {
            Output.error("version takes no arguments\n\n\(help)")
            return 2
        }
        Output.line(line(commit: commit))
        return 0
    }
}
