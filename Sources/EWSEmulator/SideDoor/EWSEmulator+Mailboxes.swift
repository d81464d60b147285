import Foundation

// MARK: - Side door: the administrator adds a person with a mailbox (not part of EWS)

extension EWSEmulator {
    /// Adds a mailbox to the directory and the server, as an administrator creating a user with a mailbox would; its
    /// items (the tenant file's form) are added too. Refused when one of its addresses is taken.
    public func addMailbox(_ mailbox: EWSTenant.Mailbox) throws {
        let now = clock.now()
        try state.withLock { state in
            guard state.directory.add(mailbox) else {
                throw EWSSideDoorError(409, "An address of \(mailbox.primarySmtpAddress) belongs to another mailbox.")
            }
            state.mailboxes[mailbox.primarySmtpAddress.lowercased()] = MailboxStore()
            for item in mailbox.items ?? [] {
                do {
                    _ = try Self.addTenantItem(item, to: mailbox, in: &state, now: now, zones: zones)
                } catch let error as TenantItemError {
                    throw EWSSideDoorError(400, error.description)
                }
            }
        }
    }
}
