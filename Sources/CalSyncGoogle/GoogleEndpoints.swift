import CalSyncCore
import Foundation

/// Where CalSync sends Google calls (docs/google.md, "Endpoints and scopes"): Google's own hosts, or one base URL
/// that serves all three (the Google emulator: `/token`, `/calendar/v3`, `/admin/directory/v1`).
public struct GoogleEndpoints: Sendable, Hashable {
    /// The audience of every JWT grant: Google's token URL, whatever `token_uri` says (google-auth does the same).
    public static let audience = "https://oauth2.googleapis.com/token"

    public let tokenURL: String
    /// `…/calendar/v3`, without a trailing slash.
    public let calendarBase: String
    /// `…/admin/directory/v1`, without a trailing slash.
    public let directoryBase: String

    /// - Parameters:
    ///   - baseURL: one root for Calendar, Directory and the token endpoint unless the key file's `token_uri` names
    ///     another than Google's (`googleBaseURL`); nil for Google's hosts and the key file's `token_uri`.
    ///   - tokenURI: the key file's `token_uri`.
    /// - Throws: `.configuration` when `baseURL` is not https (plain http only to this machine).
    public init(baseURL: String? = nil, tokenURI: String = GoogleServiceAccountKey.defaultTokenURI)
        throws(CalendarError)
    {
        guard var root = baseURL?.trimmingCharacters(in: .whitespaces), !root.isEmpty else {
            tokenURL = tokenURI
            calendarBase = "https://www.googleapis.com/calendar/v3"
            directoryBase = "https://admin.googleapis.com/admin/directory/v1"
            return
        }
        while root.hasSuffix("/") { root.removeLast() }
        guard let url = URL(string: root), let scheme = url.scheme?.lowercased(), let host = url.host(),
            url.query == nil, scheme == "https" || (scheme == "http" && LoopbackHost.contains(host))
        else {
            throw CalendarError(
                .configuration, providerCode: "invalid_base_url",
                message: "googleBaseURL must be an https:// URL without a query (plain http only on this machine).")
        }
        // A key file whose `token_uri` is not Google's names its token endpoint itself; Google's goes to the root.
        tokenURL = tokenURI == GoogleServiceAccountKey.defaultTokenURI ? root + "/token" : tokenURI
        calendarBase = root + "/calendar/v3"
        directoryBase = root + "/admin/directory/v1"
    }
}
