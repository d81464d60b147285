import CalSyncCore
import Foundation

/// Everything the emulator mutates, kept in one value behind `GraphEmulator.state`'s lock.
struct EmulatorState: Sendable {
    var users: [EmulatorTenant.User]
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

    init(users: [EmulatorTenant.User], configuration: EmulatorConfiguration) {
        self.users = users
        self.rng = SeededGenerator(seed: configuration.seed)
        self.delta = DeltaCache(capacity: configuration.maxDeltaTokens)
        self.faults = configuration.faults
        self.faultRNG = SeededGenerator(seed: Self.faultSeed(configuration.faults, configurationSeed: configuration.seed))
        for user in users { mailboxes[user.id] = Mailbox() }
    }

    /// The fault generator's seed: the faults' own, or one derived from the configuration's.
    static func faultSeed(_ faults: EmulatorFaults, configurationSeed: UInt64) -> UInt64 {
        faults.seed ?? (configurationSeed ^ 0xFA01_7FA0_17FA_017F)
    }

    /// Finds a user by object id or userPrincipalName, case-insensitively (reference §2).
    func user(_ key: String) -> EmulatorTenant.User? {
        let lowered = key.lowercased()
        return users.first { $0.id.lowercased() == lowered || $0.userPrincipalName.lowercased() == lowered }
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
