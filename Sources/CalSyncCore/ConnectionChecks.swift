/// What an adapter's own connection checks found, before the doctor's neutral ones (directory, matching, calendars).
public struct ConnectionChecks: Sendable, Hashable {
    public var findings: [ConnectionFinding]
    /// False when nothing can be read with this connection (no sign-in): the doctor stops there.
    public var canContinue: Bool

    public init(findings: [ConnectionFinding], canContinue: Bool) {
        self.findings = findings
        self.canContinue = canContinue
    }
}
