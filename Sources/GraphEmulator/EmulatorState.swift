import CalSyncCore
import Foundation

/// Everything the emulator mutates, kept in one value behind `GraphEmulator.state`'s lock.
struct EmulatorState: Sendable {
    private(set) var users: [EmulatorTenant.User]
    /// Lower-cased object id and userPrincipalName → index in `users` (10,000-user tenants are looked up per request).
    private var userIndex: [String: Int] = [:]
    var mailboxes: [String: Mailbox] = [:]
    var rng: SeededGenerator
    /// Emulator-wide change counter, bumped on every calendar write.
    var changeGeneration = 0
    var nextSequence = 0
    var accessTokens: [String: AccessTokenRecord] = [:]
    var delta: DeltaCache
    var stats = EmulatorStats()
    /// Faults in force (changeable at run time) and their own generator, so turning faults on does not
    /// change the ids and tokens the main generator hands out.
    var faults: EmulatorFaults
    var faultRNG: SeededGenerator
    var throttling = ThrottlingLedger()
    /// Change-notification subscriptions, pending changes and delivery statistics.
    var subscriptions = SubscriptionBook()

    init(users: [EmulatorTenant.User], configuration: EmulatorConfiguration) {
        self.users = users
        self.rng = SeededGenerator(seed: configuration.seed)
        self.delta = DeltaCache(capacity: configuration.maxDeltaTokens)
        self.faults = configuration.faults
        self.faultRNG = SeededGenerator(seed: Self.faultSeed(configuration.faults, configurationSeed: configuration.seed))
        for (index, user) in users.enumerated() {
            mailboxes[user.id] = Mailbox()
            userIndex[user.id.lowercased()] = userIndex[user.id.lowercased()] ?? index
            userIndex[user.userPrincipalName.lowercased()] = userIndex[user.userPrincipalName.lowercased()] ?? index
        }
    }

    /// Adds a user with an empty mailbox (the caller checked that id and UPN are free).
    mutating func appendUser(_ user: EmulatorTenant.User) {
        users.append(user)
        mailboxes[user.id] = Mailbox()
        userIndex[user.id.lowercased()] = users.count - 1
        userIndex[user.userPrincipalName.lowercased()] = users.count - 1
    }

    /// The fault generator's seed: the faults' own, or one derived from the configuration's.
    static func faultSeed(_ faults: EmulatorFaults, configurationSeed: UInt64) -> UInt64 {
        faults.seed ?? (configurationSeed ^ 0xFA01_7FA0_17FA_017F)
    }

    /// Finds a user by object id or userPrincipalName, case-insensitively (docs/microsoft-365.md §2).
    func user(_ key: String) -> EmulatorTenant.User? {
        userIndex[key.lowercased()].map { users[$0] }
    }

    mutating func bumpGeneration() -> Int {
        changeGeneration += 1
        return changeGeneration
    }

    mutating func takeSequence() -> Int {
        nextSequence += 1
        return nextSequence
    }

    /// A new item id shaped like an Outlook (immutable) id.
    mutating func newEventId() -> String {
        "AAMkAD" + Base64URL.encode(rng.bytes(30)) + "="
    }

    /// An opaque token string.
    mutating func newToken(bytes: Int = 24) -> String {
        Base64URL.encode(rng.bytes(bytes))
    }

    /// Applies `body` to a user's mailbox, creating it if needed.
    mutating func withMailbox<R>(_ userId: String, _ body: (inout Mailbox) throws -> R) rethrows -> R {
        var mailbox = mailboxes[userId] ?? Mailbox()
        defer { mailboxes[userId] = mailbox }
        return try body(&mailbox)
    }
}
