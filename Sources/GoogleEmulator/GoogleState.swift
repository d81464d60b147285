import Foundation

/// Everything the Google emulator changes, kept in one value behind `GoogleEmulator`'s lock.
struct GoogleState: Sendable {
    private(set) var users: [GoogleTenant.User]
    /// Lower-cased primary e-mail → index in `users`; aliases (both kinds) separately.
    private var primaryIndex: [String: Int] = [:]
    private var aliasIndex: [String: Int] = [:]
    private var idIndex: [String: Int] = [:]
    /// By user id.
    var calendars: [String: GoogleCalendar] = [:]
    /// Domain-wide delegation in force: client id → scopes (the side door revokes and grants).
    var delegation: [String: Set<String>]
    var accessTokens: [String: GoogleAccessToken] = [:]
    var syncTokens: GoogleTokenStore<GoogleSyncToken>
    var eventPages: GoogleTokenStore<GoogleEventPage>
    var userPages: GoogleTokenStore<GoogleUserPage>
    var rng: SplitMix64
    /// Faults in force and their own generator, so turning faults on does not change ids and tokens.
    var faults: GoogleFaults
    var faultRNG: SplitMix64
    var ledger = GoogleLedger()
    var stats = GoogleStats()

    init(tenant: GoogleTenant, configuration: GoogleEmulatorConfiguration) {
        users = tenant.users
        delegation = tenant.delegation.mapValues(Set.init)
        syncTokens = GoogleTokenStore(capacity: configuration.maxSyncTokens)
        eventPages = GoogleTokenStore(capacity: configuration.maxPageTokens)
        userPages = GoogleTokenStore(capacity: configuration.maxPageTokens)
        rng = SplitMix64(seed: configuration.seed)
        faults = configuration.faults
        faultRNG = SplitMix64(seed: Self.faultSeed(configuration.faults, configurationSeed: configuration.seed))
        for (index, user) in users.enumerated() {
            primaryIndex[user.primaryEmail.lowercased()] = primaryIndex[user.primaryEmail.lowercased()] ?? index
            idIndex[user.id] = idIndex[user.id] ?? index
            for alias in (user.aliases ?? []) + (user.nonEditableAliases ?? []) {
                aliasIndex[alias.lowercased()] = aliasIndex[alias.lowercased()] ?? index
            }
            if calendars[user.id] == nil {
                calendars[user.id] = GoogleCalendar(owner: user.primaryEmail, zoneName: user.timeZone)
            }
        }
    }

    /// Adds a user with an empty primary calendar (the side door); an address already taken is refused.
    mutating func add(_ user: GoogleTenant.User) -> Bool {
        guard user.addresses.allSatisfy({ self.user(anyAddress: $0) == nil }), idIndex[user.id] == nil else { return false }
        users.append(user)
        let index = users.count - 1
        primaryIndex[user.primaryEmail.lowercased()] = index
        idIndex[user.id] = index
        for alias in (user.aliases ?? []) + (user.nonEditableAliases ?? []) { aliasIndex[alias.lowercased()] = index }
        calendars[user.id] = GoogleCalendar(owner: user.primaryEmail, zoneName: user.timeZone)
        return true
    }

    static func faultSeed(_ faults: GoogleFaults, configurationSeed: UInt64) -> UInt64 {
        faults.seed ?? (configurationSeed ^ 0xFA01_7FA0_17FA_017F)
    }

    /// The user whose primary e-mail is `email` (any case).
    func user(primary email: String) -> GoogleTenant.User? {
        primaryIndex[email.lowercased()].map { users[$0] }
    }

    /// The user with `email` as primary address or alias.
    func user(anyAddress email: String) -> GoogleTenant.User? {
        (primaryIndex[email.lowercased()] ?? aliasIndex[email.lowercased()]).map { users[$0] }
    }

    func user(id: String) -> GoogleTenant.User? { idIndex[id].map { users[$0] } }

    /// Applies `body` to a user's calendar.
    mutating func withCalendar<R>(_ userId: String, _ body: (inout GoogleCalendar) throws -> R) rethrows -> R {
        // Every user gets a calendar in init; the fallback only keeps a wrong id from trapping.
        var calendar = calendars[userId] ?? GoogleCalendar(owner: userId, zoneName: "UTC")
        defer { calendars[userId] = calendar }
        return try body(&calendar)
    }

    /// A new event id: 26 characters of base32hex, like Google's own.
    mutating func newEventId() -> String { rng.base32hex(26) }

    mutating func newToken(prefix: String, length: Int = 32) -> String { prefix + rng.tokenText(length) }
}
