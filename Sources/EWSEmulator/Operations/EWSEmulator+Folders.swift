// MARK: - Which folder a request names (DistinguishedFolderId with or without Mailbox, or FolderId)

extension EWSEmulator {
    /// Resolves a `t:DistinguishedFolderId` or `t:FolderId` for the acting mailbox. A Mailbox inside a
    /// DistinguishedFolderId must be the acting mailbox (the emulator models no delegate access); an account without
    /// a mailbox that does not impersonate must always give one (ErrorMissingEmailAddress otherwise).
    func folder(_ node: XMLNode, _ context: EWSRequestContext) throws(EWSFault) -> Result<FolderRef, EWSError> {
        switch node.name {
        case "DistinguishedFolderId":
            guard let name = node.attributes["Id"] else {
                throw EWSFault.schemaValidation("The required attribute 'Id' is missing.", at: node)
            }
            guard FolderRef.wellKnown[name] != nil || FolderRef.otherSchemaNames.contains(name) else {
                throw EWSFault.schemaValidation("'\(name)' is not a DistinguishedFolderIdNameType value.", at: node)
            }
            var mailbox = context.mailbox
            if let address = node.type("Mailbox")?.type("EmailAddress")?.value {
                guard let named = state.withLock({ $0.directory.mailbox(smtp: address) }) else {
                    return .failure(
                        EWSError("ErrorNonExistentMailbox", "The SMTP address has no mailbox associated with it."))
                }
                if let acting = context.mailbox, acting.primarySmtpAddress != named.primarySmtpAddress {
                    return .failure(.accessDenied)
                }
                if context.mailbox == nil { return .failure(.accessDenied) }
                mailbox = named
            }
            guard let mailbox else {
                return .failure(
                    EWSError(
                        "ErrorMissingEmailAddress",
                        "When making a request as an account that does not have a mailbox, you must specify the mailbox "
                            + "primary SMTP address for any distinguished folder Ids."))
            }
            guard FolderRef.wellKnown[name] != nil else { return .failure(.folderNotFound) }
            return .success(FolderRef(mailbox: mailbox, name: name))
        case "FolderId":
            guard let id = node.attributes["Id"], !id.isEmpty else { return .failure(.invalidIdEmpty) }
            guard let (address, name) = FolderRef.parse(id: id), FolderRef.wellKnown[name] != nil else {
                return .failure(.invalidIdMalformed)
            }
            guard let mailbox = state.withLock({ $0.directory.mailbox(smtp: address) }) else {
                return .failure(.folderNotFound)
            }
            guard mailbox.primarySmtpAddress == context.mailbox?.primarySmtpAddress else { return .failure(.accessDenied) }
            return .success(FolderRef(mailbox: mailbox, name: name))
        default:
            throw EWSFault.schemaValidation("The element '\(node.name)' is not a folder id.", at: node)
        }
    }
}
