import Foundation

// MARK: - Bearer tokens and calendar access (docs/google.md, "Using the token")

extension GoogleEmulator {
    /// The access token of `Authorization: Bearer …`: 401 `required` without one, 401 `authError` for an unknown or
    /// expired one.
    func authenticate(_ authorization: String?, now: Date) throws(GoogleError) -> GoogleAccessToken {
        guard let authorization, !authorization.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw GoogleError.loginRequired
        }
        let parts = authorization.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer",
            let record = withState({ $0.accessTokens[String(parts[1]).trimmingCharacters(in: .whitespaces)] }),
            record.expiresAt > now
        else { throw GoogleError.authError }
        return record
    }

    /// The owner of `calendarId` when the token may use it: `primary` or the subject's own address. Other calendars
    /// (sharing is not emulated) and a service account acting as itself get 404 `notFound`.
    func calendarOwner(_ calendarId: String, token: GoogleAccessToken) throws(GoogleError) -> GoogleTenant.User {
        guard let subject = token.subject, let user = withState({ $0.user(primary: subject) }) else { throw GoogleError.notFound }
        guard calendarId == "primary" || calendarId.lowercased() == subject else { throw GoogleError.notFound }
        return user
    }
}
