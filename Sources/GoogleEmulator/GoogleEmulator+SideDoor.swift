import CalSyncHTTP
import Foundation

// MARK: - Side door, in-process (not part of Google's APIs)

extension GoogleEmulator {
    /// Adds a Workspace user with an empty primary calendar, as an admin would; false when an address or the id is
    /// already taken. Events in `user.events` are not added: use `addEvent`.
    @discardableResult
    public func addUser(_ user: GoogleTenant.User) -> Bool {
        var bare = user
        bare.events = nil
        return withState { $0.add(bare) }
    }

    /// Adds an event as the person's own calendar client would (calendar-v3-shaped JSON; any event type, attendees'
    /// answers, `organizer`, `status`, any non-empty `id`; dates may be relative: `RelativeDate`). Returns its id.
    @discardableResult
    public func addEvent(user email: String, json: JSONValue) throws(GoogleError) -> String {
        let user = try sideDoorUser(email)
        let now = clock.now()
        return try withState { state throws(GoogleError) in
            try Self.insertStoredEvent(
                in: &state, userId: user.id, body: json, as: .person, creator: user.primaryEmail, now: now,
                configuration: configuration
            ).id
        }
    }

    @discardableResult
    public func addEvent(user email: String, json: String) throws(GoogleError) -> String {
        guard let value = try? JSONValue.parse(Data(json.utf8)) else { throw GoogleError.parseError }
        return try addEvent(user: email, json: value)
    }

    /// Changes or moves an event, a series or one occurrence as the person would (patch semantics).
    public func updateEvent(user email: String, eventId: String, json: JSONValue) throws(GoogleError) {
        let user = try sideDoorUser(email)
        let now = clock.now()
        _ = try withState { state throws(GoogleError) in
            try Self.patchStoredEvent(
                in: &state, userId: user.id, eventId: eventId, body: json, as: .person, ifMatch: nil, now: now,
                configuration: configuration)
        }
    }

    /// Deletes an event or series, or cancels one occurrence, as the person would.
    public func removeEvent(user email: String, eventId: String) throws(GoogleError) {
        let user = try sideDoorUser(email)
        let now = clock.now()
        try withState { state throws(GoogleError) in
            try Self.deleteStoredEvent(in: &state, userId: user.id, eventId: eventId, now: now)
        }
    }

    /// Every stored item of a calendar as the API renders it (deleted ones in full): one-off events, series and the
    /// changed or cancelled occurrences of series, in creation order.
    public func storedEvents(user email: String) -> [JSONValue] {
        guard let user = withState({ $0.user(primary: email) }) else { return [] }
        return withState { state in
            guard let calendar = state.calendars[user.id] else { return [] }
            let renderer = GoogleEventRenderer(owner: user.primaryEmail, zone: calendar.zone)
            return calendar.items(singleEvents: false, limit: .distantFuture).map(renderer.render)
        }
    }

    /// One stored item (an event, a series or an occurrence) as the API renders it, deleted ones in full.
    public func storedEvent(user email: String, eventId: String) -> JSONValue? {
        guard let user = withState({ $0.user(primary: email) }) else { return nil }
        return withState { state in
            guard let calendar = state.calendars[user.id], let item = calendar.lookup(eventId) else { return nil }
            return GoogleEventRenderer(owner: user.primaryEmail, zone: calendar.zone).render(item)
        }
    }

    /// Drops every sync token (of one user, or all): presenting one then answers 410 `fullSyncRequired`. Page
    /// tokens of lists in progress go too.
    public func expireSyncTokens(user email: String? = nil) {
        let userId = email.flatMap { address in withState { $0.user(primary: address)?.id } }
        withState { state in
            state.syncTokens.removeAll { userId == nil || $0.userId == userId }
            state.eventPages.removeAll { userId == nil || $0.userId == userId }
        }
    }

    /// Expires every access token: the next call answers 401 `authError`.
    public func expireAccessTokens() {
        withState { $0.accessTokens.removeAll() }
    }

    /// What an admin does in the Admin console: removes scopes (all when nil) from a client id's domain-wide
    /// delegation. Its tokens for users stop working at once (401), and new ones are refused with
    /// `unauthorized_client`.
    public func revokeDelegation(clientId: String, scopes: Set<String>? = nil) {
        withState { state in
            let granted = state.delegation[clientId] ?? []
            let revoked = scopes ?? granted
            state.delegation[clientId] = granted.subtracting(revoked)
            state.accessTokens = state.accessTokens.filter { _, token in
                token.clientId != clientId || token.subject == nil || token.scopes.isDisjoint(with: revoked)
            }
        }
    }

    /// Grants scopes to a client id (added to what it has).
    public func grantDelegation(clientId: String, scopes: Set<String>) {
        withState { state in state.delegation[clientId, default: []].formUnion(scopes) }
    }

    /// Domain-wide delegation in force: client id → scopes.
    public func delegation() -> [String: Set<String>] { withState { $0.delegation } }

    /// An access token issued without the token endpoint (test convenience): for `subject` (a primary e-mail) or the
    /// service account itself, with `scopes`, whatever delegation says.
    public func issueAccessToken(subject: String?, scopes: Set<String>, clientId: String? = nil) throws(GoogleError) -> String {
        guard let account = tenant.serviceAccounts.first(where: { clientId == nil || $0.clientId == clientId }) else {
            throw GoogleError.invalid("Unknown client id.")
        }
        if let subject, withState({ $0.user(primary: subject) }) == nil { throw GoogleError.invalid("Unknown user \(subject).") }
        let now = clock.now()
        return withState { state in
            let lifetime = state.faults.accessTokenLifetimeSeconds ?? configuration.accessTokenLifetimeSeconds
            let token = state.newToken(prefix: "ya29.c.", length: 96)
            state.accessTokens[token] = GoogleAccessToken(
                clientId: account.clientId, clientEmail: account.clientEmail.lowercased(), subject: subject?.lowercased(),
                scopes: scopes, expiresAt: now.addingTimeInterval(Double(lifetime)))
            return token
        }
    }

    /// What the emulator saw (`GoogleStats`).
    public func stats() -> GoogleStats { withState { $0.stats } }

    /// Clears the statistics (requests in flight stay counted; back-offs already asked for still apply).
    public func resetStats() { withState { $0.stats = GoogleStats() } }

    /// The faults in force.
    public func faults() -> GoogleFaults { withState { $0.faults } }

    /// Replaces the faults in force and reseeds their generator; a token lifetime also cuts live tokens down to it.
    public func setFaults(_ faults: GoogleFaults) {
        let now = clock.now()
        withState { state in
            state.faults = faults
            state.faultRNG = SplitMix64(seed: GoogleState.faultSeed(faults, configurationSeed: configuration.seed))
            if let lifetime = faults.accessTokenLifetimeSeconds {
                let cap = now.addingTimeInterval(Double(lifetime))
                for (key, token) in state.accessTokens where token.expiresAt > cap { state.accessTokens[key]?.expiresAt = cap }
            }
        }
    }

    func sideDoorUser(_ email: String) throws(GoogleError) -> GoogleTenant.User {
        guard let user = withState({ $0.user(anyAddress: email) }) else {
            throw GoogleError(status: 404, reason: "notFound", message: "No user \(email) in this tenant.")
        }
        return user
    }
}
