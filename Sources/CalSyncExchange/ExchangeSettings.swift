import CalSyncCore
import CalSyncHTTP
import Foundation

/// How CalSync reaches one Exchange Server: its EWS URL and the service account that holds the
/// ApplicationImpersonation role. The password is a `Secret`: never logged, never in an error.
public struct ExchangeSettings: Sendable {
    /// `https://mail.example.com/EWS/Exchange.asmx` (plain http only to a loopback host).
    public var ewsURL: URL
    /// `DOMAIN\user`, the user principal name, or the account's e-mail address.
    public var username: String
    public var password: Secret
    /// NTLM (Exchange's usual on-premises logon) or Basic.
    public var authScheme: HTTPCredentials.Scheme
    /// A PEM file of certificate authorities to trust for this server (an internal CA); nil trusts the system's.
    public var caFile: String?
    /// The schema every request is written against (`RequestServerVersion`).
    public var serverVersion: String
    /// Requests in flight at once for the whole service account (its budget is shared by every mailbox).
    public var inFlightLimit: Int
    /// The zone of a calendar whose own items say nothing about it (an empty calendar).
    public var fallbackTimeZone: String
    /// Whole-request timeout in seconds.
    public var timeout: Double
    /// Throttled requests (ErrorServerBusy) waited out and sent again within one call, and the longest wait in all
    /// (seconds); beyond either the call fails as throttled and the engine keeps the wait.
    public var maxRetries: Int
    public var retryWaitBudget: Double

    public static let defaultServerVersion = "Exchange2013_SP1"
    public static let defaultInFlightLimit = 10

    public init(
        ewsURL: URL, username: String, password: Secret, authScheme: HTTPCredentials.Scheme = .ntlm,
        caFile: String? = nil, serverVersion: String = defaultServerVersion, inFlightLimit: Int = defaultInFlightLimit,
        fallbackTimeZone: String = "UTC", timeout: Double = 60, maxRetries: Int = 3, retryWaitBudget: Double = 30
    ) {
        self.ewsURL = ewsURL
        self.username = username
        self.password = password
        self.authScheme = authScheme
        self.caFile = caFile
        self.serverVersion = serverVersion
        self.inFlightLimit = inFlightLimit
        self.fallbackTimeZone = fallbackTimeZone
        self.timeout = timeout
        self.maxRetries = max(0, maxRetries)
        self.retryWaitBudget = max(0, retryWaitBudget)
    }

    /// Why these settings cannot be used, before anything is sent; nil when they can.
    public var problem: String? {
        guard let scheme = ewsURL.scheme?.lowercased(), let host = ewsURL.host, !host.isEmpty else {
            return "the EWS URL must be an absolute https:// URL"
        }
        if scheme == "http", !LoopbackHost.contains(host) {
            return "the EWS URL must use https:// (plain http:// only to a loopback host)"
        }
        if scheme != "http" && scheme != "https" { return "the EWS URL must use https://" }
        if username.isEmpty { return "the service account's user name is empty" }
        if password.isEmpty { return "the service account's password is empty" }
        if !(1...100).contains(inFlightLimit) { return "the in-flight limit must be between 1 and 100" }
        return nil
    }
}
