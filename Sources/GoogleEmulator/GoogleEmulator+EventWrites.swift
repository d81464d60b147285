import CalSyncHTTP
import Foundation

// MARK: - events.insert, events.patch, events.delete (docs/google.md, "Writing events")

extension GoogleEmulator {
    /// `POST …/events`: 200 with the event; 409 `duplicate` when the client's id is taken (deleted events included).
    func insertEvent(_ calendarId: String, _ context: GoogleRequestContext, token: GoogleAccessToken) throws(GoogleError)
        -> GoogleReply
    {
        let user = try calendarOwner(calendarId, token: token)
        try checkSendUpdates(context)
        let body = try jsonBody(context)
        let author = GoogleEventAuthor.api(inBatch: context.inBatch, serviceAccountItself: token.subject == nil)
        let (event, view) = try withState { state throws(GoogleError) in
            let event = try Self.insertStoredEvent(
                in: &state, userId: user.id, body: body, as: author, creator: user.primaryEmail, now: context.now,
                configuration: configuration)
            return (event, state.calendars[user.id]?.view(event))
        }
        guard let view else { throw GoogleError.notFound }
        _ = event
        return .ok(GoogleEventRenderer(owner: user.primaryEmail, zone: try responseZone(context, user: user)).render(view))
    }

    /// `PATCH …/events/{eventId}`: 200 with the event as it now is; 404 `notFound`; 412 `conditionNotMet` for a
    /// stale `If-Match`.
    func patchEvent(_ calendarId: String, _ eventId: String, _ context: GoogleRequestContext, token: GoogleAccessToken)
        throws(GoogleError) -> GoogleReply
    {
        let user = try calendarOwner(calendarId, token: token)
        try checkSendUpdates(context)
        let body = try jsonBody(context)
        let author = GoogleEventAuthor.api(inBatch: context.inBatch, serviceAccountItself: token.subject == nil)
        let view = try withState { state throws(GoogleError) in
            try Self.patchStoredEvent(
                in: &state, userId: user.id, eventId: eventId, body: body, as: author,
                ifMatch: context.request.headers["If-Match"], now: context.now, configuration: configuration)
        }
        return .ok(GoogleEventRenderer(owner: user.primaryEmail, zone: try responseZone(context, user: user)).render(view))
    }

    /// `DELETE …/events/{eventId}`: an empty answer (`deleteStatus`); 410 `deleted` when already deleted, 404
    /// `notFound` for an id the calendar never had.
    func deleteEvent(_ calendarId: String, _ eventId: String, _ context: GoogleRequestContext, token: GoogleAccessToken)
        throws(GoogleError) -> GoogleReply
    {
        let user = try calendarOwner(calendarId, token: token)
        try checkSendUpdates(context)
        try withState { state throws(GoogleError) in
            try Self.deleteStoredEvent(in: &state, userId: user.id, eventId: eventId, now: context.now)
        }
        return .empty(configuration.deleteStatus)
    }

    /// DOC: `sendUpdates` is `all`, `externalOnly` or `none`.
    private func checkSendUpdates(_ context: GoogleRequestContext) throws(GoogleError) {
        guard let value = context.query("sendUpdates") else { return }
        guard ["all", "externalOnly", "none"].contains(value) else {
            throw GoogleError.invalid("Invalid value for: sendUpdates", parameter: "sendUpdates")
        }
    }

    /// The request body as a JSON object, or 400 `parseError`.
    func jsonBody(_ context: GoogleRequestContext) throws(GoogleError) -> JSONValue {
        guard let json = try? JSONValue.parse(context.request.body), json.objectValue != nil else { throw GoogleError.parseError }
        return json
    }
}
