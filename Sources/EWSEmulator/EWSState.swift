import Foundation

/// Everything the emulator mutates, behind `EWSEmulator.state`'s lock.
struct EWSState: Sendable {
    /// A service account as Active Directory holds it now (the side door changes passwords and roles).
    struct Account: Sendable {
        var account: EWSTenant.ServiceAccount
        var lockedAt: Date?
        /// Bumped when the password changes or the account is locked: connections it authenticated before must log
        /// on again.
        var sessionEpoch = 0
    }

    /// A BackOffMilliseconds handed to an account: when the answer reached it and when the back-off ends.
    struct BackOff: Sendable {
        var given: ContinuousClock.Instant
        var until: ContinuousClock.Instant
    }

    var directory: EWSDirectory
    /// By lower-cased primary SMTP address.
    var mailboxes: [String: MailboxStore] = [:]
    /// By lower-cased samAccountName.
    var accounts: [String: Account] = [:]
    var rng: EWSRandom
    var faults: EWSFaults
    var faultRNG: EWSRandom
    var stats = EWSStats()
    /// By lower-cased samAccountName.
    var backOffs: [String: BackOff] = [:]

    init(tenant: EWSTenant, configuration: EWSConfiguration) {
        directory = EWSDirectory(tenant.mailboxes)
        rng = EWSRandom(seed: configuration.seed)
        faults = configuration.faults
        faultRNG = EWSRandom(seed: Self.faultSeed(configuration.faults, configurationSeed: configuration.seed))
        for mailbox in directory.mailboxes { mailboxes[mailbox.primarySmtpAddress.lowercased()] = MailboxStore() }
        for account in tenant.serviceAccounts {
            accounts[account.samAccountName.lowercased()] = Account(account: account)
            stats.accounts[account.samAccountName] = EWSAccountStats()
        }
    }

    static func faultSeed(_ faults: EWSFaults, configurationSeed: UInt64) -> UInt64 {
        faults.seed ?? (configurationSeed ^ 0xFA01_7FA0_17FA_017F)
    }

    /// Applies `body` to an account's statistics.
    mutating func withStats(_ sam: String, _ body: (inout EWSAccountStats) -> Void) {
        guard let name = accounts[sam.lowercased()]?.account.samAccountName else { return }
        body(&stats.accounts[name, default: EWSAccountStats()])
    }
}
