import Foundation

// MARK: - ResolveNames (docs/exchange.md, "ResolveNames")

extension EWSEmulator {
    /// Resolves one `m:UnresolvedEntry` against the directory. With a routing prefix (`smtp:`, any case) the rest is
    /// matched against the start of every SMTP address of every mailbox; without one, against the start of the primary
    /// SMTP address and of the display name. Case never matters. One match: Success; several:
    /// ErrorNameResolutionMultipleResults (Warning, at most 100 resolutions); none: ErrorNameResolutionNoResults.
    func resolveNames(_ context: EWSRequestContext) throws(EWSFault) -> XMLWriter {
        let operation = context.operation
        guard let entry = operation.message("UnresolvedEntry") else {
            throw EWSFault.schemaValidation(
                "The element 'ResolveNames' has incomplete content: 'UnresolvedEntry'.", at: operation)
        }
        if let scope = operation.attributes["SearchScope"],
            !["ActiveDirectory", "ActiveDirectoryContacts", "Contacts", "ContactsActiveDirectory"].contains(scope)
        {
            throw EWSFault.schemaValidation("'\(scope)' is not a ResolveNamesSearchScopeType value.", at: operation)
        }
        let fullContact = Self.bool(operation.attributes["ReturnFullContactData"]) ?? false
        guard context.mailbox != nil else {
            let error = EWSError(
                "ErrorNameResolutionNoMailbox", "The caller doesn't have a mailbox: names cannot be resolved for it.")
            return EWSResponseMessage.response("ResolveNames", [EWSResponseMessage(error: error)])
        }
        let text = entry.value
        let lowered = text.lowercased()
        let matches: [EWSTenant.Mailbox] = state.withLock { state in
            state.directory.mailboxes.filter { mailbox in
                guard !lowered.isEmpty else { return false }
                if lowered.hasPrefix("smtp:") {
                    let wanted = String(lowered.dropFirst(5))
                    return !wanted.isEmpty && mailbox.smtpAddresses.contains { $0.lowercased().hasPrefix(wanted) }
                }
                return mailbox.primarySmtpAddress.lowercased().hasPrefix(lowered)
                    || mailbox.displayName.lowercased().hasPrefix(lowered)
            }
        }
        guard !matches.isEmpty else {
            let error = EWSError("ErrorNameResolutionNoResults", "No results were found.")
            return EWSResponseMessage.response("ResolveNames", [EWSResponseMessage(error: error)])
        }
        let shown = Array(matches.prefix(100))
        var content = XMLWriter()
        content.element(
            "m:ResolutionSet",
            [("TotalItemsInView", String(shown.count)), ("IncludesLastItemInRange", matches.count <= 100 ? "true" : "false")]
        ) { xml in
            for mailbox in shown {
                xml.element("t:Resolution") { xml in
                    Self.writeMailbox(mailbox, to: &xml)
                    if fullContact { Self.writeContact(mailbox, to: &xml) }
                }
            }
        }
        let message =
            matches.count == 1
            ? EWSResponseMessage(content: content)
            : EWSResponseMessage(
                error: EWSError("ErrorNameResolutionMultipleResults", "Multiple results were found."), isWarning: true,
                content: content)
        return EWSResponseMessage.response("ResolveNames", [message])
    }

    static func writeMailbox(_ mailbox: EWSTenant.Mailbox, to xml: inout XMLWriter) {
        xml.element("t:Mailbox") { xml in
            xml.element("t:Name", mailbox.displayName)
            xml.element("t:EmailAddress", mailbox.primarySmtpAddress)
            xml.element("t:RoutingType", "SMTP")
            xml.element("t:MailboxType", "Mailbox")
        }
    }

    /// The Active Directory contact: display name and up to three e-mail addresses (EmailAddress1…3).
    static func writeContact(_ mailbox: EWSTenant.Mailbox, to xml: inout XMLWriter) {
        xml.element("t:Contact") { xml in
            xml.element("t:DisplayName", mailbox.displayName)
            xml.element("t:EmailAddresses") { xml in
                for (index, address) in mailbox.smtpAddresses.prefix(3).enumerated() {
                    let prefix = index == 0 ? "SMTP:" : "smtp:"
                    xml.element("t:Entry", prefix + address, [("Key", "EmailAddress\(index + 1)")])
                }
            }
            xml.element("t:ContactSource", "ActiveDirectory")
        }
    }

    /// xs:boolean: true, false, 1, 0.
    static func bool(_ text: String?) -> Bool? {
        switch text?.trimmingCharacters(in: .whitespacesAndNewlines) {
        case "true", "1": return true
        case "false", "0": return false
        default: return nil
        }
    }
}
