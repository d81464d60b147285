// MARK: - GetFolder (docs/exchange.md, "GetFolder")

extension EWSEmulator {
    /// One message per folder id, in order: the folder with the properties its shape asks for.
    func getFolder(_ context: EWSRequestContext) throws(EWSFault) -> XMLWriter {
        let operation = context.operation
        guard let shapeNode = operation.message("FolderShape"), let ids = operation.message("FolderIds") else {
            throw EWSFault.schemaValidation(
                "The element 'GetFolder' has incomplete content: 'FolderShape' and 'FolderIds'.", at: operation)
        }
        let shape = try PropertyShape(shapeNode)
        var messages: [EWSResponseMessage] = []
        for node in ids.children {
            switch try folder(node, context) {
            case .failure(let error):
                messages.append(EWSResponseMessage(error: error))
            case .success(let folder):
                messages.append(
                    .success { xml in
                        xml.element("m:Folders") { xml in writeFolder(folder, shape: shape, version: context.version, to: &xml) }
                    })
            }
        }
        return EWSResponseMessage.response("GetFolder", messages)
    }

    func writeFolder(_ folder: FolderRef, shape: PropertyShape, version: EWSVersion, to xml: inout XMLWriter) {
        let known = FolderRef.wellKnown[folder.name]!
        let total =
            folder.isCalendar
            ? state.withLock { $0.mailboxes[folder.mailbox.primarySmtpAddress.lowercased()]?.items.count ?? 0 } : 0
        let children = folder.name == "root" ? 1 : folder.name == "msgfolderroot" ? FolderRef.wellKnown.count - 2 : 0
        func wants(_ uri: String, inDefault: Bool) -> Bool { shape.wants(uri, inDefault: inDefault) }
        xml.element(known.element) { xml in
            folder.writeId(to: &xml)
            if wants("folder:ParentFolderId", inDefault: false), folder.name != "root" {
                let parent = FolderRef(mailbox: folder.mailbox, name: folder.name == "msgfolderroot" ? "root" : "msgfolderroot")
                parent.writeId(as: "t:ParentFolderId", to: &xml)
            }
            if wants("folder:FolderClass", inDefault: false), let folderClass = known.folderClass {
                xml.element("t:FolderClass", folderClass)
            }
            if wants("folder:DisplayName", inDefault: true) { xml.element("t:DisplayName", known.displayName) }
            if wants("folder:TotalCount", inDefault: true) { xml.element("t:TotalCount", String(total)) }
            if wants("folder:ChildFolderCount", inDefault: true) { xml.element("t:ChildFolderCount", String(children)) }
            if wants("folder:EffectiveRights", inDefault: false) {
                xml.element("t:EffectiveRights") { xml in
                    for right in ["CreateAssociated", "CreateContents", "CreateHierarchy", "Delete", "Modify", "Read"] {
                        xml.element("t:" + right, "true")
                    }
                    if version >= .exchange2010 { xml.element("t:ViewPrivateItems", "true") }
                }
            }
            if version >= .exchange2013, wants("folder:DistinguishedFolderId", inDefault: false) {
                xml.element("t:DistinguishedFolderId", folder.name)
            }
            if known.element == "t:Folder", wants("folder:UnreadCount", inDefault: true) { xml.element("t:UnreadCount", "0") }
        }
    }
}
