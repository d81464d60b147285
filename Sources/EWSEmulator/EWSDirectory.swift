/// The organisation's mailboxes, looked up the ways EWS names a person: any SMTP address, the user principal name or
/// the SID, each case-insensitively. Built once from the tenant file; mailboxes added through the side door join it.
struct EWSDirectory: Sendable {
    private(set) var mailboxes: [EWSTenant.Mailbox] = []
    private var bySmtp: [String: Int] = [:]
    private var byPrincipal: [String: Int] = [:]
    private var bySid: [String: Int] = [:]

    init(_ mailboxes: [EWSTenant.Mailbox]) {
        for mailbox in mailboxes { add(mailbox) }
    }

    /// Adds a mailbox; false when one of its addresses is taken.
    @discardableResult
    mutating func add(_ mailbox: EWSTenant.Mailbox) -> Bool {
        guard mailbox.smtpAddresses.allSatisfy({ bySmtp[$0.lowercased()] == nil }) else { return false }
        let index = mailboxes.count
        mailboxes.append(mailbox)
        for address in mailbox.smtpAddresses { bySmtp[address.lowercased()] = index }
        byPrincipal[mailbox.principalName.lowercased()] = index
        if let sid = mailbox.sid { bySid[sid.lowercased()] = index }
        return true
    }

    /// By any of its SMTP addresses.
    func mailbox(smtp address: String) -> EWSTenant.Mailbox? {
        bySmtp[address.lowercased()].map { mailboxes[$0] }
    }

    func mailbox(principalName: String) -> EWSTenant.Mailbox? {
        byPrincipal[principalName.lowercased()].map { mailboxes[$0] }
    }

    func mailbox(sid: String) -> EWSTenant.Mailbox? {
        bySid[sid.lowercased()].map { mailboxes[$0] }
    }
}
