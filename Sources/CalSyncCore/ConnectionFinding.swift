/// One check of a connection an adapter runs for the doctor (signing in, the permissions the sign-in carries).
public struct ConnectionFinding: Sendable, Hashable {
    public enum Check: String, Sendable, Hashable { case configuration, token, consent }
    public enum Severity: String, Sendable, Hashable { case ok, info, problem }

    public var check: Check
    public var severity: Severity
    public var summary: String
    public var details: [String]

    public init(_ check: Check, _ severity: Severity, _ summary: String, details: [String] = []) {
        self.check = check
        self.severity = severity
        self.summary = summary
        self.details = details
    }
}
