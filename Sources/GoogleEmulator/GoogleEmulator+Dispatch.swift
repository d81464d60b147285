import CalSyncHTTP

// MARK: - Route → handler, after the scope check

extension GoogleEmulator {
    func dispatch(_ route: GoogleRoute, _ context: GoogleRequestContext, token: GoogleAccessToken) throws(GoogleError)
        -> GoogleReply
    {
        let method = context.request.method
        guard !route.acceptedScopes(method).isDisjoint(with: token.scopes) else { throw GoogleError.insufficientPermissions }
        switch (route, method) {
        case (.calendar(let calendarId), .get):
            return try getCalendar(calendarId, token: token)
        case (.setting(let name), .get):
            return try getSetting(name, token: token)
        case (.events(let calendarId), .get):
            return try listEvents(calendarId, context, token: token)
        case (.events(let calendarId), .post):
            return try insertEvent(calendarId, context, token: token)
        case (.event(let calendarId, let eventId), .get):
            return try getEvent(calendarId, eventId, context, token: token)
        case (.event(let calendarId, let eventId), .patch):
            return try patchEvent(calendarId, eventId, context, token: token)
        case (.event(let calendarId, let eventId), .delete):
            return try deleteEvent(calendarId, eventId, context, token: token)
        case (.users, .get):
            return try listUsers(context, token: token)
        default:
            throw GoogleError.notFound
        }
    }
}
