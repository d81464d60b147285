import CalSyncHTTP
import Foundation

// MARK: - calendars.get, settings.get, events.get (docs/google.md, "Calendar time zone")

extension GoogleEmulator {
    /// `GET /calendar/v3/calendars/{calendarId}`: the primary calendar with its IANA `timeZone`.
    func getCalendar(_ calendarId: String, token: GoogleAccessToken) throws(GoogleError) -> GoogleReply {
        let user = try calendarOwner(calendarId, token: token)
        let change = withState { $0.calendars[user.id]?.change ?? 0 }
        return .ok([
            "kind": "calendar#calendar", "etag": .string("\"\(1_685_621_312_000_000 + change)\""),
            "id": .string(user.primaryEmail), "summary": .string(user.primaryEmail), "timeZone": .string(user.timeZone),
            "conferenceProperties": ["allowedConferenceSolutionTypes": ["hangoutsMeet"]],
        ])
    }

    /// `GET /calendar/v3/users/me/settings/{setting}`: only `timezone` is kept (others 404 `notFound`).
    func getSetting(_ name: String, token: GoogleAccessToken) throws(GoogleError) -> GoogleReply {
        let user = try calendarOwner("primary", token: token)
        guard name == "timezone" else { throw GoogleError.notFound }
        return .ok([
            "kind": "calendar#setting", "etag": "\"1685621312000000\"", "id": "timezone", "value": .string(user.timeZone),
        ])
    }

    /// `GET …/events/{eventId}`: an event, series or occurrence, deleted ones included (DOC: get always returns them).
    func getEvent(_ calendarId: String, _ eventId: String, _ context: GoogleRequestContext, token: GoogleAccessToken)
        throws(GoogleError) -> GoogleReply
    {
        let user = try calendarOwner(calendarId, token: token)
        let zone = try responseZone(context, user: user)
        guard let item = withState({ $0.calendars[user.id]?.lookup(eventId) }) else { throw GoogleError.notFound }
        return .ok(GoogleEventRenderer(owner: user.primaryEmail, zone: zone).render(item))
    }

    /// The `timeZone` parameter (the zone of the answer's times), else the calendar's.
    func responseZone(_ context: GoogleRequestContext, user: GoogleTenant.User) throws(GoogleError) -> TimeZone {
        if let name = context.query("timeZone") {
            guard let zone = TimeZone(identifier: name) else {
                throw GoogleError.invalid("Invalid time zone: \(name)", parameter: "timeZone")
            }
            return zone
        }
        return TimeZone(identifier: user.timeZone) ?? TimeZone(identifier: "UTC")!
    }
}
